//! The decision and confidence steps of an explanation as lines of text,
//! shared by the text, Markdown and HTML explanations (each passes how it
//! marks code: nothing, backticks, `<code>`).

use super::{ComponentExplain, Level};

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
    let d = &c.decision;
    let pairs: Vec<String> = d
        .levels
        .0
        .iter()
        .map(|(axis, l)| format!("{axis} {}", l.id()))
        .collect();
    lines.push(format!(
        "decision table: {} → {}",
        pairs.join(", "),
        code(d.table_outcome.id())
    ));
    let recommended = code(c.result.recommendation.id());
    let Some(gate) = &d.table_excluded_by else {
        lines.push(format!(
            "table outcome {} is allowed → recommendation {recommended}",
            code(d.table_outcome.id())
        ));
        return lines;
    };
    lines.push(format!(
        "table outcome {} is excluded by gate {}",
        code(d.table_outcome.id()),
        code(gate)
    ));
    if d.all_excluded {
        lines.push(format!(
            "every outcome is excluded: the gates contradict each other for these answers, so the \
             table outcome stands → recommendation {recommended}"
        ));
        return lines;
    }
    let options: Vec<String> = d
        .fallbacks
        .iter()
        .map(|f| match (&f.excluded_by, f.supported) {
            (Some(g), _) => format!("{} excluded by {}", code(f.outcome.id()), code(g)),
            (None, true) => format!("{} {} away", code(f.outcome.id()), points_away(f.distance)),
            (None, false) => format!(
                "{} {} away but unsupported (an axis it needs scores below {})",
                code(f.outcome.id()),
                points_away(f.distance),
                d.min_support
            ),
        })
        .collect();
    lines.push(format!(
        "fallback along the axes (nearest supported outcome; ties in the rule base's order): {} \
         → recommendation {recommended}",
        options.join("; ")
    ));
    lines
}

/// `1 point` / `3 points`.
fn points_away(n: i64) -> String {
    if n == 1 {
        "1 point".into()
    } else {
        format!("{n} points")
    }
}

/// What made the confidence figure (shared with markdown): the one-line
/// formula first, then where the margin comes from.
pub fn confidence_lines(c: &ComponentExplain, code: fn(&str) -> String) -> Vec<String> {
    let d = &c.confidence_detail;
    let scale = crate::rules::format_number(d.margin_scale);
    let raw = (d.margin_confidence - d.penalty).clamp(0.0, 1.0);
    let mut formula = format!(
        "{:.2} = {m} / ({m} + {scale}) − {n} unanswered × {p} = {:.2} − {:.2}",
        raw,
        d.margin_confidence,
        d.penalty,
        m = d.margin,
        n = d.penalized,
        p = crate::rules::format_number(d.unanswered_penalty),
    );
    if d.capped {
        let gates = d
            .unsettled_by
            .iter()
            .map(|g| code(g))
            .collect::<Vec<_>>()
            .join(", ");
        let s = if d.unsettled_by.len() == 1 { "" } else { "s" };
        if raw > d.cap {
            formula = format!(
                "{:.2}: capped below {:.2} while gate{s} {gates} may apply ({formula})",
                d.confidence, d.borderline_below
            );
        } else {
            formula.push_str(&format!(
                "; at most {:.2} while gate{s} {gates} may apply",
                d.cap
            ));
        }
    }
    let mut lines = vec![format!("confidence {formula}")];
    let world = if d.worst_if.0.is_empty() {
        "with the answers as given".to_string()
    } else {
        let ifs: Vec<String> = d
            .worst_if
            .0
            .iter()
            .map(|(f, v)| format!("{f} were {}", code(&v.to_string())))
            .collect();
        format!(
            "in the worst case over the unanswered factors (if {})",
            ifs.join(" and ")
        )
    };
    lines.push(match &d.worst_shift {
        Some(s) => format!(
            "margin {}: {world}, moving {} from {} by {:+} points changes the recommendation",
            d.margin, s.axis, s.from, s.points
        ),
        None => format!(
            "margin {} (the cap): {world}, no single axis moving up to {} points changes the \
             recommendation",
            d.margin, d.margin_cap
        ),
    });
    lines.push(format!(
        "borderline below {:.2}: {}",
        d.borderline_below,
        if d.borderline { "yes" } else { "no" }
    ));
    lines
}
