//! The batch pipeline: paths → sources → parsed, validated workloads →
//! assessments, in parallel and in path order. It reads files but never
//! prints: what it skipped and what failed come back as data.

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::engine::{self, Assessment};
use crate::error::Error;
use crate::input::{self, Source};
use crate::overrides::{self, Change, Override};
use crate::rules::RuleBase;
use crate::workload::{self, Workload};

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
    let (workloads, _) = collect(&sources, outcomes, &mut problems);
    (workloads, problems)
}

/// Gather per-source outcomes in source order. Files skipped as "not a
/// workload" are returned for the caller to report (nothing is silently
/// ignored), and a directory in which every YAML file was skipped is a
/// problem: checking nothing must never pass.
fn collect<T>(
    sources: &[Source],
    outcomes: Vec<Result<Option<T>, Vec<Diagnostic>>>,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<T>, Vec<String>) {
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
    (out, skipped)
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

/// Everything a batch run produced, in path order.
#[derive(Debug)]
pub struct Batch {
    /// The files that could be assessed.
    pub assessed: Vec<Assessed>,
    /// Problems of the files that could not be (and of the paths themselves).
    pub problems: Vec<Diagnostic>,
    /// YAML files found in a walk that are not workloads, skipped.
    pub skipped: Vec<String>,
}

/// Expand paths and assess every file in parallel, keeping path order.
///
/// Bad files do not stop the others: their problems are returned next to the results.
/// An override naming a component that no file has is a usage error.
pub fn assess_paths(
    rb: &RuleBase,
    paths: &[String],
    overrides: &[Override],
) -> Result<Batch, Error> {
    let (sources, mut problems) = input::expand(paths);
    let outcomes: Vec<Result<Option<Assessed>, Vec<Diagnostic>>> = sources
        .par_iter()
        .map(|s| assess_source(rb, s, overrides))
        .collect();
    let (assessed, skipped) = collect(&sources, outcomes, &mut problems);
    let names = assessed
        .iter()
        .flat_map(|a| a.workload.components.iter().map(|c| c.name.as_str()));
    overrides::check_components(overrides, names)?;
    Ok(Batch {
        assessed,
        problems,
        skipped,
    })
}
