//! What `explain` prints: every step from answers to recommendation, as
//! plain serializable data (the JSON form is its serde serialization), and
//! one renderer per human format.
//!
//! Each component entry flattens the `score` result ([`ComponentResult`]), so
//! every field of `score --format json` is here under the same name, and adds
//! the explain-only detail beside it.

pub mod markdown;
pub mod text;

use serde::Serialize;

use super::{component_result, AnswerValue, ComponentResult, OrderedMap};
use crate::engine::{self, eval, Assessment, Truth};
use crate::overrides::Change;
use crate::rules::{Outcome, RuleBase};
use crate::workload::{Component, Workload};

/// Version of explain's JSON; bumped only when a field is renamed or removed.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything `explain` prints.
#[derive(Clone, Debug, Serialize)]
pub struct ExplainReport {
    /// Output schema version.
    pub schema_version: u32,
    /// Where the rule base came from.
    pub rule_base: String,
    /// The `--set` overrides, as written.
    pub overrides: Vec<String>,
    /// One entry per explained component, in path then component order.
    pub components: Vec<ComponentExplain>,
}

/// One component's recommendation and all of its reasoning.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentExplain {
    /// The same result `score` reports.
    #[serde(flatten)]
    pub result: ComponentResult,
    /// The component's description, if any.
    pub description: Option<String>,
    /// Every factor's answer, in rule-base order.
    pub answers: Vec<AnswerEntry>,
    /// Answers that `--set` changed against the file's own.
    pub changes: Vec<ChangeEntry>,
    /// Each axis: score, threshold and level.
    pub axes: Vec<AxisEntry>,
    /// The rules that fired, with their conditions (one entry per rule).
    pub fired_rules: Vec<RuleEntry>,
    /// The rules closest to mattering that did not fire, with their conditions.
    pub near_miss_rules: Vec<NearMissRule>,
    /// Every gate and whether it applied.
    pub gates: Vec<GateEntry>,
    /// How the axis levels became the outcome.
    pub decision: DecisionStep,
    /// How the confidence figure was reached.
    pub confidence_detail: ConfidenceDetail,
    /// The notes that apply, with their ids and sources.
    pub note_details: Vec<NoteEntry>,
}

/// A factor's answer.
#[derive(Clone, Debug, Serialize)]
pub struct AnswerEntry {
    /// Factor id.
    pub factor: String,
    /// The answer used (`unknown` when unanswered).
    pub value: AnswerValue,
    /// Whether the factor has an answer.
    pub answered: bool,
    /// Whether some single change of this answer gives another outcome.
    pub sensitive: bool,
    /// The file's own answer, when `--set` changed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_value: Option<AnswerValue>,
}

/// An answer changed by `--set`.
#[derive(Clone, Debug, Serialize)]
pub struct ChangeEntry {
    /// Factor id.
    pub factor: String,
    /// The file's answer.
    pub from: AnswerValue,
    /// The answer used.
    pub to: AnswerValue,
}

/// One axis of the decision.
#[derive(Clone, Debug, Serialize)]
pub struct AxisEntry {
    /// Axis id.
    pub axis: String,
    /// What it measures.
    pub description: String,
    /// Sum of the fired rules' points.
    pub score: i64,
    /// A score at or above this is high.
    pub threshold: i64,
    /// `high` or `low`.
    pub level: Level,
}

/// An axis level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// At or above the threshold.
    High,
    /// Below it.
    Low,
}

impl Level {
    fn of(high: bool) -> Self {
        if high {
            Level::High
        } else {
            Level::Low
        }
    }

    /// `high` or `low`.
    pub fn id(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Low => "low",
        }
    }
}

/// A rule that fired.
#[derive(Clone, Debug, Serialize)]
pub struct RuleEntry {
    /// Rule id.
    pub rule: String,
    /// Its condition, readable.
    pub condition: String,
    /// Points per axis.
    pub points: OrderedMap<i64>,
    /// Why.
    pub because: String,
    /// Where the guidance comes from.
    pub source: String,
}

/// A rule that did not fire but would have moved an axis across its threshold.
#[derive(Clone, Debug, Serialize)]
pub struct NearMissRule {
    /// The rule, as if it had fired.
    #[serde(flatten)]
    pub rule: RuleEntry,
    /// Whether it did not fire only because a factor is unanswered.
    pub unanswered: bool,
    /// The outcome had it fired, when different.
    pub would_be: Option<Outcome>,
    /// The smallest margin it would leave on an axis it moves towards its threshold (0: crosses).
    pub margin_left: i64,
}

