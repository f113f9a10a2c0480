//! `score`'s report and its renderers: one file per format.

pub mod csv;
pub mod fit;
pub mod markdown;
pub mod table;

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::pipeline::Assessed;
use crate::result::{self, AnswerValue, ComponentResult, OverrideEntry, WorkloadSummary};
use crate::rules::RuleBase;

/// Version of the JSON/YAML output; bumped only when a field is renamed or removed.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything `score` prints.
#[derive(Clone, Debug, Serialize)]
pub struct ScoreReport {
    /// Output schema version.
    pub schema_version: u32,
    /// One entry per component, ordered by path then component order.
    pub results: Vec<ComponentResult>,
    /// One entry per workload: how the techniques divide the system.
    pub workloads: Vec<WorkloadSummary>,
    /// Files that could not be assessed.
    pub errors: Vec<Diagnostic>,
    /// Answers that `--set` changed (empty unless this is a what-if run).
    pub overrides: Vec<OverrideEntry>,
    /// Axis ids of the rule base, in order: tabular formats need them for their
    /// columns even when no file could be scored (not part of the JSON contract).
    #[serde(skip)]
    pub axes: Vec<String>,
}

impl ScoreReport {
    /// The report for assessed files and the problems of those that could not be.
    pub fn build(rb: &RuleBase, assessed: &[Assessed], errors: Vec<Diagnostic>) -> ScoreReport {
        let mut results = Vec::new();
        let mut workloads = Vec::new();
        let mut overrides = Vec::new();
        for a in assessed {
            let w = &a.workload;
            overrides.extend(a.changes.iter().map(|ch| OverrideEntry {
                path: w.path.clone(),
                component: w.components[ch.component].name.clone(),
                factor: rb.factors[ch.factor].id.clone(),
                from: AnswerValue::of(rb, ch.factor, ch.from),
                to: AnswerValue::of(rb, ch.factor, ch.to),
            }));
            let rs: Vec<ComponentResult> = w
                .components
                .iter()
                .zip(&a.assessments)
                .map(|(c, asm)| result::component_result(rb, w, c, asm))
                .collect();
            workloads.push(result::workload_summary(w, &rs));
            results.extend(rs);
        }
        ScoreReport {
            schema_version: SCHEMA_VERSION,
            results,
            workloads,
            errors,
            overrides,
            axes: rb.axes.iter().map(|a| a.id.clone()).collect(),
        }
    }
}

/// Output formats of `score`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoreFormat {
    /// Human-readable tables (default).
    Table,
    /// The versioned JSON contract.
    Json,
    /// The same data as YAML.
    Yaml,
    /// Markdown tables, for PRs and docs.
    Markdown,
    /// One row per component.
    Csv,
}

/// Render a score report in a format. `color` only affects `table`.
pub fn render(report: &ScoreReport, format: ScoreFormat, color: bool) -> anyhow::Result<String> {
    Ok(match format {
        ScoreFormat::Table => table::render(report, color),
        ScoreFormat::Json => crate::report::style::json(report)?,
        ScoreFormat::Yaml => crate::yaml::to_string(report)?,
        ScoreFormat::Markdown => markdown::render(report),
        ScoreFormat::Csv => csv::render(report)?,
    })
}
