//! Properties of the cost model, on thousands of generated components and
//! price books (a fixed-seed generator, so a failure reproduces). Each
//! property is stated in one line and its violations counted; the counts
//! print with `cargo test -- --nocapture`. Every property must hold with zero
//! violations.

// The counts are the point of these tests: they print with --nocapture.
#![allow(clippy::print_stderr)]

use ragfit::cost::{self, Cheaper, Estimate, Inputs};
use ragfit::prices::{self, PriceBook};
use ragfit::rules::{self, Outcome};

mod rng;
use rng::Rng;

/// How many components each property sees.
const CASES: usize = 5000;

/// A whole number in 0..=max, often 0 or small (as real answers are).
fn count(rng: &mut Rng, max: u64) -> f64 {
    let max = max as usize;
    match rng.below(10) {
        0 => 0.0,
        1..=5 => rng.below(max / 100 + 1) as f64,
        _ => rng.below(max + 1) as f64,
    }
}

/// A price per 1M tokens, sometimes 0.
fn price(rng: &mut Rng) -> f64 {
    if rng.below(8) == 0 {
        0.0
    } else {
        rng.below(30_000) as f64 / 1000.0
    }
}

fn default_book() -> PriceBook {
    static BOOK: std::sync::OnceLock<PriceBook> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| {
        let mut rb = rules::load_default().unwrap();
        prices::load_default(&mut rb).unwrap()
    })
    .clone()
}

/// A price book with random prices (the default's shape and assumptions).
fn book(rng: &mut Rng) -> PriceBook {
    let mut b = default_book();
    for t in &mut b.tiers {
        t.input_usd_per_1m = price(rng);
        t.output_usd_per_1m = price(rng);
        t.fine_tune.training_usd_per_1m = price(rng);
        t.fine_tune.input_usd_per_1m = price(rng);
        t.fine_tune.output_usd_per_1m = price(rng);
        t.fine_tune.hosting_usd_per_hour = if rng.below(3) == 0 { price(rng) } else { 0.0 };
    }
    b.embedding.usd_per_1m = price(rng) / 10.0;
    b.vector_store.monthly_usd = rng.below(200) as f64;
    b.vector_store.usd_per_1m_queries = price(rng);
    b
}

fn inputs(rng: &mut Rng, b: &PriceBook) -> Inputs {
    let (volatility, changes) = b.changes_per_month[rng.below(7)].clone();
    Inputs {
        daily_requests: count(rng, 5_000_000),
        labeled_examples: count(rng, 200_000),
        knowledge_size_docs: count(rng, 100_000),
        volatility,
        changes_per_month: changes,
        prompt_tokens: count(rng, 8000),
        output_tokens: count(rng, 2000),
        context_tokens: count(rng, 8000),
        tokens_per_example: count(rng, 4000),
        tokens_per_document: count(rng, 5000),
        tier: rng.below(b.tiers.len()),
    }
}

/// Alternatives as gates might leave them.
fn alternatives(rng: &mut Rng) -> Vec<Outcome> {
    match rng.below(4) {
        0 => vec![Outcome::Rag],
        1 => vec![Outcome::PromptOnly],
        _ => vec![Outcome::Rag, Outcome::PromptOnly],
    }
}

struct Case {
    book: PriceBook,
    x: Inputs,
    alts: Vec<Outcome>,
    months: u32,
}

fn cases(seed: u64) -> Vec<Case> {
    let mut rng = Rng(seed);
    (0..CASES)
        .map(|_| {
            let book = book(&mut rng);
            let x = inputs(&mut rng, &book);
            let alts = alternatives(&mut rng);
            let months = 1 + rng.below(36) as u32;
            Case {
                book,
                x,
                alts,
                months,
            }
        })
        .collect()
}

fn estimate(c: &Case, x: &Inputs, months: u32) -> Estimate {
    cost::estimate(&c.book, x, months, &c.alts)
}

fn report(property: &str, violations: &[String]) {
    eprintln!(
        "property: {property}: {CASES} checked, {} violations",
        violations.len()
    );
    assert!(
        violations.is_empty(),
        "{property}: {} violations, first: {:#?}",
        violations.len(),
        &violations[..violations.len().min(3)]
    );
}

