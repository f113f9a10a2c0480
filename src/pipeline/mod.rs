//! The batch pipeline: paths → sources → parsed, validated workloads →
//! assessments, in parallel, handed on in path order as each file is done
//! (so a run over tens of thousands of files holds only a window of them).
//! It reads files but never prints: what it skipped and what failed come
//! back as data.

mod ordered;

pub use ordered::{for_each_ordered, threads_for, Flow, WINDOW_PER_THREAD};

use crate::diag::Diagnostic;
use crate::engine::{self, Assessment, NearMisses};
use crate::error::Error;
use crate::input::{self, Source};
use crate::output::describe_count;
use crate::overrides::{self, Change, Override, Shadows};
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

/// What became of one source.
#[derive(Debug)]
pub enum FileResult<T> {
    /// A YAML file found in a walk that is not a workload: skipped.
    Skipped,
    /// It could not be read or is invalid.
    Failed(Vec<Diagnostic>),
    /// It was assessed; `T` is what the caller made of it (e.g. rendered text).
    Done(T),
}

/// Read, parse, apply overrides and assess one source (with near misses
/// or without: see [`NearMisses`]).
pub fn assess_source(
    rb: &RuleBase,
    source: &Source,
    overrides: &[Override],
    near: NearMisses,
) -> Result<Option<Assessed>, Vec<Diagnostic>> {
    let Some(mut workload) = parse_source(rb, source)? else {
        return Ok(None);
    };
    let changes = overrides::apply(overrides, &mut workload);
    let assessments: Vec<Assessment> = workload
        .components
        .iter()
        .map(|c| engine::assess_with(rb, &c.answers, near))
        .collect();
    let contradictions: Vec<Diagnostic> = workload
        .components
        .iter()
        .zip(&assessments)
        .filter_map(|(c, a)| nothing_allowed(rb, &workload.path, c, a))
        .collect();
    if !contradictions.is_empty() {
        return Err(contradictions);
    }
    Ok(Some(Assessed {
        workload,
        assessments,
        changes,
    }))
}

/// When the gates that apply exclude every outcome the decision table can
/// give, nothing can be recommended: the rule base contradicts itself for
/// these answers. That is an error at the component, never a silent
/// recommendation of an outcome a gate ruled out.
pub fn nothing_allowed(
    rb: &RuleBase,
    path: &str,
    component: &workload::Component,
    a: &Assessment,
) -> Option<Diagnostic> {
    if !a.decided.all_excluded {
        return None;
    }
    let mut gates: Vec<String> = Vec::new();
    for e in &a.decided.excluded {
        let id = format!("`{}`", rb.gates[e.gate].id);
        if !gates.contains(&id) {
            gates.push(id);
        }
    }
    let (word, verb) = if gates.len() == 1 {
        ("gate", "excludes")
    } else {
        ("gates", "exclude")
    };
    Some(
        Diagnostic::at(
            path,
            component.name_pos,
            format!(
                "component `{}`: the rule base's {word} {} {verb} every outcome for these \
                 answers, so nothing can be recommended",
                component.name,
                gates.join(", ")
            ),
        )
        .with_hint(format!(
            "the gates of {} contradict each other here; fix the rule base so that some \
             outcome stays allowed",
            rb.origin
        )),
    )
}

/// What a run saw, kept as it goes so that nothing needs every file at once:
/// the files skipped, per directory argument how many of its YAML files
/// were workloads, and which components `--set` overrides named were found.
#[derive(Debug, Default)]
pub struct Tally {
    /// Files skipped as not workloads, in path order.
    pub skipped: Vec<String>,
    /// Files assessed.
    pub files: usize,
    /// Components assessed.
    pub components: usize,
    /// Per directory argument: (root, files found, files skipped).
    roots: Vec<(String, usize, usize)>,
    /// Component names that overrides name, and whether each was found.
    named: Vec<(String, bool)>,
    /// Global overrides that components' own may shadow.
    shadows: Shadows,
}

impl Tally {
    /// A tally for a run with these overrides.
    pub fn new(overrides: &[Override]) -> Self {
        let mut named: Vec<(String, bool)> = Vec::new();
        for o in overrides {
            if let Some(c) = &o.component {
                if !named.iter().any(|(n, _)| n == c) {
                    named.push((c.clone(), false));
                }
            }
        }
        Tally {
            named,
            shadows: Shadows::new(overrides),
            ..Tally::default()
        }
    }

    /// Whether an override names a component: then nothing may be written
    /// before every file was seen, since a name no file has is a usage error.
    pub fn names_components(&self) -> bool {
        !self.named.is_empty()
    }

