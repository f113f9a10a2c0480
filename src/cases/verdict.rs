//! Judging cases against a rule base: pure, and serializable as is (the JSON
//! form of `ragfit rules test` is these structs).

use serde::Serialize;

use super::{Case, CaseFile};
use crate::engine::{self, Assessment};
use crate::rules::{eval, Answers, IfUnknown, Outcome, RuleBase, Truth};

/// One case file's verdicts.
#[derive(Clone, Debug, Serialize)]
pub struct FileReport {
    /// The case file.
    pub path: String,
    /// What its cases pin, if said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// One verdict per case, in file order.
    pub cases: Vec<CaseReport>,
}

impl FileReport {
    /// How many of its cases failed.
    pub fn failed(&self) -> usize {
        self.cases.iter().filter(|c| !c.passed).count()
    }
}

/// One case's verdict.
#[derive(Clone, Debug, Serialize)]
pub struct CaseReport {
    /// The case's name.
    pub name: String,
    /// Line of its `name:` key.
    pub line: usize,
    /// Column of its `name:` key.
    pub column: usize,
    /// Whether every expectation held.
    pub passed: bool,
    /// One sentence per expectation that did not hold: expected, then got.
    pub failures: Vec<String>,
    /// What the case expects.
    pub expected: Expected,
    /// What the rule base gave.
    pub got: Got,
    /// Why: the axis scores with the rules behind them, and the gates.
    pub decided_by: DecidedBy,
}

/// What a case expects.
#[derive(Clone, Debug, Serialize)]
pub struct Expected {
    /// Acceptable outcomes.
    pub outcomes: Vec<Outcome>,
    /// Whether the result must be borderline (absent: either).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub borderline: Option<bool>,
    /// Exactly the gates that must exclude an outcome (absent: any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gates: Option<Vec<String>>,
    /// Exactly the outcomes single changes must lead to (absent: any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<Vec<Outcome>>,
}

/// What the rule base gave.
#[derive(Clone, Debug, Serialize)]
pub struct Got {
    /// The recommendation.
    pub recommendation: Outcome,
    /// Its confidence.
    pub confidence: f64,
    /// Whether it is borderline.
    pub borderline: bool,
    /// Gates that exclude outcomes (including safety gates that may apply), in rule-base order.
    pub gates: Vec<String>,
    /// Outcomes a single answer change leads to, in outcome order.
    pub alternatives: Vec<Outcome>,
}

/// The reasons for a result, short enough for a failure message.
#[derive(Clone, Debug, Serialize)]
pub struct DecidedBy {
    /// Per axis: score, threshold, level and the rules that fired on it.
    pub axes: Vec<AxisDecision>,
    /// What the decision table gave before gates excluded outcomes.
    pub table_outcome: Outcome,
    /// Gates that exclude outcomes (every one that applies).
    pub excluded: Vec<GateEffect>,
}

/// One axis of a result.
#[derive(Clone, Debug, Serialize)]
pub struct AxisDecision {
    /// Axis id.
    pub axis: String,
    /// Its score.
    pub score: i64,
    /// Its threshold.
    pub threshold: i64,
    /// Whether the score reaches the threshold.
    pub high: bool,
    /// The rules that fired on it, in rule-base order.
    pub rules: Vec<RuleEffect>,
}

/// A fired rule's points on one axis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleEffect {
    /// Rule id.
    pub rule: String,
    /// Points added (may be negative).
    pub points: i64,
}

/// A gate that excluded outcomes.
#[derive(Clone, Debug, Serialize)]
pub struct GateEffect {
    /// Gate id.
    pub gate: String,
    /// The outcomes it excluded.
    pub excludes: Vec<Outcome>,
    /// Whether it only may apply (a factor it reads is unanswered).
    pub may_apply: bool,
}

/// Judge every case of a file.
pub fn judge(rb: &RuleBase, file: &CaseFile) -> FileReport {
    FileReport {
        path: file.path.clone(),
        description: file.description.clone(),
        cases: file.cases.iter().map(|c| judge_case(rb, c)).collect(),
    }
}

