//! What `explain` prints: every step from answers to recommendation, as
//! plain serializable data (the JSON form is its serde serialization), and
//! one renderer per human format.
//!
//! Each component entry flattens the `score` result ([`ComponentResult`]), so
//! every field of `score --format json` is here under the same name, and adds
//! the explain-only detail beside it.

mod build;
pub mod cost;
pub mod html;
pub mod markdown;
mod steps;
pub mod text;

pub use build::{component_explain, rule_entry};

use serde::Serialize;

use crate::result::{AnswerValue, ComponentResult, OrderedMap};
use crate::rules::{IfUnknown, Outcome, Source};

/// Version of explain's JSON; bumped only when a field is renamed or removed.
pub const SCHEMA_VERSION: u32 = 2;

/// Everything `explain` prints.
#[derive(Clone, Debug, Serialize)]
pub struct ExplainReport<'a> {
    /// Output schema version.
    pub schema_version: u32,
    /// Where the rule base came from.
    pub rule_base: String,
    /// The `--set` overrides, as written.
    pub overrides: Vec<String>,
    /// One entry per explained component, in path then component order.
    pub components: Vec<ComponentExplain<'a>>,
    /// The quadrant the text report draws its chart in (`None` when the rule
    /// base has no two axes to draw). Layout, not data: not in the JSON.
    #[serde(skip)]
    pub chart: Option<crate::report::chart::Quadrant>,
    /// The price book and assumptions behind every component's `cost`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prices: Option<cost::PricesUsed>,
}

/// One component's recommendation and all of its reasoning.
#[derive(Clone, Debug, Serialize)]
pub struct ComponentExplain<'a> {
    /// The same result `score` reports.
    #[serde(flatten)]
    pub result: ComponentResult<'a>,
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
    /// Gates that may apply and keep the result unsettled: what would settle each.
    pub open_gates: Vec<OpenGate>,
}

/// A gate that may apply (a factor it reads is unanswered) and could change
/// the recommendation: what answering it would do.
#[derive(Clone, Debug, Serialize)]
pub struct OpenGate {
    /// Gate id.
    pub gate: String,
    /// The unanswered factors that decide it.
    pub unanswered: Vec<String>,
    /// `excluded` (a safety gate, excluding as if it held) or `flagged`.
    pub treated_as: &'static str,
    /// Answers under which it holds (the first found, nearest thresholds first).
    pub holds_if: OrderedMap<AnswerValue>,
    /// The recommendation then.
    pub then: Option<Outcome>,
    /// Answers under which it does not hold, and the recommendation then.
    pub fails_if: OrderedMap<AnswerValue>,
    /// The recommendation when it does not hold.
    pub otherwise: Option<Outcome>,
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
    /// Where the guidance comes from, as one line.
    pub source: String,
    /// The same, one entry per work cited, with its link.
    pub sources: Vec<Source>,
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
    /// It depends on an unanswered factor: it may hold.
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
    /// What it does while it may apply: `exclude` (a safety gate) or `flag`.
    pub if_unknown: IfUnknown,
    /// Whether, while it may apply, it could change the recommendation (and
    /// so keeps it borderline).
    pub unsettles: bool,
    /// The unanswered factors that decide it.
    pub unanswered: Vec<String>,
    /// Why.
    pub reason: String,
    /// Where the guidance comes from, as one line.
    pub source: String,
    /// The same, one entry per work cited.
    pub sources: Vec<Source>,
}

/// The decision step: levels → table outcome → fallback along the axes.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionStep {
    /// Level per axis.
    pub levels: OrderedMap<Level>,
    /// What the decision table gives for those levels.
    pub table_outcome: Outcome,
    /// The gate that excluded the table outcome, if one did.
    pub table_excluded_by: Option<String>,
    /// When the table outcome is excluded: the other outcomes, in the order
    /// that breaks ties, with how far each is from the axis scores.
    pub fallbacks: Vec<FallbackEntry>,
    /// The minimum score an axis needs for a fallback to add its technique.
    pub min_support: i64,
    /// Every outcome is excluded by some gate.
    pub all_excluded: bool,
}

/// One outcome a fallback chose among.
#[derive(Clone, Debug, Serialize)]
pub struct FallbackEntry {
    /// The outcome.
    pub outcome: Outcome,
    /// Axis points between the scores and its region of the decision table.
    pub distance: i64,
    /// Whether each axis its region needs high has support.
    pub supported: bool,
    /// The gate that excludes it, if any.
    pub excluded_by: Option<String>,
}

/// The confidence figure, taken apart so that it can be checked by hand:
/// `confidence = margin / (margin + margin_scale) − penalty`, at most `cap`
/// when a gate that may apply could change the result.
#[derive(Clone, Debug, Serialize)]
pub struct ConfidenceDetail {
    /// The final confidence.
    pub confidence: f64,
    /// The worst margin over every way the unanswered factors could be
    /// answered: the fewest points one axis must move to change the outcome.
    pub margin: i64,
    /// Margins count up to this many points.
    pub margin_cap: i64,
    /// The unanswered answers that give the worst margin (empty: the answers as given).
    pub worst_if: OrderedMap<AnswerValue>,
    /// The axis whose move changes the outcome there, and by how many points.
    pub worst_shift: Option<AxisShift>,
    /// Margin at which the recommendation counts as half-certain.
    pub margin_scale: f64,
    /// `margin / (margin + margin_scale)`.
    pub margin_confidence: f64,
    /// Unanswered factors that cost confidence (optional factors excepted).
    pub penalized: usize,
    /// Confidence lost per such factor.
    pub unanswered_penalty: f64,
    /// `penalized × unanswered_penalty`.
    pub penalty: f64,
    /// Gates that may apply and could change the recommendation.
    pub unsettled_by: Vec<String>,
    /// The cap that applies while such a gate is open.
    pub cap: f64,
    /// Whether the cap lowered the confidence.
    pub capped: bool,
    /// Below this the result is borderline.
    pub borderline_below: f64,
    /// Whether it is borderline.
    pub borderline: bool,
}

/// An axis moved by some points.
#[derive(Clone, Debug, Serialize)]
pub struct AxisShift {
    /// Axis id.
    pub axis: String,
    /// Points (negative: down).
    pub points: i64,
    /// The score it moves from, in the worst case.
    pub from: i64,
}

/// A note that applies.
#[derive(Clone, Debug, Serialize)]
pub struct NoteEntry {
    /// Note id.
    pub note: String,
    /// The caveat.
    pub text: String,
    /// Where it comes from, as one line.
    pub source: String,
    /// The same, one entry per work cited.
    pub sources: Vec<Source>,
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
    style: crate::report::style::Style,
) -> anyhow::Result<String> {
    Ok(match format {
        ExplainFormat::Text => text::render(report, style),
        ExplainFormat::Json => crate::report::style::json(report)?,
        ExplainFormat::Markdown => markdown::render(report),
    })
}
