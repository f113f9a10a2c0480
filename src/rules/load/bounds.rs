//! Bounds on a rule base's numbers and size. A rule base is input like any
//! other: a hostile one must fail at its line here, not overflow, hang or run
//! out of stack later (the limits and why are in [`crate::rules::limits`]).

use super::*;
use crate::rules::limits::*;

impl Validator<'_> {
    /// Whether a whole number lies in `lo..=hi`; a problem at it if not.
    /// `what` names it (`` `threshold` ``).
    pub(super) fn bounded(&mut self, what: &str, v: &Spanned<i64>, range: (i64, i64)) -> bool {
        let (lo, hi) = range;
        let ok = (lo..=hi).contains(&**v);
        if !ok {
            let why = if what.contains("margin_cap") {
                "the margin search steps through every point up to it"
            } else {
                "the limit keeps every sum of points exact"
            };
            self.problem(
                at(v),
                format!("{what} must be from {lo} to {hi}, not {}", **v),
                Some(why.into()),
            );
        }
        ok
    }

    /// Whether a number is finite and exact (NaN and infinity compare with
    /// nothing, and beyond 2^53 − 1 not every whole number exists); a problem
    /// at it if not.
    pub(super) fn finite(&mut self, name: &str, v: &Spanned<f64>) -> bool {
        if !v.is_finite() {
            self.problem(
                at(v),
                format!("`{name}` must be a finite number, not {}", **v),
                None,
            );
            return false;
        }
        if v.abs() > MAX_EXACT {
            self.problem(
                at(v),
                format!("`{name}` is too large (at most {MAX_EXACT:.0} either way)"),
                Some("beyond that a number is no longer exact".into()),
            );
            return false;
        }
        true
    }

    /// The size limits: factors, values per factor, and items in all.
    pub(super) fn sizes(&mut self, raw: &RawRuleBase) {
        if let Some(f) = raw.factors.get(MAX_FACTORS) {
            self.problem(
                at(&f.id),
                format!("more than {MAX_FACTORS} factors"),
                Some("ragfit asks every factor of every component; merge or drop some".into()),
            );
        }
        for f in &raw.factors {
            if let Some(v) = f.values.get(MAX_VALUES) {
                self.problem(
                    at(&v.id),
                    format!(
                        "factor `{}` has more than {MAX_VALUES} values",
                        f.id.as_str()
                    ),
                    None,
                );
            }
        }
        let ids = raw
            .rules
            .iter()
            .map(|r| &r.id)
            .chain(raw.gates.iter().map(|g| &g.id))
            .chain(raw.notes.iter().map(|n| &n.id))
            .chain(raw.conflicts.iter().map(|c| &c.id));
        if let Some(id) = ids.clone().nth(MAX_ITEMS) {
            self.problem(
                at(id),
                format!(
                    "more than {MAX_ITEMS} rules, gates, notes and conflicts in all ({} here)",
                    ids.count()
                ),
                Some("every component is scored against all of them; merge rules".into()),
            );
        }
    }

    /// Count one condition part (a comparison, a combinator, a listed value);
    /// past the whole rule base's limit, say so once.
    pub(super) fn count_part(&mut self, pos: Pos) {
        self.parts += 1;
        if self.parts == MAX_CONDITION_PARTS + 1 {
            self.problem(
                pos,
                format!(
                    "the rule base's conditions have more than {MAX_CONDITION_PARTS} parts \
                     (comparisons, all/any/not and listed values)"
                ),
                Some("simplify the conditions".into()),
            );
        }
    }
}
