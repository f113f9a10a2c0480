//! Sensitivity analysis: which single answer change flips the outcome.
//!
//! Exhaustive by construction: every other value of a choice or boolean is
//! tried, and for numbers every threshold any condition uses, on both sides —
//! the outcome is piecewise constant between thresholds, so these candidates
//! cover every value a number could take.

use super::{decide, Alternative};
use crate::rules::{Answers, Condition, FactorKind, Outcome, RuleBase, Value};

/// Alternatives (nearest change per factor and outcome) and the unanswered
/// factors for which some answer changes the outcome.
pub fn alternatives(
    rb: &RuleBase,
    a: &Answers,
    current: Outcome,
) -> (Vec<Alternative>, Vec<usize>) {
    let mut alternatives = Vec::new();
    let mut unanswered = Vec::new();
    for fi in 0..rb.factors.len() {
        let mut found: Vec<Outcome> = Vec::new();
        let mut trial = a.clone();
        for value in candidates(rb, fi, a.0[fi]) {
            trial.0[fi] = Some(value);
            let outcome = decide(rb, &trial).outcome;
            if outcome != current && !found.contains(&outcome) {
                found.push(outcome);
                alternatives.push(Alternative {
                    outcome,
                    factor: fi,
                    value,
                });
            }
        }
        if a.0[fi].is_none() && !found.is_empty() {
            unanswered.push(fi);
        }
    }
    (alternatives, unanswered)
}

/// Values worth trying for factor `fi`, nearest to the current answer first.
pub fn candidates(rb: &RuleBase, fi: usize, current: Option<Value>) -> Vec<Value> {
    match &rb.factors[fi].kind {
        FactorKind::Boolean => [false, true]
            .into_iter()
            .map(Value::Bool)
            .filter(|v| Some(*v) != current)
            .collect(),
        FactorKind::Choice { values, ordered } => {
            let mut idx: Vec<usize> = (0..values.len())
                .filter(|i| Some(Value::Choice(*i)) != current)
                .collect();
            if let (true, Some(Value::Choice(cur))) = (ordered, current) {
                idx.sort_by_key(|i| (i.abs_diff(cur), *i));
            }
            idx.into_iter().map(Value::Choice).collect()
        }
        FactorKind::Number { min, max, integer } => {
            let mut thresholds = Vec::new();
            for c in rb
                .rules
                .iter()
                .map(|r| &r.when)
                .chain(rb.gates.iter().map(|g| &g.when))
                .chain(rb.notes.iter().map(|n| &n.when))
            {
                collect_thresholds(c, fi, &mut thresholds);
            }
            thresholds.sort_by(f64::total_cmp);
            thresholds.dedup();
            let cur = match current {
                Some(Value::Number(n)) => Some(n),
                _ => None,
            };
            let in_range = |v: &f64| min.is_none_or(|m| *v >= m) && max.is_none_or(|m| *v <= m);
            let mut values = number_candidates(&thresholds, *integer);
            values.extend(min.iter().chain(max.iter()).copied());
            values.retain(|v| in_range(v) && Some(*v) != cur);
            values.sort_by(|x, y| {
                let key = |v: f64| cur.map_or(v, |c| (v - c).abs());
                key(*x).total_cmp(&key(*y)).then(x.total_cmp(y))
            });
            values.dedup();
            values.into_iter().map(Value::Number).collect()
        }
    }
}

/// One value in every interval on which conditions over a number are
/// constant: each threshold, its neighbours (the nearest values past it,
/// which are the smallest changes), and — for real numbers, where `t ± step`
/// may skip a narrow interval or round back to `t` — the midpoints between
/// neighbouring thresholds and a value beyond each end.
fn number_candidates(sorted: &[f64], integer: bool) -> Vec<f64> {
    let mut out = Vec::with_capacity(sorted.len() * 4 + 2);
    for &t in sorted {
        // Integer thresholds of integer factors are checked by the loader, so
        // t ± 1 is exactly the next value on either side.
        let step = if integer {
            1.0
        } else {
            1e-6 * t.abs().max(1.0)
        };
        out.extend([t - step, t, t + step]);
    }
    if !integer {
        out.extend(sorted.windows(2).map(|w| w[0] + (w[1] - w[0]) / 2.0));
        if let (Some(lo), Some(hi)) = (sorted.first(), sorted.last()) {
            out.extend([lo - lo.abs().max(1.0), hi + hi.abs().max(1.0)]);
        }
    }
    out
}

fn collect_thresholds(c: &Condition, fi: usize, out: &mut Vec<f64>) {
    match c {
        Condition::Is(f, Value::Number(n)) | Condition::Cmp(f, _, Value::Number(n)) if *f == fi => {
            out.push(*n)
        }
        Condition::In(f, vs) if *f == fi => out.extend(vs.iter().filter_map(|v| match v {
            Value::Number(n) => Some(*n),
            _ => None,
        })),
        Condition::All(cs) | Condition::Any(cs) => {
            cs.iter().for_each(|c| collect_thresholds(c, fi, out))
        }
        Condition::Not(c) => collect_thresholds(c, fi, out),
        _ => {}
    }
}
