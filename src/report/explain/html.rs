//! One component's full explanation as HTML, for the HTML reports of
//! `score` and `check` (each in a collapsible `<details>`): the same steps,
//! in the same order and words, as `explain`'s text and Markdown.

use super::text::{
    alternative_lines, confidence_lines, decision_lines, gate_status, near_miss_effect,
    open_gate_lines,
};
use super::{ComponentExplain, GateStatus};
use crate::report::style::html::{badge, escape, mark_code, sentence, table, SourceIndex};
use crate::report::style::{outcomes, points};

/// The explanation of `c` in a `<details>` element with the id `id`,
/// citing sources by their number in `refs`.
pub fn details(c: &ComponentExplain, id: &str, refs: &SourceIndex) -> String {
    let r = &c.result;
    let conf = if r.borderline {
        format!("{:.2}, borderline", r.confidence)
    } else {
        format!("{:.2}", r.confidence)
    };
    let mut out = format!(
        "<details id=\"{id}\">\n<summary>{} {} <span class=\"path\">confidence {conf} — the full \
reasoning</span></summary>\n",
        escape(r.component),
        badge(r.recommendation)
    );
    if let Some(d) = &c.description {
        out.push_str(&format!("<p>{}</p>\n", escape(d)));
    }
    if r.borderline {
        out.push_str(&format!(
            "<p class=\"borderline\"><span class=\"label\">Borderline:</span> confidence {:.2} is \
below {:.2}; a small change in the answers could change the outcome (see the alternatives).</p>\n",
            r.confidence, c.confidence_detail.borderline_below
        ));
    }
    answers(&mut out, c);
    axes(&mut out, c);
    fired(&mut out, c, refs);
    near_misses(&mut out, c);
    gates(&mut out, c, refs);
    list(&mut out, "Decision", "ol", &decision_lines(c, mark_code));
    list(
        &mut out,
        &format!("Confidence {conf}"),
        "ul",
        &confidence_lines(c, mark_code),
    );
    if !c.open_gates.is_empty() {
        list(
            &mut out,
            "What would settle it",
            "ul",
            &open_gate_lines(c, mark_code),
        );
    }
    let alts = alternative_lines(c, mark_code);
    if alts.is_empty() {
        out.push_str("<h4>Alternatives (single answer changes)</h4>\n<p>none: no single answer change gives another outcome</p>\n");
    } else {
        list(
            &mut out,
            "Alternatives (single answer changes)",
            "ul",
            &alts,
        );
    }
    notes(&mut out, c, refs);
    if !r.conflicts.is_empty() {
        list(&mut out, "Contradictory answers", "ul", &r.conflicts);
    }
    out.push_str("</details>\n");
    out
}

/// A heading and the lines as list items (lines may hold code marks).
fn list<S: AsRef<str>>(out: &mut String, title: &str, tag: &str, lines: &[S]) {
    out.push_str(&format!("<h4>{}</h4>\n<{tag}>\n", escape(title)));
    for l in lines {
        out.push_str(&format!("<li>{}</li>\n", sentence(l.as_ref())));
    }
    out.push_str(&format!("</{tag}>\n"));
}

fn code(s: &str) -> String {
    format!("<code>{}</code>", escape(s))
}

fn answers(out: &mut String, c: &ComponentExplain) {
    out.push_str("<h4>Answers</h4>\n");
    let rows: Vec<Vec<(&str, String)>> = c
        .answers
        .iter()
        .map(|a| {
            let mut marks = Vec::new();
            if let Some(from) = &a.file_value {
                marks.push(format!("--set (file: {from})"));
            }
            if !a.answered {
                marks.push("unanswered".into());
            }
            if a.sensitive {
                marks.push("could change the outcome".into());
            }
            vec![
                ("", code(&a.factor)),
                ("", escape(&a.value.to_string())),
                ("", escape(&marks.join("; "))),
            ]
        })
        .collect();
    out.push_str(&table(&["factor", "answer", ""], &rows));
}

