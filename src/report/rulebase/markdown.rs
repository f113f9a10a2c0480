//! The rule base as Markdown, fit for a design document.

use super::{accepts, Item, ItemReport, RulesReport};
use crate::report::explain::text::{outcomes, points};
use crate::report::markdown::{cell, code_cell as code, table};
use crate::rules::format_number;

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
                cell(&x.source),
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
                cell(&x.source),
            ]
        }),
    ));
    out.push_str("\n## Notes\n\n");
    out.push_str(&table(
        &["note", "when", "text", "source"],
        r.notes
            .iter()
            .map(|x| [code(&x.id), code(&x.when), cell(&x.text), cell(&x.source)]),
    ));
    out.push_str("\n## Decision\n\n|");
    for a in &r.axes {
        out.push_str(&format!(" {} |", a.id));
    }
    out.push_str(" outcome | if excluded, try |\n|");
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
    let c = &r.confidence;
    out.push_str(&format!(
        "\nConfidence: with m the weakest axis margin, m / (m + {}), minus {} per unanswered \
factor that could change the outcome and {} per other unanswered factor the rules read; \
results below {} are borderline.\n",
        format_number(c.margin_scale),
        format_number(c.unanswered_penalty),
        format_number(c.other_unanswered_penalty),
        format_number(c.borderline_below)
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
                "### Rule `{}`\n\n- **when:** `{}`\n- **adds:** {}\n- **because:** {}\n- **source:** {}\n- **defined in:** `{}`, line {}\n",
                x.id, x.when, points(&x.add), x.because, x.source, r.origin, x.line
            )),
            Item::Gate(x) => out.push_str(&format!(
                "### Gate `{}`\n\n- **when:** `{}`\n- **excludes:** {}\n- **reason:** {}\n- **source:** {}\n",
                x.id, x.when, outcomes(&x.exclude), x.reason, x.source
            )),
            Item::Note(x) => out.push_str(&format!(
                "### Note `{}`\n\n- **when:** `{}`\n- **text:** {}\n- **source:** {}\n",
                x.id, x.when, x.text, x.source
            )),
        }
    }
    out
}
