//! `cost --format csv`: one row per component and outcome (tidy data for a
//! spreadsheet: filter by outcome, sum by workload).

use crate::report::score::{FileScore, Renderer};
use crate::report::Section;
use crate::result::cost::CostResult;
use crate::rules::Outcome;

/// The columns, in order.
const HEADER: [&str; 20] = [
    "path",
    "workload",
    "component",
    "model_tier",
    "daily_requests",
    "months",
    "outcome",
    "recommended",
    "excluded",
    "over_context_window",
    "one_off_usd",
    "monthly_usd",
    "per_1k_requests_usd",
    "cumulative_usd",
    "cheapest",
    "break_even_against",
    "fine_tune_cheaper",
    "break_even_requests_per_day",
    "break_even_days",
    "assumed",
];

/// The CSV format.
pub struct Csv;

/// A number as CSV text: whole numbers without `.0`, others as computed.
fn num(x: f64) -> String {
    crate::rules::format_number(x)
}

impl Renderer for Csv {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn begin(&self) -> anyhow::Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(HEADER)?;
        Ok(String::from_utf8(w.into_inner()?)?)
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in &f.results {
            let Some(c) = &r.cost else { continue };
            for o in Outcome::ALL {
                let get = |m| num(CostResult::get(m, o));
                w.write_record([
                    r.path.to_string(),
                    r.workload.to_string(),
                    r.component.to_string(),
                    c.model_tier.clone(),
                    num(c.daily_requests),
                    c.months.to_string(),
                    o.to_string(),
                    (r.recommendation == o).to_string(),
                    r.excluded.iter().any(|e| e.outcome == o).to_string(),
                    c.over_context_window.contains(&o).to_string(),
                    get(&c.one_off_usd),
                    get(&c.monthly_usd),
                    get(&c.per_1k_requests_usd),
                    get(&c.cumulative_usd),
                    c.cheapest.to_string(),
                    c.break_even_against.to_string(),
                    c.fine_tune_cheaper.id().to_string(),
                    c.break_even_requests_per_day.map(num).unwrap_or_default(),
                    c.break_even_days.map(num).unwrap_or_default(),
                    c.assumed.join(";"),
                ])?;
            }
        }
        Ok(String::from_utf8(w.into_inner()?)?.into())
    }
}