/// Relative closeness, for figures computed two ways.
fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn monthly_cost_never_falls_when_daily_requests_rise() {
    let mut bad = Vec::new();
    let mut rng = Rng(7);
    for c in cases(1) {
        let more = Inputs {
            daily_requests: c.x.daily_requests + 1.0 + rng.below(1_000_000) as f64,
            ..c.x.clone()
        };
        let (a, b) = (estimate(&c, &c.x, c.months), estimate(&c, &more, c.months));
        for o in Outcome::ALL {
            if b.of(o).monthly() < a.of(o).monthly() - 1e-9 {
                bad.push(format!(
                    "{o}: {} → {}",
                    a.of(o).monthly(),
                    b.of(o).monthly()
                ));
            }
        }
    }
    report("monthly cost never falls when daily_requests rise", &bad);
}

#[test]
fn no_figure_falls_when_tokens_examples_or_documents_grow() {
    let mut bad = Vec::new();
    let mut rng = Rng(11);
    for c in cases(2) {
        let mut more = c.x.clone();
        let add = 1.0 + rng.below(5000) as f64;
        match rng.below(6) {
            0 => more.prompt_tokens += add,
            1 => more.output_tokens += add,
            2 => more.context_tokens += add,
            3 => more.tokens_per_example += add,
            4 => more.tokens_per_document += add,
            _ => more.labeled_examples += add,
        }
        let (a, b) = (estimate(&c, &c.x, c.months), estimate(&c, &more, c.months));
        for o in Outcome::ALL {
            let (x, y) = (a.of(o), b.of(o));
            if y.monthly() < x.monthly() - 1e-9 || y.one_off() < x.one_off() - 1e-9 {
                bad.push(format!("{o}: {x:?} → {y:?}"));
            }
        }
    }
    report(
        "no figure falls when tokens, examples or documents grow",
        &bad,
    );
}

#[test]
fn no_figure_is_nan_or_negative() {
    let mut bad = Vec::new();
    for c in cases(3) {
        let e = estimate(&c, &c.x, c.months);
        let mut figures: Vec<f64> = Outcome::ALL
            .iter()
            .flat_map(|&o| {
                let f = e.of(o);
                [
                    f.per_request,
                    f.one_off(),
                    f.monthly(),
                    f.per_1k_requests(),
                    f.cumulative(f64::from(c.months)),
                ]
            })
            .collect();
        figures.extend(e.break_even.requests_per_day);
        figures.extend(e.break_even.days);
        if figures.iter().any(|f| !f.is_finite() || *f < 0.0) {
            bad.push(format!("{figures:?}"));
        }
    }
    report("no figure is NaN, infinite or negative", &bad);
}

#[test]
fn at_the_break_even_volume_both_monthly_costs_are_equal() {
    let mut bad = Vec::new();
    let mut seen = 0;
    for c in cases(4) {
        let e = estimate(&c, &c.x, c.months);
        let b = e.break_even;
        let Some(d) = b.requests_per_day else {
            continue;
        };
        seen += 1;
        let dpm = c.book.days_per_month;
        let (ft, alt) = (e.of(Outcome::FineTune), e.of(b.against));
        let (m_ft, m_alt) = (ft.monthly_at(d, dpm), alt.monthly_at(d, dpm));
        if !near(m_ft, m_alt) {
            bad.push(format!(
                "at {d}/day: fine-tune {m_ft}, {} {m_alt}",
                b.against
            ));
        }
    }
    eprintln!("  ({seen} of them with a break-even volume)");
    report(
        "at the break-even volume both monthly costs are equal",
        &bad,
    );
}

#[test]
fn break_even_is_absent_exactly_when_one_option_is_cheaper_at_every_volume() {
    let mut bad = Vec::new();
    let volumes: Vec<f64> = (0..40)
        .map(|i| 10f64.powf(f64::from(i) / 4.0 - 2.0))
        .collect();
    for c in cases(5) {
        let e = estimate(&c, &c.x, c.months);
        let b = e.break_even;
        let dpm = c.book.days_per_month;
        let (ft, alt) = (e.of(Outcome::FineTune), e.of(b.against));
        let diff = |d: f64| ft.monthly_at(d, dpm) - alt.monthly_at(d, dpm);
        match (b.fine_tune_cheaper, b.requests_per_day) {
            (Cheaper::Above | Cheaper::Below, Some(d)) => {
                // The sign changes at the break-even: the two sides differ.
                let (low, high) = (diff(d / 2.0), diff(d * 2.0));
                let right = match b.fine_tune_cheaper {
                    Cheaper::Above => low > 0.0 && high < 0.0,
                    _ => low < 0.0 && high > 0.0,
                };
                if !right {
                    bad.push(format!("{:?} at {d}: {low} / {high}", b.fine_tune_cheaper));
                }
            }
            (Cheaper::Always, None) => {
                if let Some(v) = volumes.iter().find(|&&v| diff(v) >= 0.0) {
                    bad.push(format!("always, but not at {v}/day: {}", diff(*v)));
                }
            }
            (Cheaper::Never, None) => {
                if let Some(v) = volumes.iter().find(|&&v| diff(v) < -1e-9) {
                    bad.push(format!("never, but cheaper at {v}/day: {}", diff(*v)));
                }
            }
            other => bad.push(format!("inconsistent: {other:?}")),
        }
    }
    report(
        "break-even is absent exactly when one option is cheaper at every volume",
        &bad,
    );
}

