//! `diff --format markdown`: a pull-request comment — the counts, then one
//! table row per changed component with the answers that changed.

use super::{arrow, declared, status_text, DiffTotals, Sides};
use crate::flips::{FileDiff, Kind, Side};
use crate::report::style::markdown::cell;

/// The Markdown format.
pub struct Markdown {
    /// What is compared.
    pub sides: Sides,
}

impl super::Renderer for Markdown {
    fn summary_first(&self) -> bool {
        true
    }

    fn begin(&self, totals: Option<&DiffTotals>) -> anyhow::Result<String> {
        let t = totals.cloned().unwrap_or_default();
        let s = &t.summary;
        let mut out = format!(
            "## ragfit diff\n\n`{}` → {}: {}\n",
            cell(&self.sides.base),
            cell(&self.sides.head),
            cell(&s.line())
        );
        if s.added + s.removed + s.changed == 0 {
            out.push_str(
                "\nNo recommendation, confidence band, declaration or agreement changed.\n",
            );
        } else {
            out.push_str(
                "\n| change | component | file | recommendation | confidence | declared | review | answers changed |\n\
                 |---|---|---|---|---|---|---|---|\n",
            );
        }
        Ok(out)
    }

    fn file(&self, f: &FileDiff) -> anyhow::Result<String> {
        let mut rows = String::new();
        for c in &f.components {
            let change = match (c.change, c.new_disagreement) {
                (_, true) => "❌ **new disagreement**",
                (Kind::Added, _) => "➕ added",
                (Kind::Removed, _) => "➖ removed",
                (Kind::Changed, _) => "🔁 changed",
            };
            let pick = |f: fn(&Side) -> String| match (&c.before, &c.after) {
                (Some(b), Some(a)) => arrow(f(b), f(a)),
                (Some(b), None) => f(b),
                (None, Some(a)) => f(a),
                (None, None) => String::new(),
            };
            let answers: Vec<String> = c
                .answers
                .iter()
                .map(|x| format!("`{}`: {} → {}", x.factor, x.before, x.after))
                .collect();
            rows.push_str(&format!(
                "| {change} | `{}` | `{}:{}` | {} | {} | {} | {} | {} |\n",
                cell(&c.component),
                cell(&c.path),
                c.line,
                pick(|s| format!("`{}`", s.recommendation)),
                pick(|s| {
                    let band = if s.band == crate::flips::Band::Borderline {
                        " (borderline)"
                    } else {
                        ""
                    };
                    format!("{:.2}{band}", s.confidence)
                }),
                pick(|s| format!("`{}`", declared(s.architecture))),
                pick(|s| status_text(s.status).to_string()),
                if answers.is_empty() {
                    "—".to_string()
                } else {
                    cell(&answers.join(", "))
                }
            ));
        }
        Ok(rows)
    }

    fn end(&self, t: &DiffTotals) -> anyhow::Result<String> {
        let mut out = String::new();
        if !t.errors.is_empty() {
            out.push_str("\n### Input problems (not compared)\n\n");
            for e in &t.errors {
                out.push_str(&format!("- `{}`\n", cell(&e.to_string()).replace('`', "'")));
            }
        }
        Ok(out)
    }
}
