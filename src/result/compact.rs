//! The compact, self-contained form of results that `score --format json`
//! (schema version 2), `jsonl` and `yaml` write: each rule, gate, note and
//! conflict text once, in a table keyed by id (as SARIF's
//! `tool.driver.rules`), and results that refer to them by id.

use serde::Serialize;

use super::{
    AlternativeEntry, ComponentResult, Contribution, Excluded, MayApply, NearMissEntry, OrderedMap,
};
use crate::rules::{IfUnknown, Outcome, RuleBase, Source};

/// Version of `score --format json|jsonl|yaml`; bumped when a field is renamed
/// or removed. Version 2 made results refer to rule texts by id.
pub const SCHEMA_VERSION: u32 = 2;

/// The texts results refer to, each once.
#[derive(Clone, Debug, Serialize)]
pub struct RuleTexts {
    /// Where the rule base came from.
    pub origin: String,
    /// Rules by id.
    pub rules: OrderedMap<RuleText>,
    /// Gates by id.
    pub gates: OrderedMap<GateText>,
    /// Notes by id.
    pub notes: OrderedMap<NoteText>,
    /// Conflicts by id.
    pub conflicts: OrderedMap<ConflictText>,
}

/// A rule's condition, reason and sources.
#[derive(Clone, Debug, Serialize)]
pub struct RuleText {
    /// Its condition, readable.
    pub when: String,
    /// Why.
    pub because: String,
    /// Where the guidance comes from.
    pub sources: Vec<Source>,
}

/// A gate's condition, reason and sources.
#[derive(Clone, Debug, Serialize)]
pub struct GateText {
    /// Its condition, readable.
    pub when: String,
    /// What it excludes.
    pub excludes: Vec<Outcome>,
    /// What it does when its condition is unknown.
    pub if_unknown: IfUnknown,
    /// Why.
    pub reason: String,
    /// Where the guidance comes from.
    pub sources: Vec<Source>,
}

/// A note's text and sources.
#[derive(Clone, Debug, Serialize)]
pub struct NoteText {
    /// The caveat.
    pub text: String,
    /// Where it comes from.
    pub sources: Vec<Source>,
}

/// A conflict's text.
#[derive(Clone, Debug, Serialize)]
pub struct ConflictText {
    /// What is contradictory.
    pub text: String,
}

impl RuleTexts {
    /// The texts of a rule base.
    pub fn of(rb: &RuleBase) -> Self {
        RuleTexts {
            origin: rb.origin.clone(),
            rules: OrderedMap(
                rb.rules
                    .iter()
                    .map(|r| {
                        let t = RuleText {
                            when: rb.show(&r.when).to_string(),
                            because: r.because.clone(),
                            sources: r.sources.clone(),
                        };
                        (r.id.clone(), t)
                    })
                    .collect(),
            ),
            gates: OrderedMap(
                rb.gates
                    .iter()
                    .map(|g| {
                        let t = GateText {
                            when: rb.show(&g.when).to_string(),
                            excludes: g.exclude.clone(),
                            if_unknown: g.if_unknown,
                            reason: g.reason.clone(),
                            sources: g.sources.clone(),
                        };
                        (g.id.clone(), t)
                    })
                    .collect(),
            ),
            notes: OrderedMap(
                rb.notes
                    .iter()
                    .map(|n| {
                        let t = NoteText {
                            text: n.text.clone(),
                            sources: n.sources.clone(),
                        };
                        (n.id.clone(), t)
                    })
                    .collect(),
            ),
            conflicts: OrderedMap(
                rb.conflicts
                    .iter()
                    .map(|c| {
                        (
                            c.id.clone(),
                            ConflictText {
                                text: c.text.clone(),
                            },
                        )
                    })
                    .collect(),
            ),
        }
    }
}

/// A slice written as a sequence of what `.1` makes of each item, without
/// collecting them first (a result's lists are written once).
#[derive(Clone, Copy)]
pub struct MapSeq<'a, T, R>(pub &'a [T], pub fn(&'a T) -> R);

impl<T, R> std::fmt::Debug for MapSeq<'_, T, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MapSeq({} items)", self.0.len())
    }
}

impl<'a, T, R: Serialize> Serialize for MapSeq<'a, T, R> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(self.1))
    }
}

