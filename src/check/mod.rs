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
//! - after that date the waiver covers nothing: on a component that still
//!   disagrees it is [`Code::ExpiredWaiver`] (an error) and the mismatch is
//!   reported as well;
//! - a waiver on a component with no mismatch (the declaration matches, or
//!   nothing is declared) is [`Code::UnusedWaiver`] (a warning), expired or
//!   not: it waives nothing today (an expired one is stale) and an unexpired
//!   one would silently cover a future mismatch;
//! - a waiver that covers a mismatch and expires within
//!   [`Options::waiver_warn_days`] days adds [`Code::ExpiringWaiver`] (a
//!   warning with the date), so the expiry does not break a build unannounced;
//! - a waiver never covers the other findings (undeclared, unanswered).
//!
//! [`Options::ignore`] drops findings by code after the review (they are
//! counted as ignored, never silently).

pub mod baseline;
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

/// Version of `check --format json`; bumped only when a field is renamed or
/// removed. Version 2 made results refer to rule texts by id (as `score`'s)
/// and put each component's findings in the component.
pub const SCHEMA_VERSION: u32 = 2;

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
#[derive(Clone, Debug)]
pub struct Options {
    /// The day waivers are judged against: a waiver expiring today still holds.
    pub today: jiff::civil::Date,
    /// Treat a missing `architecture:` as an error.
    pub require_declared: bool,
    /// The threshold that decides exit 1.
    pub fail_on: FailOn,
    /// A confidence (as shown, at two decimals) below this is [`Code::LowConfidence`].
    pub min_confidence: Option<f64>,
    /// Factors (indices into the rule base) that must be answered
    /// ([`Code::MissingRequiredAnswer`]).
    pub require_answers: Vec<usize>,
    /// A covering waiver with fewer than this many days left (its last day
    /// counts as 0) is [`Code::ExpiringWaiver`]; 0 turns the warning off.
    pub waiver_warn_days: i64,
    /// Codes whose findings are dropped (and counted as ignored).
    pub ignore: Vec<Code>,
}

/// Days before expiry at which a covering waiver is announced, by default.
pub const DEFAULT_WAIVER_WARN_DAYS: i64 = 30;

impl Options {
    /// Options with nothing but the date and threshold set: no minimum, no
    /// required answers, the default warning period, nothing ignored.
    pub fn new(today: jiff::civil::Date, fail_on: FailOn) -> Self {
        Options {
            today,
            require_declared: false,
            fail_on,
            min_confidence: None,
            require_answers: Vec::new(),
            waiver_warn_days: DEFAULT_WAIVER_WARN_DAYS,
            ignore: Vec::new(),
        }
    }
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
    /// A stable fingerprint (see [`Finding::identity`]): what baselines and
    /// SARIF `partialFingerprints` match findings by.
    pub fingerprint: String,
}

impl Finding {
    /// A key that identifies the finding across runs and line moves: path,
    /// workload, component, code and factor (never the line).
    pub fn identity(&self) -> String {
        identity(
            &self.path,
            &self.workload,
            &self.component,
            self.code.id(),
            self.factor.as_deref(),
        )
    }
}

/// [`Finding::identity`] from its parts (a baseline read back has only these).
pub fn identity(
    path: &str,
    workload: &str,
    component: &str,
    code: &str,
    factor: Option<&str>,
) -> String {
    format!(
        "{path}\0{workload}\0{component}\0{code}\0{}",
        factor.unwrap_or("")
    )
}

/// A stable fingerprint of an identity: FNV-1a 64 (a fixed, documented
/// algorithm, unlike std's `DefaultHasher`), in hex.
pub fn fingerprint(identity: &str) -> String {
    fingerprint_of(&[identity])
}

/// [`fingerprint`] of the identity made of `parts` (joined by NUL, as
/// [`identity`] joins them), without building it: FNV-1a reads bytes in
/// order, so hashing the parts and separators one after another is hashing
/// the joined string (a check run fingerprints every finding).
fn fingerprint_of(parts: &[&str]) -> String {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h.write(b"\0");
        }
        h.write(part.as_bytes());
    }
    format!("{:016x}", h.finish())
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

