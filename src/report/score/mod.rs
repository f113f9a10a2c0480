//! `score`'s report and its renderers: one file per format, each rendering a
//! report in three parts — a beginning, one section per workload file, an
//! end — so that a run streams: files are rendered in worker threads as they
//! are assessed and written in path order, and nothing holds the whole corpus.

pub mod csv;
pub mod fit;
pub mod html;
pub mod json;
pub mod markdown;
pub mod svg;
pub mod table;

use crate::diag::Diagnostic;
use crate::pipeline::Assessed;
use crate::report::chart::Quadrant;
use crate::report::explain::{component_explain, ComponentExplain};
use crate::report::{Assembly, Section};
use crate::result::cost::Costing;
use crate::result::{self, AnswerValue, ComponentResult, OverrideEntry, WorkloadSummary};
use crate::rules::{Outcome, RuleBase};

pub use crate::result::compact::SCHEMA_VERSION;

/// One workload file's results, as every score renderer sees them.
#[derive(Clone, Debug)]
pub struct FileScore<'a> {
    /// The workload file.
    pub path: String,
    /// One result per component, in component order.
    pub results: Vec<ComponentResult<'a>>,
    /// How the techniques divide the workload.
    pub summary: WorkloadSummary,
    /// Answers that `--set` changed in this file.
    pub overrides: Vec<OverrideEntry>,
    /// The workload's description, if any.
    pub description: Option<String>,
    /// Each component's full explanation, in component order, for formats
    /// that show it ([`Renderer::detail`]); empty otherwise.
    pub explained: Vec<ComponentExplain<'a>>,
}

impl<'a> FileScore<'a> {
    /// The results of one assessed file, with each component's full
    /// explanation when `detail` (formats that show it, such as HTML) and
    /// its costs when `costing` is given.
    pub fn with_detail(
        rb: &'a RuleBase,
        a: &'a Assessed,
        detail: bool,
        costing: Option<&Costing>,
    ) -> Self {
        let texts = if detail {
            result::Texts::Included
        } else {
            result::Texts::Omitted
        };
        let mut f = FileScore::build(rb, a, costing, texts);
        if detail {
            let w = &a.workload;
            f.explained = (0..w.components.len())
                .map(|ci| component_explain(rb, w, ci, &a.assessments[ci], &a.changes))
                .collect();
        }
        f
    }

    /// The results of one assessed file.
    pub fn of(rb: &'a RuleBase, a: &'a Assessed) -> Self {
        Self::with_costs(rb, a, None)
    }

    /// The results of one assessed file, with each component's costs when
    /// `costing` is given.
    pub fn with_costs(rb: &'a RuleBase, a: &'a Assessed, costing: Option<&Costing>) -> Self {
        Self::build(rb, a, costing, result::Texts::Omitted)
    }

    fn build(
        rb: &'a RuleBase,
        a: &'a Assessed,
        costing: Option<&Costing>,
        texts: result::Texts,
    ) -> Self {
        let w = &a.workload;
        let results: Vec<ComponentResult> = w
            .components
            .iter()
            .zip(&a.assessments)
            .map(|(c, asm)| {
                let mut r = result::component_result(rb, w, c, asm, texts);
                if let Some(costing) = costing {
                    costing.add_to(&mut r, &c.answers);
                }
                r
            })
            .collect();
        FileScore {
            path: w.path.clone(),
            summary: result::workload_summary(w, &results),
            overrides: a
                .changes
                .iter()
                .map(|ch| OverrideEntry {
                    path: w.path.clone(),
                    component: w.components[ch.component].name.clone(),
                    factor: rb.factors[ch.factor].id.clone(),
                    from: AnswerValue::of(rb, ch.factor, ch.from),
                    to: AnswerValue::of(rb, ch.factor, ch.to),
                })
                .collect(),
            results,
            description: w.description.clone(),
            explained: Vec::new(),
        }
    }
}

/// What the end of a report needs, counted as the run goes.
#[derive(Clone, Debug, Default)]
pub struct ScoreTotals {
    /// Files that could not be assessed (the one thing kept per file: a run
    /// has few of them, and every format lists them at the end).
    pub errors: Vec<Diagnostic>,
    /// Files rendered.
    pub files: usize,
    /// Components rendered.
    pub components: usize,
    /// Answers `--set` changed.
    pub overrides: usize,
    /// Components recommended each outcome, in [`Outcome::ALL`] order.
    pub by_outcome: [usize; 4],
}

impl ScoreTotals {
    /// Count a file's section.
    pub fn add(&mut self, f: &FileScore) {
        self.files += 1;
        self.components += f.results.len();
        self.overrides += f.overrides.len();
        for (i, n) in outcome_counts(&f.results).iter().enumerate() {
            self.by_outcome[i] += n;
        }
    }
}

/// Components recommended each outcome, in [`Outcome::ALL`] order.
pub fn outcome_counts(results: &[ComponentResult]) -> [usize; 4] {
    let mut counts = [0; 4];
    for r in results {
        if let Some(i) = Outcome::ALL.iter().position(|&o| o == r.recommendation) {
            counts[i] += 1;
        }
    }
    counts
}

