//! Sensitivity analysis: which single answer change flips the outcome.
//!
//! Exhaustive by construction: every other value of a choice or boolean is
//! tried, and for numbers every threshold any condition uses, on both sides —
//! the outcome is piecewise constant between thresholds, so these candidates
//! cover every value a number could take.

use super::decide::{choose, gate_bits, gate_excludes};
use super::{eval, outcome_bit, Alternative, Truth};
use crate::rules::{Answers, Effect, FactorKind, Outcome, RuleBase, Value};

/// What is already known about the real answers, so each candidate change
/// only re-evaluates what depends on the changed factor.
pub struct Baseline<'a> {
    /// The truth of each rule for the real answers.
    pub rule_truth: &'a [Truth],
    /// The truth of each gate for the real answers.
    pub gate_truth: &'a [Truth],
    /// Axis scores for the real answers.
    pub scores: &'a [i64],
    /// The recommendation for the real answers.
    pub outcome: Outcome,
    /// The decision table's outcome for the real answers.
    pub table_outcome: Outcome,
}

/// Alternatives (nearest change per factor and outcome) and the unanswered
/// factors for which some answer changes the outcome.
///
/// Incremental: a changed answer can only change the truth of the rules and
/// gates that mention its factor ([`crate::rules::FactorDeps`]), so only those
/// are re-evaluated per candidate; the rest keep their truth for the real
/// answers. The result is the same as re-deciding from scratch (the property
/// tests check exactly that), and this loop is most of the cost of scoring.
pub fn alternatives(rb: &RuleBase, a: &Answers, base: &Baseline) -> (Vec<Alternative>, Vec<usize>) {
    let mut alternatives = Vec::new();
    let mut unanswered = Vec::new();
    let mut trial = a.clone();
    let mut scores = base.scores.to_vec();
    let mut without = base.scores.to_vec();
    for (fi, deps) in rb.deps.iter().enumerate() {
        if deps.rules.is_empty() && deps.gates.is_empty() {
            // No condition reads this factor: no answer to it can change anything.
            continue;
        }
        // Scores and exclusions without the rules and gates that read this factor.
        without.copy_from_slice(base.scores);
        for &ri in deps
            .rules
            .iter()
            .filter(|&&ri| base.rule_truth[ri] == Truth::True)
        {
            for &(axis, points) in &rb.rules[ri].add {
                without[axis] = without[axis].saturating_sub(points);
            }
        }
        if deps.gates.is_empty()
            && base.outcome == base.table_outcome
            && levels_cannot_change(rb, &without, &deps.rules)
        {
            // Whatever the answer, every axis stays on its side of its threshold,
            // no gate reads it, and the table's outcome is allowed: the outcome
            // cannot change, so skip the trials. (After a fallback it can: the
            // nearest allowed outcome moves with the scores even within a level.)
            continue;
        }
        let fixed_mask = gate_mask(rb, base.gate_truth, |gi| !deps.gates.contains(&gi));
        let mut found: u8 = 0;
        // For a factor nothing else decides, the effects already tried (by
        // index): an effect gives the same outcome every time, and only its
        // first, nearest value is reported.
        let alone_only = deps.mixed_rules.is_empty() && deps.mixed_gates.is_empty();
        let mut tried: u64 = 0;
        for_each_candidate(rb, fi, a.0[fi], |value| {
            let mut mask = fixed_mask;
            trial.0[fi] = Some(value);
            // The rules and gates that read this factor alone add an effect
            // derived at load; only the others are evaluated.
            let (rules, gates) = match alone_effect(rb, fi, value) {
                Some((ei, effect)) => {
                    if alone_only {
                        let bit = 1u64.checked_shl(ei as u32).unwrap_or(0);
                        if tried & bit != 0 {
                            return;
                        }
                        tried |= bit;
                    }
                    for (s, (w, d)) in scores.iter_mut().zip(without.iter().zip(&effect.delta)) {
                        *s = w.saturating_add(*d);
                    }
                    mask |= effect.excludes;
                    (&deps.mixed_rules, &deps.mixed_gates)
                }
                None => {
                    scores.copy_from_slice(&without);
                    (&deps.rules, &deps.gates)
                }
            };
            for &ri in rules {
                if eval(&rb.rules[ri].when, &trial) == Truth::True {
                    for &(axis, points) in &rb.rules[ri].add {
                        scores[axis] = scores[axis].saturating_add(points);
                    }
                }
            }
            for &gi in gates {
                if gate_excludes(rb, gi, eval(&rb.gates[gi].when, &trial)) {
                    mask |= gate_bits(rb, gi);
                }
            }
            if rb.decision.outcomes & !mask == 0 {
                // This answer leaves no outcome allowed: it is an error of the
                // rule base (see `pipeline::nothing_allowed`), not an alternative.
                return;
            }
            let (_, outcome) = choose(rb, &scores, mask);
            if outcome != base.outcome && found & outcome_bit(outcome) == 0 {
                found |= outcome_bit(outcome);
                alternatives.push(Alternative {
                    outcome,
                    factor: fi,
                    value,
                });
            }
        });
        trial.0[fi] = a.0[fi];
        if a.0[fi].is_none() && found != 0 {
            unanswered.push(fi);
        }
    }
    (alternatives, unanswered)
}

