//! CSV output: one row per component, for spreadsheets and scripts.

use super::FileScore;
use crate::report::Section;
use crate::result::cost::CostResult;
use crate::rules::Outcome;

/// The CSV format: a header row, then a row per component. Lists are `;`-separated.
pub struct Csv {
    /// Axis ids of the rule base, in order: the columns must not change when
    /// every file failed, so they come from the rule base, not a result.
    axes: Vec<String>,
    /// Whether the cost columns follow (`score --cost`).
    cost: bool,
}

impl Csv {
    /// The CSV format for a rule base's axes, with cost columns when `cost`.
    pub fn new(rb: &crate::rules::RuleBase, cost: bool) -> Self {
        Csv {
            axes: rb.axes.iter().map(|a| a.id.clone()).collect(),
            cost,
        }
    }
}

/// The cost columns: per outcome its monthly, one-off and per-1k figures
/// (`monthly_usd_rag`, …), then the break-even and what was assumed.
fn cost_header() -> Vec<String> {
    let mut h = Vec::new();
    for what in ["monthly_usd", "one_off_usd", "per_1k_requests_usd"] {
        h.extend(Outcome::ALL.iter().map(|o| format!("{what}_{o}")));
    }
    h.extend(
        [
            "model_tier",
            "cheapest",
            "break_even_against",
            "break_even_requests_per_day",
            "break_even_days",
            "cost_assumed",
        ]
        .map(String::from),
    );
    h
}

fn cost_row(c: Option<&CostResult>) -> Vec<String> {
    let Some(c) = c else {
        return vec![String::new(); cost_header().len()];
    };
    let num = crate::rules::format_number;
    let mut row = Vec::new();
    for map in [&c.monthly_usd, &c.one_off_usd, &c.per_1k_requests_usd] {
        row.extend(Outcome::ALL.iter().map(|&o| num(CostResult::get(map, o))));
    }
    row.extend([
        c.model_tier.clone(),
        c.cheapest.to_string(),
        c.break_even_against.to_string(),
        c.break_even_requests_per_day.map(num).unwrap_or_default(),
        c.break_even_days.map(num).unwrap_or_default(),
        c.assumed.join(";"),
    ]);
    row
}

impl super::Renderer for Csv {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn begin(&self) -> anyhow::Result<String> {
        let mut header: Vec<String> = [
            "path",
            "workload",
            "component",
            "recommendation",
            "confidence",
            "borderline",
        ]
        .map(String::from)
        .to_vec();
        header.extend(self.axes.iter().map(|a| format!("{a}_score")));
        header.extend(
            [
                "architecture",
                "matches",
                "excluded",
                "alternatives",
                "unanswered",
            ]
            .map(String::from),
        );
        if self.cost {
            header.extend(cost_header());
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&header)?;
        Ok(String::from_utf8(w.into_inner()?)?)
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in &f.results {
            let mut row = vec![
                r.path.to_string(),
                r.workload.to_string(),
                r.component.to_string(),
                r.recommendation.to_string(),
                format!("{:.2}", r.confidence),
                r.borderline.to_string(),
            ];
            row.extend(self.axes.iter().map(|a| {
                r.scores
                    .0
                    .iter()
                    .find(|(id, _)| id == a)
                    .map(|(_, s)| s.to_string())
                    .unwrap_or_default()
            }));
            row.push(r.architecture.map(|a| a.to_string()).unwrap_or_default());
            row.push(r.matches.map(|m| m.to_string()).unwrap_or_default());
            row.push(
                r.excluded
                    .iter()
                    .map(|e| e.outcome.to_string())
                    .collect::<Vec<_>>()
                    .join(";"),
            );
            row.push(
                r.alternatives
                    .iter()
                    .flat_map(|a| {
                        a.change
                            .0
                            .iter()
                            .map(move |(f, v)| format!("{}:{f}={v}", a.outcome))
                    })
                    .collect::<Vec<_>>()
                    .join(";"),
            );
            row.push(r.unanswered.join(";"));
            if self.cost {
                row.extend(cost_row(r.cost.as_ref()));
            }
            w.write_record(&row)?;
        }
        Ok(String::from_utf8(w.into_inner()?)?.into())
    }
}
