//! The rule base as terminal tables.

use crate::report::style::Style;
use comfy_table::Cell;

use super::{accepts, Item, ItemReport, RulesReport};
use crate::report::style::outcome_cell;
use crate::report::style::SourceRefs;
use crate::report::style::{bold, keep_ids_whole, outcomes, points, table};

/// The outcomes a note is for: `any` when it is not restricted.
fn note_outcomes(list: &[crate::rules::Outcome]) -> String {
    if list.is_empty() {
        "any".into()
    } else {
        outcomes(list)
    }
}

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
    let mut refs = SourceRefs::default();
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
    t.set_header(vec!["rule / when", "adds", "because / sources"]);
    keep_ids_whole(&mut t, r.rules.iter().map(|x| x.id.as_str()));
    for rule in &r.rules {
        t.add_row(vec![
            format!("{}\nwhen {}", rule.id, rule.when),
            points(&rule.add),
            format!("{}\n{}", rule.because, refs.cite(&rule.sources)),
        ]);
    }
    out.push_str(&format!("{t}\n"));

    section(&mut out, "Gates", style);
    let mut t = table(style);
    t.set_header(vec![
        "gate / when",
        "excludes",
        "if unknown",
        "reason / sources",
    ]);
    keep_ids_whole(&mut t, r.gates.iter().map(|x| x.id.as_str()));
    for g in &r.gates {
        t.add_row(vec![
            format!("{}\nwhen {}", g.id, g.when),
            outcomes(&g.exclude),
            g.if_unknown.id().to_string(),
            format!("{}\n{}", g.reason, refs.cite(&g.sources)),
        ]);
    }
    out.push_str(&format!("{t}\n"));

    section(&mut out, "Notes", style);
    let mut t = table(style);
    t.set_header(vec!["note / when", "for", "text / sources"]);
    keep_ids_whole(&mut t, r.notes.iter().map(|x| x.id.as_str()));
    for n in &r.notes {
        t.add_row(vec![
            format!("{}\nwhen {}", n.id, n.when),
            note_outcomes(&n.outcomes),
            format!("{}\n{}", n.text, refs.cite(&n.sources)),
        ]);
    }
    out.push_str(&format!("{t}\n"));

    if !r.conflicts.is_empty() {
        section(&mut out, "Conflicts (contradictory answers)", style);
        let mut t = table(style);
        t.set_header(vec!["conflict / when", "text"]);
        keep_ids_whole(&mut t, r.conflicts.iter().map(|x| x.id.as_str()));
        for c in &r.conflicts {
            t.add_row(vec![format!("{}\nwhen {}", c.id, c.when), c.text.clone()]);
        }
        out.push_str(&format!("{t}\n"));
    }

    section(&mut out, "Decision", style);
    let mut t = table(style);
    let mut header: Vec<String> = r.axes.iter().map(|a| a.id.clone()).collect();
    header.push("outcome".into());
    header.push("if excluded, ties go to".into());
    t.set_header(header);
    for row in &r.decision.table {
        let mut cells: Vec<Cell> = row.when.0.iter().map(|(_, l)| Cell::new(l.id())).collect();
        cells.push(outcome_cell(row.outcome, style.color));
        let fallback = r.decision.fallback_text(row.outcome);
        cells.push(Cell::new(fallback));
        t.add_row(cells);
    }
    out.push_str(&format!("{t}\n"));
    // Prose wraps at the tables' width, on word boundaries (ids stay whole).
    for sentence in [super::fallback_sentence(r), super::confidence_sentence(r)] {
        let options = textwrap::Options::new(usize::from(style.width))
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        out.push_str(&textwrap::wrap(&sentence, options).join("\n"));
        out.push('\n');
    }
    refs.render(&mut out, style);
    crate::report::style::wrap_prose(&out, style)
}

/// Render one rule, gate or note (`explain --rule`).
pub fn render_item(r: &ItemReport, style: Style) -> String {
    let mut out = String::new();
    let mut refs = SourceRefs::default();
    for item in &r.items {
        let mut t = table(style);
        let title = match item {
            Item::Rule(x) => {
                t.add_row(vec!["when", x.when.as_str()]);
                t.add_row(vec!["adds".to_string(), points(&x.add)]);
                t.add_row(vec!["because", x.because.as_str()]);
                t.add_row(vec!["sources".to_string(), refs.cite(&x.sources)]);
                format!("rule {} ({}, line {})", x.id, r.origin, x.line)
            }
            Item::Gate(x) => {
                t.add_row(vec!["when", x.when.as_str()]);
                t.add_row(vec!["excludes".to_string(), outcomes(&x.exclude)]);
                t.add_row(vec!["if unknown", x.if_unknown.id()]);
                t.add_row(vec!["reason", x.reason.as_str()]);
                t.add_row(vec!["sources".to_string(), refs.cite(&x.sources)]);
                format!("gate {} ({})", x.id, r.origin)
            }
            Item::Note(x) => {
                t.add_row(vec!["when", x.when.as_str()]);
                t.add_row(vec!["for".to_string(), note_outcomes(&x.outcomes)]);
                t.add_row(vec!["text", x.text.as_str()]);
                t.add_row(vec!["sources".to_string(), refs.cite(&x.sources)]);
                format!("note {} ({})", x.id, r.origin)
            }
            Item::Conflict(x) => {
                t.add_row(vec!["when", x.when.as_str()]);
                t.add_row(vec!["text", x.text.as_str()]);
                format!("conflict {} ({})", x.id, r.origin)
            }
        };
        section(&mut out, &title, style);
        out.push_str(&format!("{t}\n"));
    }
    refs.render(&mut out, style);
    crate::report::style::wrap_prose(&out, style)
}