/// Whether a gate's condition holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GateStatus {
    /// It holds: its outcomes are excluded.
    Applies,
    /// It does not hold.
    DoesNotApply,
    /// It depends on an unanswered factor (and so does not apply).
    Unknown,
}

/// A gate and what it did.
#[derive(Clone, Debug, Serialize)]
pub struct GateEntry {
    /// Gate id.
    pub gate: String,
    /// Its condition, readable.
    pub condition: String,
    /// Whether it applied.
    pub status: GateStatus,
    /// The outcomes it rules out when it applies.
    pub excludes: Vec<Outcome>,
    /// Why.
    pub reason: String,
    /// Where the guidance comes from.
    pub source: String,
}

/// The decision step: levels → table outcome → first allowed fallback.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionStep {
    /// Level per axis.
    pub levels: OrderedMap<Level>,
    /// What the decision table gives for those levels.
    pub table_outcome: Outcome,
    /// Outcomes considered in order, each with the gate that excluded it;
    /// the last one is the recommendation.
    pub tried: Vec<DecisionTry>,
}

/// One outcome considered by the decision step.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionTry {
    /// The outcome.
    pub outcome: Outcome,
    /// The gate that excluded it, if any.
    pub excluded_by: Option<String>,
}

/// The confidence figure, taken apart.
#[derive(Clone, Debug, Serialize)]
pub struct ConfidenceDetail {
    /// The final confidence.
    pub confidence: f64,
    /// Confidence from the axis margins alone (the weakest axis decides).
    pub margin_confidence: f64,
    /// The axis with the smallest margin.
    pub weakest_axis: Option<String>,
    /// Its margin (points past the threshold counting the threshold as 1, or points short).
    pub weakest_margin: i64,
    /// Margin at which an axis counts as half-certain.
    pub margin_scale: f64,
    /// Unanswered factors that could change the outcome.
    pub unanswered: usize,
    /// Confidence lost per such factor.
    pub unanswered_penalty: f64,
    /// Other unanswered factors that rules or gates read.
    pub other_unanswered: usize,
    /// Confidence lost per such factor.
    pub other_unanswered_penalty: f64,
    /// Below this the result is borderline.
    pub borderline_below: f64,
    /// Whether it is borderline.
    pub borderline: bool,
}

/// A note that applies.
#[derive(Clone, Debug, Serialize)]
pub struct NoteEntry {
    /// Note id.
    pub note: String,
    /// The caveat.
    pub text: String,
    /// Where it comes from.
    pub source: String,
}

/// A fired rule's entry.
pub fn rule_entry(rb: &RuleBase, ri: usize) -> RuleEntry {
    let r = &rb.rules[ri];
    RuleEntry {
        rule: r.id.clone(),
        condition: rb.show(&r.when).to_string(),
        points: OrderedMap(
            r.add
                .iter()
                .map(|&(ax, p)| (rb.axes[ax].id.clone(), p))
                .collect(),
        ),
        because: r.because.clone(),
        source: r.source.clone(),
    }
}