#[test]
fn a_longer_horizon_never_makes_fine_tune_relatively_worse_when_it_saves_monthly() {
    // "Relatively worse": fine-tune's cumulative cost minus the cheapest
    // alternative's. It can only grow with the horizon if fine-tune costs
    // more a month than some alternative; when it costs no more than any,
    // a longer horizon never makes it worse.
    let mut bad = Vec::new();
    let mut seen = 0;
    let mut rng = Rng(13);
    for c in cases(6) {
        let e = estimate(&c, &c.x, c.months);
        let ft = e.of(Outcome::FineTune);
        if c.alts.iter().any(|&a| e.of(a).monthly() < ft.monthly()) {
            continue;
        }
        seen += 1;
        let gap = |h: f64| {
            let best = c
                .alts
                .iter()
                .map(|&a| e.of(a).cumulative(h))
                .fold(f64::INFINITY, f64::min);
            ft.cumulative(h) - best
        };
        let (h, longer) = (
            f64::from(c.months),
            f64::from(c.months + 1 + rng.below(60) as u32),
        );
        if gap(longer) > gap(h) + 1e-6 * gap(h).abs().max(1.0) {
            bad.push(format!(
                "{} over {h} months, {} over {longer}",
                gap(h),
                gap(longer)
            ));
        }
    }
    eprintln!("  ({seen} of them where fine-tune costs no more a month)");
    report(
        "a longer horizon never makes fine-tune relatively worse when it saves monthly",
        &bad,
    );
}

#[test]
fn the_cheapest_outcome_costs_least_among_those_that_fit() {
    let mut bad = Vec::new();
    for c in cases(7) {
        let e = estimate(&c, &c.x, c.months);
        let h = f64::from(c.months);
        let fitting: Vec<Outcome> = Outcome::ALL
            .into_iter()
            .filter(|&o| e.fits[o as usize])
            .collect();
        let pool = if fitting.is_empty() {
            Outcome::ALL.to_vec()
        } else {
            fitting
        };
        let least = pool
            .iter()
            .map(|&o| e.of(o).cumulative(h))
            .fold(f64::INFINITY, f64::min);
        if !pool.contains(&e.cheapest) || e.of(e.cheapest).cumulative(h) > least {
            bad.push(format!("{} is not the cheapest of {pool:?}", e.cheapest));
        }
        if !c.alts.contains(&e.break_even.against) {
            bad.push(format!("{} is excluded", e.break_even.against));
        }
    }
    report(
        "the cheapest outcome costs least among those that fit",
        &bad,
    );
}

mod shrinking {
    //! One property again under proptest, so that a failure shrinks to a
    //! small counterexample.
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn payback_days_are_the_one_off_gap_over_the_daily_saving(
            daily in 0u32..2_000_000,
            prompt in 0u32..8000,
            output in 0u32..2000,
            examples in 0u32..100_000,
            tier in 0usize..4,
        ) {
            let book = default_book();
            let x = Inputs {
                daily_requests: f64::from(daily),
                labeled_examples: f64::from(examples),
                knowledge_size_docs: 0.0,
                volatility: "static".into(),
                changes_per_month: 0.0,
                prompt_tokens: f64::from(prompt),
                output_tokens: f64::from(output),
                context_tokens: 2000.0,
                tokens_per_example: 500.0,
                tokens_per_document: 1000.0,
                tier,
            };
            let e = cost::estimate(&book, &x, 12, &[]);
            let b = e.break_even;
            let (ft, alt) = (e.of(Outcome::FineTune), e.of(b.against));
            let saving = (alt.monthly() - ft.monthly()) / book.days_per_month;
            match b.days {
                Some(d) => {
                    prop_assert!(saving > 0.0);
                    // After `d` days fine-tune has caught up (within rounding).
                    let at = |t: f64| ft.one_off() + t * ft.monthly() / book.days_per_month
                        - alt.one_off() - t * alt.monthly() / book.days_per_month;
                    prop_assert!(at(d) <= 1e-6 * ft.one_off().max(1.0));
                }
                None => prop_assert!(saving <= 0.0),
            }
        }
    }
}
