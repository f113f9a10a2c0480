//! `rules test --format text`: a line per case (`PASS`/`FAIL`), the reasons
//! under each failure, and the summary line.

use super::{decided_lines, TestReport};
use crate::output::describe_count;
use crate::report::style::ansi;

/// Render the report; `color` marks PASS green and FAIL red.
pub fn render(report: &TestReport, color: bool) -> String {
    let mut out = String::new();
    for (i, f) in report.files.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} ({})\n",
            f.path,
            describe_count(f.cases.len(), "case", "cases")
        ));
        for c in &f.cases {
            if c.passed {
                out.push_str(&format!(
                    "{} {}: {} ({:.2})\n",
                    ansi("32", "PASS", color),
                    c.name,
                    c.got.recommendation,
                    c.got.confidence
                ));
                continue;
            }
            out.push_str(&format!(
                "{} {} ({}:{}:{})\n",
                ansi("1;31", "FAIL", color),
                c.name,
                f.path,
                c.line,
                c.column
            ));
            for failure in &c.failures {
                out.push_str(&format!("     {failure}\n"));
            }
            for line in decided_lines(c) {
                out.push_str(&format!("       {line}\n"));
            }
        }
    }
    if !report.files.is_empty() {
        out.push('\n');
    }
    out.push_str(&report.summary_line());
    out.push('\n');
    out
}
