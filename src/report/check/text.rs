//! `check --format text`: findings grouped by file, one per line in the
//! compiler form `file:line:col: severity[code]: message`, then a summary.

use crate::check::{CheckReport, Status};

/// Render the text report.
pub fn render(report: &CheckReport) -> String {
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
                "{}:{}:{}: {}[{}]: {}\n",
                f.path, f.line, f.column, f.severity, f.code, f.message
            ));
        }
        out.push('\n');
    }
    // Input problems are on stderr already (as every command reports them);
    // the summary line counts them so a report file does not look clean.
    out.push_str(&report.summary.line());
    out.push('\n');
    out
}
