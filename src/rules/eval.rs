//! Evaluating conditions, and what the model derives from them once at load
//! time: the values worth trying for each number factor, and the effect each
//! value of a self-contained factor has on scores and gates.

use std::cmp::Ordering;

use super::{Answers, CmpOp, Condition, FactorKind, RuleBase, Value, MAX_AXES};

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

pub(crate) fn compare(x: Value, y: Value) -> Option<Ordering> {
    match (x, y) {
        (Value::Choice(a), Value::Choice(b)) => Some(a.cmp(&b)),
        (Value::Number(a), Value::Number(b)) => a.partial_cmp(&b),
        _ => None,
    }
}

/// What one value of a factor does when no other factor matters to its
/// rules and gates: points per axis and the outcomes its gates exclude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Effect {
    /// Points added per axis.
    pub delta: [i64; MAX_AXES],
    /// Outcomes excluded, as bits ([`super::Outcome::bit`]).
    pub excludes: u8,
    /// A value that has this effect; `None` for the effect of changing nothing.
    pub value: Option<Value>,
}

/// The distinct effects of factor `fi`'s values through `rules` and `gates`,
/// which must read `fi` alone, and the index of each value's effect among
/// them (values in the order of [`super::FactorDeps::value_effects`]); `None`
/// when there are more distinct effects than a byte indexes.
pub(crate) fn value_effects(
    rb: &RuleBase,
    fi: usize,
    rules: &[usize],
    gates: &[usize],
) -> Option<(Vec<Effect>, Vec<u8>)> {
    debug_assert!(rules.iter().all(|&ri| rb.rule_factors[ri] == [fi]));
    debug_assert!(gates.iter().all(|&gi| rb.gate_factors[gi] == [fi]));
    let values: Vec<Value> = match &rb.factors[fi].kind {
        FactorKind::Boolean => vec![Value::Bool(false), Value::Bool(true)],
        FactorKind::Choice { values, .. } => (0..values.len()).map(Value::Choice).collect(),
        FactorKind::Number { .. } => rb.deps[fi]
            .candidates
            .iter()
            .map(|&n| Value::Number(n))
            .collect(),
    };
    let mut out: Vec<Effect> = Vec::new();
    let mut by_value: Vec<u8> = Vec::with_capacity(values.len());
    let mut a = Answers(vec![None; rb.factors.len()]);
    for v in values {
        a.0[fi] = Some(v);
        let mut delta = [0i64; MAX_AXES];
        for &ri in rules {
            if eval(&rb.rules[ri].when, &a) == Truth::True {
                for &(axis, p) in &rb.rules[ri].add {
                    delta[axis] = delta[axis].saturating_add(p);
                }
            }
        }
        let excludes = gates
            .iter()
            .filter(|&&gi| eval(&rb.gates[gi].when, &a) == Truth::True)
            .flat_map(|&gi| rb.gates[gi].exclude.iter())
            .fold(0, |m, o| m | o.bit());
        let index = match out
            .iter()
            .position(|e| e.delta == delta && e.excludes == excludes)
        {
            Some(i) => i,
            None => {
                let nothing = delta == [0; MAX_AXES] && excludes == 0;
                out.push(Effect {
                    delta,
                    excludes,
                    value: (!nothing).then_some(v),
                });
                out.len() - 1
            }
        };
        // More distinct effects than a byte counts is a rule base far beyond
        // any real one; the search then evaluates conditions instead.
        by_value.push(u8::try_from(index).ok()?);
    }
    Some((out, by_value))
}

/// Every value worth trying for a number factor, ascending: one per interval on
/// which its conditions are constant (see `number_candidates`), plus the ends
/// of its range, all within range.
pub fn number_factor_candidates(
    thresholds: &[f64],
    min: Option<f64>,
    max: Option<f64>,
    integer: bool,
) -> Vec<f64> {
    let mut values = number_candidates(thresholds, integer);
    values.extend(min.iter().chain(max.iter()).copied());
    values.retain(|v| min.is_none_or(|m| *v >= m) && max.is_none_or(|m| *v <= m));
    values.sort_by(f64::total_cmp);
    values.dedup();
    values
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
