//! The rule base as terminal tables.

use crate::report::explain::text::Style;
use comfy_table::Cell;

use super::{accepts, Item, ItemReport, RulesReport};
use crate::report::explain::text::{bold, keep_ids_whole, outcomes, points, table};
use crate::report::table::outcome_cell;
use crate::rules::format_number;

fn section(out: &mut String, title: &str, style: Style) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&bold(title, style.color));
    out.push('\n');
}

/// Render the whole rule base.
pub fn render(r: &RulesReport, style: Style) -> String {
    let mut out = String::new();
    section(&mut out, &format!("Rule base: {}", r.origin), style);

    section(&mut out, "Axes", style);
    let mut t = table(style);
    t.set_header(vec!["axis", "threshold", "measures"]);
    for a in &r.axes {
        t.add_row(vec![
            a.id.clone(),
            a.threshold.to_string(),
            a.description.clone(),
        ]);
    }
    out.push_str(&format!("{t}\n"));

    section(&mut out, "Factors", style);
    let mut t = table(style);
    t.set_header(vec!["factor", "kind", "accepts", "question"]);
    for f in &r.factors {
        t.add_row(vec![
            f.id.clone(),
            f.kind.to_string(),
            accepts(f),
            f.question.clone(),
        ]);
    }
    out.push_str(&format!("{t}\n"));

    section(&mut out, "Rules", style);
    let mut t = table(style);
    t.set_header(vec!["rule / when", "adds", "because / source"]);
    keep_ids_whole(&mut t, r.rules.iter().map(|x| x.id.as_str()));
    for rule in &r.rules {
        t.add_row(vec![
            format!("{}\nwhen {}", rule.id, rule.when),
            points(&rule.add),
            format!("{}\nsource: {}", rule.because, rule.source),
        ]);
    }
    out.push_str(&format!("{t}\n"));

    section(&mut out, "Gates", style);
    let mut t = table(style);
    t.set_header(vec!["gate / when", "excludes", "reason / source"]);
    keep_ids_whole(&mut t, r.gates.iter().map(|x| x.id.as_str()));
    for g in &r.gates {
        t.add_row(vec![
            format!("{}\nwhen {}", g.id, g.when),
            outcomes(&g.exclude),
            format!("{}\nsource: {}", g.reason, g.source),
        ]);
    }
    out.push_str(&format!("{t}\n"));

    section(&mut out, "Notes", style);
    let mut t = table(style);
    t.set_header(vec!["note / when", "text / source"]);
    keep_ids_whole(&mut t, r.notes.iter().map(|x| x.id.as_str()));
    for n in &r.notes {
        t.add_row(vec![
            format!("{}\nwhen {}", n.id, n.when),
            format!("{}\nsource: {}", n.text, n.source),
        ]);
    }
    out.push_str(&format!("{t}\n"));

    section(&mut out, "Decision", style);
    let mut t = table(style);
    let mut header: Vec<String> = r.axes.iter().map(|a| a.id.clone()).collect();
    header.push("outcome".into());
    header.push("if excluded, try".into());
    t.set_header(header);
    for row in &r.decision.table {
        let mut cells: Vec<Cell> = row.when.0.iter().map(|(_, l)| Cell::new(l.id())).collect();
        cells.push(outcome_cell(row.outcome, style.color));
        let fallback = r.decision.fallback_text(row.outcome);
        cells.push(Cell::new(fallback));
        t.add_row(cells);
    }
    out.push_str(&format!("{t}\n"));
    let c = &r.confidence;
    out.push_str(&format!(
        "confidence: weakest axis margin m gives m / (m + {}); minus {} per unanswered factor \
that could change the outcome and {} per other unanswered factor the rules read; borderline \
below {}\n",
        format_number(c.margin_scale),
        format_number(c.unanswered_penalty),
        format_number(c.other_unanswered_penalty),
        format_number(c.borderline_below)
    ));
    out
}

/// Render one rule, gate or note (`explain --rule`).
pub fn render_item(r: &ItemReport, style: Style) -> String {
    let mut out = String::new();
    for item in &r.items {
        let mut t = table(style);
        let title = match item {
            Item::Rule(x) => {
                t.add_row(vec!["when", x.when.as_str()]);
                t.add_row(vec!["adds".to_string(), points(&x.add)]);
                t.add_row(vec!["because", x.because.as_str()]);
                t.add_row(vec!["source", x.source.as_str()]);
                format!("rule {} ({}, line {})", x.id, r.origin, x.line)
            }
            Item::Gate(x) => {
                t.add_row(vec!["when", x.when.as_str()]);
                t.add_row(vec!["excludes".to_string(), outcomes(&x.exclude)]);
                t.add_row(vec!["reason", x.reason.as_str()]);
                t.add_row(vec!["source", x.source.as_str()]);
                format!("gate {} ({})", x.id, r.origin)
            }
            Item::Note(x) => {
                t.add_row(vec!["when", x.when.as_str()]);
                t.add_row(vec!["text", x.text.as_str()]);
                t.add_row(vec!["source", x.source.as_str()]);
                format!("note {} ({})", x.id, r.origin)
            }
        };
        section(&mut out, &title, style);
        out.push_str(&format!("{t}\n"));
    }
    out
}