    /// Count one source's result (`components`: its component names when assessed).
    pub fn add<T>(&mut self, source: &Source, result: &FileResult<T>, components: &[String]) {
        let skip = matches!(result, FileResult::Skipped);
        if let Source::Found { root, .. } = source {
            match self.roots.iter_mut().find(|(r, _, _)| r == root) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 += usize::from(skip);
                }
                None => self.roots.push((root.clone(), 1, usize::from(skip))),
            }
        }
        match result {
            FileResult::Skipped => self.skipped.push(source.display()),
            FileResult::Done(_) => {
                self.files += 1;
                self.components += components.len();
                for (name, seen) in &mut self.named {
                    *seen |= components.iter().any(|c| c == name);
                }
                self.shadows.see(components);
            }
            FileResult::Failed(_) => {}
        }
    }

    /// The problems only the whole run shows: a directory whose YAML files
    /// were all skipped (checking nothing must never pass).
    pub fn problems(&self) -> Vec<Diagnostic> {
        self.roots
            .iter()
            .filter(|(_, found, skipped)| found == skipped)
            .map(|(root, _, _)| {
                Diagnostic::file(
                    root,
                    "directory holds no workload files (its YAML files are not workloads)",
                )
                .with_hint("`ragfit init FILE` writes a starter workload")
            })
            .collect()
    }

    /// An override that names a component no file has: a usage error with a hint.
    pub fn unknown_component(&self, overrides: &[Override], names: &[String]) -> Result<(), Error> {
        for (name, seen) in &self.named {
            if !seen {
                let o = overrides
                    .iter()
                    .find(|o| o.component.as_deref() == Some(name.as_str()));
                let spec = o.map_or(name.as_str(), |o| o.spec.as_str());
                return Err(Error::Usage(format!(
                    "--set {spec}: no component named `{name}` ({})",
                    crate::diag::suggest(name, names.iter().map(String::as_str))
                )));
            }
        }
        Ok(())
    }

    /// Notes about global `--set`s that components' own `--set`s shadowed
    /// everywhere, so that they did nothing (none when no file was assessed).
    pub fn shadowed_notes(&self) -> Vec<String> {
        if self.files == 0 {
            return Vec::new();
        }
        self.shadows.notes()
    }

    /// The note about skipped files, if any were.
    pub fn skipped_note(&self) -> Option<String> {
        (!self.skipped.is_empty()).then(|| {
            format!(
                "skipped {} (no `workload:` or `components:` key; name a file to check it anyway): {}",
                describe_count(
                    self.skipped.len(),
                    "YAML file that is not a workload",
                    "YAML files that are not workloads"
                ),
                self.skipped.join(", ")
            )
        })
    }
}

/// Run every source through `process` (read, validate, assess, then make
/// something of it, in a worker thread) and hand the results to `each` in
/// path order. Returns whether the run went to the end.
pub fn for_each_file<T, P, E>(
    rb: &RuleBase,
    sources: &[Source],
    overrides: &[Override],
    near: NearMisses,
    process: P,
    mut each: E,
) -> bool
where
    T: Send,
    P: Fn(&Assessed) -> T + Sync,
    E: FnMut(&Source, FileResult<T>, &[String]) -> Flow,
{
    let threads = threads_for(sources.len());
    for_each_ordered(
        sources,
        threads,
        |_, source| match assess_source(rb, source, overrides, near) {
            Ok(None) => (FileResult::Skipped, Vec::new()),
            Err(d) => (FileResult::Failed(d), Vec::new()),
            Ok(Some(a)) => {
                let names = a
                    .workload
                    .components
                    .iter()
                    .map(|c| c.name.clone())
                    .collect();
                (FileResult::Done(process(&a)), names)
            }
        },
        {
            let mut i = 0;
            move |(result, names): (FileResult<T>, Vec<String>)| {
                let flow = each(&sources[i], result, &names);
                i += 1;
                flow
            }
        },
    )
}

/// Everything a batch run produced, in path order, held at once: for
/// commands that need one file (`explain`) and for tests. Batch commands
/// stream with [`for_each_file`] instead.
#[derive(Debug)]
pub struct Batch {
    /// The files that could be assessed.
    pub assessed: Vec<Assessed>,
    /// Problems of the files that could not be (and of the paths themselves).
    pub problems: Vec<Diagnostic>,
    /// YAML files found in a walk that are not workloads, skipped.
    pub skipped: Vec<String>,
    /// Notes about global `--set`s that did nothing (see [`Tally::shadowed_notes`]).
    pub shadowed: Vec<String>,
}

/// Expand paths and assess every file, keeping path order.
///
/// Bad files do not stop the others: their problems are returned next to the results.
/// An override naming a component that no file has is a usage error.
pub fn assess_paths(
    rb: &RuleBase,
    paths: &[String],
    overrides: &[Override],
) -> Result<Batch, Error> {
    let (sources, mut problems) = input::expand(paths);
    let mut tally = Tally::new(overrides);
    let mut assessed = Vec::new();
    let mut names = Vec::new();
    for_each_file(
        rb,
        &sources,
        overrides,
        NearMisses::Find,
        Assessed::clone,
        |source, result, components| {
            tally.add(source, &result, components);
            names.extend_from_slice(components);
            match result {
                FileResult::Done(a) => assessed.push(a),
                FileResult::Failed(d) => problems.extend(d),
                FileResult::Skipped => {}
            }
            Flow::Continue
        },
    );
    tally.unknown_component(overrides, &names)?;
    problems.extend(tally.problems());
    // Every command reports problems in the same order: by path, then position.
    problems.sort_by(|a, b| (a.path.as_str(), a.pos).cmp(&(b.path.as_str(), b.pos)));
    Ok(Batch {
        assessed,
        problems,
        shadowed: tally.shadowed_notes(),
        skipped: tally.skipped,
    })
}

/// Expand paths, then read and validate every file, in path order, without
/// scoring: the baseline the `score` benchmark compares against.
pub fn parse_paths(rb: &RuleBase, paths: &[String]) -> (Vec<Workload>, Vec<Diagnostic>) {
    let (sources, mut problems) = input::expand(paths);
    let mut workloads = Vec::new();
    for_each_ordered(
        &sources,
        threads_for(sources.len()),
        |_, s| parse_source(rb, s),
        |r| {
            match r {
                Ok(Some(w)) => workloads.push(w),
                Ok(None) => {}
                Err(d) => problems.extend(d),
            }
            Flow::Continue
        },
    );
    (workloads, problems)
}
