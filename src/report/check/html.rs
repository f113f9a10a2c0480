//! `check --format html`: the architecture review as one self-contained
//! page, laid out as `score --format html` (the workload section is shared)
//! with the declared architecture judged in a `review` column: the status
//! and each finding. The summary adds the review's counts.

use super::{CheckTotals, Section};
use crate::check::FileCheck;
use crate::report::chart::Quadrant;
use crate::report::score::html::{
    division_row, page_close, rows, summary_start, workload_section, Workload, DIVISION_HEAD,
};
use crate::report::style::html::{escape, page_start, SourceIndex};
use crate::result::{summarize, ComponentResult};
use crate::rules::RuleBase;

/// The HTML format of `check`.
pub struct Html {
    quadrant: Option<Quadrant>,
    rule_base: String,
    sources: SourceIndex,
}

impl Html {
    /// The format for a rule base (no charts when it has no two axes).
    pub fn new(rb: &RuleBase) -> Self {
        Html {
            quadrant: Quadrant::of(rb),
            rule_base: rb.origin.clone(),
            sources: SourceIndex::of(rb),
        }
    }
}

impl super::Renderer for Html {
    fn begin(&self, _totals: Option<&CheckTotals>) -> anyhow::Result<String> {
        Ok(page_start(
            "ragfit architecture review",
            &format!("Rule base: {}", escape(&self.rule_base)),
        ))
    }

    fn file(&self, f: &FileCheck) -> anyhow::Result<Section> {
        let results: Vec<ComponentResult> = f.components.iter().map(|c| c.result.clone()).collect();
        let summary = summarize(&f.path, &f.workload, &results);
        let page = Workload {
            path: &f.path,
            description: f.description.as_deref(),
            summary: &summary,
            rows: rows(&results, &f.explained, Some(&f.components)),
        };
        Ok(Section {
            main: workload_section(self.quadrant.as_ref(), &page, &self.sources),
            later: vec![division_row(&page)],
        })
    }

    fn later_parts(&self) -> usize {
        1
    }

    /// The summary opens with the review's verdict line.
    fn middle(&self, _part: usize, t: &CheckTotals) -> String {
        let mut out = summary_start(None, t.summary.components);
        let class = if t.summary.failing > 0 || t.summary.input_errors > 0 {
            "disagree"
        } else {
            "agree"
        };
        out.push_str(&format!(
            "<p class=\"{class}\"><span class=\"label\">Review:</span> {}</p>\n",
            escape(&t.summary.line())
        ));
        out.push_str(DIVISION_HEAD);
        out
    }

    fn end(&self, t: &CheckTotals) -> anyhow::Result<String> {
        Ok(page_close(&t.errors, &self.sources))
    }

    fn detail(&self) -> bool {
        true
    }
}
