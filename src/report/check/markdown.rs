//! `check --format markdown`: a table fit for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`, then every finding with its message.

use crate::check::{CheckReport, Severity, Status};
use crate::report::style::markdown::cell;

fn status_cell(s: Status) -> &'static str {
    match s {
        Status::Agree => "✅ agree",
        Status::Disagree => "❌ disagree",
        Status::Waived => "🟡 waived",
        Status::Undeclared => "⚪ undeclared",
    }
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "❌ **error**",
        Severity::Warning => "⚠️ warning",
        Severity::Note => "ℹ️ note",
    }
}

/// Render the Markdown report.
pub fn render(report: &CheckReport) -> String {
    let mut out = String::from("## ragfit check\n\n");
    out.push_str(&format!("{}\n", cell(&report.summary.line())));
    if !report.components.is_empty() {
        out.push_str(
            "\n| status | component | workload | declared | recommended | confidence | findings |\n\
             |---|---|---|---|---|---|---|\n",
        );
    }
    for c in &report.components {
        let r = &c.result;
        let declared = r
            .architecture
            .map_or_else(|| "—".to_string(), |a| format!("`{a}`"));
        let conf = if r.borderline {
            format!("{:.2} (borderline)", r.confidence)
        } else {
            format!("{:.2}", r.confidence)
        };
        let mut codes: Vec<String> = Vec::new();
        for f in report.findings_for(c) {
            let label = format!("{} {}", f.code, f.name);
            if !codes.contains(&label) {
                codes.push(label);
            }
        }
        out.push_str(&format!(
            "| {} | `{}` | {} (`{}:{}`) | {declared} | `{}` | {conf} | {} |\n",
            status_cell(c.status),
            cell(&r.component),
            cell(&r.workload),
            cell(&r.path),
            c.line,
            r.recommendation,
            if codes.is_empty() {
                "—".to_string()
            } else {
                cell(&codes.join(", "))
            }
        ));
    }
    if !report.findings.is_empty() {
        out.push_str("\n### Findings\n\n");
        for f in &report.findings {
            out.push_str(&format!(
                "- {} `{}` {} `{}:{}:{}`: {}\n",
                severity_label(f.severity),
                f.code,
                f.name,
                cell(&f.path),
                f.line,
                f.column,
                cell(&f.message)
            ));
        }
    }
    if !report.errors.is_empty() {
        out.push_str("\n### Input problems (not checked)\n\n");
        for e in &report.errors {
            out.push_str(&format!("- `{}`\n", cell(&e.to_string()).replace('`', "'")));
        }
    }
    out
}
