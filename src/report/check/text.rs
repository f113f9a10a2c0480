//! `check --format text`: findings grouped by file, one per line in the
//! compiler form `file:line:col: severity[code]: message`, then a summary.
//! With colour on, severities and the summary's finding counts are coloured
//! as compilers do: errors red, warnings yellow, notes cyan.

use super::{CheckTotals, Section};
use crate::check::{FileCheck, Severity, Status};

/// The text format; `color` adds ANSI colours (never when off).
pub struct Text {
    /// Whether to colour severities and counts.
    pub color: bool,
}

impl super::Renderer for Text {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn file(&self, f: &FileCheck) -> anyhow::Result<Section> {
        let comps = &f.components;
        let count = |s: Status| comps.iter().filter(|c| c.status == s).count();
        let mut out = format!(
            "{} ({}): {} component{}, {} agree, {} disagree, {} waived, {} undeclared\n",
            f.path,
            f.workload,
            comps.len(),
            if comps.len() == 1 { "" } else { "s" },
            count(Status::Agree),
            count(Status::Disagree),
            count(Status::Waived),
            count(Status::Undeclared),
        );
        for x in f.findings() {
            out.push_str(&format!(
                "{}:{}:{}: {}: {}\n",
                x.path,
                x.line,
                x.column,
                paint(
                    x.severity,
                    format!("{}[{}]", x.severity, x.code),
                    self.color
                ),
                x.message
            ));
        }
        out.push('\n');
        Ok(out.into())
    }

    fn end(&self, t: &CheckTotals) -> anyhow::Result<String> {
        // Input problems are on stderr already (as every command reports them);
        // the summary line counts them so a report file does not look clean.
        // A zero count stays plain: a red "0 errors" would read as a failure.
        let mut out = t.summary.line_with(|severity, count| {
            if count.starts_with("0 ") {
                count
            } else {
                paint(severity, count, self.color)
            }
        });
        out.push('\n');
        Ok(out)
    }
}

/// `text` in the severity's colour (bold, as compilers print it) when `color`.
fn paint(severity: Severity, text: String, color: bool) -> String {
    let code = match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Note => "1;36",
    };
    crate::report::style::ansi(code, &text, color)
}
