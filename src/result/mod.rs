//! The results of a run, as plain serializable data: what every renderer,
//! the CI review and the questionnaire read. JSON and YAML are the serde
//! serialization of these structs, so the JSON contract *is* this module.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::diag::Pos;
use crate::engine::Assessment;
use crate::rules::{format_number, sources_text, FactorKind, Outcome, RuleBase, Value};
use crate::workload::{Component, Workload};

pub mod compact;
pub mod cost;

/// One answer a `--set` override changed.
#[derive(Clone, Debug, Serialize)]
pub struct OverrideEntry {
    /// Workload file.
    pub path: String,
    /// Component name.
    pub component: String,
    /// Factor id.
    pub factor: String,
    /// The file's own answer.
    pub from: AnswerValue,
    /// The answer used instead.
    pub to: AnswerValue,
}

/// A map that keeps insertion order when serialized (axis order, factor order).
/// Results key it by ids borrowed from the rule base (`K = &str`); the other
/// reports own their keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrderedMap<V, K = String>(pub Vec<(K, V)>);

impl<V: Serialize, K: Serialize> Serialize for OrderedMap<V, K> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// An answer as it appears in output: the choice id, the number, or the boolean.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// A choice id or `unknown`.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A fractional number.
    Float(f64),
    /// A boolean.
    Bool(bool),
}

impl AnswerValue {
    /// The output form of a factor's value.
    pub fn of(rb: &RuleBase, factor: usize, value: Option<Value>) -> Self {
        match (value, &rb.factors[factor].kind) {
            (Some(Value::Number(n)), _) if n.fract() == 0.0 && n.abs() < 1e15 => {
                AnswerValue::Int(n as i64)
            }
            (Some(Value::Number(n)), _) => AnswerValue::Float(n),
            (Some(Value::Bool(b)), _) => AnswerValue::Bool(b),
            (v, FactorKind::Choice { .. }) | (v @ None, _) => {
                AnswerValue::Text(rb.factors[factor].format_value(v))
            }
            (Some(Value::Choice(i)), _) => AnswerValue::Int(i as i64),
        }
    }
}

impl std::fmt::Display for AnswerValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerValue::Text(s) => f.write_str(s),
            AnswerValue::Int(n) => write!(f, "{n}"),
            AnswerValue::Float(n) => f.write_str(&format_number(*n)),
            AnswerValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// One component's recommendation, with everything that explains it.
///
/// Ids and texts are borrowed from the rule base and names from the workload
/// (`'a`): a batch run builds one result per component, and copying every
/// rule id, gate reason and note into each was half the cost of building it.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentResult<'a> {
    /// Workload file.
    pub path: &'a str,
    /// Workload name.
    pub workload: &'a str,
    /// Component name.
    pub component: &'a str,
    /// The outcome id.
    pub recommendation: Outcome,
    /// What the decision table gave for the axis levels, before gates excluded
    /// outcomes (equal to `recommendation` unless a gate changed the result).
    pub table_outcome: Outcome,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Whether the result is borderline (low confidence; see alternatives).
    pub borderline: bool,
    /// Score per axis.
    pub scores: OrderedMap<i64, &'a str>,
    /// Threshold per axis (a score at or above is "high").
    pub thresholds: OrderedMap<i64, &'a str>,
    /// Outcomes excluded by gates.
    pub excluded: Vec<Excluded<'a>>,
    /// Every rule that fired, per axis it contributed to.
    pub rationale: Vec<Contribution<'a>>,
    /// Rules that did not fire but would have moved an axis across its threshold.
    pub near_misses: Vec<NearMissEntry<'a>>,
    /// Single answer changes that give another outcome.
    pub alternatives: Vec<AlternativeEntry<'a>>,
    /// Unanswered factors that could change the outcome.
    pub unanswered: Vec<&'a str>,
    /// Other unanswered factors the rules read: alone they cannot change the
    /// outcome, but each lowers the confidence.
    pub also_unanswered: Vec<&'a str>,
    /// Gates that may apply (a factor they read is unanswered) and could
    /// change the recommendation: until they are settled, the result is borderline.
    pub may_apply: Vec<MayApply<'a>>,
    /// Caveats.
    pub notes: Vec<&'a str>,
    /// Answers that contradict each other.
    pub conflicts: Vec<&'a str>,
    /// The ids of the notes, in the same order (the compact JSON names them).
    #[serde(skip)]
    pub note_ids: Vec<&'a str>,
    /// The ids of the conflicts, in the same order.
    #[serde(skip)]
    pub conflict_ids: Vec<&'a str>,
    /// What the team declared, if anything.
    pub architecture: Option<Outcome>,
    /// Whether the declaration matches (null when nothing is declared).
    pub matches: Option<bool>,
    /// Where findings about this component point (architecture key, else name).
    #[serde(skip)]
    pub anchor: Pos,
    /// What each outcome would cost, when costs were asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<cost::CostResult>,
}

