//! The rule base: factors (the questions), rules (contributions to axes),
//! gates (outcomes excluded), notes (caveats) and the decision table.
//!
//! This module holds the validated, index-based model the engine runs on.
//! `load` turns YAML into it, rejecting anything inconsistent.

mod display;
mod eval;
mod factor;
mod index;
pub mod limits;
mod load;
mod source;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use display::ShowCondition;
pub use eval::{eval, number_factor_candidates, Effect, Truth};
pub use factor::format_number;
pub use load::{load_default, load_file, load_str, DEFAULT_RULES};
pub use source::{sources_lines, sources_text, Source};

/// One of the four recommendations. The ids are a public contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Retrieval-augmented generation.
    Rag,
    /// Fine-tuning.
    FineTune,
    /// Retrieval for facts plus fine-tuning for behaviour.
    Hybrid,
    /// A base model with a good prompt.
    PromptOnly,
}

impl Outcome {
    /// All outcomes, in their canonical order.
    pub const ALL: [Outcome; 4] = [
        Outcome::Rag,
        Outcome::FineTune,
        Outcome::Hybrid,
        Outcome::PromptOnly,
    ];

    /// The contract id (`rag`, `fine-tune`, `hybrid`, `prompt-only`).
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Rag => "rag",
            Outcome::FineTune => "fine-tune",
            Outcome::Hybrid => "hybrid",
            Outcome::PromptOnly => "prompt-only",
        }
    }

    /// Human name for summaries ("RAG", "fine-tuning", ...).
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Rag => "RAG",
            Outcome::FineTune => "fine-tune",
            Outcome::Hybrid => "hybrid",
            Outcome::PromptOnly => "prompt-only",
        }
    }

    /// The outcome as one bit of a set of outcomes (`u8`), so that hot loops
    /// decide without allocating.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The contract ids, for error hints.
    pub fn ids() -> impl Iterator<Item = &'static str> + Clone {
        Outcome::ALL.iter().map(|o| o.id())
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Outcome {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Outcome::ALL
            .into_iter()
            .find(|o| o.id() == s)
            .ok_or_else(|| format!("`{s}` is not an outcome"))
    }
}

/// A validated rule base.
#[derive(Clone, Debug)]
pub struct RuleBase {
    /// Where it came from (`<embedded default>` or a path), for messages.
    pub origin: String,
    /// Scoring axes (by default: knowledge, behavior).
    pub axes: Vec<Axis>,
    /// The questions, in the order they are asked and written.
    pub factors: Vec<Factor>,
    /// Contributions to axes.
    pub rules: Vec<Rule>,
    /// Hard constraints that exclude outcomes.
    pub gates: Vec<Gate>,
    /// Caveats attached when a condition holds.
    pub notes: Vec<Note>,
    /// Combinations of answers that contradict each other (reported, never scored).
    pub conflicts: Vec<Conflict>,
    /// Axis levels → outcome, and what to do when an outcome is excluded.
    pub decision: Decision,
    /// How confidence is computed.
    pub confidence: ConfidenceParams,
    /// Per factor, what reads it (derived at load time by [`RuleBase::index`]).
    pub deps: Vec<FactorDeps>,
    /// Per rule, the factors its condition reads (derived by [`RuleBase::index`]).
    pub rule_factors: Vec<Vec<usize>>,
    /// Per gate, the factors its condition reads (derived by [`RuleBase::index`]).
    pub gate_factors: Vec<Vec<usize>>,
    /// Whether no sum of points can saturate (the absolute points of every
    /// rule together fit in an `i64`), so that adding an effect's total equals
    /// adding its rules' points one by one (derived by [`RuleBase::index`]).
    /// Loaded rule bases always are; one built in code need not be.
    pub points_bounded: bool,
}

/// Most axes a rule base may define: the decision table has a row per
/// combination of levels (2^axes), and the engine keeps scores in fixed arrays.
pub const MAX_AXES: usize = 6;

/// What depends on one factor. Derived from the rules, gates and notes once,
/// so the sensitivity analysis — most of the cost of scoring — does not walk
/// every condition again for every component.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FactorDeps {
    /// Rules whose condition reads the factor.
    pub rules: Vec<usize>,
    /// Gates whose condition reads the factor.
    pub gates: Vec<usize>,
    /// Numbers any condition compares the factor with, sorted, without duplicates.
    pub thresholds: Vec<f64>,
    /// For number factors, the values the sensitivity analysis tries, ascending.
    pub candidates: Vec<f64>,
    /// The same values in the order tried when the factor is unanswered:
    /// the thresholds themselves, then the values nearest to a threshold
    /// ("if labeled_examples were 49", not "were 0").
    pub unanswered_order: Vec<f64>,
    /// The distinct effects of its values through the rules and gates that
    /// read it alone (all of its rules and gates when there are no mixed
    /// ones: see [`FactorDeps::effects`]).
    pub alone_effects: Vec<Effect>,
    /// Which of `alone_effects` each value has, by value: `false` then
    /// `true`, each choice by index, or each of `candidates` in order. The
    /// sensitivity analysis looks a trial's effect up here instead of
    /// evaluating those conditions. Empty when there are too many effects to
    /// index by a byte (the analysis then evaluates every condition).
    pub value_effects: Vec<u8>,
    /// The rules that read it and some other factor: evaluated per trial.
    pub mixed_rules: Vec<usize>,
    /// The gates that read it and some other factor: evaluated per trial.
    pub mixed_gates: Vec<usize>,
}

