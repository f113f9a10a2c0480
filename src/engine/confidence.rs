//! Confidence: how far the evidence could move before the recommendation
//! changes, in the worst case over every way the unanswered factors could be
//! answered.
//!
//! Why the worst case: confidence must never rise when an answer is taken
//! away. Every completion of the answers (each unanswered factor given some
//! value) is a world the team may be in; removing an answer only adds worlds.
//! Taking the minimum over them, and charging a penalty per unanswered
//! factor, is therefore monotone by construction — and a component with no
//! answers, whose worlds are all worlds, is the least confident of all.
//!
//! The worlds are enumerated exactly, but cheaply: a rule or gate whose truth
//! the known answers already decide is the same in every world, so only the
//! undecided ones are evaluated, per group of unanswered factors that share a
//! condition, over each factor's candidate values (values that cover every
//! interval on which its conditions are constant). Worlds that give the same
//! scores and exclusions are one world.

use super::decide::{choose, gate_bits, outcome_bit};
use super::margin::robust_margin;
use super::{eval, Truth};
use crate::rules::{Answers, Effect, RuleBase, Value, MAX_AXES};

/// Axis scores and excluded outcomes of one world.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct World {
    /// Score per axis (axes beyond the rule base's are 0).
    pub scores: [i64; MAX_AXES],
    /// Excluded outcomes, as bits.
    pub excluded: u8,
}

/// Largest product of candidate values enumerated for one group of factors
/// that share conditions; beyond it, each undecided rule and gate of the group
/// is taken to fire or not independently (more worlds than exist: a safe
/// over-approximation, so confidence can only be lower, never higher).
const MAX_GROUP_COMBOS: usize = 4096;

/// What the worst case over the worlds came to.
#[derive(Clone, Debug, PartialEq)]
pub struct WorstCase {
    /// The smallest margin in any world: the fewest points one axis must
    /// move to change that world's recommendation (at most the margin cap).
    pub margin: i64,
    /// The answers to unanswered factors that give that world (empty when
    /// every factor is answered), as (factor, value).
    pub answers: Vec<(usize, Value)>,
    /// The axis whose move changes it, and by how many points (signed).
    pub shift: Option<(usize, i64)>,
    /// Every outcome some world recommends, as bits.
    pub outcomes: u8,
}

/// Worlds beyond this many are deduplicated as they grow (duplicates only
/// cost an extra margin search; deduplicating small sets costs more).
const DEDUPE_ABOVE: usize = 256;

/// Enumerate the worlds of `a` and find the worst margin and every outcome
/// they give. `rule_truth` and `gate_truth` are the truths for the answers as
/// given (unknown where an unanswered factor decides). The answers behind the
/// worst world are left out; [`worst_case_explained`] finds them.
pub fn worst_case(
    rb: &RuleBase,
    a: &Answers,
    rule_truth: &[Truth],
    gate_truth: &[Truth],
) -> WorstCase {
    let space = Space::new(rb, a, rule_truth, gate_truth);
    let n = rb.axes.len();
    let mut worlds = vec![space.base];
    for g in 0..space.groups.len() {
        let effects = space.effects_of(rb, g);
        let mut next = Vec::with_capacity(worlds.len() * effects.len());
        for w in &worlds {
            next.extend(effects.iter().map(|e| w.with(e, n)));
        }
        if next.len() > DEDUPE_ABOVE {
            next.sort_unstable();
            next.dedup();
        }
        worlds = next;
    }
    let mut worst = WorstCase {
        margin: rb.confidence.margin_cap,
        answers: Vec::new(),
        shift: None,
        outcomes: 0,
    };
    // Only a smaller margin matters, so each search stops at the best so far;
    // worlds nearest a threshold go first, since they usually set the minimum.
    let mut keyed: Vec<(i64, World)> = worlds
        .into_iter()
        .map(|w| (nearest_threshold(rb, &w.scores[..n]), w))
        .collect();
    keyed.sort_unstable_by_key(|(near, _)| *near);
    for (near, w) in &keyed {
        if rb.decision.outcomes & !w.excluded == 0 {
            // No outcome allowed in this world: the rule base contradicts
            // itself there, which is reported as an error, not scored.
            continue;
        }
        let (table, outcome) = choose(rb, &w.scores[..n], w.excluded);
        worst.outcomes |= outcome_bit(outcome);
        // Inside its own region an outcome changes only when some axis crosses
        // its threshold, so its margin is at least the nearest threshold's
        // distance: no search can beat the best so far. (A fallback can move
        // within a region, so it is always searched.)
        if outcome == table && *near >= worst.margin {
            continue;
        }
        let (_, margin, _) = robust_margin(rb, &w.scores[..n], w.excluded, worst.margin);
        worst.margin = worst.margin.min(margin);
    }
    worst
}

