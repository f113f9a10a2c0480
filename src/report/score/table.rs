//! Human output: one comfy-table per workload, then how the techniques divide it.

use comfy_table::Cell;

use super::FileScore;
use crate::report::chart::{self, Quadrant};
use crate::report::style::{new_table, outcome_cell, Style};
use crate::report::Section;
use crate::result::ComponentResult;

/// How many reasons the table shows per component; `explain` shows them all.
const REASONS_SHOWN: usize = 3;

/// The "why" column: the strongest fired rules, strongest first.
///
/// Only what supports the result is a reason: points that pushed an axis the
/// way it came out (up on a high axis, down on a low one). When a gate excluded
/// the decision table's outcome, the gate *is* the reason and the axis rules
/// (which argued for the excluded outcome) are not listed. `explain` shows all.
pub fn key_reasons(r: &ComponentResult, n: usize) -> String {
    if r.table_outcome != r.recommendation {
        if let Some(gate) = r.excluded.iter().find(|e| e.outcome == r.table_outcome) {
            return format!("gate: {} (excludes {})", gate.gate, gate.outcome);
        }
    }
    let high = |axis: &str| {
        let get = |m: &crate::result::OrderedMap<i64, &str>| {
            m.0.iter().find(|(a, _)| *a == axis).map(|(_, v)| *v)
        };
        matches!((get(&r.scores), get(&r.thresholds)), (Some(s), Some(t)) if s >= t)
    };
    let mut by_rule: Vec<(&str, i64)> = Vec::new();
    for c in r
        .rationale
        .iter()
        .filter(|c| (c.points > 0) == high(c.axis))
    {
        match by_rule.iter_mut().find(|(id, _)| *id == c.rule) {
            Some((_, p)) => *p += c.points.abs(),
            None => by_rule.push((c.rule, c.points.abs())),
        }
    }
    // Stable sort keeps rule-base order among equals: deterministic output.
    by_rule.sort_by_key(|(_, p)| std::cmp::Reverse(*p));
    let parts: Vec<&str> = by_rule.iter().take(n).map(|(id, _)| *id).collect();
    parts.join(", ")
}

/// A one-row table for a single component (used by `ask` after each component).
///
/// Tables never probe the terminal themselves (output must not depend on it);
/// [`super::fit`] adapts them to a width a caller knows.
pub fn render_component(r: &ComponentResult, color: bool) -> String {
    let mut t = table_for(std::slice::from_ref(r), color, true);
    t.set_header(header(r, true));
    t.to_string()
}

fn header(r: &ComponentResult, reasons: bool) -> Vec<String> {
    let mut h = vec![
        "component".to_string(),
        "recommendation".into(),
        "confidence".into(),
    ];
    h.extend(r.scores.0.iter().map(|(axis, _)| axis.to_string()));
    h.push("declared".to_string());
    if r.cost.is_some() {
        h.push("cost a month".to_string());
    }
    if reasons {
        h.push("key reasons".into());
    }
    h
}

fn table_for(results: &[ComponentResult], color: bool, reasons: bool) -> comfy_table::Table {
    let mut t = new_table(color);
    for r in results {
        let mut row = vec![
            Cell::new(r.component),
            outcome_cell(r.recommendation, color),
        ];
        let conf = if r.borderline {
            format!("{:.2} borderline", r.confidence)
        } else {
            format!("{:.2}", r.confidence)
        };
        row.push(Cell::new(conf));
        for ((_, score), (_, threshold)) in r.scores.0.iter().zip(&r.thresholds.0) {
            row.push(Cell::new(format!("{score} / {threshold}")));
        }
        let declared = match (r.architecture, r.matches) {
            (Some(a), Some(true)) => format!("{a} ✓"),
            (Some(a), _) => format!("{a} ✗"),
            (None, _) => "—".to_string(),
        };
        row.push(Cell::new(declared));
        if let Some(c) = cost_cell(r) {
            row.push(Cell::new(c));
        }
        if reasons {
            row.push(Cell::new(key_reasons(r, REASONS_SHOWN)));
        }
        t.add_row(row);
    }
    t
}

/// The table format: a titled table per workload and its summary line,
/// fitted to a terminal's width when one is known.
pub struct Table {
    /// ANSI colour.
    pub color: bool,
    /// The terminal's width; `None` for piped or saved output.
    pub width: Option<u16>,
    /// The quadrant to draw under each workload's table (`--chart`).
    pub chart: Option<Quadrant>,
}

impl super::Renderer for Table {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let mut out = super::fit::file(f, self.color, self.width);
        if let Some(q) = &self.chart {
            out.push('\n');
            let style = Style::new(self.color, self.width);
            out.push_str(&chart::term::render(
                q,
                &chart::markers(q, &f.results),
                style,
            ));
        }
        Ok(out.into())
    }

    fn separator(&self) -> &'static str {
        "\n"
    }
}

/// One workload's section: the title, the table (with the key reasons in a
/// column, or listed under it), borderline lines and the system summary.
pub fn section(f: &FileScore, color: bool, reasons_column: bool) -> String {
    let mut out = String::new();
    let Some(first) = f.results.first() else {
        return out;
    };
    out.push_str(&format!("{} ({})\n", f.summary.workload, f.path));
    let mut t = table_for(&f.results, color, reasons_column);
    t.set_header(header(first, reasons_column));
    out.push_str(&t.to_string());
    out.push('\n');
    if !reasons_column {
        for r in &f.results {
            out.push_str(&format!(
                "{}: {}\n",
                r.component,
                key_reasons(r, REASONS_SHOWN)
            ));
        }
    }
    for line in f.results.iter().filter_map(borderline_line) {
        out.push_str(&format!("{line}\n"));
    }
    for line in f.results.iter().filter_map(cost_line) {
        out.push_str(&format!("{line}\n"));
    }
    out.push_str(&format!("system: {}\n", f.summary.summary));
    out
}

/// The recommended outcome's monthly cost (`score --cost`).
pub fn cost_cell(r: &ComponentResult) -> Option<String> {
    let c = r.cost.as_ref()?;
    Some(crate::report::style::money::usd(
        crate::result::cost::CostResult::get(&c.monthly_usd, r.recommendation),
    ))
}

/// When the cheapest outcome is not the recommendation, one line saying what
/// it would save and what rules it out (`score --cost`).
pub fn cost_line(r: &ComponentResult) -> Option<String> {
    crate::report::cost::verdict(r).map(|v| format!("cost: {}: {v}", r.component))
}

/// For a borderline result, one line saying so with its alternatives
/// ("borderline: a (0.33): would be rag if citations were required; …"),
/// so that every format shows what a small change would do.
pub fn borderline_line(r: &ComponentResult) -> Option<String> {
    if !r.borderline {
        return None;
    }
    let alts: Vec<String> = r
        .alternatives
        .iter()
        .flat_map(|a| {
            a.change
                .0
                .iter()
                .map(move |(f, v)| format!("would be {} if {f} were {v}", a.outcome))
        })
        .collect();
    let alts = if alts.is_empty() {
        "no single answer change gives another outcome".to_string()
    } else {
        alts.join("; ")
    };
    Some(format!(
        "borderline: {} ({:.2}): {alts}",
        r.component, r.confidence
    ))
}
