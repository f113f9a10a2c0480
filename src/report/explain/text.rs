//! `explain` for terminals: a section per step, tables where the data is tabular.

use comfy_table::{Cell, Table};

pub use super::steps::{confidence_lines, decision_lines};
use super::{ComponentExplain, ExplainReport, GateStatus};
use crate::report::chart::{self, term};
use crate::report::style::{
    bold, heading, keep_column_whole, keep_ids_whole, outcome_cell, outcomes, points, table,
};
use crate::report::style::{SourceRefs, Style};

/// Render the whole report, one block per component.
pub fn render(report: &ExplainReport, style: Style) -> String {
    let mut out = String::new();
    chart(&mut out, report, style);
    for (i, c) in report.components.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        component(&mut out, c, report.prices.as_ref(), style);
    }
    crate::report::style::wrap_prose(&out, style)
}

/// The quadrant of every component explained, first: the whole picture
/// before the reasoning behind each point of it.
fn chart(out: &mut String, report: &ExplainReport, style: Style) {
    let (Some(q), Some(first)) = (&report.chart, report.components.first()) else {
        return;
    };
    let results: Vec<_> = report.components.iter().map(|c| c.result.clone()).collect();
    let r = &first.result;
    // Too wide for one line, the title breaks after the colon: prose wrapping
    // would split the axis pair ("knowledge ×" / "behavior").
    let place = format!("{} ({}):", r.workload, r.path);
    let axes = format!("{} × {}", q.x.id, q.y.id);
    let one_line = textwrap::core::display_width(&place) + 1 + axes.chars().count()
        <= usize::from(style.width);
    let sep = if one_line { " " } else { "\n" };
    let (place, axes) = (bold(&place, style.color), bold(&axes, style.color));
    out.push_str(&format!("{place}{sep}{axes}"));
    out.push('\n');
    out.push_str(&term::render(q, &chart::markers(q, &results), style));
    out.push('\n');
}

fn section(out: &mut String, title: &str, style: Style) {
    heading(out, title, style);
}

fn push_table(out: &mut String, t: &Table) {
    out.push_str(&t.to_string());
    out.push('\n');
}

fn component(
    out: &mut String,
    c: &ComponentExplain,
    prices: Option<&super::cost::PricesUsed>,
    style: Style,
) {
    let r = &c.result;
    out.push_str(&bold(
        &format!("{} / {} ({})", r.workload, r.component, r.path),
        style.color,
    ));
    out.push('\n');
    if let Some(d) = &c.description {
        out.push_str(d);
        out.push('\n');
    }
    let mut head = table(style);
    head.add_row(vec![
        Cell::new("recommendation"),
        outcome_cell(r.recommendation, style.color),
    ]);
    head.add_row(vec![Cell::new("confidence"), Cell::new(confidence_line(c))]);
    if let Some(arch) = r.architecture {
        let verdict = if r.matches == Some(true) {
            "matches"
        } else {
            "differs from the recommendation"
        };
        head.add_row(vec![
            Cell::new("declared"),
            Cell::new(format!("{arch} ({verdict})")),
        ]);
    }
    push_table(out, &head);
    if r.borderline {
        out.push_str(&format!(
            "BORDERLINE: confidence {:.2} is below {:.2}; a small change in the answers could \
change the outcome (see the alternatives).\n",
            r.confidence, c.confidence_detail.borderline_below
        ));
    }
    let mut refs = SourceRefs::default();
    answers(out, c, style);
    axes(out, c, style);
    fired(out, c, style, &mut refs);
    near_misses(out, c, style);
    gates(out, c, style);
    decision(out, c, style);
    confidence(out, c, style);
    open_gates(out, c, style);
    alternatives(out, c, style);
    notes(out, c, style, &mut refs);
    conflicts(out, c, style);
    if let Some(p) = prices {
        super::cost::text(out, c, p, style);
    }
    refs.render(out, style);
}

