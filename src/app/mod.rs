//! The commands: read inputs, run the engine, render, print. Errors become
//! exit codes in exactly one place, [`main`].

mod ask;
mod check;
mod completions;
mod cost;
mod diff;
mod explain;
mod git;
mod init;
mod man;
mod prices_cmd;
mod rules_cmd;
mod rules_diff;
mod rules_test;
mod schema_cmd;
mod score;
mod stream;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::config::{self, Config};
use crate::error::{exit, Error};
use crate::output;
use crate::overrides::Override;
use crate::pipeline::{self, Batch};
use crate::prices::{self, PriceBook};
use crate::rules::{self, RuleBase};

/// Run a parsed command line; returns the process exit code.
pub fn main(cli: Cli) -> i32 {
    crate::interrupt::install();
    // Shell integration reads no configuration: a broken `.ragfit.yaml`
    // must not stop a completion script from loading.
    let configured = match &cli.command {
        Command::Completions(_) | Command::Man(_) => Ok((cli.global.clone(), None)),
        _ => configured(&cli.global),
    };
    let result = configured.and_then(|(global, config)| {
        let config = config.as_ref();
        match &cli.command {
            Command::Score(args) => score::run(&global, args, config),
            Command::Check(args) => check::run(&global, args, config),
            Command::Diff(args) => diff::run(&global, args, config),
            Command::Explain(args) => explain::run(&global, args),
            Command::Rules(args) => rules_cmd::run(&global, args),
            Command::Ask(args) => ask::run(&global, args),
            Command::Init(args) => init::run(&global, args),
            Command::Schema(args) => schema_cmd::run(&global, args),
            Command::Completions(args) => completions::run(args),
            Command::Man(_) => man::run(),
            Command::Cost(args) => cost::run(&global, args, config),
            Command::Prices(args) => prices_cmd::run(&global, args),
        }
    });
    match result {
        Ok(code) => code,
        Err(err) => {
            report_error(&err);
            match err.downcast_ref::<Error>() {
                Some(e) => e.exit_code(),
                None => exit::INVALID,
            }
        }
    }
}

/// Print an error to stderr in the contract's form: `error: file:line:col: what (hint)`.
fn report_error(err: &anyhow::Error) {
    match err.downcast_ref::<Error>() {
        Some(Error::Cancelled) => output::message("cancelled"),
        Some(e @ (Error::RuleBase(_) | Error::PriceBook(_) | Error::Input(_))) => {
            for d in e.diagnostics() {
                output::error(&d.to_string());
            }
            if matches!(e, Error::RuleBase(_) | Error::PriceBook(_)) {
                output::error(&e.to_string());
            }
        }
        _ => output::error(&format!("{err:#}")),
    }
}

/// Refuse an output that is one of the run's inputs (the paths it reads,
/// the rule base, the price book, `extra` files), before anything is read.
pub fn guard_output(
    global: &GlobalArgs,
    out: Option<&std::path::Path>,
    paths: &[String],
    extra: &[&std::path::Path],
) -> Result<(), Error> {
    let Some(out) = out else { return Ok(()) };
    let mut files: Vec<&std::path::Path> = extra.to_vec();
    files.extend(global.rules.as_deref());
    files.extend(global.prices.as_deref());
    crate::destination::check_not_input(out, paths, &files)
}

/// The configuration in use, and the global options with the rule base and
/// price book resolved: `--rules`, else `RAGFIT_RULES`, else the
/// configuration's `rules` (flags and variables win over the file);
/// `--prices`, else `RAGFIT_PRICES`. Every command then reads the same files,
/// and the output guard knows them.
fn configured(global: &GlobalArgs) -> anyhow::Result<(GlobalArgs, Option<Config>)> {
    let config = config::active(global.config.as_deref(), global.no_config)?;
    let mut global = global.clone();
    global.rules = global
        .rules
        .take()
        .or_else(|| env_path("RAGFIT_RULES"))
        .or_else(|| config.as_ref().and_then(|c| c.rules.clone()));
    global.prices = global.prices.take().or_else(|| env_path("RAGFIT_PRICES"));
    Ok((global, config))
}

