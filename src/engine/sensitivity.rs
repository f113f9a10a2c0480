//! Sensitivity analysis: which single answer change flips the outcome.
//!
//! Exhaustive by construction: every other value of a choice or boolean is
//! tried, and for numbers every threshold any condition uses, on both sides —
//! the outcome is piecewise constant between thresholds, so these candidates
//! cover every value a number could take.

use super::{decide_from, eval, Alternative, Truth};
use crate::rules::{Answers, Condition, FactorKind, Outcome, RuleBase, Value};

/// Alternatives (nearest change per factor and outcome) and the unanswered
/// factors for which some answer changes the outcome.
///
/// Incremental: a changed answer can only change the truth of the rules and
/// gates that mention its factor, so only those are re-evaluated per candidate;
/// the rest keep the truth they have for the real answers. The result is the
/// same as re-deciding from scratch (the snapshot and labelled tests pin it),
/// several times faster, which is most of the cost of scoring.
pub fn alternatives(
    rb: &RuleBase,
    a: &Answers,
    current: Outcome,
) -> (Vec<Alternative>, Vec<usize>) {
    let rule_true: Vec<bool> = rb
        .rules
        .iter()
        .map(|r| eval(&r.when, a) == Truth::True)
        .collect();
    let gate_true: Vec<bool> = rb
        .gates
        .iter()
        .map(|g| eval(&g.when, a) == Truth::True)
        .collect();
    let mut alternatives = Vec::new();
    let mut unanswered = Vec::new();
    let mut gate_trial = gate_true.clone();
    for fi in 0..rb.factors.len() {
        let rules: Vec<usize> = (0..rb.rules.len())
            .filter(|&ri| mentions(&rb.rules[ri].when, fi))
            .collect();
        let gates: Vec<usize> = (0..rb.gates.len())
            .filter(|&gi| mentions(&rb.gates[gi].when, fi))
            .collect();
        if rules.is_empty() && gates.is_empty() {
            // No condition reads this factor: no answer to it can change anything.
            continue;
        }
        // Scores without the rules that depend on this factor.
        let mut base = vec![0i64; rb.axes.len()];
        for (ri, rule) in rb.rules.iter().enumerate() {
            if rule_true[ri] && !rules.contains(&ri) {
                for &(axis, points) in &rule.add {
                    base[axis] += points;
                }
            }
        }
        let mut found: Vec<Outcome> = Vec::new();
        let mut trial = a.clone();
        for value in candidates(rb, fi, a.0[fi]) {
            trial.0[fi] = Some(value);
            let mut scores = base.clone();
            for &ri in &rules {
                if eval(&rb.rules[ri].when, &trial) == Truth::True {
                    for &(axis, points) in &rb.rules[ri].add {
                        scores[axis] += points;
                    }
                }
            }
            for &gi in &gates {
                gate_trial[gi] = eval(&rb.gates[gi].when, &trial) == Truth::True;
            }
            let outcome = decide_from(rb, scores, excluded(rb, &gate_trial)).outcome;
            if outcome != current && !found.contains(&outcome) {
                found.push(outcome);
                alternatives.push(Alternative {
                    outcome,
                    factor: fi,
                    value,
                });
            }
        }
        for &gi in &gates {
            gate_trial[gi] = gate_true[gi];
        }
        if a.0[fi].is_none() && !found.is_empty() {
            unanswered.push(fi);
        }
    }
    (alternatives, unanswered)
}

/// Excluded outcomes from gate truths, exactly as [`super::decide`] builds them:
/// the first gate that excludes each outcome, in outcome order.
fn excluded(rb: &RuleBase, gate_true: &[bool]) -> Vec<(Outcome, usize)> {
    let mut excluded: Vec<(Outcome, usize)> = Vec::new();
    for (gi, gate) in rb.gates.iter().enumerate() {
        if gate_true[gi] {
            for &o in &gate.exclude {
                if !excluded.iter().any(|(e, _)| *e == o) {
                    excluded.push((o, gi));
                }
            }
        }
    }
    excluded.sort_by_key(|(o, _)| *o);
    excluded
}

/// Whether a condition reads factor `fi` anywhere.
fn mentions(c: &Condition, fi: usize) -> bool {
    match c {
        Condition::Is(f, _) | Condition::In(f, _) | Condition::Cmp(f, _, _) => *f == fi,
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(|c| mentions(c, fi)),
        Condition::Not(c) => mentions(c, fi),
    }
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
            let step = if *integer { 1.0 } else { 1e-6 };
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
            let mut values: Vec<f64> = thresholds
                .iter()
                .flat_map(|t| [t - step, *t, t + step])
                .filter(|v| min.is_none_or(|m| *v >= m) && max.is_none_or(|m| *v <= m))
                .filter(|v| Some(Value::Number(*v)) != current)
                .collect();
            if let Some(m) = min {
                values.push(*m);
            }
            let cur = match current {
                Some(Value::Number(n)) => Some(n),
                _ => None,
            };
            values.retain(|v| Some(*v) != cur);
            values.sort_by(|x, y| {
                let key = |v: f64| cur.map_or(v, |c| (v - c).abs());
                key(*x).total_cmp(&key(*y)).then(x.total_cmp(y))
            });
            values.dedup();
            values.into_iter().map(Value::Number).collect()
        }
    }
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
