//! Renderers for `ragfit check`: one file per format. Like `score`'s, each
//! renders a report in parts — a beginning, one section per workload file
//! (in a worker thread), an end — so a review of any number of files
//! streams with flat memory.
//!
//! Formats that open with totals (the Markdown summary line, JUnit's
//! `<testsuites>` counts) say so with [`Renderer::summary_first`]: their
//! sections are spooled to a temporary file and written after the
//! beginning once the run is over. A section may also have `later` parts
//! that belong after every file's main part (Markdown's findings list).

pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::check::{CheckReport, FailOn, FileCheck, Summary};
use crate::diag::Diagnostic;
use crate::report::Assembly;
pub use crate::report::Section;
use crate::root::Root;
use crate::rules::RuleBase;

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
    /// One self-contained HTML page: per workload its quadrant, the
    /// recommendations against the declarations, findings and explanations.
    Html,
}

impl CheckFormat {
    /// The format a report file's extension names (`-o ragfit.sarif` without
    /// `--format`), if any: `json`, `sarif`, `xml` (JUnit), `md`/`markdown`,
    /// `html`/`htm` (any case).
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => CheckFormat::Json,
            "sarif" => CheckFormat::Sarif,
            "xml" => CheckFormat::Junit,
            "md" | "markdown" => CheckFormat::Markdown,
            "html" | "htm" => CheckFormat::Html,
            _ => return None,
        })
    }
}

/// What the run settles: the review's settings.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// The threshold used.
    pub fail_on: FailOn,
    /// The review date waivers were judged against.
    pub today: jiff::civil::Date,
}

/// What the end of a report needs, gathered as the run goes.
#[derive(Clone, Debug, Default)]
pub struct CheckTotals {
    /// Counts (with `input_errors` set).
    pub summary: Summary,
    /// Files that could not be checked.
    pub errors: Vec<Diagnostic>,
}

/// A check format, in parts. `file` runs in worker threads.
pub trait Renderer: Sync {
    /// What comes before the first file. `totals` is `Some` only for
    /// [`Renderer::summary_first`] formats, whose beginning is written last.
    fn begin(&self, _totals: Option<&CheckTotals>) -> anyhow::Result<String> {
        Ok(String::new())
    }
    /// One file's section; empty when the format has nothing to say about it.
    fn file(&self, f: &FileCheck) -> anyhow::Result<Section>;
    /// What goes between two non-empty main parts.
    fn separator(&self) -> &'static str {
        ""
    }
    /// How many later parts the format has.
    fn later_parts(&self) -> usize {
        0
    }
    /// What goes between two files' non-empty pieces of a later part.
    fn later_separator(&self) -> &'static str {
        ""
    }
    /// What comes before later part `part`.
    fn middle(&self, _part: usize, _totals: &CheckTotals) -> String {
        String::new()
    }
    /// What comes after everything else.
    fn end(&self, _totals: &CheckTotals) -> anyhow::Result<String> {
        Ok(String::new())
    }
    /// Whether the beginning needs the totals (then the sections wait).
    fn summary_first(&self) -> bool {
        false
    }
    /// Whether sections show each component's full explanation (then
    /// [`FileCheck::explained`] is filled).
    fn detail(&self) -> bool {
        false
    }
    /// Whether sections show near misses; a format that never does lets the
    /// run skip finding them.
    fn shows_near_misses(&self) -> bool {
        true
    }
}

/// The renderer of a format; `color` only affects `text` (the other formats
/// are read by machines or render their own styling).
pub fn renderer(
    rb: &RuleBase,
    format: CheckFormat,
    color: bool,
    settings: Settings,
    root: Option<&Root>,
) -> Box<dyn Renderer> {
    match format {
        CheckFormat::Text => Box::new(text::Text { color }),
        CheckFormat::Json => Box::new(json::Json::new(rb, settings)),
        CheckFormat::Sarif => Box::new(sarif::Sarif::new(root.cloned())),
        CheckFormat::Junit => Box::new(junit::Junit { settings }),
        CheckFormat::Github => Box::new(github::Github),
        CheckFormat::Markdown => Box::new(markdown::Markdown),
        CheckFormat::Html => Box::new(html::Html::new(rb)),
    }
}

/// Render a report held in memory, exactly as `check` streams it.
pub fn render(
    rb: &RuleBase,
    report: &CheckReport,
    format: CheckFormat,
    color: bool,
) -> anyhow::Result<String> {
    let settings = Settings {
        fail_on: report.fail_on,
        today: report.today,
    };
    let r = renderer(rb, format, color, settings, None);
    let totals = CheckTotals {
        summary: report.summary.clone(),
        errors: report.errors.clone(),
    };
    let mut parts = Assembly::default();
    for f in &report.files {
        parts.add(&r.file(f)?, r.separator(), r.later_separator());
    }
    let mut out = r.begin(r.summary_first().then_some(&totals))?;
    out.push_str(&parts.main);
    for i in 0..r.later_parts() {
        out.push_str(&r.middle(i, &totals));
        out.push_str(parts.later.get(i).map_or("", String::as_str));
    }
    out.push_str(&r.end(&totals)?);
    Ok(out)
}
