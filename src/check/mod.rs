//! The CI review behind `ragfit check`: compare each component's declared
//! `architecture` with the recommendation and turn what disagrees into
//! [`Finding`]s with stable codes.
//!
//! Pure: the date waivers are judged against is an input, so results are
//! deterministic and testable.
//!
//! Waiver semantics:
//! - a waiver covers a mismatch ([`Code::Mismatch`] or [`Code::BorderlineMismatch`])
//!   up to and including its `expires` date; the mismatch becomes a
//!   [`Code::WaivedMismatch`] note carrying the reason and the date;
//! - after that date the waiver is [`Code::ExpiredWaiver`] (an error) and covers
//!   nothing, so the mismatch is reported as well;
//! - an unexpired waiver on a component with no mismatch (the declaration
//!   matches, or nothing is declared) is [`Code::UnusedWaiver`] (a warning): it
//!   waives nothing today and would silently cover a future mismatch;
//! - a waiver never covers the other findings (undeclared, unanswered).

mod codes;
mod review;

use serde::Serialize;

pub use codes::{listing, Code, Severity};
pub use review::review_component;

use crate::diag::Diagnostic;
use crate::engine::Assessment;
use crate::result::ComponentResult;
use crate::rules::{Outcome, RuleBase};
use crate::workload::{Component, Workload};

/// Version of `check --format json`; bumped only when a field is renamed or removed.
pub const SCHEMA_VERSION: u32 = 1;

/// The lowest severity that fails the build (`--fail-on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Errors fail (default).
    Error,
    /// Errors and warnings fail.
    Warning,
    /// Nothing fails; findings are only reported.
    Never,
}

impl FailOn {
    /// Whether a finding of this severity fails the build.
    pub fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Never => false,
        }
    }
}

/// What the review needs besides the files.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The day waivers are judged against: a waiver expiring today still holds.
    pub today: jiff::civil::Date,
    /// Treat a missing `architecture:` as an error.
    pub require_declared: bool,
    /// The threshold that decides exit 1.
    pub fail_on: FailOn,
}

/// A waiver as reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WaiverInfo {
    /// Why the mismatch is accepted.
    pub reason: String,
    /// Last day the waiver holds (`YYYY-MM-DD`).
    pub expires: String,
    /// Whether it had expired on the review date.
    pub expired: bool,
}

/// One problem (or note) about one component.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code (`RF001`).
    pub code: Code,
    /// The code's kebab-case name.
    pub name: &'static str,
    /// Error, warning or note.
    pub severity: Severity,
    /// Workload file, as named to the user.
    pub path: String,
    /// 1-based line of the component's `architecture:` key (else `name:`).
    pub line: usize,
    /// 1-based column of that key.
    pub column: usize,
    /// Workload name.
    pub workload: String,
    /// Component name.
    pub component: String,
    /// The factor concerned, for unanswered-factor findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The waiver involved, for waiver findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<WaiverInfo>,
}

impl Finding {
    /// A key that identifies the finding across runs and line moves: path,
    /// workload, component, code and factor (never the line).
    pub fn identity(&self) -> String {
        format!(
            "{}\0{}\0{}\0{}\0{}",
            self.path,
            self.workload,
            self.component,
            self.code.id(),
            self.factor.as_deref().unwrap_or("")
        )
    }
}

/// How a component's declaration compares with the recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Declared and matching.
    Agree,
    /// Declared and different, not covered by a valid waiver.
    Disagree,
    /// Declared and different, covered by an unexpired waiver.
    Waived,
    /// Nothing declared.
    Undeclared,
}

/// One component as reviewed: its recommendation and how it compares.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentCheck {
    /// The recommendation, as in `score --format json`.
    #[serde(flatten)]
    pub result: ComponentResult,
    /// How the declaration compares.
    pub status: Status,
    /// Line of the component's anchor (`architecture:`, else `name:`).
    pub line: usize,
    /// Column of that anchor.
    pub column: usize,
    /// The component's waiver, if it has one.
    pub waiver: Option<WaiverInfo>,
}

