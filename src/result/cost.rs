//! One component's costs as results carry them: `results[].cost` in
//! `score --cost` and `cost` JSON, the figures every cost renderer prints.
//! Figures are rounded here, once: dollars to the cent, per-1k figures to
//! four decimals, the break-even volume to whole requests and the days to one
//! decimal, so that every format shows the same numbers.

use serde::Serialize;

use super::{ComponentResult, OrderedMap};
use crate::cost::{self, Cheaper, Estimate, Resolved};
use crate::prices::PriceBook;
use crate::report::style::money::round;
use crate::rules::{Answers, Outcome};

/// What costs are computed with: the price book and the horizon.
#[derive(Clone, Copy, Debug)]
pub struct Costing<'a> {
    /// The active price book.
    pub book: &'a PriceBook,
    /// The horizon of the cumulative figures, in months.
    pub months: u32,
}

/// One component's costs.
#[derive(Clone, Debug, Serialize)]
pub struct CostResult {
    /// The model tier the figures are for.
    pub model_tier: String,
    /// Requests a day the figures are for.
    #[serde(serialize_with = "whole")]
    pub daily_requests: f64,
    /// The horizon of `cumulative_usd`, in months.
    pub months: u32,
    /// Paid once, per outcome id.
    pub one_off_usd: OrderedMap<f64>,
    /// A month at the stated volume, per outcome id.
    pub monthly_usd: OrderedMap<f64>,
    /// Usage cost of 1,000 requests, per outcome id.
    pub per_1k_requests_usd: OrderedMap<f64>,
    /// One-off plus `months` months, per outcome id.
    pub cumulative_usd: OrderedMap<f64>,
    /// Outcomes whose request (prompt, context and response) would not fit
    /// the tier's context window: their figures are shown, but none is the
    /// cheapest or the alternative.
    pub over_context_window: Vec<Outcome>,
    /// The outcome with the lowest cumulative cost that fits the context
    /// window (whatever the gates say).
    pub cheapest: Outcome,
    /// What fine-tune is compared with: the cheapest option without
    /// fine-tuning that no gate excludes.
    pub break_even_against: Outcome,
    /// Where fine-tune costs less a month: `always`, `never`, or `above` /
    /// `below` the break-even volume.
    pub fine_tune_cheaper: Cheaper,
    /// The daily volume at which both monthly costs are equal.
    #[serde(serialize_with = "whole_or_null")]
    pub break_even_requests_per_day: Option<f64>,
    /// At the stated volume, the days until fine-tune's extra one-off cost
    /// is paid back (null: it never is at this volume).
    pub break_even_days: Option<f64>,
    /// The factor ids whose answers were left out, so the price book's
    /// default was used.
    pub assumed: Vec<&'static str>,
    /// The exact inputs and figures, for `explain` (not serialized: JSON
    /// carries the rounded figures above).
    #[serde(skip)]
    pub detail: Box<Detail>,
}

/// The unrounded model behind a [`CostResult`].
#[derive(Clone, Debug)]
pub struct Detail {
    /// The inputs used and which were assumed.
    pub resolved: Resolved,
    /// The figures.
    pub estimate: Estimate,
    /// The price book's days a month (for the horizon in days).
    pub days_per_month: f64,
    /// The tier's context window, in tokens.
    pub context_window: f64,
}

/// A count as a JSON integer (`40000`, not `40000.0`).
fn whole<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        s.serialize_i64(*x as i64)
    } else {
        s.serialize_f64(*x)
    }
}

fn whole_or_null<S: serde::Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => whole(x, s),
        None => s.serialize_none(),
    }
}

/// Dollars to the cent.
fn cents(x: f64) -> f64 {
    round(x, 2)
}

/// Per outcome id, in the contract's order.
fn per_outcome(f: impl Fn(Outcome) -> f64) -> OrderedMap<f64> {
    OrderedMap(
        Outcome::ALL
            .iter()
            .map(|&o| (o.id().to_string(), f(o)))
            .collect(),
    )
}

impl Costing<'_> {
    /// The costs of a component with these answers, given the outcomes
    /// gates exclude for it.
    pub fn of(&self, answers: &Answers, excluded: &[Outcome]) -> CostResult {
        let resolved = cost::resolve(self.book, answers);
        let alternatives: Vec<Outcome> = [Outcome::Rag, Outcome::PromptOnly]
            .into_iter()
            .filter(|o| !excluded.contains(o))
            .collect();
        let e = cost::estimate(self.book, &resolved.inputs, self.months, &alternatives);
        let resolved_tier = resolved.inputs.tier;
        let h = f64::from(self.months);
        let b = e.break_even;
        CostResult {
            model_tier: self.book.tiers[resolved.inputs.tier].id.clone(),
            daily_requests: resolved.inputs.daily_requests,
            months: self.months,
            one_off_usd: per_outcome(|o| cents(e.of(o).one_off())),
            monthly_usd: per_outcome(|o| cents(e.of(o).monthly())),
            per_1k_requests_usd: per_outcome(|o| round(e.of(o).per_1k_requests(), 4)),
            cumulative_usd: per_outcome(|o| cents(e.of(o).cumulative(h))),
            over_context_window: Outcome::ALL
                .into_iter()
                .filter(|&o| !e.fits[o as usize])
                .collect(),
            cheapest: e.cheapest,
            break_even_against: b.against,
            fine_tune_cheaper: b.fine_tune_cheaper,
            break_even_requests_per_day: b.requests_per_day.map(|d| round(d, 0)),
            break_even_days: b.days.map(|d| round(d, 1)),
            assumed: resolved.assumed.iter().map(|i| i.id()).collect(),
            detail: Box::new(Detail {
                resolved,
                estimate: e,
                days_per_month: self.book.days_per_month,
                context_window: self.book.tiers[resolved_tier].context_window,
            }),
        }
    }

    /// Add costs to a result, the gates' exclusions taken from it.
    pub fn add_to(&self, r: &mut ComponentResult, answers: &Answers) {
        let excluded: Vec<Outcome> = r.excluded.iter().map(|e| e.outcome).collect();
        r.cost = Some(self.of(answers, &excluded));
    }
}

impl CostResult {
    /// A figure of one outcome in one of the per-outcome maps.
    pub fn get(map: &OrderedMap<f64>, o: Outcome) -> f64 {
        map.0
            .iter()
            .find(|(id, _)| id == o.id())
            .map_or(0.0, |(_, v)| *v)
    }
}
