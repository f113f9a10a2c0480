//! `rules diff --format text`: a block per changed component, grouped by file.

use super::{cause, side, DiffTotals, Header, Renderer};
use crate::diff::Change;
use crate::report::style::bold;

/// The text format.
pub struct Text {
    /// Bold component names.
    pub color: bool,
}

impl Renderer for Text {
    fn begin(&mut self, h: &Header) -> anyhow::Result<String> {
        Ok(format!("rules diff: {} → {}\n", h.old, h.new))
    }

    fn file(&mut self, changes: &[Change]) -> anyhow::Result<String> {
        let mut out = String::new();
        if let Some(first) = changes.first() {
            out.push_str(&format!("\n{} ({})\n", first.path, first.workload));
        }
        for c in changes {
            out.push_str(&format!(
                "  {}: {} → {}\n",
                bold(&c.component, self.color),
                side(&c.old),
                side(&c.new)
            ));
            for r in &c.responsible {
                out.push_str(&format!("    {}\n", cause(r)));
            }
        }
        Ok(out)
    }

    fn end(&mut self, t: &DiffTotals) -> anyhow::Result<String> {
        Ok(format!("\n{}\n", t.line()))
    }
}
