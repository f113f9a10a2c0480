//! How far an outcome is from changing: the fewest points one axis must move.

use super::decide::choose;
use crate::rules::{Outcome, RuleBase, MAX_AXES};

/// The outcome at `scores` with `excluded` outcomes, and its margin: the
/// fewest points a single axis must move (up or down) to change it, searched
/// no further than `bound`; with the axis and signed shift that does it.
pub fn robust_margin(
    rb: &RuleBase,
    scores: &[i64],
    excluded: u8,
    bound: i64,
) -> (Outcome, i64, Option<(usize, i64)>) {
    let (table, outcome) = choose(rb, scores, excluded);
    let mut best = bound;
    let mut shift = None;
    // With one outcome left allowed, no move of the scores changes it.
    if (rb.decision.outcomes & !excluded).count_ones() <= 1 {
        return (outcome, best, shift);
    }
    let mut buf = [0i64; MAX_AXES];
    let trial = &mut buf[..scores.len()];
    trial.copy_from_slice(scores);
    for (i, axis) in rb.axes.iter().enumerate() {
        let s = scores[i];
        let toward = if s >= axis.threshold { -1 } else { 1 };
        for dir in [-1i64, 1] {
            // Inside its own region, moving away from the threshold keeps the
            // level and so the outcome; and nothing changes before the level does.
            let start = if outcome == table {
                if dir != toward {
                    continue;
                }
                super::axis_margin(s, axis.threshold)
            } else {
                1
            };
            let mut k = start;
            while k < best {
                trial[i] = s.saturating_add(dir.saturating_mul(k));
                if choose(rb, trial, excluded).1 != outcome {
                    best = k;
                    shift = Some((i, dir.saturating_mul(k)));
                    break;
                }
                k += 1;
            }
            trial[i] = s;
        }
    }
    (outcome, best, shift)
}