fn axes(out: &mut String, c: &ComponentExplain) {
    out.push_str("<h4>Axes</h4>\n");
    let rows: Vec<Vec<(&str, String)>> = c
        .axes
        .iter()
        .map(|a| {
            vec![
                ("", code(&a.axis)),
                ("num", a.score.to_string()),
                ("num", a.threshold.to_string()),
                ("", a.level.id().to_string()),
                ("", escape(&a.description)),
            ]
        })
        .collect();
    out.push_str(&table(
        &["axis", "score", "threshold", "level", "measures"],
        &rows,
    ));
}

fn fired(out: &mut String, c: &ComponentExplain, refs: &SourceIndex) {
    out.push_str("<h4>Rules that fired</h4>\n");
    if c.fired_rules.is_empty() {
        out.push_str("<p>none</p>\n");
        return;
    }
    let rows: Vec<Vec<(&str, String)>> = c
        .fired_rules
        .iter()
        .map(|r| {
            vec![
                (
                    "",
                    format!("{}<br>when {}", code(&r.rule), escape(&r.condition)),
                ),
                ("", escape(&points(&r.points))),
                ("", escape(&r.because)),
                ("", refs.cite(&r.sources)),
            ]
        })
        .collect();
    out.push_str(&table(
        &["rule / when", "points", "because", "sources"],
        &rows,
    ));
}

fn near_misses(out: &mut String, c: &ComponentExplain) {
    out.push_str("<h4>Closest rules that did not fire</h4>\n");
    if c.near_miss_rules.is_empty() {
        out.push_str(
            "<p>none: no rule that did not fire would move an axis towards its threshold</p>\n",
        );
        return;
    }
    let rows: Vec<Vec<(&str, String)>> = c
        .near_miss_rules
        .iter()
        .map(|n| {
            let mut effect = near_miss_effect(n);
            if n.unanswered {
                effect.push_str(" (depends on an unanswered factor)");
            }
            vec![
                (
                    "",
                    format!(
                        "{}<br>when {}",
                        code(&n.rule.rule),
                        escape(&n.rule.condition)
                    ),
                ),
                ("", escape(&points(&n.rule.points))),
                ("", escape(&effect)),
                ("", escape(&n.rule.because)),
            ]
        })
        .collect();
    out.push_str(&table(
        &["rule / when", "would add", "effect", "because"],
        &rows,
    ));
}

fn gates(out: &mut String, c: &ComponentExplain, refs: &SourceIndex) {
    out.push_str("<h4>Gates</h4>\n");
    let rows: Vec<Vec<(&str, String)>> = c
        .gates
        .iter()
        .map(|g| {
            let status = match g.status {
                GateStatus::Applies => format!("<strong>{}</strong>", gate_status(g)),
                _ => escape(&gate_status(g)),
            };
            vec![
                (
                    "",
                    format!("{}<br>when {}", code(&g.gate), escape(&g.condition)),
                ),
                ("", status),
                ("", escape(&outcomes(&g.excludes))),
                (
                    "",
                    format!("{}<br>{}", escape(&g.reason), refs.cite(&g.sources)),
                ),
            ]
        })
        .collect();
    out.push_str(&table(
        &["gate / when", "status", "excludes", "reason / sources"],
        &rows,
    ));
}

fn notes(out: &mut String, c: &ComponentExplain, refs: &SourceIndex) {
    out.push_str("<h4>Notes</h4>\n");
    if c.note_details.is_empty() {
        out.push_str("<p>none</p>\n");
        return;
    }
    out.push_str("<ul>\n");
    for n in &c.note_details {
        out.push_str(&format!(
            "<li>{} ({})<br>{}</li>\n",
            escape(&n.text),
            code(&n.note),
            refs.cite(&n.sources)
        ));
    }
    out.push_str("</ul>\n");
}
