//! The active rule base as readable data, for `ragfit rules` and
//! `ragfit explain --rule`: a reviewer can audit it without opening YAML.
//! JSON is the serde serialization of these structs.

pub mod markdown;
pub mod text;

use serde::Serialize;

use super::explain::Level;
use crate::result::OrderedMap;
use crate::rules::{sources_text, FactorKind, IfUnknown, Outcome, RuleBase, Source};

/// Version of this JSON; bumped only when a field is renamed or removed.
pub const SCHEMA_VERSION: u32 = 2;

/// Everything `ragfit rules` prints.
#[derive(Clone, Debug, Serialize)]
pub struct RulesReport {
    /// Output schema version.
    pub schema_version: u32,
    /// Where the rule base came from.
    pub origin: String,
    /// Scoring axes.
    pub axes: Vec<AxisInfo>,
    /// The questions.
    pub factors: Vec<FactorInfo>,
    /// Contributions to axes.
    pub rules: Vec<RuleInfo>,
    /// Hard constraints that exclude outcomes.
    pub gates: Vec<GateInfo>,
    /// Caveats.
    pub notes: Vec<NoteInfo>,
    /// Answers that contradict each other.
    pub conflicts: Vec<ConflictInfo>,
    /// Axis levels → outcome, and fallbacks.
    pub decision: DecisionInfo,
    /// How confidence is computed.
    pub confidence: ConfidenceInfo,
}

/// An axis.
#[derive(Clone, Debug, Serialize)]
pub struct AxisInfo {
    /// Id.
    pub id: String,
    /// What it measures.
    pub description: String,
    /// A score at or above this is high.
    pub threshold: i64,
}

/// A factor (question).
#[derive(Clone, Debug, Serialize)]
pub struct FactorInfo {
    /// Id.
    pub id: String,
    /// `ordered-choice`, `choice`, `number` or `boolean`.
    pub kind: &'static str,
    /// The question.
    pub question: String,
    /// Help text.
    pub help: String,
    /// Allowed values of a choice, lowest first when ordered.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ChoiceInfo>,
    /// Smallest allowed number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest allowed number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Whether a number must be whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integer: Option<bool>,
    /// Unit of a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Beyond the contract: unanswered, it costs no confidence by itself.
    pub optional: bool,
}

/// A value of a choice.
#[derive(Clone, Debug, Serialize)]
pub struct ChoiceInfo {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
}

/// A rule.
#[derive(Clone, Debug, Serialize)]
pub struct RuleInfo {
    /// Id.
    pub id: String,
    /// Its condition, readable.
    pub when: String,
    /// Points per axis.
    pub add: OrderedMap<i64>,
    /// Why.
    pub because: String,
    /// Where the guidance comes from, as one line.
    pub source: String,
    /// The same, one entry per work cited, with its link and the claim it supports.
    pub sources: Vec<Source>,
    /// Line in the rule-base file.
    pub line: usize,
}

/// A gate.
#[derive(Clone, Debug, Serialize)]
pub struct GateInfo {
    /// Id.
    pub id: String,
    /// Its condition, readable.
    pub when: String,
    /// Outcomes it excludes.
    pub exclude: Vec<Outcome>,
    /// What it does when a factor it reads is unanswered.
    pub if_unknown: IfUnknown,
    /// Why.
    pub reason: String,
    /// Where the guidance comes from, as one line.
    pub source: String,
    /// The same, one entry per work cited.
    pub sources: Vec<Source>,
}

/// A note.
#[derive(Clone, Debug, Serialize)]
pub struct NoteInfo {
    /// Id.
    pub id: String,
    /// Its condition, readable.
    pub when: String,
    /// The caveat.
    pub text: String,
    /// The recommendations it is attached to (all when empty).
    pub outcomes: Vec<Outcome>,
    /// Where it comes from, as one line.
    pub source: String,
    /// The same, one entry per work cited.
    pub sources: Vec<Source>,
}

/// A conflict: answers that contradict each other.
#[derive(Clone, Debug, Serialize)]
pub struct ConflictInfo {
    /// Id.
    pub id: String,
    /// Its condition, readable.
    pub when: String,
    /// What is contradictory and how to resolve it.
    pub text: String,
}

/// The decision table and fallbacks.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionInfo {
    /// One row per combination of axis levels.
    pub table: Vec<DecisionRow>,
    /// For an excluded outcome, the order that breaks ties between fallbacks
    /// equally near the axis scores.
    pub fallback: OrderedMap<Vec<Outcome>>,
    /// A fallback never adds a region that needs an axis high while that axis scores below this.
    pub min_support: i64,
}

