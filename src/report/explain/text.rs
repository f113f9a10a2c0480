//! `explain` for terminals: a section per step, tables where the data is tabular.

use comfy_table::{Cell, ColumnConstraint, Table, Width};

use super::{ComponentExplain, ExplainReport, GateStatus, Level};
use crate::report::table::{new_table, outcome_cell};
use crate::report::OrderedMap;
use crate::rules::Outcome;

/// Tables wrap at this width when not on a terminal: wide enough for sentences,
/// narrow enough to read, and fixed so that piped output is the same bytes everywhere.
pub const WIDTH: u16 = 100;

/// How text reports are drawn: colour, and the width tables wrap at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// ANSI colour and bold.
    pub color: bool,
    /// Table width in columns.
    pub width: u16,
}

impl Style {
    /// [`WIDTH`] columns, or a terminal's width when one is known (narrower
    /// than [`WIDTH`] on small terminals, never wider: long sentences are
    /// easier to read wrapped).
    pub fn new(color: bool, terminal_width: Option<u16>) -> Self {
        let width = terminal_width.map_or(WIDTH, |w| w.clamp(40, WIDTH));
        Style { color, width }
    }
}

/// A table in ragfit's style, wrapped at the style's width.
pub fn table(style: Style) -> Table {
    let mut t = new_table(style.color);
    t.set_width(style.width);
    t
}

/// Keep the first column at least as wide as its longest id, so ids never
/// break mid-word (conditions and sentences wrap instead).
pub fn keep_ids_whole<'a>(t: &mut Table, ids: impl Iterator<Item = &'a str>) {
    let width = ids.map(|s| s.chars().count()).max().unwrap_or(0);
    let max = t.width().unwrap_or(WIDTH) / 2;
    if let Some(col) = t.column_mut(0) {
        // +2 for the cell padding, which the constraint counts.
        let w = u16::try_from(width + 2).unwrap_or(u16::MAX).min(max);
        col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
    }
}