/// An outcome excluded by a gate.
#[derive(Clone, Debug, Serialize)]
pub struct Excluded<'a> {
    /// The excluded outcome.
    pub outcome: Outcome,
    /// The gate's id.
    pub gate: &'a str,
    /// Why (always given: a component has few exclusions, and cost
    /// verdicts quote the reason).
    pub reason: &'a str,
    /// Whether the gate only may apply (a safety gate with an unanswered
    /// factor, excluding as if it held).
    pub may_apply: bool,
}

/// A gate that may apply because a factor it reads is unanswered.
#[derive(Clone, Debug, Serialize)]
pub struct MayApply<'a> {
    /// The gate's id.
    pub gate: &'a str,
    /// What it excludes when it holds.
    pub excludes: &'a [Outcome],
    /// `excluded` (a safety gate, excluding as if it held) or `flagged`.
    pub treated_as: &'static str,
    /// The unanswered factors that decide it.
    pub unanswered: Vec<&'a str>,
}

/// A fired rule's contribution to one axis.
#[derive(Clone, Debug, Serialize)]
pub struct Contribution<'a> {
    /// Rule id.
    pub rule: &'a str,
    /// Axis id.
    pub axis: &'a str,
    /// Points added (may be negative).
    pub points: i64,
    /// The rule's reason, when texts were asked for ([`Texts::Included`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub because: Option<&'a str>,
    /// The rule's source, when texts were asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A rule that did not fire but was close to mattering.
#[derive(Clone, Debug, Serialize)]
pub struct NearMissEntry<'a> {
    /// Rule id.
    pub rule: &'a str,
    /// Points per axis it would have added.
    pub points: OrderedMap<i64, &'a str>,
    /// Whether it did not fire only because a factor is unanswered.
    pub unanswered: bool,
    /// The outcome had it fired, when different.
    pub would_be: Option<Outcome>,
    /// The smallest margin it would leave on an axis it moves towards its threshold (0: crosses).
    pub margin_left: i64,
    /// The rule's reason, when texts were asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub because: Option<&'a str>,
}

/// "Would be `outcome` if FACTOR were VALUE".
#[derive(Clone, Debug, Serialize)]
pub struct AlternativeEntry<'a> {
    /// The outcome the change produces.
    pub outcome: Outcome,
    /// The single change, as `{factor: value}`.
    #[serde(rename = "if")]
    pub change: OrderedMap<AnswerValue, &'a str>,
}

/// How one workload's components divide between techniques.
#[derive(Clone, Debug, Serialize)]
pub struct WorkloadSummary {
    /// Workload file.
    pub path: String,
    /// Workload name.
    pub workload: String,
    /// Component names per outcome (outcomes with no component are left out).
    pub division: OrderedMap<Vec<String>>,
    /// One sentence: "RAG for a, b; fine-tune for c".
    pub summary: String,
}

/// Whether a result carries the rule base's texts (each fired rule's reason
/// and sources, each near miss's reason). Batch reports
/// refer to rules by id and write the texts once (JSON v2's `rule_base`), so
/// copying them into every result was half the cost of building it; the
/// formats that print them beside each result (HTML, `explain`) ask for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Texts {
    /// Ids only.
    Omitted,
    /// Ids and texts.
    Included,
}

