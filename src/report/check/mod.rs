//! Renderers for `ragfit check`: one file per format, all reading the same
//! [`CheckReport`](crate::check::CheckReport).

pub mod github;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::check::CheckReport;

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Human-readable, grouped by file (default).
    Text,
    /// The versioned JSON report.
    Json,
    /// SARIF 2.1.0, for code scanning and SARIF viewers.
    Sarif,
    /// JUnit XML: one test case per component.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A Markdown table for a pull-request comment.
    Markdown,
}

/// Render a check report in a format; `color` only affects `text` (the
/// other formats are read by machines or render their own styling).
pub fn render(report: &CheckReport, format: CheckFormat, color: bool) -> anyhow::Result<String> {
    Ok(match format {
        CheckFormat::Text => text::render(report, color),
        CheckFormat::Json => crate::report::style::json(report)?,
        CheckFormat::Sarif => sarif::render(report)?,
        CheckFormat::Junit => junit::render(report)?,
        CheckFormat::Github => github::render(report),
        CheckFormat::Markdown => markdown::render(report),
    })
}
