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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::decide;
    use crate::rules::{load_default, load_str, DEFAULT_RULES};

    fn answers(rb: &RuleBase, pairs: &[(&str, &str)]) -> Answers {
        let mut a = Answers(vec![None; rb.factors.len()]);
        for (f, v) in pairs {
            let fi = rb.factor_index(f).unwrap();
            a.0[fi] = rb.factors[fi].parse_value(v).unwrap();
        }
        a
    }

    #[test]
    fn real_numbers_past_large_thresholds_are_found() {
        // A real-valued factor whose threshold is so large that `t + 1e-6`
        // rounds back to `t`: the candidate past it must still be tried.
        let text = DEFAULT_RULES
            .replace(
                "  - id: daily_requests\n    question: How many requests a day does this component serve?\n    help: Expected volume in production, including batch jobs.\n    kind: number\n    min: 0\n    integer: true",
                "  - id: daily_requests\n    question: How many requests a day does this component serve?\n    help: Expected volume in production, including batch jobs.\n    kind: number\n    min: 0\n    integer: false",
            )
            .replace("daily_requests, at_least: 10000 }", "daily_requests, above: 1000000000000 }")
            .replace("daily_requests, at_least: 100000 }", "daily_requests, above: 1000000000000 }");
        assert_ne!(text, DEFAULT_RULES);
        let rb = load_str(&text, "test").unwrap();
        let a = answers(
            &rb,
            &[
                ("task_shape", "classification"),
                ("latency_budget_ms", "800"),
                ("daily_requests", "5000"),
                ("knowledge_size_docs", "0"),
                ("labeled_examples", "100"),
            ],
        );
        let current = decide(&rb, &a).outcome;
        assert_eq!(current, Outcome::PromptOnly);
        let (alts, _) = alternatives(&rb, &a, current);
        let fi = rb.factor_index("daily_requests").unwrap();
        let alt = alts
            .iter()
            .find(|x| x.factor == fi)
            .expect("a daily_requests alternative");
        assert_eq!(alt.outcome, Outcome::FineTune);
        let Value::Number(n) = alt.value else {
            panic!("a number")
        };
        // Past the threshold (the first rule fires), and the change it reports works.
        assert!(n > 1e12, "{n}");
        let mut changed = a.clone();
        changed.0[fi] = Some(alt.value);
        assert_eq!(decide(&rb, &changed).outcome, Outcome::FineTune);
    }

    #[test]
    fn integer_candidates_are_thresholds_and_neighbours_in_range() {
        let rb = load_default().unwrap();
        let fi = rb.factor_index("labeled_examples").unwrap();
        let c = candidates(&rb, fi, Some(Value::Number(10.0)));
        let nums: Vec<f64> = c
            .iter()
            .map(|v| match v {
                Value::Number(n) => *n,
                _ => unreachable!(),
            })
            .collect();
        // Nearest first; the current value is never a candidate.
        assert_eq!(nums[..3], [0.0, 49.0, 50.0]);
        assert!(!nums.contains(&10.0));
        assert!(nums.contains(&51.0) && nums.contains(&999.0) && nums.contains(&10001.0));
        assert!(nums.iter().all(|n| n.fract() == 0.0 && *n >= 0.0));
    }
}
