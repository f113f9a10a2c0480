//! The scoring engine: pure functions from a rule base and answers to an
//! [`Assessment`]. No files, no terminal, no clock — so it is trivially
//! testable and safe to run in parallel.

mod confidence;
mod decide;
mod margin;
mod sensitivity;

pub use confidence::{worst_case, worst_case_explained, WorstCase};
pub use decide::{decide, fallback_options, Decided, Exclusion, FallbackOption};
pub use margin::robust_margin;
pub use sensitivity::unanswered_candidates;

use decide::{choose, decide_from, outcome_bit};

pub use crate::rules::{eval, Truth};
use crate::rules::{Answers, Outcome, RuleBase, Value};

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
    /// How the confidence was reached.
    pub why: Confidence,
    /// Whether the result is close enough to call borderline.
    pub borderline: bool,
    /// Indices of rules that fired, in rule-base order.
    pub fired: Vec<usize>,
    /// Rules that did not fire but would have moved an axis across its threshold.
    pub near_misses: Vec<NearMiss>,
    /// The smallest single changes that give another outcome.
    pub alternatives: Vec<Alternative>,
    /// Unanswered factors that could change the outcome: those a gate that
    /// may apply reads first, then the others in rule-base order.
    pub unanswered: Vec<usize>,
    /// Other unanswered factors that rules or gates read (alone they cannot flip it).
    pub other_unanswered: Vec<usize>,
    /// Gates that may apply (their condition is unknown) and could change the
    /// recommendation: the reason a result is not settled.
    pub unsettled_by: Vec<usize>,
    /// Indices of notes that apply.
    pub notes: Vec<usize>,
    /// Indices of conflicts: answers that contradict each other.
    pub conflicts: Vec<usize>,
}

/// The confidence figure taken apart, so that a reader can check it.
#[derive(Clone, Debug, PartialEq)]
pub struct Confidence {
    /// The worst case over every way the unanswered factors could be answered.
    pub worst: WorstCase,
    /// `margin / (margin + margin_scale)` for the worst margin, two decimals.
    pub margin_confidence: f64,
    /// Unanswered factors that cost confidence (rules or gates read them;
    /// optional factors excepted).
    pub penalized: usize,
    /// Total penalty for them.
    pub penalty: f64,
    /// Whether the result was capped below the borderline threshold because a
    /// gate that may apply could change it.
    pub capped: bool,
}

impl Assessment {
    /// The recommendation.
    pub fn outcome(&self) -> Outcome {
        self.decided.outcome
    }
}

/// The worst case of [`assess`] with the answers behind it (for explanations):
/// the same margin, plus the worst world's answers and the axis move there.
pub fn worst_case_of(rb: &RuleBase, a: &Answers) -> WorstCase {
    let rule_truth: Vec<Truth> = rb.rules.iter().map(|r| eval(&r.when, a)).collect();
    let gate_truth: Vec<Truth> = rb.gates.iter().map(|g| eval(&g.when, a)).collect();
    worst_case_explained(rb, a, &rule_truth, &gate_truth)
}

/// How many near misses to report: enough to explain, few enough to read.
const MAX_NEAR_MISSES: usize = 5;

/// Whether [`assess_with`] looks for near misses: the rules closest to
/// mattering are shown only by the formats that explain a result (JSON,
/// YAML, HTML, `explain`), and skipping the search saved 4% of the CPU of a
/// `score -f csv` run, so the formats that never show them skip it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NearMisses {
    /// Find them (every other field is the same either way).
    #[default]
    Find,
    /// Leave [`Assessment::near_misses`] empty.
    Skip,
}

impl NearMisses {
    /// Find them when they are shown.
    pub fn if_shown(shown: bool) -> Self {
        if shown {
            NearMisses::Find
        } else {
            NearMisses::Skip
        }
    }
}

/// Assess one component.
pub fn assess(rb: &RuleBase, a: &Answers) -> Assessment {
    assess_with(rb, a, NearMisses::Find)
}