/// The smallest distance of any axis score from its threshold (as
/// [`super::axis_margin`] counts it): a cheap guess at which worlds have the
/// smallest margins.
fn nearest_threshold(rb: &RuleBase, scores: &[i64]) -> i64 {
    rb.axes
        .iter()
        .zip(scores)
        .map(|(axis, &s)| super::axis_margin(s, axis.threshold))
        .min()
        .unwrap_or(0)
}

/// [`worst_case`] with the answers that give the worst world and the axis
/// move that changes it, for explanations: among worlds with the worst
/// margin, the one that needs the fewest answers.
pub fn worst_case_explained(
    rb: &RuleBase,
    a: &Answers,
    rule_truth: &[Truth],
    gate_truth: &[Truth],
) -> WorstCase {
    let space = Space::new(rb, a, rule_truth, gate_truth);
    let n = rb.axes.len();
    // Each world with how many answers it needs and, per group so far, the
    // index of the effect that made it (one row of `choices` per world).
    let width = space.groups.len();
    let mut worlds: Vec<(World, u32)> = vec![(space.base, 0)];
    let mut choices: Vec<u16> = Vec::new();
    for g in 0..width {
        let effects = space.effects_of(rb, g);
        // Every combination, then one per distinct world, sorted so that a
        // world reached several ways keeps the way that needs the fewest answers.
        let mut next: Vec<(World, u32, u32)> = Vec::with_capacity(worlds.len() * effects.len());
        for (wi, (w, needs)) in worlds.iter().enumerate() {
            for (ei, e) in effects.iter().enumerate() {
                let needs = needs + u32::from(e.value.is_some());
                next.push((w.with(e, n), needs, (wi * effects.len() + ei) as u32));
            }
        }
        next.sort_unstable();
        next.dedup_by(|later, first| later.0 == first.0);
        let mut next_choices: Vec<u16> = Vec::with_capacity(next.len() * (g + 1));
        for &(_, _, origin) in &next {
            let (wi, ei) = (
                origin as usize / effects.len(),
                origin as usize % effects.len(),
            );
            next_choices.extend_from_slice(&choices[wi * g..wi * g + g]);
            next_choices.push(ei as u16);
        }
        worlds = next.into_iter().map(|(w, needs, _)| (w, needs)).collect();
        choices = next_choices;
    }
    let mut order: Vec<(u32, usize)> = worlds
        .iter()
        .enumerate()
        .map(|(wi, (_, needs))| (*needs, wi))
        .collect();
    order.sort_unstable();
    let mut worst = WorstCase {
        margin: rb.confidence.margin_cap,
        answers: Vec::new(),
        shift: None,
        outcomes: 0,
    };
    let mut best: Option<usize> = None;
    for &(_, wi) in &order {
        let w = &worlds[wi].0;
        if rb.decision.outcomes & !w.excluded == 0 {
            continue; // as in `worst_case`: a contradiction, reported apart
        }
        let (outcome, margin, shift) = robust_margin(rb, &w.scores[..n], w.excluded, worst.margin);
        worst.outcomes |= outcome_bit(outcome);
        if best.is_none() || margin < worst.margin {
            best = Some(wi);
            worst.margin = margin;
            worst.shift = shift;
        }
    }
    if let Some(wi) = best {
        for (g, &c) in choices[wi * width..wi * width + width].iter().enumerate() {
            match (
                &space.computed[g],
                space.effects_of(rb, g)[c as usize].value,
            ) {
                (Some(comp), _) => worst
                    .answers
                    .extend(comp.answers[c as usize].iter().copied()),
                (None, Some(v)) => worst.answers.push((space.groups[g][0], v)),
                (None, None) => {}
            }
        }
    }
    worst.answers.sort_by_key(|(fi, _)| *fi);
    worst
}