/// The date waivers are judged as of: `--today`, else `RAGFIT_TODAY` unless
/// it is empty, else today. A `RAGFIT_TODAY` that is not a date is a usage
/// error, never silently today.
pub fn today(flag: Option<jiff::civil::Date>) -> Result<jiff::civil::Date, Error> {
    if let Some(d) = flag {
        return Ok(d);
    }
    match std::env::var("RAGFIT_TODAY") {
        Ok(v) if !v.trim().is_empty() => v.trim().parse().map_err(|_| {
            Error::Usage(format!(
                "RAGFIT_TODAY={v}: not a date (write YYYY-MM-DD, e.g. 2030-05-01, or unset it)"
            ))
        }),
        _ => Ok(jiff::Zoned::now().date()),
    }
}

/// A file named by an environment variable; an empty variable is unset, as
/// shells and CI systems use it (clap would take `RAGFIT_RULES=` as a
/// missing value and refuse every command, so these are read here).
fn env_path(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
}

/// The paths a batch command reads: those given, else the configuration's
/// `paths`, else the current directory.
pub fn paths_or_default(given: &[String], config: Option<&Config>) -> Vec<String> {
    if !given.is_empty() {
        return given.to_vec();
    }
    match config.and_then(|c| c.paths.clone()) {
        Some(p) if !p.is_empty() => p,
        _ => vec![".".to_string()],
    }
}

/// The active rule base, with the active price book's cost factors added
/// (so that workload files may answer them): what every command that reads
/// workload files uses.
pub fn load_rules(global: &GlobalArgs) -> Result<RuleBase, Error> {
    Ok(load_priced(global)?.0)
}

/// The active rule base with the cost factors added, and the active price
/// book: `--prices`/`RAGFIT_PRICES`, else the embedded default.
pub fn load_priced(global: &GlobalArgs) -> Result<(RuleBase, PriceBook), Error> {
    priced(global, load_rule_base(global)?)
}

/// `rb` with the active price book's cost factors added, and the book.
pub fn priced(global: &GlobalArgs, mut rb: RuleBase) -> Result<(RuleBase, PriceBook), Error> {
    let book = match &global.prices {
        Some(path) => prices::load_file(path, &mut rb)?,
        None => prices::load_default(&mut rb)?,
    };
    Ok((rb, book))
}

/// The active rule base alone: `--rules`/`RAGFIT_RULES`, else the embedded default.
pub fn load_rule_base(global: &GlobalArgs) -> Result<RuleBase, Error> {
    match &global.rules {
        Some(path) => rules::load_file(path),
        None => rules::load_default(),
    }
}

/// Run the batch pipeline and say on stderr what it skipped, and that a
/// what-if run's results are not the files' own.
pub fn assess_paths(
    rb: &RuleBase,
    paths: &[String],
    overrides: &[Override],
) -> Result<Batch, Error> {
    let batch = pipeline::assess_paths(rb, paths, overrides)?;
    if !batch.skipped.is_empty() {
        let mut tally = pipeline::Tally::new(&[]);
        tally.skipped = batch.skipped.clone();
        if let Some(note) = tally.skipped_note() {
            output::note(&note);
        }
    }
    for note in &batch.shadowed {
        output::note(note);
    }
    if !overrides.is_empty() && !batch.assessed.is_empty() {
        let changed: usize = batch.assessed.iter().map(|a| a.changes.len()).sum();
        let files = batch
            .assessed
            .iter()
            .filter(|a| !a.changes.is_empty())
            .count();
        output::note(&what_if_note(changed, files));
    }
    Ok(batch)
}

/// What-if results must never pass for the files' own, and a what-if run
/// that changed nothing must not claim they differ.
pub fn what_if_note(changed: usize, files: usize) -> String {
    if changed == 0 {
        return "what-if: --set changed no answers (the files already have these values); \
                results are the files' own"
            .into();
    }
    format!(
        "what-if: --set changed {} in {}; results differ from the files' own answers",
        output::describe_count(changed, "answer", "answers"),
        output::describe_count(files, "file", "files"),
    )
}