/// "gate too-few-examples may apply (labeled_examples is unanswered): …" (shared with markdown).
pub fn open_gate_lines(c: &ComponentExplain, code: fn(&str) -> String) -> Vec<String> {
    let ifs = |m: &crate::result::OrderedMap<crate::result::AnswerValue>| {
        m.0.iter()
            .map(|(f, v)| format!("{f} were {}", code(&v.to_string())))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    c.open_gates
        .iter()
        .map(|g| {
            let how = if g.treated_as == "excluded" {
                "a safety gate, so its outcomes are excluded until it is settled"
            } else {
                "not excluded, but the result stays borderline until it is settled"
            };
            let mut line = format!(
                "gate {} may apply ({} unanswered): {how}",
                code(&g.gate),
                g.unanswered.join(", ")
            );
            if let Some(o) = g.then {
                line.push_str(&format!(
                    "; if {} it holds → {}",
                    ifs(&g.holds_if),
                    code(o.id())
                ));
            }
            if let Some(o) = g.otherwise {
                line.push_str(&format!(
                    "; if {} it does not → {}",
                    ifs(&g.fails_if),
                    code(o.id())
                ));
            }
            line
        })
        .collect()
}

fn open_gates(out: &mut String, c: &ComponentExplain, style: Style) {
    if c.open_gates.is_empty() {
        return;
    }
    section(out, "What would settle it", style);
    for line in open_gate_lines(c, |s| s.to_string()) {
        out.push_str(&format!("- {line}\n"));
    }
}

fn conflicts(out: &mut String, c: &ComponentExplain, style: Style) {
    if c.result.conflicts.is_empty() {
        return;
    }
    section(out, "Contradictory answers", style);
    for text in &c.result.conflicts {
        out.push_str(&format!("- {text}\n"));
    }
}

/// `0.67` or `0.45 (borderline)`.
fn confidence_line(c: &ComponentExplain) -> String {
    if c.result.borderline {
        format!("{:.2} (borderline)", c.result.confidence)
    } else {
        format!("{:.2}", c.result.confidence)
    }
}

fn answers(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, "Answers", style);
    if !c.changes.is_empty() {
        out.push_str(&format!(
            "what-if: {} answer{} changed with --set\n",
            c.changes.len(),
            if c.changes.len() == 1 { "" } else { "s" }
        ));
    }
    let mut t = table(style);
    t.set_header(vec!["factor", "answer", "remarks"]);
    keep_ids_whole(&mut t, c.answers.iter().map(|a| a.factor.as_str()));
    let values: Vec<String> = c.answers.iter().map(|a| a.value.to_string()).collect();
    keep_column_whole(&mut t, 1, values.iter().map(String::as_str));
    for a in &c.answers {
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
        t.add_row(vec![
            a.factor.clone(),
            a.value.to_string(),
            marks.join("; "),
        ]);
    }
    push_table(out, &t);
}

fn axes(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, "Axes", style);
    let mut t = table(style);
    t.set_header(vec!["axis", "score", "threshold", "level", "measures"]);
    for a in &c.axes {
        t.add_row(vec![
            a.axis.clone(),
            a.score.to_string(),
            a.threshold.to_string(),
            a.level.id().to_string(),
            a.description.clone(),
        ]);
    }
    push_table(out, &t);
}

fn fired(out: &mut String, c: &ComponentExplain, style: Style, refs: &mut SourceRefs) {
    section(out, "Rules that fired", style);
    if c.fired_rules.is_empty() {
        out.push_str("none\n");
        return;
    }
    let mut t = table(style);
    t.set_header(vec!["rule / when", "points", "because / sources"]);
    keep_ids_whole(&mut t, c.fired_rules.iter().map(|r| r.rule.as_str()));
    for r in &c.fired_rules {
        t.add_row(vec![
            format!("{}\nwhen {}", r.rule, r.condition),
            points(&r.points),
            format!("{}\n{}", r.because, refs.cite(&r.sources)),
        ]);
    }
    push_table(out, &t);
}

/// What firing a near-miss rule would do (shared with markdown).
pub fn near_miss_effect(n: &super::NearMissRule) -> String {
    match (n.would_be, n.margin_left) {
        (Some(o), _) => format!("would make it {o}"),
        (None, 0) => "crosses a threshold; outcome unchanged".into(),
        (None, m) => format!("would leave an axis {m} from changing level"),
    }
}