fn judge_case(rb: &RuleBase, case: &Case) -> CaseReport {
    let a = engine::assess(rb, &case.answers);
    let got = got(rb, &case.answers, &a);
    let mut failures = Vec::new();
    if !case.expect.contains(&got.recommendation) {
        failures.push(format!(
            "expected {}, got {}",
            one_of(&case.expect),
            got.recommendation
        ));
    }
    if let Some(want) = case.borderline {
        if want != got.borderline {
            failures.push(format!(
                "expected {}, got {} (confidence {:.2}; borderline below {:.2})",
                borderline_word(want),
                borderline_word(got.borderline),
                got.confidence,
                rb.confidence.borderline_below
            ));
        }
    }
    if let Some(want) = &case.gates {
        if !same_set(want, &got.gates) {
            failures.push(format!(
                "expected gates {}, got {}",
                list(want),
                list(&got.gates)
            ));
        }
    }
    if let Some(want) = &case.alternatives {
        if !same_set(want, &got.alternatives) {
            failures.push(format!(
                "expected alternatives {}, got {}",
                list(want),
                list(&got.alternatives)
            ));
        }
    }
    CaseReport {
        name: case.name.clone(),
        line: case.pos.line,
        column: case.pos.column,
        passed: failures.is_empty(),
        failures,
        expected: Expected {
            outcomes: case.expect.clone(),
            borderline: case.borderline,
            gates: case.gates.clone(),
            alternatives: case.alternatives.clone(),
        },
        got,
        decided_by: decided_by(rb, &case.answers, &a),
    }
}

fn got(rb: &RuleBase, answers: &Answers, a: &Assessment) -> Got {
    Got {
        recommendation: a.outcome(),
        confidence: a.confidence,
        borderline: a.borderline,
        gates: excluding_gates(rb, answers)
            .into_iter()
            .map(|(g, _)| rb.gates[g].id.clone())
            .collect(),
        alternatives: Outcome::ALL
            .into_iter()
            .filter(|o| a.alternatives.iter().any(|alt| alt.outcome == *o))
            .collect(),
    }
}

/// The axis scores with their rules, and the gates: what decided the result.
pub fn decided_by(rb: &RuleBase, answers: &Answers, a: &Assessment) -> DecidedBy {
    let d = &a.decided;
    let axes = rb
        .axes
        .iter()
        .enumerate()
        .map(|(ai, axis)| AxisDecision {
            axis: axis.id.clone(),
            score: d.scores[ai],
            threshold: axis.threshold,
            high: d.scores[ai] >= axis.threshold,
            rules: a
                .fired
                .iter()
                .flat_map(|&ri| {
                    let r = &rb.rules[ri];
                    r.add
                        .iter()
                        .filter(move |(ax, _)| *ax == ai)
                        .map(move |&(_, points)| RuleEffect {
                            rule: r.id.clone(),
                            points,
                        })
                })
                .collect(),
        })
        .collect();
    let excluded = excluding_gates(rb, answers)
        .into_iter()
        .map(|(g, may_apply)| GateEffect {
            gate: rb.gates[g].id.clone(),
            excludes: rb.gates[g].exclude.clone(),
            may_apply,
        })
        .collect();
    DecidedBy {
        axes,
        table_outcome: d.table_outcome,
        excluded,
    }
}

/// Every gate that excludes outcomes for these answers, in rule-base order:
/// those whose condition holds, and safety gates whose condition is unknown
/// (they exclude as if it held). Not only the first gate per outcome, which
/// is all the assessment keeps: a case pins every gate that applies.
fn excluding_gates(rb: &RuleBase, answers: &Answers) -> Vec<(usize, bool)> {
    rb.gates
        .iter()
        .enumerate()
        .filter_map(|(gi, g)| match eval(&g.when, answers) {
            Truth::True => Some((gi, false)),
            Truth::Unknown if g.if_unknown == IfUnknown::Exclude => Some((gi, true)),
            _ => None,
        })
        .collect()
}

fn borderline_word(b: bool) -> &'static str {
    if b {
        "borderline"
    } else {
        "not borderline"
    }
}

/// `rag` or `one of rag, hybrid`.
fn one_of(outcomes: &[Outcome]) -> String {
    match outcomes {
        [one] => one.to_string(),
        many => format!("one of {}", list(many)),
    }
}

/// `a, b` or `none`.
fn list<T: std::fmt::Display>(items: &[T]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn same_set<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}
