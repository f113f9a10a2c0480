//! `ragfit rules diff`: what a rule-base change does to real components. Pure:
//! given one component assessed under the old and the new rule base, say
//! whether its recommendation or confidence band moved, and which parts of
//! the rule base moved it (thresholds, rules that fire differently, gates
//! that apply differently, the decision table, confidence parameters).

use serde::Serialize;

use crate::engine::Assessment;
use crate::rules::{eval, Answers, IfUnknown, Outcome, RuleBase, Truth};

/// Results at or above this confidence are in the `high` band. A report
/// cut, not a scoring number: below it sit `moderate` and, below the rule
/// base's own `borderline_below`, `borderline`.
pub const HIGH_FROM: f64 = 0.75;

/// How sure a result is, in three bands a reviewer can compare at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    /// Below the rule base's `borderline_below`.
    Borderline,
    /// From `borderline_below` up to [`HIGH_FROM`].
    Moderate,
    /// [`HIGH_FROM`] and above.
    High,
}

impl Band {
    /// The band of a confidence under a rule base.
    pub fn of(rb: &RuleBase, confidence: f64) -> Band {
        if confidence < rb.confidence.borderline_below {
            Band::Borderline
        } else if confidence < HIGH_FROM {
            Band::Moderate
        } else {
            Band::High
        }
    }

    /// The id used in output.
    pub fn id(self) -> &'static str {
        match self {
            Band::Borderline => "borderline",
            Band::Moderate => "moderate",
            Band::High => "high",
        }
    }
}

/// One side of a change.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Side {
    /// The recommendation.
    pub recommendation: Outcome,
    /// Its confidence.
    pub confidence: f64,
    /// Its confidence band.
    pub band: Band,
}

/// A component whose recommendation or confidence band differs between the rule bases.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// Workload file.
    pub path: String,
    /// Workload name.
    pub workload: String,
    /// Component name.
    pub component: String,
    /// Line of the component's `name:` key.
    pub line: usize,
    /// Under the old rule base.
    pub old: Side,
    /// Under the new rule base.
    pub new: Side,
    /// The parts of the rule base that moved it, most direct first.
    pub responsible: Vec<Cause>,
}

/// A part of the rule base whose change reaches this component.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cause {
    /// `threshold`, `rule`, `gate`, `decision`, `factor` or `confidence`.
    pub kind: &'static str,
    /// The axis, rule, gate or factor id (empty for the decision and confidence).
    pub id: String,
    /// What it did under the old rule base.
    pub old: String,
    /// What it does under the new one.
    pub new: String,
}

impl Cause {
    fn new(kind: &'static str, id: &str, old: String, new: String) -> Self {
        Cause {
            kind,
            id: id.to_string(),
            old,
            new,
        }
    }
}

/// One component as each rule base sees it.
pub struct Assessed<'a> {
    /// The rule base.
    pub rb: &'a RuleBase,
    /// The component's answers under it.
    pub answers: &'a Answers,
    /// Its assessment.
    pub assessment: &'a Assessment,
}

/// Where a component is, for the report.
pub struct Place<'a> {
    /// Workload file.
    pub path: &'a str,
    /// Workload name.
    pub workload: &'a str,
    /// Component name.
    pub component: &'a str,
    /// Line of its `name:` key.
    pub line: usize,
}

/// The change of one component, if its recommendation or band moved.
pub fn compare(at: &Place<'_>, old: &Assessed<'_>, new: &Assessed<'_>) -> Option<Change> {
    let side = |s: &Assessed<'_>| Side {
        recommendation: s.assessment.outcome(),
        confidence: s.assessment.confidence,
        band: Band::of(s.rb, s.assessment.confidence),
    };
    let (o, n) = (side(old), side(new));
    if o.recommendation == n.recommendation && o.band == n.band {
        return None;
    }
    Some(Change {
        path: at.path.to_string(),
        workload: at.workload.to_string(),
        component: at.component.to_string(),
        line: at.line,
        old: o,
        new: n,
        responsible: causes(old, new),
    })
}

/// Everything that differs between the two sides, as it reaches this component.
fn causes(old: &Assessed<'_>, new: &Assessed<'_>) -> Vec<Cause> {
    let mut out = Vec::new();
    thresholds(old, new, &mut out);
    rules(old, new, &mut out);
    gates(old, new, &mut out);
    let (od, nd) = (&old.assessment.decided, &new.assessment.decided);
    let levels = |s: &Assessed<'_>| -> Vec<(String, bool)> {
        s.rb.axes
            .iter()
            .zip(&s.assessment.decided.scores)
            .map(|(a, &score)| (a.id.clone(), score >= a.threshold))
            .collect()
    };
    if od.table_outcome != nd.table_outcome && levels(old) == levels(new) {
        out.push(Cause::new(
            "decision",
            "",
            format!("the table gives {}", od.table_outcome),
            format!("the table gives {}", nd.table_outcome),
        ));
    }
    new_factors(old, new, &mut out);
    let (oc, nc) = (&old.rb.confidence, &new.rb.confidence);
    let params = |c: &crate::rules::ConfidenceParams| {
        format!(
            "margin_scale {}, unanswered_penalty {}, borderline_below {}",
            c.margin_scale, c.unanswered_penalty, c.borderline_below
        )
    };
    if params(oc) != params(nc) || oc.margin_cap != nc.margin_cap {
        out.push(Cause::new("confidence", "", params(oc), params(nc)));
    }
    if out.is_empty() {
        changed_definitions(old, new, &mut out);
    }
    out
}

