//! The scoring engine: pure functions from a rule base and answers to an
//! [`Assessment`]. No files, no terminal, no clock — so it is trivially
//! testable and safe to run in parallel.

mod sensitivity;

pub use sensitivity::number_factor_candidates;

use std::cmp::Ordering;

use crate::rules::{Answers, CmpOp, Condition, Outcome, RuleBase, Value};

/// Three-valued truth: a condition on an unanswered factor is `Unknown`,
/// and only `True` fires a rule, gate or note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    /// Holds.
    True,
    /// Does not hold.
    False,
    /// Depends on an unanswered factor.
    Unknown,
}

impl From<bool> for Truth {
    fn from(b: bool) -> Self {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }
}

/// Evaluate a condition with Kleene logic (unknown propagates unless decided).
pub fn eval(c: &Condition, a: &Answers) -> Truth {
    let get = |fi: usize| a.0.get(fi).copied().flatten();
    match c {
        Condition::Is(fi, v) => get(*fi).map_or(Truth::Unknown, |x| (x == *v).into()),
        Condition::In(fi, vs) => get(*fi).map_or(Truth::Unknown, |x| vs.contains(&x).into()),
        Condition::Cmp(fi, op, v) => match get(*fi).and_then(|x| compare(x, *v)) {
            None => Truth::Unknown,
            Some(ord) => match op {
                CmpOp::AtLeast => ord != Ordering::Less,
                CmpOp::AtMost => ord != Ordering::Greater,
                CmpOp::Above => ord == Ordering::Greater,
                CmpOp::Below => ord == Ordering::Less,
            }
            .into(),
        },
        Condition::All(cs) => {
            let mut out = Truth::True;
            for c in cs {
                match eval(c, a) {
                    Truth::False => return Truth::False,
                    Truth::Unknown => out = Truth::Unknown,
                    Truth::True => {}
                }
            }
            out
        }
        Condition::Any(cs) => {
            let mut out = Truth::False;
            for c in cs {
                match eval(c, a) {
                    Truth::True => return Truth::True,
                    Truth::Unknown => out = Truth::Unknown,
                    Truth::False => {}
                }
            }
            out
        }
        Condition::Not(c) => match eval(c, a) {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        },
    }
}

fn compare(x: Value, y: Value) -> Option<Ordering> {
    match (x, y) {
        (Value::Choice(a), Value::Choice(b)) => Some(a.cmp(&b)),
        (Value::Number(a), Value::Number(b)) => a.partial_cmp(&b),
        _ => None,
    }
}

/// The part of an assessment that decides the outcome; cheap enough to run
/// once per candidate answer in the sensitivity analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    /// Score per axis.
    pub scores: Vec<i64>,
    /// Outcome the decision table gives for the axis levels.
    pub table_outcome: Outcome,
    /// Excluded outcomes, each with the first gate (index) that excluded it, in outcome order.
    pub excluded: Vec<(Outcome, usize)>,
    /// The recommendation after gates and fallbacks.
    pub outcome: Outcome,
}

/// Scores, gates and outcome for a set of answers.
pub fn decide(rb: &RuleBase, a: &Answers) -> Decided {
    let rule_true = truths(rb.rules.iter().map(|r| &r.when), a);
    let gate_true = truths(rb.gates.iter().map(|g| &g.when), a);
    decide_from(rb, scores_of(rb, &rule_true), excluded_by(rb, &gate_true))
}

/// Which of the conditions definitely hold.
fn truths<'a>(conds: impl Iterator<Item = &'a Condition>, a: &Answers) -> Vec<bool> {
    conds.map(|c| eval(c, a) == Truth::True).collect()
}

/// Axis scores from the rules that hold.
fn scores_of(rb: &RuleBase, rule_true: &[bool]) -> Vec<i64> {
    let mut scores = vec![0i64; rb.axes.len()];
    for (rule, _) in rb.rules.iter().zip(rule_true).filter(|(_, t)| **t) {
        for &(axis, points) in &rule.add {
            scores[axis] += points;
        }
    }
    scores
}

