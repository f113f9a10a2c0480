//! The commands: read inputs, run the engine, render, print. Errors become
//! exit codes in exactly one place, [`main`].

mod ask;
mod check;
mod explain;
mod init;
mod rules_cmd;
mod schema_cmd;
mod score;
mod stream;

use std::path::PathBuf;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::error::{exit, Error};
use crate::output;
use crate::overrides::Override;
use crate::pipeline::{self, Batch};
use crate::rules::{self, RuleBase};

/// Run a parsed command line; returns the process exit code.
pub fn main(cli: Cli) -> i32 {
    let result = match &cli.command {
        Command::Score(args) => score::run(&cli.global, args),
        Command::Check(args) => check::run(&cli.global, args),
        Command::Explain(args) => explain::run(&cli.global, args),
        Command::Rules(args) => rules_cmd::run(&cli.global, args),
        Command::Ask(args) => ask::run(&cli.global, args),
        Command::Init(args) => init::run(&cli.global, args),
        Command::Schema(args) => schema_cmd::run(&cli.global, args),
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

/// The rule-base file to read: `--rules`, else `RAGFIT_RULES` unless it is
/// empty (an empty variable means unset, as shells and CI systems use it);
/// `None` for the embedded default.
pub fn rules_path(global: &GlobalArgs) -> Option<PathBuf> {
    global.rules.clone().or_else(|| {
        std::env::var_os("RAGFIT_RULES")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

/// The active rule base: `--rules`/`RAGFIT_RULES`, else the embedded default.
pub fn load_rules(global: &GlobalArgs) -> Result<RuleBase, Error> {
    match rules_path(global) {
        Some(path) => rules::load_file(&path),
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

/// What-if results must never pass for the files' own.
pub fn what_if_note(changed: usize, files: usize) -> String {
    format!(
        "what-if: --set changed {} in {}; results differ from the files' own answers",
        output::describe_count(changed, "answer", "answers"),
        output::describe_count(files, "file", "files"),
    )
}