/// What the worlds are built from: the world of the answers as given (only
/// the rules and gates they decide), and per group of unanswered factors its
/// possible effects.
struct Space {
    base: World,
    groups: Vec<Vec<usize>>,
    /// Effects worked out for these answers; `None` where the factor's
    /// effects were derived once at load ([`crate::rules::FactorDeps::effects`]).
    computed: Vec<Option<Computed>>,
}

impl Space {
    fn new(rb: &RuleBase, a: &Answers, rule_truth: &[Truth], gate_truth: &[Truth]) -> Self {
        let mut scores = [0i64; MAX_AXES];
        for (ri, r) in rb.rules.iter().enumerate() {
            if rule_truth[ri] == Truth::True {
                for &(axis, p) in &r.add {
                    scores[axis] = scores[axis].saturating_add(p);
                }
            }
        }
        let excluded = (0..rb.gates.len())
            .filter(|&gi| gate_truth[gi] == Truth::True)
            .fold(0, |m, gi| m | gate_bits(rb, gi));
        let groups = groups(rb, a, rule_truth, gate_truth);
        let computed = groups
            .iter()
            .map(|g| match g.as_slice() {
                [f] if rb.deps[*f].effects().is_some() => None,
                _ => Some(effects(rb, a, rule_truth, gate_truth, g)),
            })
            .collect();
        Space {
            base: World { scores, excluded },
            groups,
            computed,
        }
    }

    fn effects_of<'a>(&'a self, rb: &'a RuleBase, g: usize) -> &'a [Effect] {
        match &self.computed[g] {
            Some(c) => &c.effects,
            None => rb.deps[self.groups[g][0]].effects().unwrap_or(&[]),
        }
    }
}

impl World {
    /// This world with an effect added, on the first `n` axes.
    fn with(&self, e: &Effect, n: usize) -> World {
        let mut scores = self.scores;
        for (s, d) in scores.iter_mut().zip(&e.delta).take(n) {
            *s = s.saturating_add(*d);
        }
        World {
            scores,
            excluded: self.excluded | e.excludes,
        }
    }
}