/// One component as reviewed: its recommendation, how it compares, and
/// what the review found.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentCheck<'a> {
    /// The recommendation, as `score` gives it.
    #[serde(flatten)]
    pub result: ComponentResult<'a>,
    /// How the declaration compares.
    pub status: Status,
    /// Line of the component's anchor (`architecture:`, else `name:`).
    pub line: usize,
    /// Column of that anchor.
    pub column: usize,
    /// The component's waiver, if it has one.
    pub waiver: Option<WaiverInfo>,
    /// What the review found, in a fixed order (see [`review_component`]).
    pub findings: Vec<Finding>,
    /// Findings dropped by [`Options::ignore`].
    #[serde(skip)]
    pub ignored: usize,
    /// Findings dropped because a baseline accepts them.
    #[serde(skip)]
    pub baselined: usize,
}

/// One workload file as reviewed: the unit `check` streams.
#[derive(Clone, Debug, Serialize)]
pub struct FileCheck<'a> {
    /// The workload file, as named to the user.
    pub path: String,
    /// The file relative to the project root (`/`-separated), when it lies
    /// under it: what SARIF URIs and fingerprints use, so they do not depend
    /// on the directory ragfit ran in. Set by [`FileCheck::locate`].
    #[serde(skip)]
    pub root_path: Option<String>,
    /// Its workload name.
    pub workload: String,
    /// Its components, in file order.
    pub components: Vec<ComponentCheck<'a>>,
    /// The workload's description (for the HTML report).
    #[serde(skip)]
    pub description: Option<String>,
    /// Each component's full explanation, for formats that show it (the
    /// run fills it when the renderer asks); empty otherwise.
    #[serde(skip)]
    pub explained: Vec<crate::report::explain::ComponentExplain<'a>>,
}

impl FileCheck<'_> {
    /// Place the file under the project root: `root_path` as
    /// [`FileCheck::root_path`], and every fingerprint computed from it (from
    /// the path as shown when the file is outside the root).
    pub fn locate(&mut self, root_path: Option<String>) {
        self.root_path = root_path;
        let path = self.root_path.as_deref().unwrap_or(&self.path);
        for c in &mut self.components {
            for f in &mut c.findings {
                f.fingerprint = fingerprint_of(&[
                    path,
                    &f.workload,
                    &f.component,
                    f.code.id(),
                    f.factor.as_deref().unwrap_or(""),
                ]);
            }
        }
    }

    /// Every finding of the file, in component order.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.components.iter().flat_map(|c| c.findings.iter())
    }
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
    /// Findings dropped by `--ignore` / `ignore:`.
    pub ignored: usize,
    /// Findings the `--baseline` accepts (not reported, never failing).
    pub baselined: usize,
    /// Baseline entries that no longer occur (fixed since the baseline was written).
    pub baseline_gone: usize,
    /// Components with a finding at or above `--fail-on` (JUnit's failures).
    #[serde(skip)]
    pub failing_components: usize,
}

impl Summary {
    /// Count one file's components and findings.
    pub fn add(&mut self, f: &FileCheck, fail_on: FailOn) {
        for c in &f.components {
            self.components += 1;
            match c.status {
                Status::Agree => self.agree += 1,
                Status::Disagree => self.disagree += 1,
                Status::Waived => self.waived += 1,
                Status::Undeclared => self.undeclared += 1,
            }
            self.failing_components +=
                usize::from(c.findings.iter().any(|f| fail_on.fails(f.severity)));
            self.ignored += c.ignored;
            self.baselined += c.baselined;
            for f in &c.findings {
                match f.severity {
                    Severity::Error => self.errors += 1,
                    Severity::Warning => self.warnings += 1,
                    Severity::Note => self.notes += 1,
                }
                self.failing += usize::from(fail_on.fails(f.severity));
            }
        }
    }

