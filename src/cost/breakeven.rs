//! Break-even between fine-tune and the cheapest option without fine-tuning.
//!
//! Both monthly costs are straight lines in the daily volume D:
//! `monthly(D) = D × dpm × per_request + fixed`. Their difference,
//! fine-tune minus the alternative, is `ΔF − D × dpm × Δu` with
//! `ΔF = fixed_ft − fixed_alt` and `Δu = per_request_alt − per_request_ft`
//! (what fine-tune saves per request). It changes sign at most once, at
//! `D* = ΔF / (dpm × Δu)`, and only when ΔF and Δu have the same sign: that
//! is the break-even volume. Otherwise one option is at least as cheap at
//! every volume, and there is no break-even.

use super::OutcomeCost;
use crate::rules::Outcome;

/// Where fine-tune is cheaper per month than the alternative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cheaper {
    /// At every volume above 0.
    Always,
    /// At no volume (at most as cheap, never cheaper).
    Never,
    /// Above the break-even volume.
    Above,
    /// Below the break-even volume.
    Below,
}

impl Cheaper {
    /// The id used in JSON and CSV.
    pub fn id(self) -> &'static str {
        match self {
            Cheaper::Always => "always",
            Cheaper::Never => "never",
            Cheaper::Above => "above",
            Cheaper::Below => "below",
        }
    }
}

/// Fine-tune against one alternative.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BreakEven {
    /// The alternative: the cheapest option without fine-tuning.
    pub against: Outcome,
    /// Where fine-tune is cheaper per month.
    pub fine_tune_cheaper: Cheaper,
    /// The daily volume at which both monthly costs are equal (`Above` and
    /// `Below` only).
    pub requests_per_day: Option<f64>,
    /// At the stated volume, the days until fine-tune's cumulative cost is
    /// no higher than the alternative's: its extra one-off cost divided by
    /// what it saves a day (0 when it costs no more up front). `None` when it
    /// saves nothing a day at this volume, so it never catches up.
    pub days: Option<f64>,
}

/// Fine-tune (`ft`) against `alt`, at `daily` requests a day.
pub fn break_even(
    ft: &OutcomeCost,
    alt: &OutcomeCost,
    against: Outcome,
    daily: f64,
    days_per_month: f64,
) -> BreakEven {
    let fixed = ft.fixed_monthly() - alt.fixed_monthly();
    let saving = alt.per_request - ft.per_request;
    let crossing = || fixed / (days_per_month * saving);
    let (fine_tune_cheaper, requests_per_day) = if fixed > 0.0 && saving > 0.0 {
        (Cheaper::Above, Some(crossing()))
    } else if fixed < 0.0 && saving < 0.0 {
        (Cheaper::Below, Some(crossing()))
    } else if saving >= 0.0 && fixed <= 0.0 && (saving > 0.0 || fixed < 0.0) {
        (Cheaper::Always, None)
    } else {
        (Cheaper::Never, None)
    };
    let daily_saving = (alt.monthly_at(daily, days_per_month)
        - ft.monthly_at(daily, days_per_month))
        / days_per_month;
    let days =
        (daily_saving > 0.0).then(|| ((ft.one_off() - alt.one_off()) / daily_saving).max(0.0));
    BreakEven {
        against,
        fine_tune_cheaper,
        requests_per_day,
        days,
    }
}
