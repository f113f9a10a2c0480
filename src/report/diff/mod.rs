//! `ragfit rules diff`'s report, streamed: a beginning, each file's changes
//! as the files come (in path order), an end with the counts. Nothing holds
//! more than one file's changes, so memory stays flat however many files.

pub mod json;
pub mod markdown;
pub mod text;

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::diff::{Cause, Change};
use crate::output::describe_count;

/// Version of this JSON; bumped only when a field is renamed or removed.
pub const SCHEMA_VERSION: u32 = 1;

/// Output formats of `rules diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// A block per changed component with the causes under it (default).
    Text,
    /// A table, for a pull-request comment.
    Markdown,
    /// The versioned JSON form.
    Json,
}

/// The two rule bases compared.
#[derive(Clone, Debug, Serialize)]
pub struct Header {
    /// The old rule base's origin.
    pub old: String,
    /// The new rule base's origin.
    pub new: String,
}

/// The counts, known at the end.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DiffTotals {
    /// Workload files compared.
    pub files: usize,
    /// Components compared.
    pub components: usize,
    /// Components whose recommendation or band changed.
    pub changed: usize,
    /// Of those, the ones whose recommendation changed.
    pub recommendation_changed: usize,
    /// Files that could not be compared.
    #[serde(skip)]
    pub errors: Vec<Diagnostic>,
}

impl DiffTotals {
    /// `3 of 13 components change (2 recommendations) in 4 files`.
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} of {} change{} ({} recommendation{}, {} confidence band{} only) across {}",
            self.changed,
            describe_count(self.components, "component", "components"),
            if self.changed == 1 { "s" } else { "" },
            self.recommendation_changed,
            if self.recommendation_changed == 1 {
                ""
            } else {
                "s"
            },
            self.changed - self.recommendation_changed,
            if self.changed - self.recommendation_changed == 1 {
                ""
            } else {
                "s"
            },
            describe_count(self.files, "file", "files"),
        );
        if !self.errors.is_empty() {
            let mut paths: Vec<&str> = self.errors.iter().map(|d| d.path.as_str()).collect();
            paths.dedup();
            s.push_str(&format!(
                "; {} could not be compared",
                describe_count(paths.len(), "file", "files")
            ));
        }
        s
    }
}

/// A diff format, written in parts.
pub trait Renderer {
    /// What comes before the first change.
    fn begin(&mut self, h: &Header) -> anyhow::Result<String>;
    /// One file's changes (never empty).
    fn file(&mut self, changes: &[Change]) -> anyhow::Result<String>;
    /// What comes after the last change.
    fn end(&mut self, t: &DiffTotals) -> anyhow::Result<String>;
}

/// The renderer of a format.
pub fn renderer(format: DiffFormat, color: bool) -> Box<dyn Renderer> {
    match format {
        DiffFormat::Text => Box::new(text::Text { color }),
        DiffFormat::Markdown => Box::new(markdown::Markdown::default()),
        DiffFormat::Json => Box::new(json::Json::default()),
    }
}

/// `rag (0.82, high)`.
pub fn side(s: &crate::diff::Side) -> String {
    format!(
        "{} ({:.2}, {})",
        s.recommendation,
        s.confidence,
        s.band.id()
    )
}

/// `threshold knowledge: 4 → 5`, `rule tight-latency: does not fire → behavior +1`.
pub fn cause(c: &Cause) -> String {
    let what = if c.id.is_empty() {
        c.kind.to_string()
    } else {
        format!("{} {}", c.kind, c.id)
    };
    format!("{what}: {} → {}", c.old, c.new)
}
