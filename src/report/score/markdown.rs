//! Markdown output: a table per workload, fit for a PR comment or a design doc.

use super::table::key_reasons;
use super::ScoreReport;
use crate::report::style::markdown::{cell, code};

/// Render the report as Markdown.
pub fn render(report: &ScoreReport) -> String {
    let mut out = String::from("# ragfit recommendations\n");
    for w in &report.workloads {
        out.push_str(&format!(
            "\n## {} (`{}`)\n\n",
            cell(&w.workload),
            cell(&w.path)
        ));
        out.push_str(&format!("**System:** {}\n\n", cell(&w.summary)));
        let results: Vec<_> = report
            .results
            .iter()
            .filter(|r| r.path == w.path && r.workload == w.workload)
            .collect();
        let Some(first) = results.first() else {
            continue;
        };
        let axes: Vec<&str> = first.scores.0.iter().map(|(a, _)| a.as_str()).collect();
        out.push_str("| component | recommendation | confidence |");
        for a in &axes {
            out.push_str(&format!(" {a} |"));
        }
        out.push_str(" declared | key reasons |\n|---|---|---|");
        out.push_str(&"---|".repeat(axes.len()));
        out.push_str("---|---|\n");
        for r in results {
            let conf = if r.borderline {
                format!("{:.2} (borderline)", r.confidence)
            } else {
                format!("{:.2}", r.confidence)
            };
            out.push_str(&format!(
                "| {} | `{}` | {conf} |",
                cell(&r.component),
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
            out.push_str(&format!(" {declared} | {} |\n", cell(&key_reasons(r, 3))));
        }
        let borderline: Vec<String> = report
            .results
            .iter()
            .filter(|r| r.path == w.path && r.workload == w.workload)
            .filter_map(super::table::borderline_line)
            .collect();
        if !borderline.is_empty() {
            out.push('\n');
            for line in borderline {
                out.push_str(&format!("- **{}\n", cell(&line).replacen(':', ":**", 1)));
            }
        }
    }
    if !report.errors.is_empty() {
        out.push_str("\n## Errors\n\n");
        for e in &report.errors {
            out.push_str(&format!("- {}\n", code(&cell(&e.to_string()))));
        }
    }
    out
}
