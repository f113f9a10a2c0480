//! From answers to an outcome: axis scores, gates (with their semantics under
//! unknown answers), the decision table, and fallbacks that follow the axes.

use super::{eval, Truth};
use crate::rules::{Answers, IfUnknown, Outcome, RuleBase, MAX_AXES};

/// A set of outcomes as bits, so the hot loops decide without allocating.
pub(crate) fn outcome_bit(o: Outcome) -> u8 {
    o.bit()
}

/// The outcomes a gate excludes, as bits.
pub(crate) fn gate_bits(rb: &RuleBase, gi: usize) -> u8 {
    rb.gates[gi]
        .exclude
        .iter()
        .fold(0, |m, o| m | outcome_bit(*o))
}

/// Whether a gate's truth excludes its outcomes: when it holds, and — for a
/// safety gate (`if_unknown: exclude`) — when it may hold.
pub(crate) fn gate_excludes(rb: &RuleBase, gi: usize, truth: Truth) -> bool {
    match truth {
        Truth::True => true,
        Truth::Unknown => rb.gates[gi].if_unknown == IfUnknown::Exclude,
        Truth::False => false,
    }
}

/// One outcome a gate excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exclusion {
    /// The excluded outcome.
    pub outcome: Outcome,
    /// The gate (index) that excluded it: the first that holds, else the
    /// first safety gate that may hold.
    pub gate: usize,
    /// Whether that gate only may hold (its condition is unknown).
    pub may_apply: bool,
}

/// The part of an assessment that decides the outcome; cheap enough to run
/// once per candidate answer in the sensitivity analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    /// Score per axis.
    pub scores: Vec<i64>,
    /// Outcome the decision table gives for the axis levels.
    pub table_outcome: Outcome,
    /// Excluded outcomes, in outcome order.
    pub excluded: Vec<Exclusion>,
    /// Gates whose condition is unknown for these answers, in rule-base order.
    pub may_apply: Vec<usize>,
    /// The recommendation after gates and fallbacks.
    pub outcome: Outcome,
    /// Every outcome was excluded: the gates contradict each other for these
    /// answers, and the table outcome is shown for want of another.
    pub all_excluded: bool,
}

impl Decided {
    /// The excluded outcomes as bits.
    pub fn mask(&self) -> u8 {
        self.excluded
            .iter()
            .fold(0, |m, e| m | outcome_bit(e.outcome))
    }
}

/// Scores, gates and outcome for a set of answers.
pub fn decide(rb: &RuleBase, a: &Answers) -> Decided {
    let rule_truth: Vec<Truth> = rb.rules.iter().map(|r| eval(&r.when, a)).collect();
    let gate_truth: Vec<Truth> = rb.gates.iter().map(|g| eval(&g.when, a)).collect();
    decide_from(rb, &rule_truth, &gate_truth)
}

/// [`decide`] from rule and gate truths already evaluated.
pub(crate) fn decide_from(rb: &RuleBase, rule_truth: &[Truth], gate_truth: &[Truth]) -> Decided {
    let mut scores = vec![0i64; rb.axes.len()];
    for (rule, _) in rb
        .rules
        .iter()
        .zip(rule_truth)
        .filter(|(_, t)| **t == Truth::True)
    {
        for &(axis, points) in &rule.add {
            scores[axis] = scores[axis].saturating_add(points);
        }
    }
    let mut excluded: Vec<Exclusion> = Vec::new();
    // Gates that hold name an exclusion before gates that only may hold.
    for pass in [Truth::True, Truth::Unknown] {
        for (gi, _) in gate_truth.iter().enumerate().filter(|(_, t)| **t == pass) {
            if !gate_excludes(rb, gi, pass) {
                continue;
            }
            for &o in &rb.gates[gi].exclude {
                if !excluded.iter().any(|e| e.outcome == o) {
                    excluded.push(Exclusion {
                        outcome: o,
                        gate: gi,
                        may_apply: pass == Truth::Unknown,
                    });
                }
            }
        }
    }
    excluded.sort_by_key(|e| e.outcome);
    let may_apply = (0..rb.gates.len())
        .filter(|&gi| gate_truth[gi] == Truth::Unknown)
        .collect();
    let mask = excluded.iter().fold(0, |m, e| m | outcome_bit(e.outcome));
    let (table_outcome, outcome) = choose(rb, &scores, mask);
    Decided {
        all_excluded: rb.decision.outcomes & !mask == 0,
        scores,
        table_outcome,
        excluded,
        may_apply,
        outcome,
    }
}

/// The decision table's outcome for axis scores.
pub(crate) fn table_outcome(rb: &RuleBase, scores: &[i64]) -> Outcome {
    if rb.axes.len() <= MAX_AXES {
        let mut bits = 0usize;
        for (i, (s, axis)) in scores.iter().zip(&rb.axes).enumerate() {
            if *s >= axis.threshold {
                bits |= 1 << i;
            }
        }
        if let Some(o) = rb.decision.by_levels.get(bits) {
            return *o;
        }
    }
    // A rule base not indexed (built by hand): search the table.
    table_outcome_searched(rb, scores)
}

/// [`table_outcome`] by searching the table row by row.
fn table_outcome_searched(rb: &RuleBase, scores: &[i64]) -> Outcome {
    rb.decision
        .table
        .iter()
        .find(|(levels, _)| {
            levels
                .iter()
                .zip(scores)
                .zip(&rb.axes)
                .all(|((high, s), axis)| *high == (*s >= axis.threshold))
        })
        .map(|(_, o)| *o)
        // Validation guarantees full coverage; prompt-only is the safe reading otherwise.
        .unwrap_or(Outcome::PromptOnly)
}