/// Excluded outcomes, each with the first gate that excluded it, in outcome order.
fn excluded_by(rb: &RuleBase, gate_true: &[bool]) -> Vec<(Outcome, usize)> {
    let mut excluded: Vec<(Outcome, usize)> = Vec::new();
    for (gi, gate) in rb.gates.iter().enumerate().filter(|(gi, _)| gate_true[*gi]) {
        for &o in &gate.exclude {
            if !excluded.iter().any(|(e, _)| *e == o) {
                excluded.push((o, gi));
            }
        }
    }
    excluded.sort_by_key(|(o, _)| *o);
    excluded
}

/// A set of outcomes as bits, so the hot loop of the sensitivity analysis
/// decides without allocating.
pub(crate) fn outcome_bit(o: Outcome) -> u8 {
    1 << (o as u8)
}

/// The outcome for axis scores and a set of excluded outcomes: the decision
/// table's entry, else its first allowed fallback, else `prompt-only`.
pub(crate) fn outcome_for(rb: &RuleBase, scores: &[i64], excluded: u8) -> (Outcome, Outcome) {
    let table_outcome = rb
        .decision
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
        .unwrap_or(Outcome::PromptOnly);
    let outcome = std::iter::once(table_outcome)
        .chain(rb.fallback(table_outcome).iter().copied())
        .chain(std::iter::once(Outcome::PromptOnly))
        .find(|o| excluded & outcome_bit(*o) == 0)
        .unwrap_or(table_outcome);
    (table_outcome, outcome)
}

fn decide_from(rb: &RuleBase, scores: Vec<i64>, excluded: Vec<(Outcome, usize)>) -> Decided {
    let mask = excluded.iter().fold(0, |m, (o, _)| m | outcome_bit(*o));
    let (table_outcome, outcome) = outcome_for(rb, &scores, mask);
    Decided {
        scores,
        table_outcome,
        excluded,
        outcome,
    }
}

/// A rule that did not fire but whose points would move an axis towards
/// changing level (the closest such rules are reported).
#[derive(Clone, Debug, PartialEq)]
pub struct NearMiss {
    /// Rule index.
    pub rule: usize,
    /// Whether it failed only because a factor is unanswered.
    pub unknown: bool,
    /// The outcome if it had fired, when that differs.
    pub would_be: Option<Outcome>,
    /// The smallest margin it would leave on an axis it moves towards its
    /// threshold (as [`axis_margin`] counts); 0 when it would cross.
    pub margin_left: i64,
}

/// A single answer change that yields a different outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    /// The outcome the change produces.
    pub outcome: Outcome,
    /// Factor index.
    pub factor: usize,
    /// The value to change to.
    pub value: Value,
}

/// Everything ragfit knows about one component's recommendation.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// Scores, gates and outcome.
    pub decided: Decided,
    /// Confidence in [0, 1], two decimals.
    pub confidence: f64,
    /// Confidence before the unanswered-factor penalty (for explanations).
    pub margin_confidence: f64,
    /// Whether the result is close enough to call borderline.
    pub borderline: bool,
    /// Indices of rules that fired, in rule-base order.
    pub fired: Vec<usize>,
    /// Rules that did not fire but would have moved an axis across its threshold.
    pub near_misses: Vec<NearMiss>,
    /// The smallest single changes that give another outcome.
    pub alternatives: Vec<Alternative>,
    /// Unanswered factors that could change the outcome.
    pub unanswered: Vec<usize>,
    /// Other unanswered factors that rules or gates read (alone they cannot flip it).
    pub other_unanswered: Vec<usize>,
    /// Indices of notes that apply.
    pub notes: Vec<usize>,
}

impl Assessment {
    /// The recommendation.
    pub fn outcome(&self) -> Outcome {
        self.decided.outcome
    }
}

/// How many near misses to report: enough to explain, few enough to read.
const MAX_NEAR_MISSES: usize = 5;

