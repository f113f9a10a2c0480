//! Validating what the cost model reads from answers — the defaults of the
//! rule base's factors and the price book's cost factors — and adding the
//! cost factors to the rule base.

use super::raw::*;
use super::validate::{at, Validator};
use super::*;
use crate::diag::{did_you_mean, suggest};
use crate::rules::{Choice, Factor, FactorKind};

impl Validator<'_> {
    /// Every input's default, from `defaults:` (rule-base factors) and
    /// `factors:` (cost factors), each checked; in [`Input::ALL`] order.
    pub(super) fn defaults(&mut self, raw: &RawBook, book: &PriceBook) -> Vec<InputDefault> {
        let mut found: Vec<Option<InputDefault>> = vec![None; Input::ALL.len()];
        let rule_inputs = Input::ALL.iter().filter(|i| !i.is_cost_factor());
        let cost_inputs = Input::ALL.iter().filter(|i| i.is_cost_factor());
        for d in raw.defaults.iter() {
            let Some(input) = self.input_id(&d.factor, false, rule_inputs.clone()) else {
                continue;
            };
            self.once(&mut found, input, &d.factor, &d.value, &d.why, book);
        }
        for f in raw.factors.iter() {
            let Some(input) = self.input_id(&f.id, true, cost_inputs.clone()) else {
                continue;
            };
            if self.rb.factor_index(input.id()).is_some() {
                self.problem(
                    at(&f.id),
                    format!(
                        "the rule base {} already has a factor `{}`",
                        self.rb.origin,
                        input.id()
                    ),
                    Some("rename the rule base's factor: the cost model reads this id".into()),
                );
            }
            self.once(&mut found, input, &f.id, &f.default, &f.why, book);
        }
        for (input, d) in Input::ALL.iter().zip(&found) {
            if d.is_none() {
                let (list, name) = if input.is_cost_factor() {
                    (at(&raw.factors), "factors")
                } else {
                    (at(&raw.defaults), "defaults")
                };
                self.problem(
                    list,
                    format!("`{name}` has no entry for `{}`", input.id()),
                    Some(format!(
                        "the cost model reads `{}`: give it a default",
                        input.id()
                    )),
                );
            }
        }
        found.into_iter().flatten().collect()
    }

    /// The input an id names, with a "did you mean" when it names none (or
    /// names one in the wrong list).
    fn input_id<'i>(
        &mut self,
        id: &S,
        cost: bool,
        candidates: impl Iterator<Item = &'i Input> + Clone,
    ) -> Option<Input> {
        match Input::from_id(id.as_str()) {
            Some(i) if i.is_cost_factor() == cost => Some(i),
            Some(i) => {
                let (here, there) = if cost {
                    ("`factors` lists the cost factors", "`defaults`")
                } else {
                    ("`defaults` lists the rule base's factors", "`factors`")
                };
                self.problem(
                    at(id),
                    format!("{here}; `{}` belongs under {there}", i.id()),
                    None,
                );
                None
            }
            None => {
                let ids = candidates.map(|i| i.id());
                self.problem(
                    at(id),
                    format!("`{}` is not a factor the cost model reads", id.as_str()),
                    Some(suggest(id.as_str(), ids)),
                );
                None
            }
        }
    }

    /// Record one default, refusing a second one and checking the value.
    fn once(
        &mut self,
        found: &mut [Option<InputDefault>],
        input: Input,
        id: &S,
        value: &S,
        why: &str,
        book: &PriceBook,
    ) {
        if found[input as usize].is_some() {
            self.problem(
                at(id),
                format!("`{}` is listed twice", input.id()),
                Some("keep one of the two".into()),
            );
            return;
        }
        self.check_value(input, value, book);
        found[input as usize] = Some(InputDefault {
            input,
            value: value.to_string(),
            why: why.to_string(),
        });
    }

    fn check_value(&mut self, input: Input, value: &S, book: &PriceBook) {
        let text = value.as_str();
        match input {
            Input::ModelTier => {
                if book.tier_index(text).is_none() {
                    let ids = book.tiers.iter().map(|t| t.id.as_str());
                    self.problem(
                        at(value),
                        format!("`{text}` is not a tier of this price book"),
                        Some(suggest(text, ids)),
                    );
                }
            }
            Input::KnowledgeVolatility if book.changes(text).is_none() => {
                let ids = book.changes_per_month.iter().map(|(k, _)| k.as_str());
                self.problem(
                    at(value),
                    format!("`{text}` has no entry in `changes_per_month`"),
                    Some(suggest(text, ids)),
                );
            }
            Input::KnowledgeVolatility => self.rule_base_kind(input, value),
            _ => {
                let whole = text
                    .parse::<f64>()
                    .is_ok_and(|n| n.is_finite() && n >= 0.0 && n.fract() == 0.0);
                if whole {
                    self.rule_base_kind(input, value);
                } else {
                    self.problem(
                        at(value),
                        format!("`{}` takes a whole number >= 0, not `{text}`", input.id()),
                        None,
                    );
                }
            }
        }
    }

    /// The rule base's own factor must be of the kind the cost model reads.
    fn rule_base_kind(&mut self, input: Input, value: &S) {
        let Some(fi) = self.rb.factor_index(input.id()) else {
            return;
        };
        let f = &self.rb.factors[fi];
        let fits = match (&f.kind, input) {
            (FactorKind::Choice { .. }, Input::KnowledgeVolatility) => true,
            (FactorKind::Number { .. }, i) => i != Input::KnowledgeVolatility,
            _ => false,
        };
        if !fits {
            let want = if input == Input::KnowledgeVolatility {
                "a choice"
            } else {
                "a number"
            };
            self.problem(
                at(value),
                format!(
                    "the cost model reads `{}` as {want}, but the rule base {} defines it otherwise",
                    input.id(),
                    self.rb.origin
                ),
                None,
            );
        } else if let Err(msg) = f.parse_value(value.as_str()) {
            let hint = did_you_mean(
                value.as_str(),
                match &f.kind {
                    FactorKind::Choice { values, .. } => {
                        values.iter().map(|c| c.id.as_str()).collect()
                    }
                    _ => Vec::new(),
                },
            )
            .map(|c| format!("did you mean `{c}`?"))
            .or_else(|| Some(f.expected()));
            self.problem(at(value), msg, hint);
        }
    }
}

