//! Markdown output: a table per workload, fit for a PR comment or a design doc.

use super::table::key_reasons;
use super::{FileScore, ScoreTotals};
use crate::report::style::markdown::{cell, code};
use crate::report::Section;

/// The Markdown format: a heading, a table per workload, then any errors.
pub struct Markdown;

impl super::Renderer for Markdown {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn begin(&self) -> anyhow::Result<String> {
        Ok("# ragfit recommendations\n".into())
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        Ok(section(f).into())
    }

    fn end(&self, totals: &ScoreTotals) -> anyhow::Result<String> {
        let mut out = String::new();
        if !totals.errors.is_empty() {
            out.push_str("\n## Errors\n\n");
            for e in &totals.errors {
                out.push_str(&format!("- {}\n", code(&cell(&e.to_string()))));
            }
        }
        Ok(out)
    }
}

/// One workload's section: its title, system summary, table and borderline lines.
fn section(f: &FileScore) -> String {
    let w = &f.summary;
    let mut out = format!("\n## {} (`{}`)\n\n", cell(&w.workload), cell(&w.path));
    out.push_str(&format!("**System:** {}\n\n", cell(&w.summary)));
    let Some(first) = f.results.first() else {
        return out;
    };
    let axes: Vec<&str> = first.scores.0.iter().map(|(a, _)| *a).collect();
    out.push_str("| component | recommendation | confidence |");
    for a in &axes {
        out.push_str(&format!(" {a} |"));
    }
    let cost = first.cost.is_some();
    out.push_str(if cost {
        " declared | cost a month | key reasons |\n|---|---|---|"
    } else {
        " declared | key reasons |\n|---|---|---|"
    });
    out.push_str(&"---|".repeat(axes.len() + usize::from(cost)));
    out.push_str("---|---|\n");
    for r in &f.results {
        let conf = if r.borderline {
            format!("{:.2} (borderline)", r.confidence)
        } else {
            format!("{:.2}", r.confidence)
        };
        out.push_str(&format!(
            "| {} | `{}` | {conf} |",
            cell(r.component),
            r.recommendation
        ));
        for ((_, s), (_, t)) in r.scores.0.iter().zip(&r.thresholds.0) {
            out.push_str(&format!(" {s} / {t} |"));
        }
        let declared = match (r.architecture, r.matches) {
            (Some(a), Some(true)) => format!("`{a}` ✓"),
            (Some(a), _) => format!("`{a}` ✗"),
            (None, _) => "—".into(),
        };
        out.push_str(&format!(" {declared} |"));
        if let Some(c) = super::table::cost_cell(r) {
            out.push_str(&format!(" {c} |"));
        }
        out.push_str(&format!(" {} |\n", cell(&key_reasons(r, 3))));
    }
    let borderline: Vec<String> = f
        .results
        .iter()
        .filter_map(super::table::borderline_line)
        .chain(f.results.iter().filter_map(super::table::cost_line))
        .collect();
    if !borderline.is_empty() {
        out.push('\n');
        for line in borderline {
            out.push_str(&format!("- **{}\n", cell(&line).replacen(':', ":**", 1)));
        }
    }
    out
}