/// The effect of answering `value` to factor `fi` through the rules and
/// gates that read it alone, derived at load, when sums cannot saturate (so
/// that adding the effect's total equals adding its rules one by one).
fn alone_effect(rb: &RuleBase, fi: usize, value: Value) -> Option<(usize, &Effect)> {
    let deps = &rb.deps[fi];
    if !rb.points_bounded {
        return None;
    }
    let at = match value {
        Value::Bool(b) => usize::from(b),
        Value::Choice(c) => c,
        Value::Number(n) => deps.candidates.binary_search_by(|c| c.total_cmp(&n)).ok()?,
    };
    let ei = usize::from(*deps.value_effects.get(at)?);
    Some((ei, deps.alone_effects.get(ei)?))
}

/// Whether no combination of the given rules firing can move any axis across
/// its threshold, starting from `without` (the scores without those rules).
fn levels_cannot_change(rb: &RuleBase, without: &[i64], rules: &[usize]) -> bool {
    rb.axes.iter().enumerate().all(|(ai, axis)| {
        let (mut lo, mut hi) = (without[ai], without[ai]);
        for &ri in rules {
            for &(a, p) in rb.rules[ri].add.iter().filter(|(a, _)| *a == ai) {
                debug_assert_eq!(a, ai);
                // Saturating, like every sum of points in the engine: a rule base
                // built in code is not bounded by the loader's limits.
                if p < 0 {
                    lo = lo.saturating_add(p);
                } else {
                    hi = hi.saturating_add(p);
                }
            }
        }
        (lo >= axis.threshold) == (hi >= axis.threshold)
    })
}

/// Outcomes excluded by the gates that pass `keep`, for their truths.
fn gate_mask(rb: &RuleBase, gate_truth: &[Truth], keep: impl Fn(usize) -> bool) -> u8 {
    (0..rb.gates.len())
        .filter(|&gi| keep(gi) && gate_excludes(rb, gi, gate_truth[gi]))
        .fold(0, |m, gi| m | gate_bits(rb, gi))
}

/// Every value worth trying for an unanswered factor, in the order the
/// alternatives report them (thresholds first, then the values nearest one).
pub fn unanswered_candidates(rb: &RuleBase, fi: usize) -> Vec<Value> {
    let mut out = Vec::new();
    for_each_candidate(rb, fi, None, |v| out.push(v));
    out
}

/// Values worth trying for factor `fi`, nearest to the current answer first.
#[cfg(test)]
fn candidates(rb: &RuleBase, fi: usize, current: Option<Value>) -> Vec<Value> {
    let mut out = Vec::new();
    for_each_candidate(rb, fi, current, |v| out.push(v));
    out
}

