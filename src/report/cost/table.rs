//! `cost` for people: per workload, a table per component — an outcome a
//! row — and under it the break-even, what the cheapest outcome would save
//! and what was assumed.

use super::{assumed_line, break_even_sentence, fig, marks, subject, too_long_line, verdict_line};
use crate::report::score::{FileScore, Renderer};
use crate::report::style::money::{usd, usd_fine};
use crate::report::style::{outcome_cell, table, Style};
use crate::report::Section;
use crate::result::cost::CostResult;
use crate::result::ComponentResult;
use crate::rules::Outcome;
use comfy_table::Cell;

/// The table format.
pub struct Table {
    /// Colour and width.
    pub style: Style,
    /// The sentence that opens the report.
    pub intro: String,
}

impl Renderer for Table {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn begin(&self) -> anyhow::Result<String> {
        Ok(format!("{}\n\n", self.intro))
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let mut out = format!("{} ({})\n", f.summary.workload, f.path);
        for r in &f.results {
            out.push('\n');
            out.push_str(&component(r, self.style));
        }
        Ok(out.into())
    }

    fn separator(&self) -> &'static str {
        "\n"
    }
}

/// One component's table and lines.
pub fn component(r: &ComponentResult, style: Style) -> String {
    let Some(c) = &r.cost else {
        return String::new();
    };
    let mut out = format!("{} — {}\n", r.component, subject(c));
    out.push_str(&format!("{}\n", figures(r, c, style)));
    out.push_str(&format!("break-even: {}.\n", break_even_sentence(c)));
    if let Some(v) = verdict_line(r) {
        out.push_str(&format!("cost vs recommendation: {v}.\n"));
    }
    if let Some(l) = too_long_line(c) {
        out.push_str(&format!("too long: {l}.\n"));
    }
    if let Some(a) = assumed_line(c) {
        out.push_str(&format!("assumed: {a}.\n"));
    }
    out
}

/// The figures of one component, an outcome a row (also `explain`'s).
pub fn figures(r: &ComponentResult, c: &CostResult, style: Style) -> comfy_table::Table {
    let mut t = table(style);
    t.set_header(vec![
        "outcome".to_string(),
        "one-off".into(),
        "a month".into(),
        "per 1k requests".into(),
        format!("{} months", c.months),
        String::new(),
    ]);
    for o in Outcome::ALL {
        t.add_row(vec![
            outcome_cell(o, style.color),
            Cell::new(usd(fig(&c.one_off_usd, o))),
            Cell::new(usd(fig(&c.monthly_usd, o))),
            Cell::new(usd_fine(fig(&c.per_1k_requests_usd, o))),
            Cell::new(usd(fig(&c.cumulative_usd, o))),
            Cell::new(marks(r, c, o)),
        ]);
    }
    t
}
