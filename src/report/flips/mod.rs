//! Renderers for `ragfit diff`, one file per format, streamed like the
//! others: a beginning, one section per compared file, an end. Markdown
//! opens with the totals, so its sections wait in a spool
//! ([`Renderer::summary_first`]).

pub mod json;
pub mod markdown;
pub mod text;

use crate::diag::Diagnostic;
use crate::flips::{DiffSummary, FileDiff, Side};

/// Output formats of `diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Human-readable, grouped by file (default).
    Text,
    /// A table for a pull-request comment.
    Markdown,
    /// The versioned JSON report.
    Json,
}

/// What is compared with what, as the report names them.
#[derive(Clone, Debug)]
pub struct Sides {
    /// The old side: a git revision, or the OLD path.
    pub base: String,
    /// The new side: `work tree`, or the NEW path.
    pub head: String,
}

/// What the end of a report needs.
#[derive(Clone, Debug, Default)]
pub struct DiffTotals {
    /// Counts.
    pub summary: DiffSummary,
    /// Files that could not be compared.
    pub errors: Vec<Diagnostic>,
}

/// A diff format, in parts.
pub trait Renderer {
    /// What comes before the first file (`totals` only for summary-first formats).
    fn begin(&self, totals: Option<&DiffTotals>) -> anyhow::Result<String>;
    /// One file's section; empty when nothing in it changed.
    fn file(&self, f: &FileDiff) -> anyhow::Result<String>;
    /// What goes between two non-empty sections.
    fn separator(&self) -> &'static str {
        ""
    }
    /// What comes after everything else.
    fn end(&self, totals: &DiffTotals) -> anyhow::Result<String>;
    /// Whether the beginning needs the totals.
    fn summary_first(&self) -> bool {
        false
    }
}

/// The renderer of a format.
pub fn renderer(format: DiffFormat, sides: Sides) -> Box<dyn Renderer> {
    match format {
        DiffFormat::Text => Box::new(text::Text { sides }),
        DiffFormat::Markdown => Box::new(markdown::Markdown { sides }),
        DiffFormat::Json => Box::new(json::Json { sides }),
    }
}

/// `rag 0.71` — a side's recommendation and confidence, for text formats.
fn result_text(s: &Side) -> String {
    format!("{} {:.2}", s.recommendation, s.confidence)
}

/// `old → new`, or just the value when both are equal.
fn arrow<T: PartialEq + std::fmt::Display>(old: T, new: T) -> String {
    if old == new {
        new.to_string()
    } else {
        format!("{old} → {new}")
    }
}

/// A status as the reports name it.
fn status_text(s: crate::check::Status) -> &'static str {
    use crate::check::Status::*;
    match s {
        Agree => "agree",
        Disagree => "disagree",
        Waived => "waived",
        Undeclared => "undeclared",
    }
}

/// A declared architecture, or `none`.
fn declared(a: Option<crate::rules::Outcome>) -> String {
    a.map_or_else(|| "none".to_string(), |o| o.to_string())
}
