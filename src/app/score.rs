//! `ragfit score`: batch recommendations over workload files, streamed (see
//! [`super::stream`]): memory stays flat however many files there are.

use crate::cli::{GlobalArgs, ScoreArgs};
use crate::config::Config;
use crate::error::exit;
use crate::output::{self, Sink};
use crate::pipeline::Assessed;
use crate::report::score::{self as render, FileScore, ScoreFormat, ScoreTotals};

use super::stream::{self, Parts, Piece};

/// What the end of the report and the closing notes need from one file.
struct Gathered {
    components: usize,
    /// Answers `--set` changed in the file.
    changed: usize,
}

/// Score every path; bad files are reported on stderr and in the report's
/// `errors`, the others are still scored, and the exit code is 2 at the end.
pub fn run(global: &GlobalArgs, args: &ScoreArgs, config: Option<&Config>) -> anyhow::Result<i32> {
    let paths = super::paths_or_default(&args.paths, config);
    let rb = super::load_rules(global)?;
    let overrides = crate::overrides::parse(&rb, &args.set)?;
    let color = args.output.is_none() && output::use_color(global.color);
    // A table for a terminal is fitted to its width (stacked per component
    // when narrow); piped or saved output never depends on the terminal.
    let width = match (args.format, &args.output) {
        (ScoreFormat::Table, None) => output::terminal_width(),
        _ => None,
    };
    let renderer = render::renderer(&rb, args.format, color, width);
    // A `--set` naming a component may turn out to be a usage error only
    // once every file was seen: hold the report back until then.
    let hold = overrides.iter().any(|o| o.component.is_some());
    let mut sink = Sink::open(args.output.as_deref(), hold)?;
    sink.write(&renderer.begin()?)?;
    let mut totals = ScoreTotals::default();
    let mut files_changed = 0;
    let process = |a: &Assessed| {
        let f = FileScore::of(&rb, a);
        Piece {
            section: renderer.file(&f),
            warnings: stream::conflicts(&rb, a),
            data: Gathered {
                components: f.results.len(),
                changed: f.overrides.len(),
            },
        }
    };
    let take = |g: Gathered| {
        totals.files += 1;
        totals.components += g.components;
        totals.overrides += g.changed;
        files_changed += usize::from(g.changed > 0);
        Ok(())
    };
    let mut parts = Parts::new(
        &mut sink,
        renderer.separator(),
        renderer.later_parts(),
        renderer.later_separator(),
    );
    let run = stream::run(&rb, &paths, config, &overrides, &mut parts, process, take)?;
    let later = parts.into_later();
    totals.errors = run.errors;
    if run.open {
        stream::assemble(
            None,
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
