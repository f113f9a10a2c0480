//! The raw shape of a rule-base file, as serde reads it: unknown keys and
//! wrong types stop here; meaning is checked by the validator.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::yaml::Spanned;

pub(super) type S = Spanned<String>;

/// What each raw type is called in a rule-base file, for serde's messages.
pub(super) const NAMES: &[(&str, &str)] = &[
    ("RawRuleBase", "a rule base (a mapping with version, axes, factors, rules, decision, confidence)"),
    ("RawSource", "a source (a mapping with `cite`, and `url` and `claim` where known)"),
    ("RawAxis", "an axis (a mapping with `id`, `description`, `threshold`)"),
    ("RawFactor", "a factor (a mapping with `id`, `question`, `help`, `kind`)"),
    ("RawChoice", "a value (a mapping with `id` and `label`)"),
    ("RawCond", "a condition (a mapping such as `{ factor: ID, is: VALUE }`)"),
    ("RawRule", "a rule (a mapping with `id`, `when`, `add`, `because`)"),
    ("RawGate", "a gate (a mapping with `id`, `when`, `exclude`, `reason`)"),
    ("RawNote", "a note (a mapping with `id`, `when`, `text`)"),
    ("RawConflict", "a conflict (a mapping with `id`, `when`, `text`)"),
    ("RawDecision", "the decision (a mapping with `table`, and `fallback` and `min_support` if needed)"),
    ("RawRow", "a decision row (a mapping with `when` and `outcome`)"),
    ("RawConfidence", "the confidence parameters (a mapping with `margin_scale`, `unanswered_penalty`, `borderline_below`)"),
];

/// A mapping read in file order with each key's position, for mappings whose
/// keys are names (axes, outcomes) that the validator checks one by one.
pub(super) struct Entries<V>(pub(super) Vec<(S, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<V> std::ops::Deref for Entries<V> {
    type Target = [(S, V)];
    fn deref(&self) -> &[(S, V)] {
        &self.0
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Each<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Each<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<V>, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(Each(PhantomData))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRuleBase {
    pub(super) version: Spanned<u32>,
    pub(super) axes: Vec<RawAxis>,
    pub(super) factors: Vec<RawFactor>,
    pub(super) rules: Vec<RawRule>,
    #[serde(default)]
    pub(super) gates: Vec<RawGate>,
    #[serde(default)]
    pub(super) notes: Vec<RawNote>,
    #[serde(default)]
    pub(super) conflicts: Vec<RawConflict>,
    pub(super) decision: RawDecision,
    pub(super) confidence: RawConfidence,
}

/// A source: `source: text` (a citation without a link), or `sources:` with
/// `cite`, `url` and `claim` per entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub(super) cite: S,
    pub(super) url: Option<S>,
    pub(super) claim: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAxis {
    pub(super) id: S,
    pub(super) description: String,
    pub(super) threshold: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFactor {
    pub(super) id: S,
    pub(super) question: String,
    pub(super) help: String,
    pub(super) kind: S,
    #[serde(default)]
    pub(super) values: Vec<RawChoice>,
    pub(super) min: Option<Spanned<f64>>,
    pub(super) max: Option<Spanned<f64>>,
    #[serde(default)]
    pub(super) integer: bool,
    pub(super) unit: Option<String>,
    #[serde(default)]
    pub(super) optional: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoice {
    pub(super) id: S,
    pub(super) label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCond {
    pub(super) factor: Option<S>,
    pub(super) is: Option<S>,
    #[serde(rename = "in")]
    pub(super) in_: Option<Vec<S>>,
    pub(super) at_least: Option<S>,
    pub(super) at_most: Option<S>,
    pub(super) above: Option<S>,
    pub(super) below: Option<S>,
    pub(super) all: Option<Vec<Spanned<RawCond>>>,
    pub(super) any: Option<Vec<Spanned<RawCond>>>,
    pub(super) not: Option<Box<Spanned<RawCond>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub(super) id: S,
    pub(super) when: Spanned<RawCond>,
    pub(super) add: Entries<Spanned<i64>>,
    pub(super) because: String,
    pub(super) source: Option<String>,
    pub(super) sources: Option<Vec<RawSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGate {
    pub(super) id: S,
    pub(super) when: Spanned<RawCond>,
    pub(super) exclude: Vec<S>,
    pub(super) if_unknown: Option<S>,
    pub(super) reason: String,
    pub(super) source: Option<String>,
    pub(super) sources: Option<Vec<RawSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNote {
    pub(super) id: S,
    pub(super) when: Spanned<RawCond>,
    pub(super) text: String,
    pub(super) outcomes: Option<Vec<S>>,
    pub(super) source: Option<String>,
    pub(super) sources: Option<Vec<RawSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConflict {
    pub(super) id: S,
    pub(super) when: Spanned<RawCond>,
    pub(super) text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDecision {
    pub(super) table: Spanned<Vec<RawRow>>,
    #[serde(default)]
    pub(super) fallback: Entries<Vec<S>>,
    pub(super) min_support: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRow {
    pub(super) when: Entries<S>,
    pub(super) outcome: S,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfidence {
    pub(super) margin_scale: Spanned<f64>,
    pub(super) margin_cap: Option<Spanned<i64>>,
    pub(super) unanswered_penalty: Spanned<f64>,
    /// Removed in rule base version 2; read only to say so at its line.
    pub(super) other_unanswered_penalty: Option<Spanned<f64>>,
    pub(super) borderline_below: Spanned<f64>,
}
