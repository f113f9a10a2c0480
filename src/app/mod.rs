//! The commands: read inputs, run the engine, render, print. Errors become
//! exit codes in exactly one place, [`main`].

mod ask;
mod check;
mod completions;
mod explain;
mod init;
mod man;
mod rules_cmd;
mod rules_diff;
mod rules_test;
mod schema_cmd;
mod score;
mod stream;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::error::{exit, Error};
use crate::output;
use crate::overrides::Override;
use crate::pipeline::{self, Batch};
use crate::rules::{self, RuleBase};

/// Run a parsed command line; returns the process exit code.
pub fn main(cli: Cli) -> i32 {
    crate::interrupt::install();
    let result = match &cli.command {
        Command::Score(args) => score::run(&cli.global, args),
        Command::Check(args) => check::run(&cli.global, args),
        Command::Explain(args) => explain::run(&cli.global, args),
        Command::Rules(args) => rules_cmd::run(&cli.global, args),
        Command::Ask(args) => ask::run(&cli.global, args),
        Command::Init(args) => init::run(&cli.global, args),
        Command::Schema(args) => schema_cmd::run(&cli.global, args),
        Command::Completions(args) => completions::run(args),
        Command::Man(_) => man::run(),
    };
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
        Some(e @ (Error::RuleBase(_) | Error::Input(_))) => {
            for d in e.diagnostics() {
                output::error(&d.to_string());
            }
            if matches!(e, Error::RuleBase(_)) {
                output::error(&e.to_string());
            }
        }
        _ => output::error(&format!("{err:#}")),
    }
}

/// Refuse an output that is one of the run's inputs (the paths it reads,
/// the rule base, `extra` files), before anything is read.
pub fn guard_output(
    global: &GlobalArgs,
    out: Option<&std::path::Path>,
    paths: &[String],
    extra: &[&std::path::Path],
) -> Result<(), Error> {
    let Some(out) = out else { return Ok(()) };
    let mut files: Vec<&std::path::Path> = extra.to_vec();
    files.extend(global.rules.as_deref());
    crate::destination::check_not_input(out, paths, &files)
}

/// The active rule base: `--rules`/`RAGFIT_RULES`, else the embedded default.
pub fn load_rules(global: &GlobalArgs) -> Result<RuleBase, Error> {
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