impl FactorDeps {
    /// The distinct effects of its values, when its rules and gates read no
    /// other factor (`None` otherwise): the worst-case search takes them as is.
    pub fn effects(&self) -> Option<&[Effect]> {
        let alone = self.mixed_rules.is_empty() && self.mixed_gates.is_empty();
        (alone && !self.value_effects.is_empty()).then_some(self.alone_effects.as_slice())
    }
}

/// A scoring axis: a sum of rule contributions compared with a threshold.
#[derive(Clone, Debug)]
pub struct Axis {
    /// Id used in rules and JSON (`knowledge`).
    pub id: String,
    /// What the axis measures, for explanations.
    pub description: String,
    /// A score at or above this is "high".
    pub threshold: i64,
}

/// One question about a component.
#[derive(Clone, Debug)]
pub struct Factor {
    /// Contract id (`knowledge_volatility`).
    pub id: String,
    /// The question as asked.
    pub question: String,
    /// Help shown under the question.
    pub help: String,
    /// What kind of answer it takes.
    pub kind: FactorKind,
    /// Unit of a number (`ms`).
    pub unit: Option<String>,
    /// An optional factor beyond the contract: leaving it unanswered costs no
    /// confidence by itself (only what its answers could change does).
    pub optional: bool,
    /// A cost factor the price book added ([`crate::prices`]): read by the cost
    /// model only, never by a rule, and reported with the costs.
    pub cost: bool,
}

/// The answer type of a factor.
#[derive(Clone, Debug)]
pub enum FactorKind {
    /// One of a list of values; `ordered` allows `at_least`/`at_most` comparisons.
    Choice {
        /// The values, lowest first when ordered.
        values: Vec<Choice>,
        /// Whether the list order is meaningful.
        ordered: bool,
    },
    /// A number within an optional inclusive range.
    Number {
        /// Smallest allowed value.
        min: Option<f64>,
        /// Largest allowed value.
        max: Option<f64>,
        /// Whether only whole numbers are allowed.
        integer: bool,
    },
    /// Yes or no.
    Boolean,
}

/// One value of a choice factor.
#[derive(Clone, Debug)]
pub struct Choice {
    /// Contract id (`weekly`).
    pub id: String,
    /// Readable label for the questionnaire.
    pub label: String,
}

/// A typed answer. Choices are stored by index into the factor's values.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub enum Value {
    /// Index into [`FactorKind::Choice::values`].
    Choice(usize),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
}

/// Answers to a rule base's factors, indexed like [`RuleBase::factors`]; `None` is unknown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers(pub Vec<Option<Value>>);

/// A comparison operator of a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `at_least` (>=)
    AtLeast,
    /// `at_most` (<=)
    AtMost,
    /// `above` (>)
    Above,
    /// `below` (<)
    Below,
}

/// A condition over answers, compiled to factor indices.
#[derive(Clone, Debug)]
pub enum Condition {
    /// The factor equals the value.
    Is(usize, Value),
    /// The factor is one of the values.
    In(usize, Vec<Value>),
    /// Ordered comparison (ordered choices and numbers).
    Cmp(usize, CmpOp, Value),
    /// All sub-conditions hold.
    All(Vec<Condition>),
    /// At least one sub-condition holds.
    Any(Vec<Condition>),
    /// The sub-condition does not hold.
    Not(Box<Condition>),
}

/// A rule: when the condition holds, add points to axes.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Unique id.
    pub id: String,
    /// When it fires.
    pub when: Condition,
    /// (axis index, points) contributions.
    pub add: Vec<(usize, i64)>,
    /// Why, in one sentence.
    pub because: String,
    /// Where the guidance comes from.
    pub sources: Vec<Source>,
    /// 1-based line of the rule in its file, for `explain --rule`.
    pub line: usize,
}

/// A gate: when the condition holds, outcomes are excluded.
#[derive(Clone, Debug)]
pub struct Gate {
    /// Unique id.
    pub id: String,
    /// When it applies.
    pub when: Condition,
    /// Outcomes it rules out.
    pub exclude: Vec<Outcome>,
    /// What an unknown condition (an unanswered factor) does.
    pub if_unknown: IfUnknown,
    /// Why.
    pub reason: String,
    /// Where the guidance comes from.
    pub sources: Vec<Source>,
}

/// What a gate does when its condition is unknown for the answers given.
///
/// Either way the gate is never ignored: the result names it, lists its
/// unanswered factors first and is borderline while the gate could change it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IfUnknown {
    /// Safety gates: exclude as if the condition held, so that the
    /// recommendation stays valid whichever way the answer goes.
    Exclude,
    /// Feasibility gates: do not exclude, but flag the result as unsettled.
    Flag,
}

