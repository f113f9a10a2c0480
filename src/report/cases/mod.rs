//! `ragfit rules test`'s report: the verdicts of every case file, rendered
//! as text (people), JSON (tools) or JUnit XML (CI test views). Case files
//! are small and few, so the report is built whole, then rendered.

pub mod json;
pub mod junit;
pub mod text;

use serde::Serialize;

use crate::cases::FileReport;
use crate::diag::Diagnostic;
use crate::output::describe_count;

/// Version of this JSON; bumped only when a field is renamed or removed.
pub const SCHEMA_VERSION: u32 = 1;

/// Output formats of `rules test`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TestFormat {
    /// A line per case, the reasons under each failure, a summary (default).
    Text,
    /// The versioned JSON form.
    Json,
    /// JUnit XML: a test suite per case file, a test case per case.
    Junit,
}

/// Everything `rules test` reports.
#[derive(Clone, Debug, Serialize)]
pub struct TestReport {
    /// Output schema version.
    pub schema_version: u32,
    /// The rule base the cases ran against.
    pub rules: String,
    /// One entry per case file that could be read, in path order.
    pub files: Vec<FileReport>,
    /// The counts.
    pub summary: TestSummary,
    /// Case files that could not be read or are invalid.
    pub errors: Vec<Diagnostic>,
}

/// The counts of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TestSummary {
    /// Case files judged.
    pub files: usize,
    /// Cases judged.
    pub cases: usize,
    /// Cases whose every expectation held.
    pub passed: usize,
    /// Cases with at least one expectation that did not hold.
    pub failed: usize,
}

impl TestReport {
    /// The report for judged files and the problems of the others.
    pub fn new(rules: String, files: Vec<FileReport>, errors: Vec<Diagnostic>) -> Self {
        let cases: usize = files.iter().map(|f| f.cases.len()).sum();
        let failed: usize = files.iter().map(FileReport::failed).sum();
        TestReport {
            schema_version: SCHEMA_VERSION,
            rules,
            summary: TestSummary {
                files: files.len(),
                cases,
                passed: cases - failed,
                failed,
            },
            files,
            errors,
        }
    }

    /// `47 passed, 1 failed (48 cases in 1 file; rule base <embedded rules/default.yaml>)`,
    /// plus the files that could not be read.
    pub fn summary_line(&self) -> String {
        let s = &self.summary;
        let mut line = format!(
            "{} passed, {} failed ({} in {}; rule base {})",
            s.passed,
            s.failed,
            describe_count(s.cases, "case", "cases"),
            describe_count(s.files, "file", "files"),
            self.rules
        );
        let bad = invalid_files(&self.errors);
        if bad > 0 {
            line.push_str(&format!(
                "; {} could not be tested",
                describe_count(bad, "case file", "case files")
            ));
        }
        line
    }
}

/// How many distinct files the problems are about.
pub fn invalid_files(errors: &[Diagnostic]) -> usize {
    let mut paths: Vec<&str> = errors.iter().map(|d| d.path.as_str()).collect();
    paths.dedup();
    paths.len()
}

/// Why a case got its result, in lines: each axis with its score, threshold
/// and the rules that fired on it, then the gates that exclude outcomes.
pub fn decided_lines(c: &crate::cases::CaseReport) -> Vec<String> {
    let d = &c.decided_by;
    let mut lines: Vec<String> = d
        .axes
        .iter()
        .map(|a| {
            let rules = if a.rules.is_empty() {
                "no rule fired".to_string()
            } else {
                a.rules
                    .iter()
                    .map(|r| format!("{} {:+}", r.rule, r.points))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!(
                "{} {} {} {} ({}): {rules}",
                a.axis,
                a.score,
                if a.high { ">=" } else { "<" },
                a.threshold,
                if a.high { "high" } else { "low" },
            )
        })
        .collect();
    for g in &d.excluded {
        let outcomes: Vec<&str> = g.excludes.iter().map(|o| o.id()).collect();
        lines.push(format!(
            "gate {} excludes {}{}",
            g.gate,
            outcomes.join(", "),
            if g.may_apply {
                " (may apply: a factor it reads is unanswered)"
            } else {
                ""
            }
        ));
    }
    if d.table_outcome != c.got.recommendation {
        lines.push(format!(
            "the decision table gives {}; gates make it {}",
            d.table_outcome, c.got.recommendation
        ));
    }
    lines
}
