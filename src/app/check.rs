//! `ragfit check`: the CI architecture-review step, streamed like `score`
//! (see [`super::stream`]): each file is reviewed and rendered in a worker
//! thread, and only the summary counts are kept.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use crate::check::baseline::{Baseline, Entry};
use crate::check::{self, FailOn, Options, Summary};
use crate::cli::{CheckArgs, GlobalArgs};
use crate::config::Config;
use crate::engine::NearMisses;
use crate::error::{exit, Error};
use crate::output::{self, Appender, Out, Sink, Spool};
use crate::pipeline::Assessed;
use crate::report::check::{self as render, CheckFormat, CheckTotals, Renderer, Section, Settings};
use crate::report::explain::component_explain;
use crate::root::Root;
use crate::rules::RuleBase;

use super::stream::{self, Parts, Piece};

/// What the run keeps of one file besides its section.
struct Gathered {
    summary: Summary,
    /// Answers `--set` changed in the file.
    changed: usize,
    /// The Markdown section for `$GITHUB_STEP_SUMMARY` (github format only).
    step: Option<Section>,
    /// Baseline entries for `--write-baseline`: every finding, before the
    /// `--baseline` drops any.
    entries: Vec<Entry>,
    /// Fingerprints the `--baseline` matched, once per finding.
    used: Vec<String>,
}