impl DecisionInfo {
    /// The fallbacks of an outcome as text (`rag, prompt-only`), empty when none.
    pub fn fallback_text(&self, outcome: Outcome) -> String {
        self.fallback
            .0
            .iter()
            .find(|(o, _)| o == outcome.id())
            .map(|(_, to)| crate::report::style::outcomes(to))
            .unwrap_or_default()
    }
}

/// A decision-table row.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionRow {
    /// Level per axis.
    pub when: OrderedMap<Level>,
    /// The outcome.
    pub outcome: Outcome,
}

/// Confidence parameters.
#[derive(Clone, Debug, Serialize)]
pub struct ConfidenceInfo {
    /// Margin at which the recommendation counts as half-certain.
    pub margin_scale: f64,
    /// Margins count up to this many points.
    pub margin_cap: i64,
    /// Confidence lost per unanswered factor the rules read (optional factors excepted).
    pub unanswered_penalty: f64,
    /// Results below this are borderline.
    pub borderline_below: f64,
}

/// One rule, gate or note found by id (`explain --rule`).
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Item {
    /// A rule.
    Rule(RuleInfo),
    /// A gate.
    Gate(GateInfo),
    /// A note.
    Note(NoteInfo),
    /// A conflict.
    Conflict(ConflictInfo),
}

/// What `explain --rule` prints.
#[derive(Clone, Debug, Serialize)]
pub struct ItemReport {
    /// Output schema version.
    pub schema_version: u32,
    /// Where the rule base came from.
    pub origin: String,
    /// Every rule, gate and note with the id (ids are unique per kind).
    pub items: Vec<Item>,
}

/// The whole rule base as a report.
pub fn build(rb: &RuleBase) -> RulesReport {
    RulesReport {
        schema_version: SCHEMA_VERSION,
        origin: rb.origin.clone(),
        axes: rb
            .axes
            .iter()
            .map(|a| AxisInfo {
                id: a.id.clone(),
                description: a.description.clone(),
                threshold: a.threshold,
            })
            .collect(),
        factors: rb.factors.iter().map(factor_info).collect(),
        rules: (0..rb.rules.len()).map(|i| rule_info(rb, i)).collect(),
        gates: (0..rb.gates.len()).map(|i| gate_info(rb, i)).collect(),
        notes: (0..rb.notes.len()).map(|i| note_info(rb, i)).collect(),
        conflicts: (0..rb.conflicts.len())
            .map(|i| conflict_info(rb, i))
            .collect(),
        decision: DecisionInfo {
            table: rb
                .decision
                .table
                .iter()
                .map(|(levels, o)| DecisionRow {
                    when: OrderedMap(
                        rb.axes
                            .iter()
                            .zip(levels)
                            .map(|(a, h)| (a.id.clone(), if *h { Level::High } else { Level::Low }))
                            .collect(),
                    ),
                    outcome: *o,
                })
                .collect(),
            fallback: OrderedMap(
                rb.decision
                    .fallback
                    .iter()
                    .map(|(o, to)| (o.id().to_string(), to.clone()))
                    .collect(),
            ),
            min_support: rb.decision.min_support,
        },
        confidence: ConfidenceInfo {
            margin_scale: rb.confidence.margin_scale,
            margin_cap: rb.confidence.margin_cap,
            unanswered_penalty: rb.confidence.unanswered_penalty,
            borderline_below: rb.confidence.borderline_below,
        },
    }
}

/// Every rule, gate and note with this id; `None` when there is none.
pub fn lookup(rb: &RuleBase, id: &str) -> Option<ItemReport> {
    let mut items = Vec::new();
    items.extend(
        (0..rb.rules.len())
            .filter(|&i| rb.rules[i].id == id)
            .map(|i| Item::Rule(rule_info(rb, i))),
    );
    items.extend(
        (0..rb.gates.len())
            .filter(|&i| rb.gates[i].id == id)
            .map(|i| Item::Gate(gate_info(rb, i))),
    );
    items.extend(
        (0..rb.notes.len())
            .filter(|&i| rb.notes[i].id == id)
            .map(|i| Item::Note(note_info(rb, i))),
    );
    items.extend(
        (0..rb.conflicts.len())
            .filter(|&i| rb.conflicts[i].id == id)
            .map(|i| Item::Conflict(conflict_info(rb, i))),
    );
    (!items.is_empty()).then(|| ItemReport {
        schema_version: SCHEMA_VERSION,
        origin: rb.origin.clone(),
        items,
    })
}

/// Every rule, gate and note id, for "did you mean".
pub fn ids(rb: &RuleBase) -> Vec<&str> {
    rb.rules
        .iter()
        .map(|r| r.id.as_str())
        .chain(rb.gates.iter().map(|g| g.id.as_str()))
        .chain(rb.notes.iter().map(|n| n.id.as_str()))
        .chain(rb.conflicts.iter().map(|c| c.id.as_str()))
        .collect()
}