/// Counts for the summary line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Components reviewed.
    pub components: usize,
    /// Declared and matching.
    pub agree: usize,
    /// Declared and different, not waived.
    pub disagree: usize,
    /// Declared and different, waived.
    pub waived: usize,
    /// Nothing declared.
    pub undeclared: usize,
    /// Findings that are errors.
    pub errors: usize,
    /// Findings that are warnings.
    pub warnings: usize,
    /// Findings that are notes.
    pub notes: usize,
    /// Findings at or above `--fail-on`.
    pub failing: usize,
    /// Input problems (unreadable or invalid files).
    pub input_errors: usize,
}

impl Summary {
    /// "N components, N agree, N disagree, N waived, N undeclared; N errors, ...".
    pub fn line(&self) -> String {
        self.line_with(|_, count| count)
    }

    /// [`Summary::line`] with each finding count (`2 errors`) passed through
    /// `style` with its severity, so the text report can colour them (input
    /// problems count as errors).
    pub fn line_with(&self, style: impl Fn(Severity, String) -> String) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut s = format!(
            "{}, {} agree, {} disagree, {} waived, {} undeclared; {}, {}, {}",
            plural(self.components, "component"),
            self.agree,
            self.disagree,
            self.waived,
            self.undeclared,
            style(Severity::Error, plural(self.errors, "error")),
            style(Severity::Warning, plural(self.warnings, "warning")),
            style(Severity::Note, plural(self.notes, "note")),
        );
        if self.input_errors > 0 {
            s.push_str(&format!(
                "; {} (nothing was checked there)",
                style(Severity::Error, plural(self.input_errors, "input problem"))
            ));
        }
        s
    }
}

/// Everything `check` reports; `--format json` is its serialization.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    /// Output schema version.
    pub schema_version: u32,
    /// The threshold used.
    pub fail_on: FailOn,
    /// The review date (`YYYY-MM-DD`) waivers were judged against.
    pub today: String,
    /// Counts.
    pub summary: Summary,
    /// Every component, by path then component order.
    pub components: Vec<ComponentCheck>,
    /// Every finding, by path then component order.
    pub findings: Vec<Finding>,
    /// Files that could not be checked.
    pub errors: Vec<Diagnostic>,
}

impl CheckReport {
    /// Findings at or above the `--fail-on` threshold.
    pub fn failing(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| self.fail_on.fails(f.severity))
    }

    /// Findings about one component.
    pub fn findings_for<'a>(&'a self, c: &'a ComponentCheck) -> impl Iterator<Item = &'a Finding> {
        self.findings
            .iter()
            .filter(|f| f.path == c.result.path && f.component == c.result.component)
    }
}

/// Review assessed workloads; `files` pairs each workload with its assessments
/// in component order.
pub fn review<'a>(
    rb: &RuleBase,
    files: impl IntoIterator<Item = (&'a Workload, &'a [Assessment])>,
    errors: Vec<Diagnostic>,
    opts: &Options,
) -> CheckReport {
    let mut components = Vec::new();
    let mut findings = Vec::new();
    for (w, assessments) in files {
        for (c, a) in w.components.iter().zip(assessments) {
            let (check, mut found) = review_component(rb, w, c, a, opts);
            components.push(check);
            findings.append(&mut found);
        }
    }
    let mut summary = Summary {
        components: components.len(),
        input_errors: errors.len(),
        ..Summary::default()
    };
    for c in &components {
        match c.status {
            Status::Agree => summary.agree += 1,
            Status::Disagree => summary.disagree += 1,
            Status::Waived => summary.waived += 1,
            Status::Undeclared => summary.undeclared += 1,
        }
    }
    for f in &findings {
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Note => summary.notes += 1,
        }
        if opts.fail_on.fails(f.severity) {
            summary.failing += 1;
        }
    }
    CheckReport {
        schema_version: SCHEMA_VERSION,
        fail_on: opts.fail_on,
        today: opts.today.to_string(),
        summary,
        components,
        findings,
        errors,
    }
}

#[cfg(test)]
mod tests;
