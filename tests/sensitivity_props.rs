//! Property tests of the sensitivity analysis on the default rule base:
//! the alternatives it reports are real (applying one gives exactly its
//! outcome, and it can be written with `--set`), complete (any single change
//! that flips the outcome has a reported alternative for that factor and
//! outcome) and smallest (no nearer value of that factor gives that outcome).

use proptest::prelude::*;
use ragfit::engine::{assess, decide};
use ragfit::rules::{self, Answers, FactorKind, RuleBase, Value};

fn rb() -> &'static RuleBase {
    static RB: std::sync::OnceLock<RuleBase> = std::sync::OnceLock::new();
    RB.get_or_init(|| rules::load_default().unwrap())
}

/// Values around every number a default condition uses, so that random
/// answers often sit on, just below or just above a threshold.
const NEAR: [f64; 10] = [
    0.0, 50.0, 100.0, 300.0, 1000.0, 10000.0, 100000.0, 1.0, 49.0, 101.0,
];

/// Any value a factor accepts (never `unknown`): thresholds, their
/// neighbours, and arbitrary numbers in range.
fn value_of(fi: usize) -> BoxedStrategy<Value> {
    match rb().factors[fi].kind.clone() {
        FactorKind::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        FactorKind::Choice { values, .. } => (0..values.len()).prop_map(Value::Choice).boxed(),
        FactorKind::Number { min, max, .. } => {
            let lo = min.unwrap_or(0.0).max(0.0) as u64;
            let hi = max.map_or(3_000_000, |m| m as u64);
            let near = proptest::sample::select(NEAR.to_vec())
                .prop_flat_map(|t| (-1i64..=1).prop_map(move |d| t + d as f64));
            prop_oneof![
                near,
                (lo..=hi).prop_map(|n| n as f64),
                (lo..=2000u64).prop_map(|n| n as f64),
            ]
            .prop_filter("in range", move |v| {
                min.is_none_or(|m| *v >= m) && max.is_none_or(|m| *v <= m)
            })
            .prop_map(Value::Number)
            .boxed()
        }
    }
}

/// Random answers; about one in four is left unknown.
fn answers() -> impl Strategy<Value = Answers> {
    let per_factor: Vec<BoxedStrategy<Option<Value>>> = (0..rb().factors.len())
        .map(|fi| prop_oneof![1 => Just(None), 3 => value_of(fi).prop_map(Some)].boxed())
        .collect();
    per_factor.prop_map(Answers)
}

/// A random single change: a factor and a value it accepts.
fn change() -> impl Strategy<Value = (usize, Value)> {
    (0..rb().factors.len()).prop_flat_map(|fi| value_of(fi).prop_map(move |v| (fi, v)))
}

/// How far a value is from the current answer, for ordered factors.
fn distance(current: Option<Value>, v: Value) -> Option<f64> {
    match (current?, v) {
        (Value::Number(a), Value::Number(b)) => Some((a - b).abs()),
        (Value::Choice(a), Value::Choice(b)) => Some(a.abs_diff(b) as f64),
        _ => None,
    }
}

fn is_ordered(fi: usize) -> bool {
    match &rb().factors[fi].kind {
        FactorKind::Choice { ordered, .. } => *ordered,
        FactorKind::Number { .. } => true,
        FactorKind::Boolean => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_alternative_yields_its_outcome(a in answers()) {
        let rb = rb();
        let asm = assess(rb, &a);
        for alt in &asm.alternatives {
            prop_assert_ne!(alt.outcome, asm.outcome());
            // The change can be written with --set, and means the same value.
            let f = &rb.factors[alt.factor];
            let text = f.format_value(Some(alt.value));
            prop_assert_eq!(f.parse_value(&text), Ok(Some(alt.value)), "{} = {}", f.id, text);
            let mut changed = a.clone();
            changed.0[alt.factor] = Some(alt.value);
            prop_assert_eq!(decide(rb, &changed).outcome, alt.outcome, "{} = {}", f.id, text);
        }
    }

    #[test]
    fn every_flipping_change_is_reported((a, (fi, v)) in (answers(), change())) {
        let rb = rb();
        let asm = assess(rb, &a);
        let mut changed = a.clone();
        changed.0[fi] = Some(v);
        let flipped = decide(rb, &changed).outcome;
        if flipped != asm.outcome() {
            let reported = asm
                .alternatives
                .iter()
                .find(|alt| alt.factor == fi && alt.outcome == flipped);
            prop_assert!(
                reported.is_some(),
                "{} = {} gives {} but no alternative reports it: {:?}",
                rb.factors[fi].id,
                rb.factors[fi].format_value(Some(v)),
                flipped,
                asm.alternatives
            );
            // And the reported change is the smallest one for that outcome.
            if is_ordered(fi) {
                if let (Some(d_random), Some(d_reported)) =
                    (distance(a.0[fi], v), distance(a.0[fi], reported.unwrap().value))
                {
                    prop_assert!(d_reported <= d_random, "{:?} is nearer than {:?}", v, reported);
                }
            }
            // An unanswered factor that can flip the outcome is listed as such.
            if a.0[fi].is_none() {
                prop_assert!(asm.unanswered.contains(&fi));
            }
        }
    }
}
