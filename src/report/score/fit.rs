//! Recommendation tables fitted to a terminal width (`score` in a terminal, `ask`).
//!
//! When the one-row-per-component table fits the terminal, it is exactly what
//! `score` prints when piped. When it does not, squeezing it would break ids
//! mid-word, so each component becomes a two-column block instead, built from
//! the same table helpers.

use comfy_table::Cell;

use super::table::{self, key_reasons};
use super::{FileScore, ScoreReport};
use crate::report::style::{new_table, outcome_cell, wrap_prose, Style};
use crate::result::ComponentResult;

/// How many reasons to list, as in `score`'s table.
const REASONS_SHOWN: usize = 3;

/// One component's recommendation.
pub fn component(r: &ComponentResult, color: bool, width: Option<u16>) -> String {
    match width {
        Some(w) if table_width(&table::render_component(r, false)) > w as usize => {
            block(r, color, w)
        }
        _ => table::render_component(r, color),
    }
}

/// One workload's section as `score` prints it in a terminal of `width`
/// columns (exactly the piped section when there is no terminal or it fits).
pub fn file(f: &FileScore, color: bool, width: Option<u16>) -> String {
    let Some(w) = width.map(usize::from) else {
        return table::section(f, color, true);
    };
    // Prose lines (`system:`, `borderline:`, a long title) wrap on words at
    // the width too: under `COLUMNS` the output may be piped, where no
    // terminal would wrap them.
    let style = Style {
        color,
        width: w as u16,
    };
    // Measured without colour (escape codes take bytes but no columns), and on
    // table lines only.
    if table_width(&table::section(f, false, true)) <= w {
        return wrap_prose(&table::section(f, color, true), style);
    }
    if table_width(&table::section(f, false, false)) <= w {
        return wrap_prose(&table::section(f, color, false), style);
    }
    let mut out = format!("{} ({})\n", f.summary.workload, f.path);
    for r in &f.results {
        out.push_str(&block(r, color, w as u16));
        out.push('\n');
    }
    for line in f.results.iter().filter_map(table::borderline_line) {
        out.push_str(&format!("{line}\n"));
    }
    for line in f.results.iter().filter_map(table::cost_line) {
        out.push_str(&format!("{line}\n"));
    }
    out.push_str(&format!("system: {}\n", f.summary.summary));
    wrap_prose(&out, style)
}

/// A whole report fitted to `width`, file by file, as `score` streams it.
pub fn report(report: &ScoreReport, color: bool, width: Option<u16>) -> String {
    report
        .files
        .iter()
        .map(|f| file(f, color, width))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The widest table line (box-drawing lines only).
fn table_width(text: &str) -> usize {
    text.lines()
        .filter(|l| l.starts_with(['┌', '│', '╞', '├', '└']))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
}

/// A component as `field | value` rows, so long values wrap in one column.
fn block(r: &ComponentResult, color: bool, width: u16) -> String {
    let mut t = new_table(color);
    t.set_width(width);
    t.set_header(vec![Cell::new("component"), Cell::new(r.component)]);
    t.add_row(vec![
        Cell::new("recommendation"),
        outcome_cell(r.recommendation, color),
    ]);
    let conf = if r.borderline {
        format!("{:.2} borderline", r.confidence)
    } else {
        format!("{:.2}", r.confidence)
    };
    t.add_row(vec!["confidence".to_string(), conf]);
    for ((axis, score), (_, threshold)) in r.scores.0.iter().zip(&r.thresholds.0) {
        t.add_row(vec![axis.to_string(), format!("{score} / {threshold}")]);
    }
    let declared = match (r.architecture, r.matches) {
        (Some(a), Some(true)) => format!("{a} ✓"),
        (Some(a), _) => format!("{a} ✗"),
        (None, _) => "—".to_string(),
    };
    t.add_row(vec!["declared".to_string(), declared]);
    if let Some(c) = table::cost_cell(r) {
        t.add_row(vec!["cost a month".to_string(), c]);
    }
    t.add_row(vec![
        "key reasons".to_string(),
        key_reasons(r, REASONS_SHOWN),
    ]);
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check` run on the report of examples/support.yaml (a report
    /// borrows the rule base and workloads it was built from).
    fn with_examples_report(check: impl FnOnce(&ScoreReport)) {
        let rb = crate::rules::load_default().unwrap();
        let batch = crate::pipeline::assess_paths(&rb, &["examples/support.yaml".to_string()], &[])
            .unwrap();
        check(&ScoreReport::build(&rb, &batch.assessed, batch.problems));
    }

    #[test]
    fn a_wide_terminal_gets_exactly_the_piped_table() {
        with_examples_report(|r| {
            assert_eq!(
                report(r, false, Some(400)),
                table::section(&r.files[0], false, true)
            );
        });
    }

    #[test]
    fn a_middling_terminal_gets_the_table_with_reasons_below() {
        with_examples_report(|r| {
            let out = report(r, false, Some(110));
            assert_eq!(out, table::section(&r.files[0], false, false));
            assert!(table_width(&out) <= 110, "{out}");
            assert!(
                out.contains("\npolicy-answers: open-ended-questions, citations-required"),
                "{out}"
            );
        });
    }

    #[test]
    fn a_narrow_terminal_gets_blocks_that_fit_and_keep_ids_whole() {
        with_examples_report(|r| {
            let out = report(r, false, Some(60));
            // Table lines fit; prose lines (the title, `system:`) wrap as text does.
            let table_lines = out.lines().filter(|l| l.starts_with(['┌', '│', '╞', '└']));
            assert!(table_lines.clone().count() > 20, "{out}");
            assert!(
                table_lines.map(|l| l.chars().count()).all(|w| w <= 60),
                "{out}"
            );
            for id in [
                "policy-answers",
                "ticket-triage",
                "reply-drafting",
                "strict-output-consistency",
            ] {
                assert!(out.contains(id), "{id} is broken or missing:\n{out}");
            }
            assert!(
                out.contains("system: RAG for policy-answers, order-status;"),
                "{out}"
            );
        });
    }
}
