//! `diff --format text`: the changed components grouped by file, each with
//! what changed and the answers that changed with it, then the counts.

use super::{arrow, declared, result_text, status_text, DiffTotals, Sides};
use crate::flips::{ComponentDiff, FileDiff, Kind};

/// The text format.
pub struct Text {
    /// What is compared.
    pub sides: Sides,
}

impl super::Renderer for Text {
    fn begin(&self, _: Option<&DiffTotals>) -> anyhow::Result<String> {
        Ok(format!(
            "ragfit diff: {} → {}\n",
            self.sides.base, self.sides.head
        ))
    }

    fn file(&self, f: &FileDiff) -> anyhow::Result<String> {
        if f.components.is_empty() {
            return Ok(String::new());
        }
        let mut out = format!("\n{}\n", f.path);
        for c in &f.components {
            out.push_str(&line(c));
        }
        Ok(out)
    }

    fn end(&self, t: &DiffTotals) -> anyhow::Result<String> {
        Ok(format!("\n{}\n", t.summary.line()))
    }
}

fn line(c: &ComponentDiff) -> String {
    let flag = if c.new_disagreement {
        "  [new disagreement]"
    } else {
        ""
    };
    let mut out = match (c.change, &c.before, &c.after) {
        (Kind::Added, _, Some(a)) => format!(
            "  + {} (line {}): {}, declared {} ({}){flag}\n",
            c.component,
            c.line,
            result_text(a),
            declared(a.architecture),
            status_text(a.status)
        ),
        (Kind::Removed, Some(b), _) => format!(
            "  - {}: was {}, declared {} ({})\n",
            c.component,
            result_text(b),
            declared(b.architecture),
            status_text(b.status)
        ),
        (_, Some(b), Some(a)) => {
            let band = if b.band != a.band {
                format!(
                    " ({})",
                    arrow(format!("{:?}", b.band), format!("{:?}", a.band)).to_lowercase()
                )
            } else {
                String::new()
            };
            format!(
                "  ~ {} (line {}): {}; confidence {}{band}; declared {}; {}{flag}\n",
                c.component,
                c.line,
                arrow(b.recommendation, a.recommendation),
                arrow(
                    format!("{:.2}", b.confidence),
                    format!("{:.2}", a.confidence)
                ),
                arrow(declared(b.architecture), declared(a.architecture)),
                arrow(status_text(b.status), status_text(a.status)),
            )
        }
        _ => String::new(),
    };
    if !c.answers.is_empty() {
        let answers: Vec<String> = c
            .answers
            .iter()
            .map(|x| format!("{} {} → {}", x.factor, x.before, x.after))
            .collect();
        out.push_str(&format!("      answers: {}\n", answers.join(", ")));
    }
    out
}
