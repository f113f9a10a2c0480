//! The commands: read inputs, run the engine, render, print. Errors become
//! exit codes in exactly one place, [`main`].

mod ask;
mod check;
mod explain;
mod init;
pub mod output;
mod rules_cmd;
mod schema_cmd;
mod score;

use rayon::prelude::*;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::diag::Diagnostic;
use crate::engine::{self, Assessment};
use crate::error::{exit, Error};
use crate::input::{self, Source};
use crate::overrides::{self, Change, Override};
use crate::report::{self, ComponentResult, ScoreReport};
use crate::rules::{self, RuleBase};
use crate::workload::{self, Workload};

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

/// The active rule base: `--rules`/`RAGFIT_RULES`, else the embedded default.
pub fn load_rules(global: &GlobalArgs) -> Result<RuleBase, Error> {
    match &global.rules {
        Some(path) => rules::load_file(path),
        None => rules::load_default(),
    }
}

/// A workload file read, validated and assessed.
#[derive(Clone, Debug)]
pub struct Assessed {
    /// The validated workload, with `--set` overrides applied.
    pub workload: Workload,
    /// One assessment per component, in component order.
    pub assessments: Vec<Assessment>,
    /// Answers that `--set` changed against the file's own.
    pub changes: Vec<Change>,
}

/// Read and validate one source, without assessing it. `Ok(None)`: a file
/// found in a directory walk that is some other kind of YAML (skipped).
pub fn parse_source(rb: &RuleBase, source: &Source) -> Result<Option<Workload>, Vec<Diagnostic>> {
    let name = source.display();
    let text = source.read().map_err(|d| vec![d])?;
    match source {
        Source::Found { .. } => workload::parse_found(rb, &name, &text),
        _ => workload::parse(rb, &name, &text).map(Some),
    }
}

/// Expand paths, then read and validate every file in parallel, in path order,
/// without scoring: the baseline the `score` benchmark compares against.
pub fn parse_paths(rb: &RuleBase, paths: &[String]) -> (Vec<Workload>, Vec<Diagnostic>) {
    let (sources, mut problems) = input::expand(paths);
    let outcomes: Vec<Result<Option<Workload>, Vec<Diagnostic>>> =
        sources.par_iter().map(|s| parse_source(rb, s)).collect();
    let workloads = collect(&sources, outcomes, &mut problems);
    (workloads, problems)
}

/// Gather per-source outcomes in source order. Files skipped as "not a
/// workload" are reported in one note on stderr (nothing is silently ignored),
/// and a directory in which every YAML file was skipped is a problem: checking
/// nothing must never pass.
fn collect<T>(
    sources: &[Source],
    outcomes: Vec<Result<Option<T>, Vec<Diagnostic>>>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(outcomes.len());
    let mut skipped: Vec<String> = Vec::new();
    // Per directory argument: (files found, files skipped), in first-seen order.
    let mut roots: Vec<(&str, usize, usize)> = Vec::new();
    for (source, outcome) in sources.iter().zip(outcomes) {
        let is_skip = matches!(outcome, Ok(None));
        if let Source::Found { root, .. } = source {
            match roots.iter_mut().find(|(r, _, _)| r == root) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 += usize::from(is_skip);
                }
                None => roots.push((root, 1, usize::from(is_skip))),
            }
        }
        match outcome {
            Ok(Some(x)) => out.push(x),
            Ok(None) => skipped.push(source.display()),
            Err(d) => problems.extend(d),
        }
    }
    if !skipped.is_empty() {
        output::note(&format!(
            "skipped {} (no `workload:` or `components:` key; name a file to check it anyway): {}",
            if skipped.len() == 1 {
                "1 YAML file that is not a workload".to_string()
            } else {
                format!("{} YAML files that are not workloads", skipped.len())
            },
            skipped.join(", ")
        ));
    }
    for (root, found, skips) in roots {
        if found == skips {
            problems.push(
                Diagnostic::file(
                    root,
                    "directory holds no workload files (its YAML files are not workloads)",
                )
                .with_hint("`ragfit init FILE` writes a starter workload"),
            );
        }
    }
    // Every command reports problems in the same order: by path, then position.
    problems.sort_by(|a, b| (a.path.as_str(), a.pos).cmp(&(b.path.as_str(), b.pos)));
    out
}

/// Read, parse, apply overrides and assess one source.
pub fn assess_source(
    rb: &RuleBase,
    source: &Source,
    overrides: &[Override],
) -> Result<Option<Assessed>, Vec<Diagnostic>> {
    let Some(mut workload) = parse_source(rb, source)? else {
        return Ok(None);
    };
    let changes = overrides::apply(overrides, &mut workload);
    let assessments = workload
        .components
        .iter()
        .map(|c| engine::assess(rb, &c.answers))
        .collect();
    Ok(Some(Assessed {
        workload,
        assessments,
        changes,
    }))
}

/// Expand paths and assess every file in parallel, keeping path order.
///
/// Bad files do not stop the others: their problems are returned next to the results.
/// An override naming a component that no file has is a usage error.
pub fn assess_paths(
    rb: &RuleBase,
    paths: &[String],
    overrides: &[Override],
) -> Result<(Vec<Assessed>, Vec<Diagnostic>), Error> {
    let (sources, mut problems) = input::expand(paths);
    let outcomes: Vec<Result<Option<Assessed>, Vec<Diagnostic>>> = sources
        .par_iter()
        .map(|s| assess_source(rb, s, overrides))
        .collect();
    let assessed = collect(&sources, outcomes, &mut problems);
    let names = assessed
        .iter()
        .flat_map(|a| a.workload.components.iter().map(|c| c.name.as_str()));
    overrides::check_components(overrides, names)?;
    if !overrides.is_empty() && !assessed.is_empty() {
        // What-if results must never pass for the files' own.
        let changed: usize = assessed.iter().map(|a| a.changes.len()).sum();
        let files = assessed.iter().filter(|a| !a.changes.is_empty()).count();
        output::note(&format!(
            "what-if: --set changed {changed} answer{} in {files} file{}; results differ from the files' own answers",
            if changed == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" },
        ));
    }
    Ok((assessed, problems))
}

/// Build the score report from assessed files and problems.
pub fn build_report(rb: &RuleBase, assessed: &[Assessed], errors: Vec<Diagnostic>) -> ScoreReport {
    let mut results = Vec::new();
    let mut workloads = Vec::new();
    let mut overrides = Vec::new();
    for a in assessed {
        let w = &a.workload;
        overrides.extend(a.changes.iter().map(|ch| report::OverrideEntry {
            path: w.path.clone(),
            component: w.components[ch.component].name.clone(),
            factor: rb.factors[ch.factor].id.clone(),
            from: report::AnswerValue::of(rb, ch.factor, ch.from),
            to: report::AnswerValue::of(rb, ch.factor, ch.to),
        }));
        let rs: Vec<ComponentResult> = w
            .components
            .iter()
            .zip(&a.assessments)
            .map(|(c, asm)| report::component_result(rb, w, c, asm))
            .collect();
        workloads.push(report::workload_summary(w, &rs));
        results.extend(rs);
    }
    ScoreReport {
        schema_version: report::SCHEMA_VERSION,
        results,
        workloads,
        errors,
        overrides,
        axes: rb.axes.iter().map(|a| a.id.clone()).collect(),
    }
}