/// Unanswered factors that some undecided rule or gate reads, grouped so that
/// factors read by one condition are in one group; groups in factor order.
fn groups(
    rb: &RuleBase,
    a: &Answers,
    rule_truth: &[Truth],
    gate_truth: &[Truth],
) -> Vec<Vec<usize>> {
    let nf = rb.factors.len();
    let mut parent: Vec<usize> = (0..nf).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut used = vec![false; nf];
    let undecided = rb
        .rule_factors
        .iter()
        .zip(rule_truth)
        .chain(rb.gate_factors.iter().zip(gate_truth))
        .filter(|(_, t)| **t == Truth::Unknown)
        .map(|(fs, _)| fs);
    for fs in undecided {
        // Join each unanswered factor of the condition with the one before it.
        let mut previous: Option<usize> = None;
        for f in fs.iter().copied().filter(|&f| a.0[f].is_none()) {
            used[f] = true;
            if let Some(p) = previous {
                let (x, y) = (root(&mut parent, p), root(&mut parent, f));
                parent[x.max(y)] = x.min(y);
            }
            previous = Some(f);
        }
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut index_of_root = vec![usize::MAX; nf];
    for f in (0..nf).filter(|&f| used[f]) {
        let r = root(&mut parent, f);
        if index_of_root[r] == usize::MAX {
            index_of_root[r] = out.len();
            out.push(Vec::new());
        }
        out[index_of_root[r]].push(f);
    }
    out
}

/// A group's effects worked out for these answers, with the answers that
/// first gave each (empty for the effect of changing nothing).
struct Computed {
    effects: Vec<Effect>,
    answers: Vec<Vec<(usize, Value)>>,
}

/// Every distinct effect the group's factors can have on the undecided rules
/// and gates that read them.
fn effects(
    rb: &RuleBase,
    a: &Answers,
    rule_truth: &[Truth],
    gate_truth: &[Truth],
    group: &[usize],
) -> Computed {
    let in_group = |fs: &[usize]| fs.iter().any(|f| group.contains(f));
    let rules: Vec<usize> = (0..rb.rules.len())
        .filter(|&ri| rule_truth[ri] == Truth::Unknown && in_group(&rb.rule_factors[ri]))
        .collect();
    let gates: Vec<usize> = (0..rb.gates.len())
        .filter(|&gi| gate_truth[gi] == Truth::Unknown && in_group(&rb.gate_factors[gi]))
        .collect();
    let candidates: Vec<Vec<Value>> = group.iter().map(|&f| candidates(rb, f)).collect();
    let combos = candidates
        .iter()
        .try_fold(1usize, |n, c| n.checked_mul(c.len().max(1)))
        .unwrap_or(usize::MAX);
    if combos > MAX_GROUP_COMBOS {
        return independent_effects(rb, &rules, &gates);
    }
    let mut out = Computed {
        effects: Vec::new(),
        answers: Vec::new(),
    };
    let mut trial = a.clone();
    let mut idx = vec![0usize; group.len()];
    loop {
        for (k, &f) in group.iter().enumerate() {
            trial.0[f] = candidates[k].get(idx[k]).copied();
        }
        let mut delta = [0i64; MAX_AXES];
        for &ri in &rules {
            if eval(&rb.rules[ri].when, &trial) == Truth::True {
                for &(axis, p) in &rb.rules[ri].add {
                    delta[axis] = delta[axis].saturating_add(p);
                }
            }
        }
        let bits = gates
            .iter()
            .filter(|&&gi| eval(&rb.gates[gi].when, &trial) == Truth::True)
            .fold(0, |m, &gi| m | gate_bits(rb, gi));
        if !out
            .effects
            .iter()
            .any(|e| e.delta == delta && e.excludes == bits)
        {
            // A world in which the group changes nothing needs no answer to
            // describe it: the explanation names only answers that matter.
            let nothing = delta == [0; MAX_AXES] && bits == 0;
            let answers: Vec<(usize, Value)> = if nothing {
                Vec::new()
            } else {
                group
                    .iter()
                    .filter_map(|&f| trial.0[f].map(|v| (f, v)))
                    .collect()
            };
            out.effects.push(Effect {
                delta,
                excludes: bits,
                value: answers.first().map(|(_, v)| *v),
            });
            out.answers.push(answers);
        }
        // Next combination (odometer over the candidate lists).
        let mut k = 0;
        loop {
            if k == group.len() {
                return out;
            }
            idx[k] += 1;
            if idx[k] < candidates[k].len() {
                break;
            }
            idx[k] = 0;
            k += 1;
        }
    }
}

/// The over-approximation for very large groups: every subset of the
/// undecided rules and gates, each on or off by itself.
fn independent_effects(rb: &RuleBase, rules: &[usize], gates: &[usize]) -> Computed {
    let mut out: Vec<([i64; MAX_AXES], u8)> = vec![([0; MAX_AXES], 0)];
    for &ri in rules {
        let mut add = out.clone();
        for (delta, _) in &mut add {
            for &(axis, p) in &rb.rules[ri].add {
                delta[axis] = delta[axis].saturating_add(p);
            }
        }
        out.extend(add);
        out.sort();
        out.dedup();
    }
    for &gi in gates {
        let bits = gate_bits(rb, gi);
        let add: Vec<_> = out.iter().map(|(d, b)| (*d, b | bits)).collect();
        out.extend(add);
        out.sort();
        out.dedup();
    }
    Computed {
        answers: vec![Vec::new(); out.len()],
        effects: out
            .into_iter()
            .map(|(delta, excludes)| Effect {
                delta,
                excludes,
                value: None,
            })
            .collect(),
    }
}

/// The values worth trying for a factor: every choice, both booleans, and for
/// numbers one value in every interval on which its conditions are constant.
pub(crate) fn candidates(rb: &RuleBase, fi: usize) -> Vec<Value> {
    use crate::rules::FactorKind;
    match &rb.factors[fi].kind {
        FactorKind::Boolean => vec![Value::Bool(false), Value::Bool(true)],
        FactorKind::Choice { values, .. } => (0..values.len()).map(Value::Choice).collect(),
        FactorKind::Number { .. } => rb.deps[fi]
            .candidates
            .iter()
            .map(|&n| Value::Number(n))
            .collect(),
    }
}
