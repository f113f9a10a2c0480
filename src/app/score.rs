//! `ragfit score`: batch recommendations over workload files, streamed (see
//! [`super::stream`]): memory stays flat however many files there are.
//! `ragfit cost` streams the same way through [`report`].

use std::path::Path;

use crate::cli::{GlobalArgs, ScoreArgs};
use crate::config::Config;
use crate::engine::NearMisses;
use crate::error::{exit, Error};
use crate::output::{self, Out, Sink, Spool};
use crate::pipeline::Assessed;
use crate::report::score::{self as render, FileScore, Renderer, ScoreFormat, ScoreTotals};
use crate::result::cost::Costing;
use crate::rules::RuleBase;

use super::stream::{self, Parts, Piece};

/// What the end of the report and the closing notes need from one file.
struct Gathered {
    components: usize,
    /// Answers `--set` changed in the file.
    changed: usize,
    /// Its components per recommended outcome.
    by_outcome: [usize; 4],
}

/// Score every path; bad files are reported on stderr and in the report's
/// `errors`, the others are still scored, and the exit code is 2 at the end.
pub fn run(global: &GlobalArgs, args: &ScoreArgs, config: Option<&Config>) -> anyhow::Result<i32> {
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(ScoreFormat::from_extension))
        .unwrap_or(ScoreFormat::Table);
    let paths = super::paths_or_default(&args.paths, config);
    super::guard_output(global, args.output.as_deref(), &paths, &[])?;
    let (rb, book) = super::load_priced(global)?;
    let color = args.output.is_none() && output::use_color(global.color);
    // A table for a terminal is fitted to its width (stacked per component
    // when narrow); piped or saved output never depends on the terminal.
    let width = match (format, &args.output) {
        (ScoreFormat::Table, None) => output::terminal_width(),
        _ => None,
    };
    if args.chart {
        chart_usable(&rb, format)?;
    }
    if format == ScoreFormat::Svg && crate::report::chart::Quadrant::of(&rb).is_none() {
        return Err(Error::Usage(format!(
            "--format svg draws the knowledge × behaviour quadrant, which needs a rule base with \
             two axes; {} has {}",
            rb.origin,
            rb.axes.len()
        ))
        .into());
    }
    let costing = args.cost.then_some(Costing {
        book: &book,
        months: args.months,
    });
    let renderer = render::renderer(&rb, format, color, width, args.chart, costing.is_some());
    let job = Report {
        paths: &paths,
        set: &args.set,
        output: args.output.as_deref(),
        config,
    };
    report(&rb, job, renderer.as_ref(), costing)
}

/// What a streamed report reads and where it goes.
pub(super) struct Report<'a> {
    /// Workload paths.
    pub paths: &'a [String],
    /// `--set` overrides, as written.
    pub set: &'a [String],
    /// `--output`, if given.
    pub output: Option<&'a Path>,
    /// The configuration in use (its `exclude` globs), if any.
    pub config: Option<&'a Config>,
}

/// Stream a report: every file through `renderer`, with costs when
/// `costing` is given; exit 2 at the end when some file could not be read.
pub(super) fn report(
    rb: &RuleBase,
    job: Report<'_>,
    renderer: &dyn Renderer,
    costing: Option<Costing<'_>>,
) -> anyhow::Result<i32> {
    let overrides = crate::overrides::parse(rb, job.set)?;
    // A `--set` naming a component may turn out to be a usage error only
    // once every file was seen: hold the report back until then.
    let hold = overrides.iter().any(|o| o.component.is_some());
    let mut sink = Sink::open(job.output, hold)?;
    let summary_first = renderer.summary_first();
    if !summary_first {
        sink.write(&renderer.begin()?)?;
    }
    // A summary-first format's main parts wait in a spool for the totals.
    let mut held = Spool::new();
    let mut totals = ScoreTotals::default();
    let mut files_changed = 0;
    let detail = renderer.detail();
    let process = |a: &Assessed| {
        let f = FileScore::with_detail(rb, a, detail, costing.as_ref());
        Piece {
            section: renderer.file(&f),
            warnings: stream::conflicts(rb, a),
            data: Gathered {
                components: f.results.len(),
                changed: f.overrides.len(),
                by_outcome: render::outcome_counts(&f.results),
            },
        }
    };
    let take = |g: Gathered| {
        totals.files += 1;
        totals.components += g.components;
        totals.overrides += g.changed;
        for (total, n) in totals.by_outcome.iter_mut().zip(g.by_outcome) {
            *total += n;
        }
        files_changed += usize::from(g.changed > 0);
        Ok(())
    };
    let before = |n: usize| renderer.before(n);
    let main: &mut dyn Out = if summary_first { &mut held } else { &mut sink };
    let mut parts = Parts::new(
        main,
        renderer.separator(),
        renderer.later_parts(),
        renderer.later_separator(),
    )
    .placing(&before);
    // A full explanation (`detail`) lists near misses too.
    let near = NearMisses::if_shown(renderer.shows_near_misses() || renderer.detail());
    let run = stream::run(
        rb, job.paths, job.config, &overrides, near, &mut parts, process, take,
    )?;
    let later = parts.into_later();
    totals.errors = run.errors;
    if run.open {
        let head = match summary_first {
            true => Some((renderer.head(&totals)?, held)),
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
    stream::what_if_note(
        &run.tally,
        totals.overrides,
        files_changed,
        !overrides.is_empty(),
    );
    Ok(if totals.errors.is_empty() {
        exit::OK
    } else {
        exit::INVALID
    })
}

/// `--chart` draws into the table; any other format has a chart of its own
/// (html, svg) or none, and a flag that changes nothing must not pass silently.
fn chart_usable(rb: &RuleBase, format: ScoreFormat) -> Result<(), Error> {
    if format != ScoreFormat::Table {
        return Err(Error::Usage(
            "--chart draws under the table format's tables; html and svg have charts of their own"
                .into(),
        ));
    }
    if crate::report::chart::Quadrant::of(rb).is_none() {
        return Err(Error::Usage(format!(
            "--chart needs a rule base with two axes; {} has {}",
            rb.origin,
            rb.axes.len()
        )));
    }
    Ok(())
}