/// Assess one component.
pub fn assess(rb: &RuleBase, a: &Answers) -> Assessment {
    let rule_truth: Vec<Truth> = rb.rules.iter().map(|r| eval(&r.when, a)).collect();
    let rule_true: Vec<bool> = rule_truth.iter().map(|t| *t == Truth::True).collect();
    let gate_true = truths(rb.gates.iter().map(|g| &g.when), a);
    let decided = decide_from(rb, scores_of(rb, &rule_true), excluded_by(rb, &gate_true));
    let mask = decided
        .excluded
        .iter()
        .fold(0, |m, (o, _)| m | outcome_bit(*o));

    let mut fired = Vec::new();
    let mut near_misses = Vec::new();
    let mut scores = decided.scores.clone();
    for (ri, rule) in rb.rules.iter().enumerate() {
        if rule_true[ri] {
            fired.push(ri);
            continue;
        }
        scores.copy_from_slice(&decided.scores);
        for &(axis, points) in &rule.add {
            scores[axis] += points;
        }
        // How close firing this rule would bring an axis to changing level: the
        // smallest margin left on an axis it moves towards its threshold.
        let closest = scores
            .iter()
            .zip(&decided.scores)
            .zip(&rb.axes)
            .filter(|((new, old), axis)| {
                // Down on a high axis, or up on a low one.
                if **old >= axis.threshold {
                    new < old
                } else {
                    new > old
                }
            })
            .map(|((new, old), axis)| {
                let crossed = (*new >= axis.threshold) != (*old >= axis.threshold);
                if crossed {
                    0
                } else {
                    axis_margin(*new, axis.threshold)
                }
            })
            .min();
        if let Some(left) = closest {
            // Only a rule that crosses a threshold can change the outcome.
            let alt = if left == 0 {
                outcome_for(rb, &scores, mask).1
            } else {
                decided.outcome
            };
            near_misses.push((
                left,
                NearMiss {
                    rule: ri,
                    unknown: rule_truth[ri] == Truth::Unknown,
                    would_be: (alt != decided.outcome).then_some(alt),
                    margin_left: left,
                },
            ));
        }
    }
    // Closest first: rules that would flip the outcome, then those that would
    // leave the smallest margin; rule-base order among equals (stable sort).
    near_misses.sort_by_key(|(left, n)| (n.would_be.is_none(), *left));
    near_misses.truncate(MAX_NEAR_MISSES);
    let near_misses = near_misses.into_iter().map(|(_, n)| n).collect();

    let notes = rb
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| eval(&n.when, a) == Truth::True)
        .map(|(i, _)| i)
        .collect();

    let (alternatives, unanswered) = sensitivity::alternatives(
        rb,
        a,
        &sensitivity::Baseline {
            rule_true: &rule_true,
            gate_true: &gate_true,
            scores: &decided.scores,
            outcome: decided.outcome,
        },
    );

    let margin_confidence = rb
        .axes
        .iter()
        .zip(&decided.scores)
        .map(|(axis, &s)| {
            let margin = axis_margin(s, axis.threshold) as f64;
            margin / (margin + rb.confidence.margin_scale)
        })
        .fold(1.0f64, f64::min);
    let other_unanswered: Vec<usize> = (0..rb.factors.len())
        .filter(|&fi| a.0[fi].is_none() && !unanswered.contains(&fi))
        .filter(|&fi| !rb.deps[fi].rules.is_empty() || !rb.deps[fi].gates.is_empty())
        .collect();
    let penalty = rb.confidence.unanswered_penalty * unanswered.len() as f64
        + rb.confidence.other_unanswered_penalty * other_unanswered.len() as f64;
    let confidence = round2((margin_confidence - penalty).clamp(0.0, 1.0));
    Assessment {
        borderline: confidence < rb.confidence.borderline_below,
        decided,
        confidence,
        margin_confidence: round2(margin_confidence),
        fired,
        near_misses,
        alternatives,
        unanswered,
        other_unanswered,
        notes,
    }
}

/// How far a score sits from its axis threshold, as confidence counts it:
/// points past the threshold with the threshold itself counting as 1 (so a
/// score exactly at the threshold has margin 1), or points short of it.
pub fn axis_margin(score: i64, threshold: i64) -> i64 {
    if score >= threshold {
        score - threshold + 1
    } else {
        threshold - score
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
