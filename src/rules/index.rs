//! What the engine derives from a rule base once, at load: per factor, the
//! rules and gates that read it, the values worth trying, and the effects of
//! its values; per rule and gate, the factors they read; the decision table
//! by levels. Kept apart from the model's types (`mod.rs`) because it is an
//! algorithm over them.

use super::{eval, Condition, FactorDeps, FactorKind, Outcome, RuleBase, MAX_AXES};

impl RuleBase {
    /// Derive [`RuleBase::deps`]; the loader calls this once rules and gates are final.
    pub fn index(&mut self) {
        self.deps = (0..self.factors.len())
            .map(|fi| {
                let mut thresholds = Vec::new();
                let conditions = self
                    .rules
                    .iter()
                    .map(|r| &r.when)
                    .chain(self.gates.iter().map(|g| &g.when))
                    .chain(self.notes.iter().map(|n| &n.when))
                    .chain(self.conflicts.iter().map(|c| &c.when));
                for c in conditions {
                    c.numbers_for(fi, &mut thresholds);
                }
                thresholds.sort_by(f64::total_cmp);
                thresholds.dedup();
                let candidates = match &self.factors[fi].kind {
                    FactorKind::Number { min, max, integer } => {
                        eval::number_factor_candidates(&thresholds, *min, *max, *integer)
                    }
                    _ => Vec::new(),
                };
                let mut unanswered_order = candidates.clone();
                let distance = |v: f64| {
                    thresholds
                        .iter()
                        .map(|t| (v - t).abs())
                        .fold(f64::INFINITY, f64::min)
                };
                // Stable: equally near values keep ascending order.
                unanswered_order.sort_by(|a, b| distance(*a).total_cmp(&distance(*b)));
                FactorDeps {
                    alone_effects: Vec::new(),
                    value_effects: Vec::new(),
                    mixed_rules: Vec::new(),
                    mixed_gates: Vec::new(),
                    unanswered_order,
                    candidates,
                    rules: (0..self.rules.len())
                        .filter(|&ri| self.rules[ri].when.mentions(fi))
                        .collect(),
                    gates: (0..self.gates.len())
                        .filter(|&gi| self.gates[gi].when.mentions(fi))
                        .collect(),
                    thresholds,
                }
            })
            .collect();
        let factors_of = |c: &Condition| -> Vec<usize> {
            (0..self.factors.len())
                .filter(|&fi| c.mentions(fi))
                .collect()
        };
        self.rule_factors = self.rules.iter().map(|r| factors_of(&r.when)).collect();
        self.gate_factors = self.gates.iter().map(|g| factors_of(&g.when)).collect();
        self.points_bounded = self
            .rules
            .iter()
            .flat_map(|r| r.add.iter())
            .try_fold(0i64, |sum, &(_, p)| sum.checked_add(p.checked_abs()?))
            .is_some();
        for fi in 0..self.factors.len() {
            let alone = |fs: &[usize]| fs == [fi];
            let (alone_rules, mixed_rules): (Vec<usize>, Vec<usize>) = self.deps[fi]
                .rules
                .iter()
                .partition(|&&ri| alone(&self.rule_factors[ri]));
            let (alone_gates, mixed_gates): (Vec<usize>, Vec<usize>) = self.deps[fi]
                .gates
                .iter()
                .partition(|&&gi| alone(&self.gate_factors[gi]));
            let (effects, by_value) =
                eval::value_effects(self, fi, &alone_rules, &alone_gates).unwrap_or_default();
            let deps = &mut self.deps[fi];
            deps.alone_effects = effects;
            deps.value_effects = by_value;
            deps.mixed_rules = mixed_rules;
            deps.mixed_gates = mixed_gates;
        }
        self.decision.outcomes = self.decision.table.iter().fold(0, |m, (_, o)| m | o.bit());
        // More axes than supported is refused at load; never build 2^n entries for them.
        let n = self.axes.len().min(MAX_AXES);
        self.decision.by_levels = (0..1usize << n)
            .map(|bits| {
                // The first row whose levels match, as a search of the table finds.
                self.decision
                    .table
                    .iter()
                    .find(|(levels, _)| {
                        levels
                            .iter()
                            .take(n)
                            .enumerate()
                            .all(|(i, high)| *high == (bits >> i & 1 == 1))
                    })
                    // Validation guarantees full coverage; prompt-only is the safe reading otherwise.
                    .map_or(Outcome::PromptOnly, |(_, o)| *o)
            })
            .collect();
    }
}