impl IfUnknown {
    /// The id used in rule bases and JSON.
    pub fn id(self) -> &'static str {
        match self {
            IfUnknown::Exclude => "exclude",
            IfUnknown::Flag => "flag",
        }
    }
}

/// A caveat attached to a result when its condition holds.
#[derive(Clone, Debug)]
pub struct Note {
    /// Unique id.
    pub id: String,
    /// When it applies.
    pub when: Condition,
    /// The caveat.
    pub text: String,
    /// Only for these recommendations (every outcome when empty), so that a
    /// note never tells a result that its own technique is wrong.
    pub outcomes: Vec<Outcome>,
    /// Where it comes from.
    pub sources: Vec<Source>,
}

/// A combination of answers that contradict each other (audited citations
/// of no documents): reported as a warning, never scored.
#[derive(Clone, Debug)]
pub struct Conflict {
    /// Unique id.
    pub id: String,
    /// When the answers contradict each other.
    pub when: Condition,
    /// What is contradictory and how to resolve it.
    pub text: String,
}

/// Axis levels to outcome.
#[derive(Clone, Debug)]
pub struct Decision {
    /// One entry per combination of axis levels: `levels[i]` is "axis i is high".
    pub table: Vec<(Vec<bool>, Outcome)>,
    /// For an outcome excluded by a gate, the order in which other outcomes
    /// win ties when they are equally near the axis scores.
    pub fallback: Vec<(Outcome, Vec<Outcome>)>,
    /// A fallback never adds an outcome whose region needs an axis high
    /// while that axis scores below this ("no retrieval without a knowledge need").
    pub min_support: i64,
    /// The outcomes the table can give, as bits (derived by [`RuleBase::index`]).
    pub outcomes: u8,
    /// The table's outcome for each combination of levels, indexed by the
    /// bits of the high axes (axis i high is bit i; derived by
    /// [`RuleBase::index`]): the decision is looked up, not searched, for the
    /// thousands of trial scores an assessment decides.
    pub by_levels: Vec<Outcome>,
}

/// Parameters of the confidence figure.
#[derive(Clone, Debug)]
pub struct ConfidenceParams {
    /// Points of margin at which the recommendation counts as half-certain.
    pub margin_scale: f64,
    /// Margins are counted up to this many points (further changes nothing).
    pub margin_cap: i64,
    /// Confidence lost per unanswered factor that some rule or gate reads
    /// (optional factors excepted).
    pub unanswered_penalty: f64,
    /// Results below this confidence are called borderline.
    pub borderline_below: f64,
}

impl ConfidenceParams {
    /// The highest confidence a result that is not settled may have: just
    /// below the borderline threshold, at two decimals.
    pub fn unsettled_cap(&self) -> f64 {
        (((self.borderline_below * 100.0).ceil() - 1.0) / 100.0).max(0.0)
    }
}

impl RuleBase {
    /// Index of the factor with this id.
    pub fn factor_index(&self, id: &str) -> Option<usize> {
        self.factors.iter().position(|f| f.id == id)
    }

    /// Where `candidate` ranks among the fallbacks of an excluded `table`
    /// outcome: its position in the rule base's list, then outcome order.
    pub fn fallback_rank(&self, table: Outcome, candidate: Outcome) -> usize {
        let list = self.fallback(table);
        list.iter()
            .position(|o| *o == candidate)
            .unwrap_or(list.len() + candidate as usize)
    }

    /// Fallbacks for an excluded outcome.
    pub fn fallback(&self, outcome: Outcome) -> &[Outcome] {
        self.decision
            .fallback
            .iter()
            .find(|(o, _)| *o == outcome)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }
}

impl Condition {
    /// Whether the condition reads factor `fi` anywhere.
    pub fn mentions(&self, fi: usize) -> bool {
        match self {
            Condition::Is(f, _) | Condition::In(f, _) | Condition::Cmp(f, _, _) => *f == fi,
            Condition::All(cs) | Condition::Any(cs) => cs.iter().any(|c| c.mentions(fi)),
            Condition::Not(c) => c.mentions(fi),
        }
    }

    /// Push every number the condition compares factor `fi` with.
    pub fn numbers_for(&self, fi: usize, out: &mut Vec<f64>) {
        match self {
            Condition::Is(f, Value::Number(n)) | Condition::Cmp(f, _, Value::Number(n))
                if *f == fi =>
            {
                out.push(*n)
            }
            Condition::In(f, vs) if *f == fi => out.extend(vs.iter().filter_map(|v| match v {
                Value::Number(n) => Some(*n),
                _ => None,
            })),
            Condition::All(cs) | Condition::Any(cs) => {
                cs.iter().for_each(|c| c.numbers_for(fi, out))
            }
            Condition::Not(c) => c.numbers_for(fi, out),
            _ => {}
        }
    }
}