/// Review every path; exit 2 if any input was unusable (after reporting what
/// could be checked), else 1 if a finding reaches `--fail-on`, else 0.
pub fn run(global: &GlobalArgs, args: &CheckArgs, config: Option<&Config>) -> anyhow::Result<i32> {
    if args.list_codes {
        output::stdout(&check::listing())?;
        return Ok(exit::OK);
    }
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(CheckFormat::from_extension))
        .unwrap_or(CheckFormat::Text);
    let paths = super::paths_or_default(&args.paths, config);
    // Neither the report nor the baseline written may replace an input (the
    // baseline read included).
    let baseline_in: Vec<&Path> = args.baseline.as_deref().into_iter().collect();
    super::guard_output(global, args.output.as_deref(), &paths, &baseline_in)?;
    super::guard_output(global, args.write_baseline.as_deref(), &paths, &[])?;
    let rb = super::load_rules(global)?;
    let overrides = crate::overrides::parse(&rb, &args.set)?;
    let opts = options(&rb, args, config)?;
    let settings = Settings {
        fail_on: opts.fail_on,
        today: opts.today,
    };
    // As `score`: colour goes to a terminal (or `--color always`), never into
    // an `--output` report file.
    let color = args.output.is_none() && output::use_color(global.color);
    let root = match &args.root {
        Some(dir) if !dir.is_dir() => {
            return Err(Error::Usage(format!("--root {}: not a directory", dir.display())).into())
        }
        dir => Root::find(dir.as_deref()),
    };
    let baseline = args.baseline.as_deref().map(read_baseline).transpose()?;
    let renderer = render::renderer(&rb, format, color, settings, root.as_ref());
    let summary_first = renderer.summary_first();
    let step_summary = step_summary_path().filter(|_| format == CheckFormat::Github);
    let markdown = render::markdown::Markdown;

    let hold = overrides.iter().any(|o| o.component.is_some());
    let mut sink = Sink::open(args.output.as_deref(), hold)?;
    if !summary_first {
        sink.write(&renderer.begin(None)?)?;
    }
    // A summary-first format's main parts wait in a spool for the totals;
    // the step summary (Markdown, summary-first too) has its own.
    let mut held = Spool::new();
    let mut step_main = Spool::new();
    let mut step = Parts::new(
        &mut step_main,
        markdown.separator(),
        markdown.later_parts(),
        "",
    );
    let mut summary = Summary::default();
    let (mut changed, mut files_changed) = (0, 0);
    let detail = renderer.detail();
    let process = |a: &Assessed| {
        let mut f = check::review_file(&rb, &a.workload, &a.assessments, &opts);
        f.locate(root.as_ref().and_then(|r| r.relative(&f.path)));
        let entries = match args.write_baseline {
            Some(_) => f.findings().map(|x| Entry::of(&f, x)).collect(),
            None => Vec::new(),
        };
        let used = baseline.as_ref().map_or_else(Vec::new, |b| b.apply(&mut f));
        if detail {
            let w = &a.workload;
            f.explained = (0..w.components.len())
                .map(|ci| component_explain(&rb, w, ci, &a.assessments[ci], &a.changes))
                .collect();
        }
        let mut summary = Summary::default();
        summary.add(&f, opts.fail_on);
        let step = step_summary.as_ref().map(|_| markdown.file(&f));
        let (section, step) = match (renderer.file(&f), step.transpose()) {
            (Ok(s), Ok(step)) => (Ok(s), step),
            (Err(e), _) | (_, Err(e)) => (Err(e), None),
        };
        Piece {
            section,
            warnings: Vec::new(),
            data: Gathered {
                summary,
                changed: a.changes.len(),
                step,
                entries,
                used,
            },
        }
    };
    let mut entries: Vec<Entry> = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let take = |g: Gathered| {
        summary.merge(&g.summary);
        entries.extend(g.entries);
        for fp in g.used {
            *used.entry(fp).or_insert(0) += 1;
        }
        changed += g.changed;
        files_changed += usize::from(g.changed > 0);
        if let Some(s) = &g.step {
            step.add(s)?;
        }
        Ok(())
    };
    let main: &mut dyn Out = if summary_first { &mut held } else { &mut sink };
    let mut parts = Parts::new(
        main,
        renderer.separator(),
        renderer.later_parts(),
        renderer.later_separator(),
    );
    // The step summary renders the same files: find near misses if either
    // shows them. A full explanation (`detail`) lists them too.
    let shown = renderer.shows_near_misses()
        || renderer.detail()
        || (step_summary.is_some() && markdown.shows_near_misses());
    let near = NearMisses::if_shown(shown);
    let run = stream::run(
        &rb, &paths, config, &overrides, near, &mut parts, process, take,
    )?;
    let later = parts.into_later();
    let step_later = step.into_later();
    summary.input_errors = run.errors.len();
    let gone = baseline.as_ref().map(|b| b.gone(&used)).unwrap_or_default();
    summary.baseline_gone = gone.len();
    let totals = CheckTotals {
        summary,
        errors: run.errors,
    };
    if run.open {
        let head = match summary_first {
            true => Some((renderer.begin(Some(&totals))?, held)),
            false => None,
        };
        stream::assemble(
            head,
            later,
            |i| renderer.middle(i, &totals),
            renderer.end(&totals)?,
            |b| sink.write_bytes(b),
        )?;
    }
    sink.finish()?;
    if let Some(path) = step_summary {
        let mut file = Appender::open(&path).with_context(|| {
            format!("cannot append to $GITHUB_STEP_SUMMARY ({})", path.display())
        })?;
        stream::assemble(
            Some((markdown.begin(Some(&totals))?, step_main)),
            step_later,
            |i| markdown.middle(i, &totals),
            markdown.end(&totals)?,
            |b| file.write(b),
        )?;
        file.finish()?;
    }
    stream::what_if_note(&run.tally, changed, files_changed, !overrides.is_empty());
    report_gone(&gone);
    if let Some(path) = &args.write_baseline {
        if !totals.errors.is_empty() {
            output::error(&format!(
                "baseline not written to {}: {} could not be checked",
                path.display(),
                output::describe_count(totals.errors.len(), "input", "inputs")
            ));
        } else {
            output::write_atomic(path, &check::baseline::write(&entries)?)?;
            output::note(&format!(
                "wrote {} with {}; check with --baseline {} to fail only on new findings",
                path.display(),
                output::describe_count(entries.len(), "finding", "findings"),
                path.display()
            ));
        }
    }
    // The text report ends with the summary; anywhere else, say it on stderr.
    if format != CheckFormat::Text || args.output.is_some() {
        output::message(&format!("ragfit check: {}", totals.summary.line()));
    }
    if args.write_baseline.is_some() && totals.errors.is_empty() {
        // Every finding was just recorded: none is new.
        return Ok(exit::OK);
    }
    Ok(exit_code(&totals))
}