/// Call `f` with every value worth trying for factor `fi`, nearest to the
/// current answer first (ties: the smaller value first), without allocating:
/// this runs for every factor of every component.
fn for_each_candidate(rb: &RuleBase, fi: usize, current: Option<Value>, mut f: impl FnMut(Value)) {
    match &rb.factors[fi].kind {
        FactorKind::Boolean => [false, true]
            .into_iter()
            .map(Value::Bool)
            .filter(|v| Some(*v) != current)
            .for_each(f),
        FactorKind::Choice { values, ordered } => match (ordered, current) {
            // Nearest first: alternate below and above the current value.
            (true, Some(Value::Choice(cur))) => {
                for d in 1..values.len() {
                    if let Some(below) = cur.checked_sub(d) {
                        f(Value::Choice(below));
                    }
                    if cur + d < values.len() {
                        f(Value::Choice(cur + d));
                    }
                }
            }
            _ => (0..values.len())
                .map(Value::Choice)
                .filter(|v| Some(*v) != current)
                .for_each(f),
        },
        FactorKind::Number { .. } => {
            let sorted = &rb.deps[fi].candidates;
            let Some(Value::Number(cur)) = current else {
                // Unanswered: "nearest" means nothing, so name the thresholds
                // themselves first ("if latency_budget_ms were 300"), which say
                // where the outcome changes, then the values just past them.
                rb.deps[fi]
                    .unanswered_order
                    .iter()
                    .copied()
                    .map(Value::Number)
                    .for_each(f);
                return;
            };
            // Merge outwards from the current value: `below` walks down, `above` up.
            let split = sorted.partition_point(|v| *v < cur);
            let mut below = sorted[..split].iter().rev().peekable();
            let mut above = sorted[split..].iter().filter(|v| **v != cur).peekable();
            loop {
                let next = match (below.peek(), above.peek()) {
                    (Some(&&b), Some(&&a)) if cur - b <= a - cur => below.next(),
                    (Some(_), Some(_)) => above.next(),
                    (Some(_), None) => below.next(),
                    (None, Some(_)) => above.next(),
                    (None, None) => break,
                };
                if let Some(&v) = next {
                    f(Value::Number(v));
                }
            }
        }
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
        let alts = crate::engine::assess(&rb, &a).alternatives;
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
    fn a_looked_up_effect_is_what_evaluating_the_conditions_read_alone_gives() {
        let rb = load_default().unwrap();
        let (mut checked, mut mixed) = (0, 0);
        for fi in 0..rb.factors.len() {
            let deps = &rb.deps[fi];
            let alone_rules: Vec<usize> = deps
                .rules
                .iter()
                .copied()
                .filter(|ri| !deps.mixed_rules.contains(ri))
                .collect();
            let alone_gates: Vec<usize> = deps
                .gates
                .iter()
                .copied()
                .filter(|gi| !deps.mixed_gates.contains(gi))
                .collect();
            // The split is by what each condition reads.
            assert!(alone_rules.iter().all(|&ri| rb.rule_factors[ri] == [fi]));
            assert!(deps
                .mixed_rules
                .iter()
                .all(|&ri| rb.rule_factors[ri].len() > 1));
            assert!(deps
                .mixed_gates
                .iter()
                .all(|&gi| rb.gate_factors[gi].len() > 1));
            mixed += deps.mixed_rules.len() + deps.mixed_gates.len();
            for v in unanswered_candidates(&rb, fi) {
                let (_, effect) = alone_effect(&rb, fi, v).expect("every value has an effect");
                let mut a = Answers(vec![None; rb.factors.len()]);
                a.0[fi] = Some(v);
                let mut delta = vec![0i64; rb.axes.len()];
                for &ri in &alone_rules {
                    if eval(&rb.rules[ri].when, &a) == Truth::True {
                        for &(axis, p) in &rb.rules[ri].add {
                            delta[axis] += p;
                        }
                    }
                }
                let excludes = alone_gates
                    .iter()
                    .filter(|&&gi| eval(&rb.gates[gi].when, &a) == Truth::True)
                    .fold(0, |m, &gi| m | gate_bits(&rb, gi));
                assert_eq!(
                    (&effect.delta[..rb.axes.len()], effect.excludes),
                    (delta.as_slice(), excludes),
                    "{} = {v:?}",
                    rb.factors[fi].id
                );
                checked += 1;
            }
        }
        // Every factor's values, and some rules and gates that read several factors.
        assert!(checked >= 60 && mixed > 0, "{checked} {mixed}");
    }

    #[test]
    fn sums_that_could_saturate_are_evaluated_not_looked_up() {
        // The loader bounds points; a rule base built in code need not be.
        let mut rb = load_default().unwrap();
        let fi = rb.factor_index("citations").unwrap();
        let v = unanswered_candidates(&rb, fi)[0];
        assert!(alone_effect(&rb, fi, v).is_some());
        rb.rules[0].add[0].1 = i64::MAX;
        rb.index();
        assert!(!rb.points_bounded);
        assert!(alone_effect(&rb, fi, v).is_none());
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