/// One component's result, referring to rule texts by id.
#[derive(Clone, Debug, Serialize)]
pub struct CompactResult<'a> {
    /// Workload file.
    pub path: &'a str,
    /// Workload name.
    pub workload: &'a str,
    /// Component name.
    pub component: &'a str,
    /// The outcome id.
    pub recommendation: Outcome,
    /// What the decision table gave before gates.
    pub table_outcome: Outcome,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Whether the result is borderline.
    pub borderline: bool,
    /// Score per axis.
    pub scores: &'a OrderedMap<i64, &'a str>,
    /// Threshold per axis.
    pub thresholds: &'a OrderedMap<i64, &'a str>,
    /// Outcomes excluded by gates.
    pub excluded: MapSeq<'a, Excluded<'a>, ExcludedRef<'a>>,
    /// The rules that fired, per axis.
    pub rationale: MapSeq<'a, Contribution<'a>, ContributionRef<'a>>,
    /// The closest rules that did not fire.
    pub near_misses: MapSeq<'a, NearMissEntry<'a>, NearMissRef<'a>>,
    /// Single answer changes that give another outcome.
    pub alternatives: &'a [AlternativeEntry<'a>],
    /// Unanswered factors that could change the outcome.
    pub unanswered: &'a [&'a str],
    /// Other unanswered factors the rules read.
    pub also_unanswered: &'a [&'a str],
    /// Gates that may apply and could change the recommendation.
    pub may_apply: MapSeq<'a, MayApply<'a>, MayApplyRef<'a>>,
    /// Ids of the notes that apply.
    pub notes: &'a [&'a str],
    /// Ids of the conflicts among the answers.
    pub conflicts: &'a [&'a str],
    /// What the team declared, if anything.
    pub architecture: Option<Outcome>,
    /// Whether the declaration matches.
    pub matches: Option<bool>,
    /// What each outcome would cost (`score --cost`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<&'a super::cost::CostResult>,
}

/// An excluded outcome and the gate (by id) that excluded it.
#[derive(Clone, Debug, Serialize)]
pub struct ExcludedRef<'a> {
    /// The excluded outcome.
    pub outcome: Outcome,
    /// The gate's id.
    pub gate: &'a str,
    /// Whether the gate only may apply.
    pub may_apply: bool,
}

/// A fired rule's contribution to one axis.
#[derive(Clone, Debug, Serialize)]
pub struct ContributionRef<'a> {
    /// Rule id.
    pub rule: &'a str,
    /// Axis id.
    pub axis: &'a str,
    /// Points added.
    pub points: i64,
}

/// A rule that did not fire but was close to mattering.
#[derive(Clone, Debug, Serialize)]
pub struct NearMissRef<'a> {
    /// Rule id.
    pub rule: &'a str,
    /// Points per axis it would have added.
    pub points: &'a OrderedMap<i64, &'a str>,
    /// Whether it did not fire only because a factor is unanswered.
    pub unanswered: bool,
    /// The outcome had it fired, when different.
    pub would_be: Option<Outcome>,
    /// The margin it would leave (0: it crosses a threshold).
    pub margin_left: i64,
}

/// A gate that may apply, by id.
#[derive(Clone, Debug, Serialize)]
pub struct MayApplyRef<'a> {
    /// The gate's id.
    pub gate: &'a str,
    /// `excluded` (a safety gate) or `flagged`.
    pub treated_as: &'a str,
    /// The unanswered factors that decide it.
    pub unanswered: &'a [&'a str],
}

impl<'a> CompactResult<'a> {
    /// The compact form of a result.
    pub fn of(r: &'a ComponentResult<'a>) -> Self {
        CompactResult {
            path: r.path,
            workload: r.workload,
            component: r.component,
            recommendation: r.recommendation,
            table_outcome: r.table_outcome,
            confidence: r.confidence,
            borderline: r.borderline,
            scores: &r.scores,
            thresholds: &r.thresholds,
            excluded: MapSeq(&r.excluded, |e| ExcludedRef {
                outcome: e.outcome,
                gate: e.gate,
                may_apply: e.may_apply,
            }),
            rationale: MapSeq(&r.rationale, |c| ContributionRef {
                rule: c.rule,
                axis: c.axis,
                points: c.points,
            }),
            near_misses: MapSeq(&r.near_misses, |n| NearMissRef {
                rule: n.rule,
                points: &n.points,
                unanswered: n.unanswered,
                would_be: n.would_be,
                margin_left: n.margin_left,
            }),
            alternatives: &r.alternatives,
            unanswered: &r.unanswered,
            also_unanswered: &r.also_unanswered,
            may_apply: MapSeq(&r.may_apply, |m| MayApplyRef {
                gate: m.gate,
                treated_as: m.treated_as,
                unanswered: &m.unanswered,
            }),
            notes: &r.note_ids,
            conflicts: &r.conflict_ids,
            architecture: r.architecture,
            matches: r.matches,
            cost: r.cost.as_ref(),
        }
    }
}