/// Add the cost factors to the rule base (after its own, in [`Input::ALL`]
/// order), and record in the book where every input is answered.
pub(super) fn attach(rb: &mut RuleBase, book: &mut PriceBook) {
    for q in &book.questions {
        let kind = match q.input {
            Input::ModelTier => FactorKind::Choice {
                values: book
                    .tiers
                    .iter()
                    .map(|t| Choice {
                        id: t.id.clone(),
                        label: format!("{} — {}", t.id, t.name),
                    })
                    .collect(),
                ordered: false,
            },
            _ => FactorKind::Number {
                min: Some(0.0),
                max: None,
                integer: true,
            },
        };
        let default = &book.default_of(q.input).value;
        rb.factors.push(Factor {
            id: q.input.id().to_string(),
            question: q.question.clone(),
            help: format!("{} Left out, {default} is assumed.", q.help)
                .trim_start()
                .to_string(),
            kind,
            unit: q.unit.clone(),
            optional: true,
            cost: true,
        });
    }
    rb.index();
    book.factor_of = Input::ALL.iter().map(|i| rb.factor_index(i.id())).collect();
    book.volatility_ids = rb
        .factor_index(Input::KnowledgeVolatility.id())
        .and_then(|fi| match &rb.factors[fi].kind {
            FactorKind::Choice { values, .. } => {
                Some(values.iter().map(|c| c.id.clone()).collect())
            }
            _ => None,
        })
        .unwrap_or_default();
}