/// Build the result entry of one component.
pub fn component_result<'a>(
    rb: &'a RuleBase,
    w: &'a Workload,
    c: &'a Component,
    a: &Assessment,
    texts: Texts,
) -> ComponentResult<'a> {
    let d = &a.decided;
    let text = |t: &'a str| (texts == Texts::Included).then_some(t);
    let axis_map = |f: &dyn Fn(usize) -> i64| {
        OrderedMap(
            rb.axes
                .iter()
                .enumerate()
                .map(|(i, ax)| (ax.id.as_str(), f(i)))
                .collect(),
        )
    };
    let rationale = a
        .fired
        .iter()
        .flat_map(|&ri| {
            let r = &rb.rules[ri];
            r.add.iter().map(move |&(axis, points)| Contribution {
                rule: &r.id,
                axis: &rb.axes[axis].id,
                points,
                because: text(&r.because),
                source: (texts == Texts::Included).then(|| sources_text(&r.sources)),
            })
        })
        .collect();
    let near_misses = a
        .near_misses
        .iter()
        .map(|n| {
            let r = &rb.rules[n.rule];
            NearMissEntry {
                rule: &r.id,
                points: OrderedMap(
                    r.add
                        .iter()
                        .map(|&(ax, p)| (rb.axes[ax].id.as_str(), p))
                        .collect(),
                ),
                unanswered: n.unknown,
                would_be: n.would_be,
                margin_left: n.margin_left,
                because: text(&r.because),
            }
        })
        .collect();
    let alternatives = a
        .alternatives
        .iter()
        .map(|alt| AlternativeEntry {
            outcome: alt.outcome,
            change: OrderedMap(vec![(
                rb.factors[alt.factor].id.as_str(),
                AnswerValue::of(rb, alt.factor, Some(alt.value)),
            )]),
        })
        .collect();
    ComponentResult {
        path: &w.path,
        workload: &w.name,
        component: &c.name,
        recommendation: d.outcome,
        table_outcome: d.table_outcome,
        confidence: a.confidence,
        borderline: a.borderline,
        scores: axis_map(&|i| d.scores[i]),
        thresholds: axis_map(&|i| rb.axes[i].threshold),
        excluded: d
            .excluded
            .iter()
            .map(|e| Excluded {
                outcome: e.outcome,
                gate: &rb.gates[e.gate].id,
                reason: &rb.gates[e.gate].reason,
                may_apply: e.may_apply,
            })
            .collect(),
        may_apply: a
            .unsettled_by
            .iter()
            .map(|&gi| MayApply {
                gate: &rb.gates[gi].id,
                excludes: &rb.gates[gi].exclude,
                treated_as: match rb.gates[gi].if_unknown {
                    crate::rules::IfUnknown::Exclude => "excluded",
                    crate::rules::IfUnknown::Flag => "flagged",
                },
                unanswered: rb.gate_factors[gi]
                    .iter()
                    .filter(|&&fi| c.answers.0[fi].is_none())
                    .map(|&fi| rb.factors[fi].id.as_str())
                    .collect(),
            })
            .collect(),
        rationale,
        near_misses,
        alternatives,
        unanswered: a
            .unanswered
            .iter()
            .map(|&f| rb.factors[f].id.as_str())
            .collect(),
        also_unanswered: a
            .other_unanswered
            .iter()
            .map(|&f| rb.factors[f].id.as_str())
            .collect(),
        notes: a.notes.iter().map(|&n| rb.notes[n].text.as_str()).collect(),
        note_ids: a.notes.iter().map(|&n| rb.notes[n].id.as_str()).collect(),
        conflict_ids: a
            .conflicts
            .iter()
            .map(|&i| rb.conflicts[i].id.as_str())
            .collect(),
        conflicts: a
            .conflicts
            .iter()
            .map(|&i| rb.conflicts[i].text.as_str())
            .collect(),
        architecture: c.architecture,
        matches: c.architecture.map(|arch| arch == d.outcome),
        anchor: c.anchor(),
        cost: None,
    }
}

/// Summarise how a workload's components divide between techniques.
pub fn workload_summary(w: &Workload, results: &[ComponentResult]) -> WorkloadSummary {
    summarize(&w.path, &w.name, results)
}

/// [`workload_summary`] from a workload's path and name.
pub fn summarize(path: &str, workload: &str, results: &[ComponentResult]) -> WorkloadSummary {
    let mut division = Vec::new();
    for o in Outcome::ALL {
        let names: Vec<String> = results
            .iter()
            .filter(|r| r.recommendation == o)
            .map(|r| r.component.to_string())
            .collect();
        if !names.is_empty() {
            division.push((o.id().to_string(), names));
        }
    }
    let summary = division
        .iter()
        .map(|(o, names)| {
            let label = o.parse::<Outcome>().map(|o| o.label()).unwrap_or("?");
            format!("{label} for {}", names.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    WorkloadSummary {
        path: path.to_string(),
        workload: workload.to_string(),
        division: OrderedMap(division),
        summary,
    }
}