/// Axis thresholds that differ, each with the component's score against it
/// (`4 (score 8, high)` → `9 (score 8, low)`), and axes only one side has.
fn thresholds(old: &Assessed<'_>, new: &Assessed<'_>, out: &mut Vec<Cause>) {
    let at = |s: &Assessed<'_>, ai: usize| {
        let (t, score) = (s.rb.axes[ai].threshold, s.assessment.decided.scores[ai]);
        let level = if score >= t { "high" } else { "low" };
        format!("{t} (score {score}, {level})")
    };
    for (ai, a) in old.rb.axes.iter().enumerate() {
        match new.rb.axes.iter().position(|b| b.id == a.id) {
            Some(bi) if new.rb.axes[bi].threshold != a.threshold => {
                out.push(Cause::new("threshold", &a.id, at(old, ai), at(new, bi)))
            }
            Some(_) => {}
            None => out.push(Cause::new(
                "axis",
                &a.id,
                "present".into(),
                "removed".into(),
            )),
        }
    }
    for b in new
        .rb
        .axes
        .iter()
        .filter(|b| !old.rb.axes.iter().any(|a| a.id == b.id))
    {
        out.push(Cause::new("axis", &b.id, "absent".into(), "added".into()));
    }
}

/// `knowledge +2, behavior -1`, or `does not fire`.
fn effect(s: &Assessed<'_>, id: &str) -> String {
    let Some(ri) = s.rb.rules.iter().position(|r| r.id == id) else {
        return "not in the rule base".into();
    };
    if !s.assessment.fired.contains(&ri) {
        return "does not fire".into();
    }
    s.rb.rules[ri]
        .add
        .iter()
        .map(|&(ax, p)| format!("{} {p:+}", s.rb.axes[ax].id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rules that fire under one rule base and not the other, or with other points.
fn rules(old: &Assessed<'_>, new: &Assessed<'_>, out: &mut Vec<Cause>) {
    let mut ids: Vec<&str> = old
        .assessment
        .fired
        .iter()
        .map(|&r| old.rb.rules[r].id.as_str())
        .collect();
    for &r in &new.assessment.fired {
        let id = new.rb.rules[r].id.as_str();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    for id in ids {
        let (o, n) = (effect(old, id), effect(new, id));
        if o != n {
            out.push(Cause::new("rule", id, o, n));
        }
    }
}

/// What a gate does to a component: `excludes fine-tune`, `may apply: ...`, `does not apply`.
fn gate_effect(s: &Assessed<'_>, id: &str) -> String {
    let Some(g) = s.rb.gates.iter().find(|g| g.id == id) else {
        return "not in the rule base".into();
    };
    let excludes = || {
        g.exclude
            .iter()
            .map(|o| o.id())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match eval(&g.when, s.answers) {
        Truth::True => format!("excludes {}", excludes()),
        Truth::Unknown if g.if_unknown == IfUnknown::Exclude => {
            format!("may apply: excludes {}", excludes())
        }
        Truth::Unknown => format!("may apply: flags {}", excludes()),
        Truth::False => "does not apply".into(),
    }
}

fn gates(old: &Assessed<'_>, new: &Assessed<'_>, out: &mut Vec<Cause>) {
    let mut ids: Vec<&str> = old.rb.gates.iter().map(|g| g.id.as_str()).collect();
    for g in &new.rb.gates {
        if !ids.contains(&g.id.as_str()) {
            ids.push(&g.id);
        }
    }
    for id in ids {
        let (o, n) = (gate_effect(old, id), gate_effect(new, id));
        if o != n {
            out.push(Cause::new("gate", id, o, n));
        }
    }
}

/// Factors only the new rule base has, read by its rules and unanswered
/// here: each lowers the confidence until the workload answers it.
fn new_factors(old: &Assessed<'_>, new: &Assessed<'_>, out: &mut Vec<Cause>) {
    for (fi, f) in new.rb.factors.iter().enumerate() {
        let read = !new.rb.deps[fi].rules.is_empty() || !new.rb.deps[fi].gates.is_empty();
        if read && new.answers.0[fi].is_none() && old.rb.factor_index(&f.id).is_none() {
            out.push(Cause::new(
                "factor",
                &f.id,
                "absent".into(),
                "new, unanswered".into(),
            ));
        }
    }
}

/// When nothing that applies changed, the difference comes through the
/// unanswered factors (the worst case confidence counts): name the rules
/// and gates whose definition changed and that read one of them.
fn changed_definitions(old: &Assessed<'_>, new: &Assessed<'_>, out: &mut Vec<Cause>) {
    let unanswered = |fi: &usize| new.answers.0[*fi].is_none();
    for (ri, r) in new.rb.rules.iter().enumerate() {
        let Some(or) = old.rb.rules.iter().find(|o| o.id == r.id) else {
            continue;
        };
        let show = |rb: &RuleBase, rule: &crate::rules::Rule| {
            let adds: Vec<String> = rule
                .add
                .iter()
                .map(|&(ax, p)| format!("{} {p:+}", rb.axes[ax].id))
                .collect();
            format!("when {}: {}", rb.show(&rule.when), adds.join(", "))
        };
        let (o, n) = (show(old.rb, or), show(new.rb, r));
        if o != n && new.rb.rule_factors[ri].iter().any(unanswered) {
            out.push(Cause::new("rule", &r.id, o, n));
        }
    }
    if out.is_empty() {
        // Nothing that applies here changed by id: what is left are the
        // decision's fallbacks and min_support, and conditions on factors
        // this component leaves unanswered.
        out.push(Cause::new(
            "decision",
            "",
            "as before for these answers".into(),
            "fallbacks, min_support or an unanswered factor's rules differ".into(),
        ));
    }
}