fn near_misses(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, "Closest rules that did not fire", style);
    if c.near_miss_rules.is_empty() {
        out.push_str("none: no rule that did not fire would move an axis towards its threshold\n");
        return;
    }
    let mut t = table(style);
    t.set_header(vec!["rule / when", "would add", "effect", "because"]);
    keep_ids_whole(
        &mut t,
        c.near_miss_rules.iter().map(|n| n.rule.rule.as_str()),
    );
    for n in &c.near_miss_rules {
        let mut effect = near_miss_effect(n);
        if n.unanswered {
            effect.push_str(" (depends on an unanswered factor)");
        }
        t.add_row(vec![
            format!("{}\nwhen {}", n.rule.rule, n.rule.condition),
            points(&n.rule.points),
            effect,
            n.rule.because.clone(),
        ]);
    }
    push_table(out, &t);
}

fn gates(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, "Gates", style);
    let mut t = table(style);
    t.set_header(vec!["gate / when", "status", "excludes", "reason"]);
    keep_ids_whole(&mut t, c.gates.iter().map(|g| g.gate.as_str()));
    for g in &c.gates {
        let status = gate_status(g);
        t.add_row(vec![
            format!("{}\nwhen {}", g.gate, g.condition),
            status.to_string(),
            outcomes(&g.excludes),
            g.reason.clone(),
        ]);
    }
    push_table(out, &t);
}

fn decision(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, "Decision", style);
    for (i, line) in decision_lines(c, |s| s.to_string()).iter().enumerate() {
        out.push_str(&format!("{}. {line}\n", i + 1));
    }
}

fn confidence(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, &format!("Confidence {}", confidence_line(c)), style);
    for line in confidence_lines(c, |s| s.to_string()) {
        out.push_str(&format!("- {line}\n"));
    }
}

/// "would be `hybrid` if output_consistency were high (now medium)" (shared with markdown).
pub fn alternative_lines(c: &ComponentExplain, code: fn(&str) -> String) -> Vec<String> {
    c.result
        .alternatives
        .iter()
        .flat_map(|alt| {
            alt.change.0.iter().map(move |(factor, value)| {
                let now = c
                    .answers
                    .iter()
                    .find(|a| &a.factor == factor)
                    .map_or_else(|| "unknown".to_string(), |a| a.value.to_string());
                format!(
                    "would be {} if {factor} were {} (now {})",
                    code(alt.outcome.id()),
                    code(&value.to_string()),
                    code(&now)
                )
            })
        })
        .collect()
}

fn alternatives(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, "Alternatives (single answer changes)", style);
    let lines = alternative_lines(c, |s| s.to_string());
    if lines.is_empty() {
        out.push_str("none: no single answer change gives another outcome\n");
    }
    for line in lines {
        out.push_str(&format!("- {line}\n"));
    }
}

fn notes(out: &mut String, c: &ComponentExplain, style: Style, refs: &mut SourceRefs) {
    section(out, "Notes", style);
    if c.note_details.is_empty() {
        out.push_str("none\n");
    }
    for n in &c.note_details {
        out.push_str(&format!(
            "- {} ({})\n  {}\n",
            n.text,
            n.note,
            refs.cite(&n.sources).replace('\n', "\n  ")
        ));
    }
}

/// A gate's status in words: whether it holds, and what it does while it may.
pub fn gate_status(g: &super::GateEntry) -> String {
    match g.status {
        GateStatus::Applies => "applies".into(),
        GateStatus::DoesNotApply => "does not apply".into(),
        GateStatus::Unknown => {
            let what = match g.if_unknown {
                crate::rules::IfUnknown::Exclude => "excluded as if it held (safety)",
                crate::rules::IfUnknown::Flag => "not excluded, flagged",
            };
            let open = if g.unsettles {
                "; keeps the result borderline"
            } else {
                ""
            };
            format!(
                "may apply ({} unanswered): {what}{open}",
                g.unanswered.join(", ")
            )
        }
    }
}