/// Assess one component, with or without the near misses.
pub fn assess_with(rb: &RuleBase, a: &Answers, near: NearMisses) -> Assessment {
    let rule_truth: Vec<Truth> = rb.rules.iter().map(|r| eval(&r.when, a)).collect();
    let gate_truth: Vec<Truth> = rb.gates.iter().map(|g| eval(&g.when, a)).collect();
    let decided = decide_from(rb, &rule_truth, &gate_truth);
    let mask = decided.mask();
    let (fired, near_misses) = match near {
        NearMisses::Find => near_misses(rb, &rule_truth, &decided, mask),
        NearMisses::Skip => (fired(&rule_truth), Vec::new()),
    };

    let outcome = decided.outcome;
    let notes = rb
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.outcomes.is_empty() || n.outcomes.contains(&outcome))
        .filter(|(_, n)| eval(&n.when, a) == Truth::True)
        .map(|(i, _)| i)
        .collect();
    let conflicts = rb
        .conflicts
        .iter()
        .enumerate()
        .filter(|(_, c)| eval(&c.when, a) == Truth::True)
        .map(|(i, _)| i)
        .collect();

    let (alternatives, flips) = sensitivity::alternatives(
        rb,
        a,
        &sensitivity::Baseline {
            rule_truth: &rule_truth,
            gate_truth: &gate_truth,
            scores: &decided.scores,
            outcome,
            table_outcome: decided.table_outcome,
        },
    );

    let worst = worst_case(rb, a, &rule_truth, &gate_truth);
    // A gate that may apply unsettles the result when it would exclude the
    // recommendation, or an outcome some answer to the unanswered factors gives.
    let reachable = worst.outcomes | outcome_bit(outcome);
    let unsettled_by: Vec<usize> = decided
        .may_apply
        .iter()
        .copied()
        .filter(|&gi| decide::gate_bits(rb, gi) & reachable != 0)
        .collect();
    // Factors that decide a gate which may exclude the recommendation come
    // first; then the others that could change the outcome alone, in rule-base order.
    let mut unanswered: Vec<usize> = Vec::new();
    for &gi in unsettled_by
        .iter()
        .filter(|&&gi| rb.gates[gi].exclude.contains(&outcome))
    {
        for &fi in &rb.gate_factors[gi] {
            if a.0[fi].is_none() && !unanswered.contains(&fi) {
                unanswered.push(fi);
            }
        }
    }
    for fi in flips {
        if !unanswered.contains(&fi) {
            unanswered.push(fi);
        }
    }
    let read = |fi: usize| !rb.deps[fi].rules.is_empty() || !rb.deps[fi].gates.is_empty();
    let other_unanswered: Vec<usize> = (0..rb.factors.len())
        .filter(|&fi| a.0[fi].is_none() && read(fi) && !unanswered.contains(&fi))
        .collect();

    let c = &rb.confidence;
    let margin_confidence = round2(worst.margin as f64 / (worst.margin as f64 + c.margin_scale));
    let penalized = (0..rb.factors.len())
        .filter(|&fi| a.0[fi].is_none() && read(fi) && !rb.factors[fi].optional)
        .count();
    let penalty = round2(c.unanswered_penalty * penalized as f64);
    let capped = !unsettled_by.is_empty();
    let mut confidence = round2((margin_confidence - penalty).clamp(0.0, 1.0));
    if capped {
        confidence = confidence.min(c.unsettled_cap());
    }
    Assessment {
        borderline: confidence < c.borderline_below,
        decided,
        confidence,
        why: Confidence {
            worst,
            margin_confidence,
            penalized,
            penalty,
            capped,
        },
        fired,
        near_misses,
        alternatives,
        unanswered,
        other_unanswered,
        unsettled_by,
        notes,
        conflicts,
    }
}

/// The rules that fired, in rule-base order.
fn fired(rule_truth: &[Truth]) -> Vec<usize> {
    (0..rule_truth.len())
        .filter(|&ri| rule_truth[ri] == Truth::True)
        .collect()
}

/// The rules that fired, and the closest ones that did not.
fn near_misses(
    rb: &RuleBase,
    rule_truth: &[Truth],
    decided: &Decided,
    mask: u8,
) -> (Vec<usize>, Vec<NearMiss>) {
    let mut fired = Vec::new();
    let mut near_misses = Vec::new();
    let mut scores = decided.scores.clone();
    for (ri, rule) in rb.rules.iter().enumerate() {
        if rule_truth[ri] == Truth::True {
            fired.push(ri);
            continue;
        }
        scores.copy_from_slice(&decided.scores);
        for &(axis, points) in &rule.add {
            scores[axis] = scores[axis].saturating_add(points);
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
            // Within a level only a fallback (nearest allowed outcome) can move,
            // so decide again rather than assume a threshold must be crossed —
            // unless no axis crosses (left > 0: those it moves away from cannot)
            // and the table's own outcome stands: the same levels and the same
            // exclusions then give the same outcome.
            let same = left > 0 && decided.outcome == decided.table_outcome;
            let alt = match same {
                true => decided.outcome,
                false => choose(rb, &scores, mask).1,
            };
            near_misses.push(NearMiss {
                rule: ri,
                unknown: rule_truth[ri] == Truth::Unknown,
                would_be: (alt != decided.outcome).then_some(alt),
                margin_left: left,
            });
        }
    }
    // Closest first: rules that would flip the outcome, then those that would
    // leave the smallest margin; rule-base order among equals (stable sort).
    near_misses.sort_by_key(|n| (n.would_be.is_none(), n.margin_left));
    near_misses.truncate(MAX_NEAR_MISSES);
    (fired, near_misses)
}

/// How far a score sits from its axis threshold, as confidence counts it:
/// points past the threshold with the threshold itself counting as 1 (so a
/// score exactly at the threshold has margin 1), or points short of it.
pub fn axis_margin(score: i64, threshold: i64) -> i64 {
    if score >= threshold {
        score.saturating_sub(threshold).saturating_add(1)
    } else {
        threshold.saturating_sub(score)
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{load_default, FactorKind};

    /// Deterministic answers for component `i`: about one factor in four
    /// unanswered, the others any value worth trying.
    fn answers(rb: &RuleBase, i: u64) -> Answers {
        let mut s = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = move |n: usize| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s % n as u64) as usize
        };
        Answers(
            (0..rb.factors.len())
                .map(|fi| {
                    if next(4) == 0 {
                        return None;
                    }
                    Some(match &rb.factors[fi].kind {
                        FactorKind::Boolean => Value::Bool(next(2) == 1),
                        FactorKind::Choice { values, .. } => Value::Choice(next(values.len())),
                        FactorKind::Number { .. } => {
                            let c = unanswered_candidates(rb, fi);
                            c[next(c.len())]
                        }
                    })
                })
                .collect(),
        )
    }

    #[test]
    fn a_near_miss_would_be_what_deciding_with_its_points_gives() {
        let rb = load_default().unwrap();
        let mut checked = 0;
        for i in 0..3000 {
            let a = answers(&rb, i);
            let got = assess(&rb, &a);
            let d = &got.decided;
            for n in &got.near_misses {
                let mut scores = d.scores.clone();
                for &(axis, p) in &rb.rules[n.rule].add {
                    scores[axis] += p;
                }
                let outcome = choose(&rb, &scores, d.mask()).1;
                assert_eq!(
                    n.would_be,
                    (outcome != d.outcome).then_some(outcome),
                    "{a:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 5000, "{checked}");
    }
}
