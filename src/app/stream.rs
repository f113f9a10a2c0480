//! The streaming loop `score` and `check` share: expand the paths, then read,
//! assess and render each file in a worker thread and write the sections in
//! path order as soon as the files before them are written. Nothing here
//! holds more than the pipeline's reorder window of files; what the end of a
//! report needs is gathered by the caller as the sections go by.

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::engine::NearMisses;
use crate::input;
use crate::output::{self, Out, Progress, Spool};
use crate::overrides::Override;
use crate::pipeline::{self, Assessed, FileResult, Flow, Tally};
use crate::report::Section;
use crate::rules::RuleBase;

/// What a worker makes of one assessed file.
pub(super) struct Piece<T> {
    /// The file's section of the report.
    pub section: anyhow::Result<Section>,
    /// Warnings to print on stderr (contradictory answers).
    pub warnings: Vec<String>,
    /// Whatever else the caller gathers from the file (counts, summaries).
    pub data: T,
}

/// How a streamed run ended.
pub(super) struct Streamed {
    /// What the run saw.
    pub tally: Tally,
    /// Problems of the paths and of the files that could not be assessed,
    /// by path then position (every command reports them in this order).
    pub errors: Vec<Diagnostic>,
    /// Whether the reader is still there (false: `| head` closed stdout, so
    /// nothing more is written and the run ends quietly).
    pub open: bool,
}

/// Stream every file under `paths` through `process` (in worker threads),
/// adding each section to `parts` and handing each file's data to `take`, in
/// path order.
///
/// Errors: a failed write or a failed `take` stops the run; an override
/// naming a component no file has is a usage error (the caller's sink holds
/// the report back for that case, so nothing partial was printed).
#[allow(clippy::too_many_arguments)]
pub(super) fn run<T, P, D>(
    rb: &RuleBase,
    paths: &[String],
    config: Option<&Config>,
    overrides: &[Override],
    near: NearMisses,
    parts: &mut Parts<'_>,
    process: P,
    mut take: D,
) -> anyhow::Result<Streamed>
where
    T: Send,
    P: Fn(&Assessed) -> Piece<T> + Sync,
    D: FnMut(T) -> anyhow::Result<()>,
{
    let expanded = expand(paths, config);
    let (sources, mut errors) = (expanded.sources, expanded.problems);
    for p in &errors {
        output::error(&p.to_string());
    }
    let mut tally = Tally::new(overrides);
    let mut progress = Progress::new(sources.len());
    let mut names: Vec<String> = Vec::new();
    let mut open = true;
    let mut failure: Option<anyhow::Error> = None;
    pipeline::for_each_file(
        rb,
        &sources,
        overrides,
        near,
        process,
        |source, result, comps| {
            tally.add(source, &result, comps);
            progress.tick();
            if tally.names_components() {
                names.extend_from_slice(comps);
            }
            match result {
                FileResult::Done(piece) => {
                    progress.say(|| piece.warnings.iter().for_each(|w| output::warning(w)));
                    let step = piece.section.and_then(|section| {
                        take(piece.data)?;
                        parts.add(&section)
                    });
                    match step {
                        Ok(true) => Flow::Continue,
                        Ok(false) => {
                            open = false;
                            Flow::Stop
                        }
                        Err(e) => {
                            failure = Some(e);
                            Flow::Stop
                        }
                    }
                }
                FileResult::Failed(d) => {
                    progress.say(|| d.iter().for_each(|p| output::error(&p.to_string())));
                    errors.extend(d);
                    Flow::Continue
                }
                FileResult::Skipped => Flow::Continue,
            }
        },
    );
    progress.finish();
    if let Some(e) = failure {
        return Err(e);
    }
    tally.unknown_component(overrides, &names)?;
    if let Some(note) = tally.skipped_note() {
        output::note(&note);
    }
    for note in tally.shadowed_notes() {
        output::note(&note);
    }
    for p in tally.problems() {
        output::error(&p.to_string());
        errors.push(p);
    }
    errors.sort_by(|a, b| (a.path.as_str(), a.pos).cmp(&(b.path.as_str(), b.pos)));
    Ok(Streamed {
        tally,
        errors,
        open,
    })
}

