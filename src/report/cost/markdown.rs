//! `cost --format markdown`: a heading per workload, a table per component,
//! and the break-even, verdict and assumptions as a list — for a PR comment
//! or a design document.

use super::{assumed_line, break_even_sentence, fig, marks, subject, too_long_line, verdict_line};
use crate::report::score::{FileScore, Renderer, ScoreTotals};
use crate::report::style::markdown::{cell, code, table};
use crate::report::style::money::{usd, usd_fine};
use crate::report::Section;
use crate::result::cost::CostResult;
use crate::result::ComponentResult;
use crate::rules::Outcome;

/// The Markdown format.
pub struct Markdown {
    /// The sentence that opens the report.
    pub intro: String,
}

impl Renderer for Markdown {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn begin(&self) -> anyhow::Result<String> {
        Ok(format!("# ragfit costs\n\n{}\n", cell(&self.intro)))
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let mut out = format!("\n## {} (`{}`)\n", cell(&f.summary.workload), cell(&f.path));
        for r in &f.results {
            let Some(c) = &r.cost else { continue };
            out.push_str(&format!(
                "\n### {}\n\n{}\n\n",
                cell(r.component),
                cell(&subject(c))
            ));
            out.push_str(&figures(r, c));
            out.push_str(&format!(
                "\n- **Break-even:** {}.\n",
                cell(&break_even_sentence(c))
            ));
            if let Some(v) = verdict_line(r) {
                out.push_str(&format!("- **Cost vs recommendation:** {}.\n", cell(&v)));
            }
            if let Some(l) = too_long_line(c) {
                out.push_str(&format!("- **Too long:** {}.\n", cell(&l)));
            }
            if let Some(a) = assumed_line(c) {
                out.push_str(&format!("- **Assumed:** {}.\n", cell(&a)));
            }
        }
        Ok(out.into())
    }

    fn end(&self, totals: &ScoreTotals) -> anyhow::Result<String> {
        let mut out = String::new();
        if !totals.errors.is_empty() {
            out.push_str("\n## Errors\n\n");
            for e in &totals.errors {
                out.push_str(&format!("- {}\n", code(&cell(&e.to_string()))));
            }
        }
        Ok(out)
    }
}

/// The figures of one component as a Markdown table (also `explain`'s).
pub fn figures(r: &ComponentResult, c: &CostResult) -> String {
    let months = format!("{} months", c.months);
    table(
        &[
            "outcome",
            "one-off",
            "a month",
            "per 1k requests",
            &months,
            "",
        ],
        Outcome::ALL.iter().map(|&o| {
            [
                format!("`{o}`"),
                usd(fig(&c.one_off_usd, o)),
                usd(fig(&c.monthly_usd, o)),
                usd_fine(fig(&c.per_1k_requests_usd, o)),
                usd(fig(&c.cumulative_usd, o)),
                marks(r, c, o),
            ]
        }),
    )
}