    /// Add another part's counts.
    pub fn merge(&mut self, o: &Summary) {
        self.components += o.components;
        self.agree += o.agree;
        self.disagree += o.disagree;
        self.waived += o.waived;
        self.undeclared += o.undeclared;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.notes += o.notes;
        self.failing += o.failing;
        self.input_errors += o.input_errors;
        self.ignored += o.ignored;
        self.baselined += o.baselined;
        self.baseline_gone += o.baseline_gone;
        self.failing_components += o.failing_components;
    }

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
        if self.ignored > 0 {
            s.push_str(&format!("; {} ignored", self.ignored));
        }
        if self.baselined > 0 || self.baseline_gone > 0 {
            s.push_str(&format!("; {} in the baseline", self.baselined));
            if self.baseline_gone > 0 {
                s.push_str(&format!(
                    " ({} no longer {})",
                    plural(self.baseline_gone, "baseline entry").replace("entrys", "entries"),
                    if self.baseline_gone == 1 {
                        "occurs"
                    } else {
                        "occur"
                    }
                ));
            }
        }
        if self.input_errors > 0 {
            s.push_str(&format!(
                "; {} (nothing was checked there)",
                style(Severity::Error, plural(self.input_errors, "input problem"))
            ));
        }
        s
    }
}

/// A whole review held at once: what the streamed report adds up to, for
/// tests and callers that review a few files. `check` itself streams
/// [`FileCheck`]s and keeps only the [`Summary`].
#[derive(Clone, Debug)]
pub struct CheckReport<'a> {
    /// The threshold used.
    pub fail_on: FailOn,
    /// The review date waivers were judged against.
    pub today: jiff::civil::Date,
    /// Counts.
    pub summary: Summary,
    /// Every file, in path order.
    pub files: Vec<FileCheck<'a>>,
    /// Files that could not be checked.
    pub errors: Vec<Diagnostic>,
}

impl<'a> CheckReport<'a> {
    /// Every component, by path then component order.
    pub fn components(&self) -> impl Iterator<Item = &ComponentCheck<'a>> {
        self.files.iter().flat_map(|f| f.components.iter())
    }

    /// Every finding, by path then component order.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(FileCheck::findings)
    }

    /// Findings at or above the `--fail-on` threshold.
    pub fn failing(&self) -> impl Iterator<Item = &Finding> {
        self.findings().filter(|f| self.fail_on.fails(f.severity))
    }
}

/// Review one assessed workload file (`assessments` in component order).
pub fn review_file<'a>(
    rb: &'a RuleBase,
    w: &'a Workload,
    assessments: &[Assessment],
    opts: &Options,
) -> FileCheck<'a> {
    let mut f = FileCheck {
        path: w.path.clone(),
        root_path: None,
        workload: w.name.clone(),
        components: w
            .components
            .iter()
            .zip(assessments)
            .map(|(c, a)| review_component(rb, w, c, a, opts))
            .collect(),
        description: w.description.clone(),
        explained: Vec::new(),
    };
    f.locate(None);
    f
}

/// Review assessed workloads; `files` pairs each workload with its assessments
/// in component order.
pub fn review<'a>(
    rb: &'a RuleBase,
    files: impl IntoIterator<Item = (&'a Workload, &'a [Assessment])>,
    errors: Vec<Diagnostic>,
    opts: &Options,
) -> CheckReport<'a> {
    let mut summary = Summary {
        input_errors: errors.len(),
        ..Summary::default()
    };
    let files: Vec<FileCheck> = files
        .into_iter()
        .map(|(w, a)| review_file(rb, w, a, opts))
        .collect();
    for f in &files {
        summary.add(f, opts.fail_on);
    }
    CheckReport {
        fail_on: opts.fail_on,
        today: opts.today,
        summary,
        files,
        errors,
    }
}

#[cfg(test)]
mod tests;
