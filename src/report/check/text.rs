//! `check --format text`: findings grouped by file, one per line in the
//! compiler form `file:line:col: severity[code]: message`, then a summary.
//! With colour on, severities and the summary's finding counts are coloured
//! as compilers do: errors red, warnings yellow, notes cyan.

use crate::check::{CheckReport, Severity, Status};

/// Render the text report; `color` adds ANSI colours (never when off).
pub fn render(report: &CheckReport, color: bool) -> String {
    let mut out = String::new();
    let mut files: Vec<(&str, &str)> = Vec::new();
    for c in &report.components {
        let key = (c.result.path.as_str(), c.result.workload.as_str());
        if !files.contains(&key) {
            files.push(key);
        }
    }
    for (path, workload) in files {
        let comps: Vec<_> = report
            .components
            .iter()
            .filter(|c| c.result.path == path)
            .collect();
        let count = |s: Status| comps.iter().filter(|c| c.status == s).count();
        out.push_str(&format!(
            "{path} ({workload}): {} component{}, {} agree, {} disagree, {} waived, {} undeclared\n",
            comps.len(),
            if comps.len() == 1 { "" } else { "s" },
            count(Status::Agree),
            count(Status::Disagree),
            count(Status::Waived),
            count(Status::Undeclared),
        ));
        for f in report.findings.iter().filter(|f| f.path == path) {
            out.push_str(&format!(
                "{}:{}:{}: {}: {}\n",
                f.path,
                f.line,
                f.column,
                paint(f.severity, format!("{}[{}]", f.severity, f.code), color),
                f.message
            ));
        }
        out.push('\n');
    }
    // Input problems are on stderr already (as every command reports them);
    // the summary line counts them so a report file does not look clean.
    // A zero count stays plain: a red "0 errors" would read as a failure.
    out.push_str(&report.summary.line_with(|severity, count| {
        if count.starts_with("0 ") {
            count
        } else {
            paint(severity, count, color)
        }
    }));
    out.push('\n');
    out
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