fn factor_info(f: &crate::rules::Factor) -> FactorInfo {
    let mut info = FactorInfo {
        id: f.id.clone(),
        kind: "boolean",
        question: f.question.clone(),
        help: f.help.clone(),
        values: Vec::new(),
        min: None,
        max: None,
        integer: None,
        unit: f.unit.clone(),
        optional: f.optional,
    };
    match &f.kind {
        FactorKind::Choice { values, ordered } => {
            info.kind = if *ordered { "ordered-choice" } else { "choice" };
            info.values = values
                .iter()
                .map(|c| ChoiceInfo {
                    id: c.id.clone(),
                    label: c.label.clone(),
                })
                .collect();
        }
        FactorKind::Number { min, max, integer } => {
            info.kind = "number";
            info.min = *min;
            info.max = *max;
            info.integer = Some(*integer);
        }
        FactorKind::Boolean => {}
    }
    info
}

fn rule_info(rb: &RuleBase, i: usize) -> RuleInfo {
    let r = &rb.rules[i];
    RuleInfo {
        id: r.id.clone(),
        when: rb.show(&r.when).to_string(),
        add: OrderedMap(
            r.add
                .iter()
                .map(|&(ax, p)| (rb.axes[ax].id.clone(), p))
                .collect(),
        ),
        because: r.because.clone(),
        source: sources_text(&r.sources),
        sources: r.sources.clone(),
        line: r.line,
    }
}

fn gate_info(rb: &RuleBase, i: usize) -> GateInfo {
    let g = &rb.gates[i];
    GateInfo {
        id: g.id.clone(),
        when: rb.show(&g.when).to_string(),
        exclude: g.exclude.clone(),
        if_unknown: g.if_unknown,
        reason: g.reason.clone(),
        source: sources_text(&g.sources),
        sources: g.sources.clone(),
    }
}

fn note_info(rb: &RuleBase, i: usize) -> NoteInfo {
    let n = &rb.notes[i];
    NoteInfo {
        id: n.id.clone(),
        when: rb.show(&n.when).to_string(),
        text: n.text.clone(),
        outcomes: n.outcomes.clone(),
        source: sources_text(&n.sources),
        sources: n.sources.clone(),
    }
}

fn conflict_info(rb: &RuleBase, i: usize) -> ConflictInfo {
    let c = &rb.conflicts[i];
    ConflictInfo {
        id: c.id.clone(),
        when: rb.show(&c.when).to_string(),
        text: c.text.clone(),
    }
}

/// How fallbacks work, in one sentence (shared by the text and Markdown listings).
pub fn fallback_sentence(r: &RulesReport) -> String {
    format!(
        "fallback: when a gate excludes the table's outcome, the allowed outcome whose region is \
fewest axis points from the scores wins, passing over any that needs an axis high while it \
scores below {} (ties in the order listed)",
        r.decision.min_support
    )
}

/// How confidence is computed, in one sentence.
pub fn confidence_sentence(r: &RulesReport) -> String {
    let c = &r.confidence;
    let n = crate::rules::format_number;
    format!(
        "confidence: with m the worst margin over every way the unanswered factors could be \
answered (the fewest points one axis must move to change the outcome, at most {}), m / (m + {}) \
minus {} per unanswered factor the rules read (optional factors excepted); at most {} while a \
gate that may apply could change it; borderline below {}",
        c.margin_cap,
        n(c.margin_scale),
        n(c.unanswered_penalty),
        n(((c.borderline_below * 100.0).ceil() - 1.0).max(0.0) / 100.0),
        n(c.borderline_below)
    )
}

/// What a factor accepts, in a few words (`static < yearly < …`, `whole number >= 0 ms`).
pub fn accepts(f: &FactorInfo) -> String {
    match f.kind {
        "boolean" => "true, false".into(),
        "number" => {
            let what = if f.integer == Some(true) {
                "whole number"
            } else {
                "number"
            };
            let mut s = what.to_string();
            if let Some(lo) = f.min {
                s.push_str(&format!(" >= {}", crate::rules::format_number(lo)));
            }
            if let Some(hi) = f.max {
                s.push_str(&format!(" <= {}", crate::rules::format_number(hi)));
            }
            if let Some(u) = &f.unit {
                s.push_str(&format!(" ({u})"));
            }
            s
        }
        kind => {
            let sep = if kind == "ordered-choice" {
                " < "
            } else {
                ", "
            };
            f.values
                .iter()
                .map(|v| v.id.as_str())
                .collect::<Vec<_>>()
                .join(sep)
        }
    }
}

/// Output formats of `rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    /// Tables, for terminals (default).
    Table,
    /// The versioned JSON form.
    Json,
    /// Markdown.
    Markdown,
}
