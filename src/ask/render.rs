//! Recommendation tables for the questionnaire, fitted to the terminal.
//!
//! Wide terminals get exactly what `score` prints (one row per component).
//! Below [`MIN_ROW_WIDTH`] columns that row cannot fit without breaking values
//! mid-word, so each component becomes a two-column block instead, built from
//! the same table helpers.

use comfy_table::Cell;

use crate::report::table::{self, key_reasons, new_table, outcome_cell};
use crate::report::{ComponentResult, ScoreReport};

/// Narrower than this, the one-row table breaks its values; use blocks.
const MIN_ROW_WIDTH: u16 = 100;

/// How many reasons to list, as in `score`'s table.
const REASONS_SHOWN: usize = 3;

/// One component's recommendation.
pub fn component(r: &ComponentResult, color: bool, width: Option<u16>) -> String {
    let natural = table::render_component(r, color);
    match width {
        Some(w) if widest(&natural) > w as usize && w < MIN_ROW_WIDTH => block(r, color, w),
        Some(_) => table::render_component_fit(r, color, width),
        None => natural,
    }
}

/// The full report with the system summary, as `score` renders it when it fits.
pub fn report(report: &ScoreReport, color: bool, width: Option<u16>) -> String {
    let natural = table::render(report, color);
    match width {
        Some(w) if widest(&natural) > w as usize && w < MIN_ROW_WIDTH => {
            let mut out = String::new();
            for s in &report.workloads {
                out.push_str(&format!("{} ({})\n", s.workload, s.path));
                for r in report.results.iter().filter(|r| r.path == s.path) {
                    out.push_str(&block(r, color, w));
                    out.push('\n');
                }
                out.push_str(&format!("system: {}\n", s.summary));
            }
            out
        }
        Some(_) => table::render_fit(report, color, width),
        None => natural,
    }
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A component as `field | value` rows, so long values wrap in one column.
fn block(r: &ComponentResult, color: bool, width: u16) -> String {
    let mut t = new_table(color);
    t.set_width(width);
    t.set_header(vec![Cell::new("component"), Cell::new(&r.component)]);
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
        t.add_row(vec![axis.clone(), format!("{score} / {threshold}")]);
    }
    let declared = match (r.architecture, r.matches) {
        (Some(a), Some(true)) => format!("{a} ✓"),
        (Some(a), _) => format!("{a} ✗"),
        (None, _) => "—".to_string(),
    };
    t.add_row(vec!["declared".to_string(), declared]);
    t.add_row(vec![
        "key reasons".to_string(),
        key_reasons(r, REASONS_SHOWN),
    ]);
    t.to_string()
}