/// Build one component's explanation. `changes` are the `--set` changes of
/// this workload (all components; this one's are picked by index).
pub fn component_explain(
    rb: &RuleBase,
    w: &Workload,
    ci: usize,
    a: &Assessment,
    changes: &[Change],
) -> ComponentExplain {
    let c: &Component = &w.components[ci];
    let result = component_result(rb, w, c, a);
    let d = &a.decided;
    let changed = |fi: usize| {
        changes
            .iter()
            .find(|ch| ch.component == ci && ch.factor == fi)
    };
    let answers = (0..rb.factors.len())
        .map(|fi| {
            let v = c.answers.0[fi];
            AnswerEntry {
                factor: rb.factors[fi].id.clone(),
                value: AnswerValue::of(rb, fi, v),
                answered: v.is_some(),
                sensitive: a.unanswered.contains(&fi)
                    || a.alternatives.iter().any(|alt| alt.factor == fi),
                file_value: changed(fi).map(|ch| AnswerValue::of(rb, fi, ch.from)),
            }
        })
        .collect();
    let changes = changes
        .iter()
        .filter(|ch| ch.component == ci)
        .map(|ch| ChangeEntry {
            factor: rb.factors[ch.factor].id.clone(),
            from: AnswerValue::of(rb, ch.factor, ch.from),
            to: AnswerValue::of(rb, ch.factor, ch.to),
        })
        .collect();
    let levels: Vec<bool> = rb
        .axes
        .iter()
        .zip(&d.scores)
        .map(|(ax, s)| *s >= ax.threshold)
        .collect();
    let axes = rb
        .axes
        .iter()
        .zip(&d.scores)
        .zip(&levels)
        .map(|((ax, s), high)| AxisEntry {
            axis: ax.id.clone(),
            description: ax.description.clone(),
            score: *s,
            threshold: ax.threshold,
            level: Level::of(*high),
        })
        .collect();
    let near_miss_rules = a
        .near_misses
        .iter()
        .map(|n| NearMissRule {
            rule: rule_entry(rb, n.rule),
            unanswered: n.unknown,
            would_be: n.would_be,
            margin_left: n.margin_left,
        })
        .collect();
    let gates = rb
        .gates
        .iter()
        .map(|g| GateEntry {
            gate: g.id.clone(),
            condition: rb.show(&g.when).to_string(),
            status: match eval(&g.when, &c.answers) {
                Truth::True => GateStatus::Applies,
                Truth::False => GateStatus::DoesNotApply,
                Truth::Unknown => GateStatus::Unknown,
            },
            excludes: g.exclude.clone(),
            reason: g.reason.clone(),
            source: g.source.clone(),
        })
        .collect();
    let decision = DecisionStep {
        levels: OrderedMap(
            rb.axes
                .iter()
                .zip(&levels)
                .map(|(ax, h)| (ax.id.clone(), Level::of(*h)))
                .collect(),
        ),
        table_outcome: d.table_outcome,
        tried: decision_chain(rb, a),
    };
    let weakest = rb
        .axes
        .iter()
        .zip(&d.scores)
        .map(|(ax, s)| (ax.id.clone(), engine::axis_margin(*s, ax.threshold)))
        // The first smallest margin, as the engine's fold takes it.
        .fold(None, |best: Option<(String, i64)>, (id, m)| match best {
            Some((_, bm)) if bm <= m => best,
            _ => Some((id, m)),
        });
    let confidence_detail = ConfidenceDetail {
        confidence: a.confidence,
        margin_confidence: a.margin_confidence,
        weakest_margin: weakest.as_ref().map_or(0, |(_, m)| *m),
        weakest_axis: weakest.map(|(id, _)| id),
        margin_scale: rb.confidence.margin_scale,
        unanswered: a.unanswered.len(),
        unanswered_penalty: rb.confidence.unanswered_penalty,
        other_unanswered: a.other_unanswered.len(),
        other_unanswered_penalty: rb.confidence.other_unanswered_penalty,
        borderline_below: rb.confidence.borderline_below,
        borderline: a.borderline,
    };
    ComponentExplain {
        description: c.description.clone(),
        answers,
        changes,
        axes,
        fired_rules: a.fired.iter().map(|&ri| rule_entry(rb, ri)).collect(),
        near_miss_rules,
        gates,
        decision,
        confidence_detail,
        note_details: a
            .notes
            .iter()
            .map(|&ni| NoteEntry {
                note: rb.notes[ni].id.clone(),
                text: rb.notes[ni].text.clone(),
                source: rb.notes[ni].source.clone(),
            })
            .collect(),
        result,
    }
}

/// The outcomes the decision step walked through, in the engine's order:
/// the table's outcome, its fallbacks, then prompt-only; it stops at the
/// first one no gate excluded.
fn decision_chain(rb: &RuleBase, a: &Assessment) -> Vec<DecisionTry> {
    let d = &a.decided;
    let mut tried: Vec<DecisionTry> = Vec::new();
    let chain = std::iter::once(d.table_outcome)
        .chain(rb.fallback(d.table_outcome).iter().copied())
        .chain(std::iter::once(Outcome::PromptOnly));
    for o in chain {
        if tried.iter().any(|t| t.outcome == o) {
            continue;
        }
        let excluded_by = d
            .excluded
            .iter()
            .find(|(e, _)| *e == o)
            .map(|(_, gi)| rb.gates[*gi].id.clone());
        let done = excluded_by.is_none();
        tried.push(DecisionTry {
            outcome: o,
            excluded_by,
        });
        if done {
            break;
        }
    }
    tried
}

/// Output formats of `explain` and `rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Readable text with tables, for terminals (default).
    Text,
    /// The versioned JSON form.
    Json,
    /// Markdown, fit to paste into a design document.
    Markdown,
}

/// Render an explain report.
pub fn render(
    report: &ExplainReport,
    format: ExplainFormat,
    style: text::Style,
) -> anyhow::Result<String> {
    Ok(match format {
        ExplainFormat::Text => text::render(report, style),
        ExplainFormat::Json => {
            let mut s = serde_json::to_string_pretty(report)?;
            s.push('\n');
            s
        }
        ExplainFormat::Markdown => markdown::render(report),
    })
}