/// Read `--baseline FILE`; a file that is not a baseline is invalid input.
fn read_baseline(path: &Path) -> Result<Baseline, Error> {
    let name = path.display().to_string();
    let text = crate::input::read_text(path, &name).map_err(|d| Error::Input(vec![d]))?;
    Baseline::parse(&text).map_err(|e| {
        Error::Input(vec![crate::diag::Diagnostic::file(&name, e).with_hint(
            "write one with `ragfit check --write-baseline FILE`, or pass a `check --format json` report",
        )])
    })
}

/// Baseline entries that no longer occur: fixed since, so the baseline can shrink.
fn report_gone(gone: &[&Entry]) {
    const SHOWN: usize = 10;
    if gone.is_empty() {
        return;
    }
    output::note(&format!(
        "{} of the baseline no longer {} (fixed since it was written; rewrite it with \
         --write-baseline FILE to drop {}):",
        output::describe_count(gone.len(), "entry", "entries"),
        if gone.len() == 1 { "occurs" } else { "occur" },
        if gone.len() == 1 { "it" } else { "them" },
    ));
    for e in gone.iter().take(SHOWN) {
        let factor = e
            .factor
            .as_deref()
            .map(|f| format!(" (`{f}`)"))
            .unwrap_or_default();
        output::message(&format!(
            "  {}: `{}`: {}{factor}",
            e.path, e.component, e.code
        ));
    }
    if gone.len() > SHOWN {
        output::message(&format!("  … and {} more", gone.len() - SHOWN));
    }
}

/// The review's options: each flag given wins over the configuration's
/// setting, which wins over the default.
fn options(rb: &RuleBase, args: &CheckArgs, config: Option<&Config>) -> anyhow::Result<Options> {
    let fail_on = args
        .fail_on
        .or(config.and_then(|c| c.fail_on))
        .unwrap_or(FailOn::Error);
    let mut opts = Options::new(super::today(args.today)?, fail_on);
    opts.require_declared = args.require_declared;
    opts.min_confidence = args
        .min_confidence
        .or(config.and_then(|c| c.min_confidence));
    opts.ignore = match (&args.ignore[..], config) {
        ([], Some(c)) => c.ignore.clone(),
        (given, _) => given.to_vec(),
    };
    opts.require_answers = match (&args.require_answers[..], config) {
        ([], Some(c)) => c.require_answers(rb)?,
        (given, _) => given
            .iter()
            .map(|id| {
                rb.factor_index(id).ok_or_else(|| {
                    Error::Usage(format!(
                        "--require-answer {id}: unknown factor ({})",
                        crate::diag::suggest(id, rb.factors.iter().map(|f| f.id.as_str()))
                    ))
                })
            })
            .collect::<Result<_, _>>()?,
    };
    if let Some(days) = args
        .waiver_warn_days
        .or(config.and_then(|c| c.waiver_warn_days))
    {
        opts.waiver_warn_days = i64::from(days);
    }
    Ok(opts)
}

/// The local date. Waivers are written as calendar dates, so the team's own
/// calendar day is the one that counts.
fn exit_code(t: &CheckTotals) -> i32 {
    if !t.errors.is_empty() {
        exit::INVALID
    } else if t.summary.failing > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// `$GITHUB_STEP_SUMMARY`, when set: the Markdown report is appended to it
/// so the run's summary page shows the table.
fn step_summary_path() -> Option<std::path::PathBuf> {
    std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|p| !p.is_empty())
        .map(|p| Path::new(&p).to_path_buf())
}