/// Bold text when colour is on (section headings).
pub fn bold(s: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// `knowledge +2, behavior -1`.
pub fn points(p: &OrderedMap<i64>) -> String {
    p.0.iter()
        .map(|(axis, n)| format!("{axis} {n:+}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Render the whole report, one block per component.
pub fn render(report: &ExplainReport, style: Style) -> String {
    let mut out = String::new();
    for (i, c) in report.components.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        component(&mut out, c, style);
    }
    out
}

fn section(out: &mut String, title: &str, style: Style) {
    out.push('\n');
    out.push_str(&bold(title, style.color));
    out.push('\n');
}

fn push_table(out: &mut String, t: &Table) {
    out.push_str(&t.to_string());
    out.push('\n');
}

fn component(out: &mut String, c: &ComponentExplain, style: Style) {
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
    answers(out, c, style);
    axes(out, c, style);
    fired(out, c, style);
    near_misses(out, c, style);
    gates(out, c, style);
    decision(out, c, style);
    confidence(out, c, style);
    alternatives(out, c, style);
    notes(out, c, style);
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
    t.set_header(vec!["factor", "answer", ""]);
    keep_ids_whole(&mut t, c.answers.iter().map(|a| a.factor.as_str()));
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

fn fired(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, "Rules that fired", style);
    if c.fired_rules.is_empty() {
        out.push_str("none\n");
        return;
    }
    let mut t = table(style);
    t.set_header(vec!["rule / when", "points", "because / source"]);
    keep_ids_whole(&mut t, c.fired_rules.iter().map(|r| r.rule.as_str()));
    for r in &c.fired_rules {
        t.add_row(vec![
            format!("{}\nwhen {}", r.rule, r.condition),
            points(&r.points),
            format!("{}\nsource: {}", r.because, r.source),
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
        let status = match g.status {
            GateStatus::Applies => "applies",
            GateStatus::DoesNotApply => "does not apply",
            GateStatus::Unknown => "unknown (unanswered)",
        };
        t.add_row(vec![
            format!("{}\nwhen {}", g.gate, g.condition),
            status.to_string(),
            outcomes(&g.excludes),
            g.reason.clone(),
        ]);
    }
    push_table(out, &t);
}

/// The decision step as numbered lines (shared with markdown, which adds backticks).
pub fn decision_lines(c: &ComponentExplain, code: fn(&str) -> String) -> Vec<String> {
    let levels: Vec<String> = c
        .axes
        .iter()
        .map(|a| {
            let cmp = if a.level == Level::High { ">=" } else { "<" };
            format!(
                "{} {} ({} {cmp} {})",
                a.axis,
                a.level.id(),
                a.score,
                a.threshold
            )
        })
        .collect();
    let mut lines = vec![format!("axis levels: {}", levels.join(", "))];
    let table_outcome = c.decision.table_outcome;
    let pairs: Vec<String> = c
        .decision
        .levels
        .0
        .iter()
        .map(|(axis, l)| format!("{axis} {}", l.id()))
        .collect();
    lines.push(format!(
        "decision table: {} → {}",
        pairs.join(", "),
        code(table_outcome.id())
    ));
    for (i, t) in c.decision.tried.iter().enumerate() {
        let what = if i == 0 { "table outcome" } else { "fallback" };
        match &t.excluded_by {
            Some(gate) => lines.push(format!(
                "{what} {} is excluded by gate {}",
                code(t.outcome.id()),
                code(gate)
            )),
            None => lines.push(format!(
                "{what} {} is allowed → recommendation {}",
                code(t.outcome.id()),
                code(t.outcome.id())
            )),
        }
    }
    if c.decision
        .tried
        .last()
        .is_some_and(|t| t.excluded_by.is_some())
    {
        lines.push(format!(
            "every candidate is excluded, so the table outcome stands → recommendation {}",
            code(c.result.recommendation.id())
        ));
    }
    lines
}

fn decision(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, "Decision", style);
    for (i, line) in decision_lines(c, |s| s.to_string()).iter().enumerate() {
        out.push_str(&format!("{}. {line}\n", i + 1));
    }
}

/// What made the confidence figure (shared with markdown).
pub fn confidence_lines(c: &ComponentExplain) -> Vec<String> {
    let d = &c.confidence_detail;
    let mut lines = Vec::new();
    if let Some(axis) = &d.weakest_axis {
        lines.push(format!(
            "weakest axis {axis}: margin {m} → {m} / ({m} + {scale}) = {:.2}",
            d.margin_confidence,
            m = d.weakest_margin,
            scale = crate::rules::format_number(d.margin_scale),
        ));
    }
    let penalty = d.unanswered as f64 * d.unanswered_penalty;
    lines.push(if d.unanswered == 0 {
        "no unanswered factor could change the outcome: no penalty".to_string()
    } else {
        format!(
            "unanswered factors that could change the outcome: {} × {:.2} = -{penalty:.2}",
            d.unanswered, d.unanswered_penalty
        )
    });
    if d.other_unanswered > 0 {
        lines.push(format!(
            "other unanswered factors the rules read: {} × {:.2} = -{:.2}",
            d.other_unanswered,
            d.other_unanswered_penalty,
            d.other_unanswered as f64 * d.other_unanswered_penalty
        ));
    }
    lines.push(format!(
        "confidence {:.2}; borderline below {:.2}: {}",
        d.confidence,
        d.borderline_below,
        if d.borderline { "yes" } else { "no" }
    ));
    lines
}

fn confidence(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, &format!("Confidence {}", confidence_line(c)), style);
    for line in confidence_lines(c) {
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

fn notes(out: &mut String, c: &ComponentExplain, style: Style) {
    section(out, "Notes", style);
    if c.note_details.is_empty() {
        out.push_str("none\n");
    }
    for n in &c.note_details {
        out.push_str(&format!(
            "- {} ({})\n  source: {}\n",
            n.text, n.note, n.source
        ));
    }
}

/// Outcomes as `a, b`.
pub fn outcomes(list: &[Outcome]) -> String {
    list.iter().map(|o| o.id()).collect::<Vec<_>>().join(", ")
}
