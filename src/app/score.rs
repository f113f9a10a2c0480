//! `ragfit score`: batch recommendations over workload files.

use crate::cli::{GlobalArgs, ScoreArgs};
use crate::error::exit;
use crate::report::score::{self as render, fit, ScoreFormat, ScoreReport};

use crate::output;

/// Score every path; bad files are reported on stderr and in the report's
/// `errors`, the others are still scored, and the exit code is 2 at the end.
pub fn run(global: &GlobalArgs, args: &ScoreArgs) -> anyhow::Result<i32> {
    let rb = super::load_rules(global)?;
    let overrides = crate::overrides::parse(&rb, &args.set)?;
    let batch = super::assess_paths(&rb, &args.paths, &overrides)?;
    let (assessed, problems) = (batch.assessed, batch.problems);
    for p in &problems {
        output::error(&p.to_string());
    }
    // Contradictory answers do not stop scoring, but must not pass unnoticed.
    for a in &assessed {
        for (c, asm) in a.workload.components.iter().zip(&a.assessments) {
            for &ci in &asm.conflicts {
                let at = c.name_pos;
                output::warning(&format!(
                    "{}:{}:{}: `{}`: contradictory answers: {}",
                    a.workload.path, at.line, at.column, c.name, rb.conflicts[ci].text
                ));
            }
        }
    }
    let failed = !problems.is_empty();
    let report = ScoreReport::build(&rb, &assessed, problems);
    let color = args.output.is_none() && output::use_color(global.color);
    let text = match (args.format, &args.output) {
        // A table for a terminal is fitted to its width (stacked per component
        // when narrow); piped or saved output never depends on the terminal.
        (ScoreFormat::Table, None) => match output::terminal_width() {
            Some(width) => fit::report(&report, color, Some(width)),
            None => render::render(&report, args.format, color)?,
        },
        _ => render::render(&report, args.format, color)?,
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(if failed { exit::INVALID } else { exit::OK })
}
