//! `explain` as Markdown: a section per component, fit to paste into a
//! design document or architecture review.

use super::text::{
    alternative_lines, confidence_lines, decision_lines, near_miss_effect, open_gate_lines,
};
use super::{ComponentExplain, ExplainReport, GateStatus};
use crate::report::style::markdown::{cell, code, code_cell, table};
use crate::report::style::{outcomes, points};

/// Render the report as Markdown.
pub fn render(report: &ExplainReport) -> String {
    let mut out = String::from("# ragfit explanation\n");
    if !report.overrides.is_empty() {
        let sets: Vec<String> = report.overrides.iter().map(|s| code(s)).collect();
        out.push_str(&format!("\nWhat-if overrides: {}\n", sets.join(", ")));
    }
    for c in &report.components {
        component(&mut out, c);
        if let Some(p) = &report.prices {
            super::cost::markdown(&mut out, c, p);
        }
    }
    out
}

fn component(out: &mut String, c: &ComponentExplain) {
    let r = &c.result;
    out.push_str(&format!(
        "\n## {} — `{}`\n\n",
        cell(r.component),
        r.recommendation
    ));
    out.push_str(&format!(
        "Workload `{}` in `{}`.",
        cell(r.workload),
        cell(r.path)
    ));
    if let Some(d) = &c.description {
        out.push_str(&format!(" Component: {}.", cell(d)));
    }
    out.push_str("\n\n");
    let conf = if r.borderline {
        format!("{:.2} (borderline)", r.confidence)
    } else {
        format!("{:.2}", r.confidence)
    };
    out.push_str(&format!(
        "**Recommendation:** `{}` · **confidence:** {conf}",
        r.recommendation
    ));
    if let Some(arch) = r.architecture {
        let verdict = if r.matches == Some(true) {
            "matches"
        } else {
            "differs"
        };
        out.push_str(&format!(" · **declared:** `{arch}` ({verdict})"));
    }
    out.push_str("\n\n");
    if r.borderline {
        out.push_str(&format!(
            "> **Borderline.** Confidence {:.2} is below {:.2}: a small change in the answers \
could change the outcome. See the alternatives below.\n\n",
            r.confidence, c.confidence_detail.borderline_below
        ));
    }
    answers(out, c);
    axes_and_rules(out, c);
    gates(out, c);
    out.push_str("### Decision\n\n");
    for (i, line) in decision_lines(c, code).iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, line));
    }
    out.push_str("\n### Confidence\n\n");
    for line in confidence_lines(c, code) {
        out.push_str(&format!("- {line}\n"));
    }
    if !c.open_gates.is_empty() {
        out.push_str("\n### What would settle it\n\n");
        for line in open_gate_lines(c, code) {
            out.push_str(&format!("- {line}\n"));
        }
    }
    out.push_str("\n### Alternatives\n\n");
    let alts = alternative_lines(c, code);
    if alts.is_empty() {
        out.push_str("No single answer change gives another outcome.\n");
    }
    for line in alts {
        out.push_str(&format!("- {line}\n"));
    }
    out.push_str("\n### Notes\n\n");
    if c.note_details.is_empty() {
        out.push_str("None.\n");
    }
    for n in &c.note_details {
        out.push_str(&format!(
            "- {} (`{}`; sources: {})\n",
            n.text,
            n.note,
            crate::report::style::markdown::sources(&n.sources)
        ));
    }
    if !c.result.conflicts.is_empty() {
        out.push_str("\n### Contradictory answers\n\n");
        for text in &c.result.conflicts {
            out.push_str(&format!("- {}\n", cell(text)));
        }
    }
}

fn answers(out: &mut String, c: &ComponentExplain) {
    out.push_str("### Answers\n\n");
    if !c.changes.is_empty() {
        let list: Vec<String> = c
            .changes
            .iter()
            .map(|ch| {
                format!(
                    "`{}` {} → {}",
                    ch.factor,
                    code(&ch.from.to_string()),
                    code(&ch.to.to_string())
                )
            })
            .collect();
        out.push_str(&format!("What-if (`--set`): {}\n\n", list.join(", ")));
    }
    let rows = c.answers.iter().map(|a| {
        let mut marks = Vec::new();
        if let Some(from) = &a.file_value {
            marks.push(format!("set (file: `{from}`)"));
        }
        if !a.answered {
            marks.push("**unanswered**".to_string());
        }
        if a.sensitive {
            marks.push("could change the outcome".to_string());
        }
        [
            code_cell(&a.factor),
            cell(&a.value.to_string()),
            marks.join("; "),
        ]
    });
    out.push_str(&table(&["factor", "answer", "remarks"], rows));
    out.push('\n');
}

fn axes_and_rules(out: &mut String, c: &ComponentExplain) {
    out.push_str("### Axes\n\n");
    out.push_str(&table(
        &["axis", "score", "threshold", "level", "measures"],
        c.axes.iter().map(|a| {
            [
                cell(&a.axis),
                a.score.to_string(),
                a.threshold.to_string(),
                a.level.id().to_string(),
                cell(&a.description),
            ]
        }),
    ));
    out.push_str("\n### Rules that fired\n\n");
    if c.fired_rules.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str(&table(
            &["rule", "when", "points", "because", "source"],
            c.fired_rules.iter().map(|r| {
                [
                    code_cell(&r.rule),
                    code_cell(&r.condition),
                    points(&r.points),
                    cell(&r.because),
                    crate::report::style::markdown::sources(&r.sources),
                ]
            }),
        ));
    }
    out.push_str("\n### Closest rules that did not fire\n\n");
    if c.near_miss_rules.is_empty() {
        out.push_str("None: no rule that did not fire would move an axis towards its threshold.\n");
    } else {
        let rows = c.near_miss_rules.iter().map(|n| {
            let mut effect = near_miss_effect(n);
            if n.unanswered {
                effect.push_str(" (depends on an unanswered factor)");
            }
            [
                code_cell(&n.rule.rule),
                code_cell(&n.rule.condition),
                points(&n.rule.points),
                effect,
                cell(&n.rule.because),
            ]
        });
        out.push_str(&table(
            &["rule", "when", "would add", "effect", "because"],
            rows,
        ));
    }
    out.push('\n');
}

fn gates(out: &mut String, c: &ComponentExplain) {
    out.push_str("### Gates\n\n");
    let rows = c.gates.iter().map(|g| {
        let status = match g.status {
            GateStatus::Applies => "**applies**",
            GateStatus::DoesNotApply => "does not apply",
            GateStatus::Unknown => "unknown (unanswered)",
        };
        [
            code_cell(&g.gate),
            code_cell(&g.condition),
            status.to_string(),
            outcomes(&g.excludes),
            cell(&g.reason),
        ]
    });
    out.push_str(&table(
        &["gate", "when", "status", "excludes", "reason"],
        rows,
    ));
    out.push('\n');
}