/// The table's outcome and the recommendation for axis scores and a set of
/// excluded outcomes.
///
/// When gates exclude the table's outcome, the fallback follows the axes:
/// the allowed outcome whose region of the table is fewest axis points away
/// wins, ties going to the rule base's `fallback` order — but a fallback never
/// adds a technique nothing asks for: a region that needs an axis high while
/// that axis scores below `min_support` is passed over while another is left.
pub(crate) fn choose(rb: &RuleBase, scores: &[i64], excluded: u8) -> (Outcome, Outcome) {
    let table = table_outcome(rb, scores);
    if excluded & outcome_bit(table) == 0 {
        return (table, table);
    }
    // (unsupported, distance, rank): the smallest wins.
    let mut best: Option<((bool, i64, usize), Outcome)> = None;
    for (levels, o) in &rb.decision.table {
        if excluded & outcome_bit(*o) != 0 {
            continue;
        }
        let (distance, supported) = row_distance(rb, levels, scores);
        let key = (!supported, distance, rb.fallback_rank(table, *o));
        if best.is_none_or(|(k, _)| key < k) {
            best = Some((key, *o));
        }
    }
    (table, best.map_or(table, |(_, o)| o))
}

/// How many axis points `scores` are from a decision-table row's region, and
/// whether every axis the row needs high scores at least `min_support`.
fn row_distance(rb: &RuleBase, levels: &[bool], scores: &[i64]) -> (i64, bool) {
    let mut distance = 0i64;
    let mut supported = true;
    for ((high, &s), axis) in levels.iter().zip(scores).zip(&rb.axes) {
        if *high {
            distance = distance.saturating_add(axis.threshold.saturating_sub(s).max(0));
            supported &= s >= rb.decision.min_support;
        } else if s >= axis.threshold {
            distance = distance.saturating_add(super::axis_margin(s, axis.threshold));
        }
    }
    (distance, supported)
}

/// One outcome considered when the table's outcome is excluded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FallbackOption {
    /// The outcome.
    pub outcome: Outcome,
    /// Axis points from its nearest region of the decision table.
    pub distance: i64,
    /// Whether every axis that region needs high has support (`min_support`).
    pub supported: bool,
    /// Whether a gate excludes it.
    pub excluded: bool,
}

/// The outcomes a fallback chooses among, in the order ties are broken (for
/// explanations; `choose` is the decision itself).
pub fn fallback_options(rb: &RuleBase, scores: &[i64], excluded: u8) -> Vec<FallbackOption> {
    let table = table_outcome(rb, scores);
    let mut out: Vec<FallbackOption> = Vec::new();
    for (levels, o) in &rb.decision.table {
        if *o == table {
            continue;
        }
        let (distance, supported) = row_distance(rb, levels, scores);
        let option = FallbackOption {
            outcome: *o,
            distance,
            supported,
            excluded: excluded & outcome_bit(*o) != 0,
        };
        match out.iter_mut().find(|x| x.outcome == *o) {
            Some(x) if (!option.supported, option.distance) < (!x.supported, x.distance) => {
                *x = option
            }
            Some(_) => {}
            None => out.push(option),
        }
    }
    out.sort_by_key(|x| rb.fallback_rank(table, x.outcome));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_default;

    fn scores(k: i64, b: i64) -> Vec<i64> {
        vec![k, b]
    }

    /// The lookup by levels gives what searching the table gives, for every
    /// level combination and on both sides of each threshold.
    #[test]
    fn looked_up_outcome_is_the_searched_one() {
        let rb = load_default().unwrap();
        assert_eq!(rb.decision.by_levels.len(), 1 << rb.axes.len());
        let mut seen = 0u8;
        for k in -20..20 {
            for b in -20..20 {
                let s = scores(k, b);
                let o = table_outcome(&rb, &s);
                assert_eq!(o, table_outcome_searched(&rb, &s), "{s:?}");
                seen |= o.bit();
            }
        }
        assert_eq!(seen, rb.decision.outcomes, "every outcome of the table met");
    }

    #[test]
    fn fallbacks_follow_the_axes() {
        let rb = load_default().unwrap();
        let no_ft = outcome_bit(Outcome::FineTune);
        // Knowledge just short of high: retrieval is one point away, so hybrid.
        assert_eq!(choose(&rb, &scores(3, 6), no_ft).1, Outcome::Hybrid);
        // No knowledge need at all: never add retrieval, whatever the behaviour need.
        assert_eq!(choose(&rb, &scores(0, 20), no_ft).1, Outcome::PromptOnly);
        // Knowledge far below, behaviour barely high: prompt-only is nearer.
        assert_eq!(choose(&rb, &scores(1, 4), no_ft).1, Outcome::PromptOnly);
        // Hybrid without fine-tuning keeps the retrieval half.
        let no_ft_hybrid = no_ft | outcome_bit(Outcome::Hybrid);
        assert_eq!(choose(&rb, &scores(8, 6), no_ft_hybrid).1, Outcome::Rag);
        // Rag without retrieval is prompt-only.
        let no_rag = outcome_bit(Outcome::Rag) | outcome_bit(Outcome::Hybrid);
        assert_eq!(choose(&rb, &scores(6, 0), no_rag).1, Outcome::PromptOnly);
        // The table outcome stands when allowed.
        assert_eq!(choose(&rb, &scores(6, 6), no_ft).1, Outcome::Hybrid);
    }
}
