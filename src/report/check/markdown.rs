//! `check --format markdown`: a table fit for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`, then every finding with its message. It opens
//! with the summary line, so its sections wait for the end of the run
//! ([`super::Renderer::summary_first`]).

use super::{CheckTotals, Section};
use crate::check::{FileCheck, Severity, Status};
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

/// The Markdown format.
pub struct Markdown;

impl super::Renderer for Markdown {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn summary_first(&self) -> bool {
        true
    }

    fn begin(&self, totals: Option<&CheckTotals>) -> anyhow::Result<String> {
        let summary = totals.map(|t| t.summary.clone()).unwrap_or_default();
        let mut out = format!("## ragfit check\n\n{}\n", cell(&summary.line()));
        if summary.components > 0 {
            out.push_str(
                "\n| status | component | workload | declared | recommended | confidence | findings |\n\
                 |---|---|---|---|---|---|---|\n",
            );
        }
        Ok(out)
    }

    /// The file's table rows (main) and its findings (later).
    fn file(&self, f: &FileCheck) -> anyhow::Result<Section> {
        let mut rows = String::new();
        for c in &f.components {
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
            for x in &c.findings {
                let label = format!("{} {}", x.code, x.name);
                if !codes.contains(&label) {
                    codes.push(label);
                }
            }
            rows.push_str(&format!(
                "| {} | `{}` | {} (`{}:{}`) | {declared} | `{}` | {conf} | {} |\n",
                status_cell(c.status),
                cell(r.component),
                cell(r.workload),
                cell(r.path),
                c.line,
                r.recommendation,
                if codes.is_empty() {
                    "—".to_string()
                } else {
                    cell(&codes.join(", "))
                }
            ));
        }
        let mut findings = String::new();
        for x in f.findings() {
            findings.push_str(&format!(
                "- {} `{}` {} `{}:{}:{}`: {}\n",
                severity_label(x.severity),
                x.code,
                x.name,
                cell(&x.path),
                x.line,
                x.column,
                cell(&x.message)
            ));
        }
        Ok(Section {
            main: rows,
            later: vec![findings],
        })
    }

    fn later_parts(&self) -> usize {
        1
    }

    fn middle(&self, _part: usize, t: &CheckTotals) -> String {
        let s = &t.summary;
        if s.errors + s.warnings + s.notes > 0 {
            "\n### Findings\n\n".into()
        } else {
            String::new()
        }
    }

    fn end(&self, t: &CheckTotals) -> anyhow::Result<String> {
        let mut out = String::new();
        if !t.errors.is_empty() {
            out.push_str("\n### Input problems (not checked)\n\n");
            for e in &t.errors {
                out.push_str(&format!("- `{}`\n", cell(&e.to_string()).replace('`', "'")));
            }
        }
        Ok(out)
    }
}
