//! Validating conditions (factor, comparison, values) and the decision table:
//! the part of rule-base validation that knows what each factor accepts.

use super::*;
use crate::rules::limits::{MAX_DEPTH, MAX_THRESHOLD};

impl Validator<'_> {
    /// A value written in a condition, checked against the factor it compares with.
    pub(super) fn value(&mut self, rb: &RuleBase, fi: usize, s: &S) -> Option<Value> {
        let f = &rb.factors[fi];
        match f.parse_value(s.as_str()) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                self.problem(
                    at(s),
                    format!("conditions cannot compare `{}` with unknown", f.id),
                    Some("unanswered factors never satisfy a condition".into()),
                );
                None
            }
            Err(msg) => {
                let hint = match &f.kind {
                    FactorKind::Choice { values, .. } => {
                        Some(suggest(s.as_str(), values.iter().map(|c| c.id.as_str())))
                    }
                    _ => Some(f.expected()),
                };
                self.problem(at(s), msg, hint);
                None
            }
        }
    }

    pub(super) fn cond(&mut self, rb: &RuleBase, c: &Spanned<RawCond>) -> Condition {
        let pos = at(c);
        self.count_part(pos);
        if self.depth >= MAX_DEPTH {
            self.problem(
                pos,
                format!("conditions nest more than {MAX_DEPTH} levels deep"),
                Some("flatten the condition: `all`/`any` take a list".into()),
            );
            return Condition::All(Vec::new());
        }
        self.depth += 1;
        let out = self.cond_at(rb, c, pos);
        self.depth -= 1;
        out
    }

    fn cond_at(&mut self, rb: &RuleBase, c: &Spanned<RawCond>, pos: Pos) -> Condition {
        let fallback = Condition::All(Vec::new());
        let mut forms = Vec::new();
        let ops = [
            ("is", c.is.is_some()),
            ("in", c.in_.is_some()),
            ("at_least", c.at_least.is_some()),
            ("at_most", c.at_most.is_some()),
            ("above", c.above.is_some()),
            ("below", c.below.is_some()),
            ("all", c.all.is_some()),
            ("any", c.any.is_some()),
            ("not", c.not.is_some()),
        ];
        for (name, present) in ops {
            if present {
                forms.push(name);
            }
        }
        if forms.len() != 1 {
            self.problem(
                pos,
                format!(
                    "a condition needs exactly one of is, in, at_least, at_most, above, below, all, any, not (found {})",
                    if forms.is_empty() { "none".to_string() } else { forms.join(", ") }
                ),
                None,
            );
            return fallback;
        }
        if matches!(forms[0], "all" | "any" | "not") {
            if let Some(factor) = &c.factor {
                self.problem(
                    at(factor),
                    format!("`factor:` has no meaning next to `{}`", forms[0]),
                    Some("put the factor in the conditions inside it".into()),
                );
            }
        }
        let combinator = |v: &mut Self, list: &Vec<Spanned<RawCond>>| -> Vec<Condition> {
            if list.is_empty() {
                // `all: []` would always hold and `any: []` never: surely a slip.
                v.problem(
                    pos,
                    "an empty `all`/`any` list".into(),
                    Some("list at least one condition".into()),
                );
            }
            list.iter().map(|c| v.cond(rb, c)).collect()
        };
        if let Some(list) = &c.all {
            return Condition::All(combinator(self, list));
        }
        if let Some(list) = &c.any {
            return Condition::Any(combinator(self, list));
        }
        if let Some(inner) = &c.not {
            return Condition::Not(Box::new(self.cond(rb, inner)));
        }
        let Some(factor) = &c.factor else {
            self.problem(pos, format!("`{}` needs a `factor:`", forms[0]), None);
            return fallback;
        };
        let Some(fi) = rb.factor_index(factor.as_str()) else {
            let hint = suggest(factor.as_str(), rb.factors.iter().map(|f| f.id.as_str()));
            self.problem(
                at(factor),
                format!("unknown factor `{}`", factor.as_str()),
                Some(hint),
            );
            return fallback;
        };
        if let Some(v) = &c.is {
            return self
                .value(rb, fi, v)
                .map_or(fallback, |v| Condition::Is(fi, v));
        }
        if let Some(list) = &c.in_ {
            if list.is_empty() {
                // `in: []` could never hold: surely a slip, like an empty `any`.
                self.problem(
                    pos,
                    "an empty `in` list".into(),
                    Some("list at least one value".into()),
                );
            }
            for v in list {
                self.count_part(at(v));
            }
            let values: Vec<Value> = list.iter().filter_map(|v| self.value(rb, fi, v)).collect();
            return Condition::In(fi, values);
        }
        let (op, v) = [
            (CmpOp::AtLeast, &c.at_least),
            (CmpOp::AtMost, &c.at_most),
            (CmpOp::Above, &c.above),
            (CmpOp::Below, &c.below),
        ]
        .into_iter()
        .find_map(|(op, v)| v.as_ref().map(|v| (op, v)))
        .expect("exactly one form is present");
        let comparable = match &rb.factors[fi].kind {
            FactorKind::Choice { ordered, .. } => *ordered,
            FactorKind::Number { .. } => true,
            FactorKind::Boolean => false,
        };
        if !comparable {
            self.problem(
                at(v),
                format!(
                    "`{}` is not ordered, so it cannot be compared with {}",
                    factor.as_str(),
                    forms[0]
                ),
                Some("use `is:` or `in:`".into()),
            );
            return fallback;
        }
        self.value(rb, fi, v)
            .map_or(fallback, |v| Condition::Cmp(fi, op, v))
    }

    pub(super) fn decision(&mut self, rb: &RuleBase, d: &RawDecision) -> Decision {
        let mut table: Vec<(Vec<bool>, Outcome)> = Vec::new();
        for row in d.table.iter() {
            let mut levels = vec![false; rb.axes.len()];
            let mut seen = vec![false; rb.axes.len()];
            for (axis, level) in row.when.iter() {
                let Some(i) = rb.axes.iter().position(|a| a.id == axis.as_str()) else {
                    let hint = suggest(axis, rb.axes.iter().map(|a| a.id.as_str()));
                    self.problem(
                        at(axis),
                        format!("unknown axis `{}` in decision table", axis.as_str()),
                        Some(hint),
                    );
                    continue;
                };
                seen[i] = true;
                levels[i] = match level.as_str() {
                    "high" => true,
                    "low" => false,
                    other => {
                        self.problem(
                            at(level),
                            format!("axis level must be `high` or `low`, not `{other}`"),
                            None,
                        );
                        false
                    }
                };
            }
            if let Some(missing) = seen.iter().position(|s| !s) {
                self.problem(
                    at(&row.outcome),
                    format!(
                        "decision row does not give a level for axis `{}`",
                        rb.axes[missing].id
                    ),
                    None,
                );
                continue;
            }
            let Some(outcome) = self.outcome(&row.outcome) else {
                continue;
            };
            if table.iter().any(|(l, _)| *l == levels) {
                self.problem(
                    at(&row.outcome),
                    "duplicate decision row for the same axis levels".into(),
                    None,
                );
                continue;
            }
            table.push((levels, outcome));
        }
        let combos = 1usize << rb.axes.len().min(16);
        if table.len() < combos && self.problems.is_empty() {
            self.problem(
                at(&d.table),
                format!(
                    "the decision table covers {} of the {combos} combinations of axis levels",
                    table.len()
                ),
                Some("add a row for every combination of high/low".into()),
            );
        }
        let mut fallback = Vec::new();
        for (from, to) in d.fallback.iter() {
            let Ok(from_o) = from.parse::<Outcome>() else {
                self.problem(
                    at(from),
                    format!("fallback for unknown outcome `{}`", from.as_str()),
                    Some(suggest(from, Outcome::ids())),
                );
                continue;
            };
            let list: Vec<Outcome> = to.iter().filter_map(|o| self.outcome(o)).collect();
            if let Some(same) = to.iter().find(|o| o.as_str() == from.as_str()) {
                self.problem(
                    at(same),
                    format!("`{}` falls back to itself", from.as_str()),
                    Some("a fallback must name other outcomes".into()),
                );
            }
            fallback.push((from_o, list));
        }
        Decision {
            table,
            fallback,
            min_support: d
                .min_support
                .as_ref()
                .filter(|m| self.bounded("`min_support`", m, (-MAX_THRESHOLD, MAX_THRESHOLD)))
                .map_or(1, |m| **m),
            outcomes: 0,
            by_levels: Vec::new(),
        }
    }
}