/// Expand the paths with the configuration's `exclude`, and say on stderr
/// what the walk left out: excluded files (counted) and configuration files
/// that are not the one in use (named: they are not workloads, and a
/// reader should know they have no effect).
pub(super) fn expand(paths: &[String], config: Option<&Config>) -> input::Expanded {
    let exclude = |p: &std::path::Path| config.is_some_and(|c| c.excludes(p));
    let active = config.map(|c| std::path::PathBuf::from(&c.path));
    let filter = input::Filter {
        exclude: Some(&exclude),
        config: active.as_deref(),
    };
    let expanded = input::expand_with(paths, &filter);
    if let (Some(c), n @ 1..) = (config, expanded.excluded) {
        output::note(&format!(
            "excluded {} matching `exclude` in {}",
            output::describe_count(n, "file", "files"),
            c.path
        ));
    }
    for other in &expanded.other_configs {
        output::note(&format!(
            "{other} is a configuration file, not a workload, and is not read: ragfit reads \
             the .ragfit.yaml of the current directory or its nearest parent (or --config FILE)"
        ));
    }
    expanded
}

/// The note that closes a what-if run on stderr: its results are not the
/// files' own.
pub(super) fn what_if_note(tally: &Tally, changed: usize, files_changed: usize, what_if: bool) {
    if what_if && tally.files > 0 {
        output::note(&super::what_if_note(changed, files_changed));
    }
}

/// Contradictory answers do not stop a run, but must not pass unnoticed:
/// one warning line per conflict, positioned at the component.
pub(super) fn conflicts(rb: &RuleBase, a: &Assessed) -> Vec<String> {
    let mut out = Vec::new();
    for (c, asm) in a.workload.components.iter().zip(&a.assessments) {
        for &ci in &asm.conflicts {
            let at = c.name_pos;
            out.push(format!(
                "{}:{}:{}: `{}`: contradictory answers: {}",
                a.workload.path, at.line, at.column, c.name, rb.conflicts[ci].text
            ));
        }
    }
    out
}

/// Where a streamed report's parts go during a run: main parts to the sink
/// (or to a spool, for a format whose beginning waits for the totals), each
/// later part to a spool of its own.
pub(super) struct Parts<'a> {
    main: &'a mut dyn Out,
    separator: &'a str,
    later: Vec<Spool>,
    later_separator: &'a str,
    wrote_main: bool,
    wrote_later: Vec<bool>,
    /// What goes before the n-th non-empty main part (a format that places
    /// parts by position), and how many were written.
    before: Option<&'a dyn Fn(usize) -> String>,
    mains: usize,
}

impl<'a> Parts<'a> {
    /// Parts for a layout: `later` spools, and the separators between
    /// non-empty main parts and between non-empty pieces of a later part.
    pub fn new(
        main: &'a mut dyn Out,
        separator: &'a str,
        later: usize,
        later_separator: &'a str,
    ) -> Self {
        Parts {
            main,
            separator,
            later: (0..later).map(|_| Spool::new()).collect(),
            later_separator,
            wrote_main: false,
            wrote_later: vec![false; later],
            before: None,
            mains: 0,
        }
    }

    /// Put `before(n)` ahead of the n-th non-empty main part.
    pub fn placing(mut self, before: &'a dyn Fn(usize) -> String) -> Self {
        self.before = Some(before);
        self
    }

    /// Add one file's section; `Ok(false)` when the reader has gone.
    pub fn add(&mut self, s: &Section) -> anyhow::Result<bool> {
        if !s.main.is_empty() {
            if self.wrote_main && !self.main.put(self.separator)? {
                return Ok(false);
            }
            self.wrote_main = true;
            if let Some(before) = self.before {
                if !self.main.put(&before(self.mains))? {
                    return Ok(false);
                }
            }
            self.mains += 1;
            if !self.main.put(&s.main)? {
                return Ok(false);
            }
        }
        for (i, part) in s.later.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
            let Some(spool) = self.later.get_mut(i) else {
                anyhow::bail!("internal error: a renderer wrote later part {i} it did not declare");
            };
            if self.wrote_later[i] {
                spool.write(self.later_separator)?;
            }
            self.wrote_later[i] = true;
            spool.write(part)?;
        }
        Ok(true)
    }

    /// The later parts' spools, in order, for [`assemble`].
    pub fn into_later(self) -> Vec<Spool> {
        self.later
    }
}

/// Write what waited, through `put`: `head` (the beginning of a format that
/// waited for the totals) and its spooled main parts, then for each later
/// part its heading (`middle(i)`) and its spool, then `end`. Stops quietly
/// when the reader has gone.
pub(super) fn assemble(
    head: Option<(String, Spool)>,
    later: Vec<Spool>,
    middle: impl Fn(usize) -> String,
    end: String,
    mut put: impl FnMut(&[u8]) -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    if let Some((begin, main)) = head {
        if !put(begin.as_bytes())? || !main.drain(&mut put)? {
            return Ok(());
        }
    }
    for (i, spool) in later.into_iter().enumerate() {
        if !put(middle(i).as_bytes())? || !spool.drain(&mut put)? {
            return Ok(());
        }
    }
    put(end.as_bytes())?;
    Ok(())
}
