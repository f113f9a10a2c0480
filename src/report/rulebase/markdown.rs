//! The rule base as Markdown, fit for a design document.

use super::{accepts, Item, ItemReport, RulesReport};
use crate::report::style::markdown::{cell, code_cell as code, sources, table};
use crate::report::style::{outcomes, points};

/// Render the whole rule base.
pub fn render(r: &RulesReport) -> String {
    let mut out = format!("# ragfit rule base\n\nSource: `{}`\n", cell(&r.origin));
    out.push_str("\n## Axes\n\n");
    out.push_str(&table(
        &["axis", "threshold", "measures"],
        r.axes
            .iter()
            .map(|a| [code(&a.id), a.threshold.to_string(), cell(&a.description)]),
    ));
    out.push_str("\n## Factors\n\n");
    out.push_str(&table(
        &["factor", "kind", "accepts", "question"],
        r.factors.iter().map(|f| {
            [
                code(&f.id),
                f.kind.to_string(),
                cell(&accepts(f)),
                cell(&f.question),
            ]
        }),
    ));
    out.push_str("\n## Rules\n\n");
    out.push_str(&table(
        &["rule", "when", "adds", "because", "source"],
        r.rules.iter().map(|x| {
            [
                code(&x.id),
                code(&x.when),
                points(&x.add),
                cell(&x.because),
                sources(&x.sources),
            ]
        }),
    ));
    out.push_str("\n## Gates\n\n");
    out.push_str(&table(
        &["gate", "when", "excludes", "reason", "source"],
        r.gates.iter().map(|x| {
            [
                code(&x.id),
                code(&x.when),
                outcomes(&x.exclude),
                cell(&x.reason),
                sources(&x.sources),
            ]
        }),
    ));
    out.push_str("\n## Notes\n\n");
    out.push_str(&table(
        &["note", "when", "text", "source"],
        r.notes.iter().map(|x| {
            [
                code(&x.id),
                code(&x.when),
                cell(&x.text),
                sources(&x.sources),
            ]
        }),
    ));
    out.push_str("\n## Decision\n\n|");
    for a in &r.axes {
        out.push_str(&format!(" {} |", a.id));
    }
    out.push_str(" outcome | if excluded, ties go to |\n|");
    out.push_str(&"---|".repeat(r.axes.len() + 2));
    out.push('\n');
    for row in &r.decision.table {
        out.push('|');
        for (_, l) in &row.when.0 {
            out.push_str(&format!(" {} |", l.id()));
        }
        let fallback = r.decision.fallback_text(row.outcome);
        out.push_str(&format!(" `{}` | {} |\n", row.outcome, fallback));
    }
    out.push_str(&format!(
        "\n{}.\n\n{}.\n",
        cap_first(&super::fallback_sentence(r)),
        cap_first(&super::confidence_sentence(r))
    ));
    out
}

/// Render one rule, gate or note (`explain --rule`).
pub fn render_item(r: &ItemReport) -> String {
    let mut out = String::new();
    for item in &r.items {
        if !out.is_empty() {
            out.push('\n');
        }
        match item {
            Item::Rule(x) => out.push_str(&format!(
                "### Rule `{}`\n\n- **when:** `{}`\n- **adds:** {}\n- **because:** {}\n- **sources:** {}\n- **defined in:** `{}`, line {}\n",
                x.id, x.when, points(&x.add), x.because, sources(&x.sources), r.origin, x.line
            )),
            Item::Gate(x) => out.push_str(&format!(
                "### Gate `{}`\n\n- **when:** `{}`\n- **excludes:** {}\n- **if unknown:** {}\n- **reason:** {}\n- **sources:** {}\n",
                x.id, x.when, outcomes(&x.exclude), x.if_unknown.id(), x.reason, sources(&x.sources)
            )),
            Item::Note(x) => out.push_str(&format!(
                "### Note `{}`\n\n- **when:** `{}`\n- **text:** {}\n- **sources:** {}\n",
                x.id, x.when, x.text, sources(&x.sources)
            )),
            Item::Conflict(x) => out.push_str(&format!(
                "### Conflict `{}`\n\n- **when:** `{}`\n- **text:** {}\n",
                x.id, x.when, x.text
            )),
        }
    }
    out
}

/// `Confidence: …` from `confidence: …`.
fn cap_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
