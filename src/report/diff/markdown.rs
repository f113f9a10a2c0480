//! `rules diff --format markdown`: one table row per changed component, for
//! a pull-request comment or `$GITHUB_STEP_SUMMARY`. The table header is
//! written with the first row, so a diff with no change has no empty table.

use super::{cause, side, DiffTotals, Header, Renderer};
use crate::diff::Change;
use crate::report::style::markdown::{cell, code};

/// The Markdown format.
#[derive(Default)]
pub struct Markdown {
    wrote_header: bool,
}

impl Renderer for Markdown {
    fn begin(&mut self, h: &Header) -> anyhow::Result<String> {
        Ok(format!(
            "## ragfit rules diff\n\n{} → {}\n\n",
            code(&h.old),
            code(&h.new)
        ))
    }

    fn file(&mut self, changes: &[Change]) -> anyhow::Result<String> {
        let mut out = String::new();
        if !self.wrote_header && !changes.is_empty() {
            out.push_str("| file | component | old | new | responsible |\n|---|---|---|---|---|\n");
            self.wrote_header = true;
        }
        for c in changes {
            let causes: Vec<String> = c.responsible.iter().map(|r| cell(&cause(r))).collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                code(&format!("{}:{}", c.path, c.line)),
                code(&c.component),
                cell(&side(&c.old)),
                cell(&side(&c.new)),
                causes.join("<br>")
            ));
        }
        Ok(out)
    }

    fn end(&mut self, t: &DiffTotals) -> anyhow::Result<String> {
        let gap = if self.wrote_header { "\n" } else { "" };
        Ok(format!("{gap}{}.\n", t.line()))
    }
}