/// A score format, in parts (see [`Section`]). `file` runs in worker threads.
pub trait Renderer: Sync {
    /// What comes before the first file.
    fn begin(&self) -> anyhow::Result<String> {
        Ok(String::new())
    }
    /// One file's section.
    fn file(&self, f: &FileScore) -> anyhow::Result<Section>;
    /// What goes between two files' non-empty main parts.
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
    fn middle(&self, _part: usize, _totals: &ScoreTotals) -> String {
        String::new()
    }
    /// What comes after everything else.
    fn end(&self, _totals: &ScoreTotals) -> anyhow::Result<String> {
        Ok(String::new())
    }
    /// Whether the beginning needs the totals (an SVG's height): then the
    /// main parts wait in a spool and [`Renderer::head`] is written last.
    fn summary_first(&self) -> bool {
        false
    }
    /// The beginning of a [`Renderer::summary_first`] format.
    fn head(&self, _totals: &ScoreTotals) -> anyhow::Result<String> {
        self.begin()
    }
    /// What goes before the `n`-th non-empty main part (from 0), for a
    /// format that places each part by its position (SVG); written in path
    /// order, where the position is known (a worker rendering a file is not
    /// told how many files came before it).
    fn before(&self, _n: usize) -> String {
        String::new()
    }
    /// Whether sections show each component's full explanation (then
    /// [`FileScore::explained`] is filled).
    fn detail(&self) -> bool {
        false
    }
    /// Whether sections show near misses ([`ComponentResult::near_misses`]);
    /// a format that never does lets the run skip finding them.
    fn shows_near_misses(&self) -> bool {
        true
    }
}

/// Output formats of `score`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoreFormat {
    /// Human-readable tables (default).
    Table,
    /// The versioned JSON contract (one document).
    Json,
    /// JSON lines: a header, then a result per component, then errors.
    Jsonl,
    /// The same data as JSON, as YAML.
    Yaml,
    /// Markdown tables, for PRs and docs.
    Markdown,
    /// One row per component.
    Csv,
    /// One self-contained HTML page: per workload its quadrant, the
    /// recommendations with their reasons, and each full explanation.
    Html,
    /// Every workload's quadrant chart, in one SVG document.
    Svg,
}

impl ScoreFormat {
    /// The format a report file's extension names (`-o report.json` without
    /// `--format`), if any: `json`, `jsonl`/`ndjson`, `yaml`/`yml`,
    /// `md`/`markdown`, `csv`, `html`/`htm`, `svg` (any case).
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => ScoreFormat::Json,
            "jsonl" | "ndjson" => ScoreFormat::Jsonl,
            "yaml" | "yml" => ScoreFormat::Yaml,
            "md" | "markdown" => ScoreFormat::Markdown,
            "csv" => ScoreFormat::Csv,
            "html" | "htm" => ScoreFormat::Html,
            "svg" => ScoreFormat::Svg,
            _ => return None,
        })
    }
}

/// The renderer of a format. `color` only affects `table`; `width` (a
/// terminal's) fits tables to it, `None` for piped or saved output; `chart`
/// adds each workload's quadrant to the table (`score --chart`); `cost` adds
/// cost columns where the format has them (`score --cost`).
pub fn renderer(
    rb: &RuleBase,
    format: ScoreFormat,
    color: bool,
    width: Option<u16>,
    chart: bool,
    cost: bool,
) -> Box<dyn Renderer> {
    match format {
        ScoreFormat::Table => Box::new(table::Table {
            color,
            width,
            chart: chart.then(|| Quadrant::of(rb)).flatten(),
        }),
        ScoreFormat::Json => Box::new(json::Json::new(rb)),
        ScoreFormat::Jsonl => Box::new(json::Lines::new(rb)),
        ScoreFormat::Yaml => Box::new(json::Yaml::new(rb)),
        ScoreFormat::Markdown => Box::new(markdown::Markdown),
        ScoreFormat::Csv => Box::new(csv::Csv::new(rb, cost)),
        ScoreFormat::Html => Box::new(html::Html::new(rb)),
        // `score` refuses svg for a rule base without two axes; a caller
        // that did not gets the HTML page, which says there is no chart.
        ScoreFormat::Svg => match Quadrant::of(rb) {
            Some(q) => Box::new(svg::Svg::new(q)),
            None => Box::new(html::Html::new(rb)),
        },
    }
}

/// A whole report held at once: what `ask` shows, and tests. Batch runs
/// stream the same renderers instead.
#[derive(Clone, Debug)]
pub struct ScoreReport<'a> {
    /// Each file's results, in path order.
    pub files: Vec<FileScore<'a>>,
    /// Files that could not be assessed.
    pub errors: Vec<Diagnostic>,
}

impl<'a> ScoreReport<'a> {
    /// The report for assessed files and the problems of those that could not be.
    pub fn build(rb: &'a RuleBase, assessed: &'a [Assessed], errors: Vec<Diagnostic>) -> Self {
        ScoreReport {
            files: assessed.iter().map(|a| FileScore::of(rb, a)).collect(),
            errors,
        }
    }

    /// Every component's result, in path then component order.
    pub fn results(&self) -> impl Iterator<Item = &ComponentResult<'a>> {
        self.files.iter().flat_map(|f| f.results.iter())
    }
}

/// Render a report held in memory, exactly as `score` streams it.
pub fn render(
    rb: &RuleBase,
    report: &ScoreReport,
    format: ScoreFormat,
    color: bool,
    width: Option<u16>,
) -> anyhow::Result<String> {
    let cost = report.results().any(|r| r.cost.is_some());
    let r = renderer(rb, format, color, width, false, cost);
    let mut totals = ScoreTotals {
        errors: report.errors.clone(),
        ..ScoreTotals::default()
    };
    let mut parts = Assembly::default();
    for f in &report.files {
        let before = r.before(parts.mains());
        parts.add_placed(&r.file(f)?, &before, r.separator(), r.later_separator());
        totals.add(f);
    }
    let mut out = if r.summary_first() {
        r.head(&totals)?
    } else {
        r.begin()?
    };
    out.push_str(&parts.main);
    for i in 0..r.later_parts() {
        out.push_str(&r.middle(i, &totals));
        out.push_str(parts.later.get(i).map_or("", String::as_str));
    }
    out.push_str(&r.end(&totals)?);
    Ok(out)
}
