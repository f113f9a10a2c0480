//! Soundness of the advice under uncertainty, on the default rule base.
//!
//! Each property is stated in one line, checked on thousands of generated
//! components (a fixed-seed generator, so a failure reproduces), and its
//! violations counted; the counts print with `cargo test -- --nocapture`.
//! Every property must hold with zero violations.

// The counts are the point of these tests: they print with --nocapture.
#![allow(clippy::print_stderr)]

use ragfit::engine::{self, assess, decide, Assessment};
use ragfit::rules::{self, Answers, FactorKind, IfUnknown, Outcome, RuleBase, Value};

mod rng;
use rng::Rng;

fn rb() -> &'static RuleBase {
    static RB: std::sync::OnceLock<RuleBase> = std::sync::OnceLock::new();
    RB.get_or_init(|| rules::load_default().expect("default rules load"))
}

/// How many components each property sees.
const CASES: usize = 4000;

/// A value for a factor: for numbers, mostly on or next to a threshold.
fn value(rng: &mut Rng, fi: usize) -> Value {
    let rb = rb();
    match &rb.factors[fi].kind {
        FactorKind::Boolean => Value::Bool(rng.chance(50)),
        FactorKind::Choice { values, .. } => Value::Choice(rng.below(values.len())),
        FactorKind::Number { min, .. } => {
            let c = &rb.deps[fi].candidates;
            if !c.is_empty() && rng.chance(85) {
                Value::Number(c[rng.below(c.len())])
            } else {
                Value::Number(min.unwrap_or(0.0).max(0.0) + rng.below(200_000) as f64)
            }
        }
    }
}

/// A component with each factor unknown with probability `unknown_percent`.
fn component(rng: &mut Rng, unknown_percent: usize) -> Answers {
    let n = rb().factors.len();
    Answers(
        (0..n)
            .map(|fi| (!rng.chance(unknown_percent)).then(|| value(rng, fi)))
            .collect(),
    )
}

/// Components from a mix of completeness levels, as real files are.
fn components(seed: u64) -> Vec<Answers> {
    let mut rng = Rng(seed);
    (0..CASES)
        .map(|i| component(&mut rng, [0, 10, 25, 50, 90][i % 5]))
        .collect()
}

fn report(property: &str, checked: usize, violations: &[String]) {
    eprintln!(
        "property: {property}: {checked} checked, {} violations",
        violations.len()
    );
    assert!(
        violations.is_empty(),
        "{property}: {} violations, e.g.\n{}",
        violations.len(),
        violations
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn show(a: &Answers) -> String {
    let rb = rb();
    let parts: Vec<String> = rb
        .factors
        .iter()
        .enumerate()
        .filter_map(|(fi, f)| a.0[fi].map(|v| format!("{}={}", f.id, f.format_value(Some(v)))))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

fn candidates(fi: usize) -> Vec<Value> {
    let rb = rb();
    match &rb.factors[fi].kind {
        FactorKind::Boolean => vec![Value::Bool(false), Value::Bool(true)],
        FactorKind::Choice { values, .. } => (0..values.len()).map(Value::Choice).collect(),
        FactorKind::Number { .. } => rb.deps[fi]
            .candidates
            .iter()
            .map(|&n| Value::Number(n))
            .collect(),
    }
}

/// Gate-under-unknown: a recommendation that a gate would exclude for some
/// answer to an unanswered factor is borderline, below the threshold, lists
/// that factor in `unanswered` ahead of every factor no such gate reads, and
/// has an alternative for it giving the outcome that answer produces.
#[test]
fn a_gate_that_may_exclude_the_recommendation_keeps_it_unsettled() {
    let rb = rb();
    let mut violations = Vec::new();
    let mut checked = 0;
    for a in components(0x5EED_0001) {
        let asm = assess(rb, &a);
        let r = asm.outcome();
        for fi in (0..rb.factors.len()).filter(|&fi| a.0[fi].is_none()) {
            for v in candidates(fi) {
                let mut b = a.clone();
                b.0[fi] = Some(v);
                let triggered = rb.gates.iter().enumerate().any(|(gi, g)| {
                    g.exclude.contains(&r)
                        && rb.gate_factors[gi].contains(&fi)
                        && engine::eval(&g.when, &a) == engine::Truth::Unknown
                        && engine::eval(&g.when, &b) == engine::Truth::True
                });
                if !triggered {
                    continue;
                }
                checked += 1;
                let then = decide(rb, &b).outcome;
                let pos = asm.unanswered.iter().position(|&f| f == fi);
                let first_ungated = asm.unanswered.iter().position(|&f| {
                    !asm.unsettled_by
                        .iter()
                        .any(|&gi| rb.gate_factors[gi].contains(&f))
                });
                let has_alt = asm
                    .alternatives
                    .iter()
                    .any(|alt| alt.factor == fi && alt.outcome == then);
                let ok = asm.borderline
                    && asm.confidence < rb.confidence.borderline_below
                    && pos.is_some_and(|p| first_ungated.is_none_or(|u| p < u))
                    && (then == r || has_alt);
                if !ok {
                    violations.push(format!(
                        "{}: {r} {:.2} borderline={} unanswered={:?}; if {} were {} it would be {then}",
                        show(&a),
                        asm.confidence,
                        asm.borderline,
                        asm.unanswered,
                        rb.factors[fi].id,
                        rb.factors[fi].format_value(Some(v))
                    ));
                }
                break;
            }
        }
    }
    assert!(
        checked > 500,
        "the generator reaches the property ({checked})"
    );
    report("gate under unknown is flagged", checked, &violations);
}

/// Safety gates stay on the safe side: while a safety gate may apply, the
/// recommendation is never one it would exclude.
#[test]
fn a_safety_gate_that_may_apply_never_lets_its_outcome_through() {
    let rb = rb();
    let mut violations = Vec::new();
    let mut checked = 0;
    for a in components(0x5EED_0002) {
        let d = decide(rb, &a);
        for (gi, g) in rb.gates.iter().enumerate() {
            if g.if_unknown != IfUnknown::Exclude
                || engine::eval(&g.when, &a) != engine::Truth::Unknown
            {
                continue;
            }
            checked += 1;
            if g.exclude.contains(&d.outcome) && !d.all_excluded {
                violations.push(format!("{}: {} despite gate {}", show(&a), d.outcome, g.id));
            }
            let _ = gi;
        }
    }
    assert!(checked > 500, "{checked}");
    report(
        "a safety gate that may apply excludes its outcomes",
        checked,
        &violations,
    );
}

/// Monotone confidence: making one answer unknown never raises confidence.
#[test]
fn confidence_never_rises_when_an_answer_is_taken_away() {
    let rb = rb();
    let mut violations = Vec::new();
    let mut checked = 0;
    let mut rng = Rng(0x5EED_0003);
    for a in components(0x5EED_0004) {
        let answered: Vec<usize> = (0..rb.factors.len())
            .filter(|&f| a.0[f].is_some())
            .collect();
        if answered.is_empty() {
            continue;
        }
        let before = assess(rb, &a).confidence;
        // Four removals per component: different factors, different worlds.
        for _ in 0..4 {
            let fi = answered[rng.below(answered.len())];
            let mut b = a.clone();
            b.0[fi] = None;
            let after = assess(rb, &b).confidence;
            checked += 1;
            if after > before {
                violations.push(format!(
                    "{}: {before:.2} → {after:.2} with {} unknown",
                    show(&a),
                    rb.factors[fi].id
                ));
            }
        }
    }
    report(
        "an answer made unknown never raises confidence",
        checked,
        &violations,
    );
}

/// All-unknown is the lowest: no component is less confident than one with no answers.
#[test]
fn a_component_with_no_answers_is_the_least_confident() {
    let rb = rb();
    let none = assess(rb, &Answers(vec![None; rb.factors.len()]));
    let mut violations = Vec::new();
    let all = components(0x5EED_0005);
    for a in &all {
        let c = assess(rb, a).confidence;
        if c < none.confidence {
            violations.push(format!("{}: {c:.2} < {:.2}", show(a), none.confidence));
        }
    }
    assert!(none.borderline, "no answers is never a confident result");
    report(
        "no component is below the all-unknown confidence",
        all.len(),
        &violations,
    );
}

/// Confidence is for the outcome shown: with every factor answered, it is
/// exactly `m / (m + scale)`, where m is the fewest points one axis must move
/// to change the *recommendation* (found here by brute force, re-deciding).
#[test]
fn confidence_is_computed_for_the_recommended_outcome() {
    let rb = rb();
    let mut violations = Vec::new();
    let mut rng = Rng(0x5EED_0006);
    let mut checked = 0;
    for _ in 0..CASES {
        let a = component(&mut rng, 0);
        let asm = assess(rb, &a);
        let d = &asm.decided;
        let cap = rb.confidence.margin_cap;
        let mut m = cap;
        for axis in 0..rb.axes.len() {
            for dir in [-1i64, 1] {
                for k in 1..cap {
                    let mut s = d.scores.clone();
                    s[axis] += dir * k;
                    if engine::robust_margin(rb, &s, d.mask(), 1).0 != d.outcome {
                        m = m.min(k);
                        break;
                    }
                }
            }
        }
        let expected =
            ((m as f64 / (m as f64 + rb.confidence.margin_scale)) * 100.0).round() / 100.0;
        let expected = if asm.why.capped {
            expected.min(rb.confidence.unsettled_cap())
        } else {
            expected
        };
        checked += 1;
        if (asm.confidence - expected).abs() > 1e-9 {
            violations.push(format!(
                "{}: {} {:.2}, expected {expected:.2} (margin {m})",
                show(&a),
                d.outcome,
                asm.confidence
            ));
        }
    }
    report(
        "confidence is the recommendation's own margin",
        checked,
        &violations,
    );
}

/// No self-contradiction: every note attached to a result is one its rule
/// base declares for that outcome, and no result without retrieval carries a
/// note that asks for retrieval (the two examples included).
#[test]
fn no_note_tells_a_result_that_its_own_technique_is_wrong() {
    let rb = rb();
    let mut violations = Vec::new();
    let mut checked = 0;
    for a in components(0x5EED_0007) {
        let asm = assess(rb, &a);
        let r = asm.outcome();
        for &ni in &asm.notes {
            checked += 1;
            let n = &rb.notes[ni];
            let declared = n.outcomes.is_empty() || n.outcomes.contains(&r);
            let asks_retrieval = ["need retrieval", "retrieved by a tool", "retrieval hop"]
                .iter()
                .any(|p| n.text.contains(p));
            let retrieves = matches!(r, Outcome::Rag | Outcome::Hybrid);
            if !declared || (asks_retrieval && !retrieves) {
                violations.push(format!("{}: {r} carries note {}", show(&a), n.id));
            }
        }
    }
    assert!(checked > 1000, "{checked}");
    report("no contradictory note", checked, &violations);
}

/// Fallbacks follow the axes: a result that falls back from an excluded
/// table outcome never adds retrieval or fine-tuning whose axis has no
/// support, while an outcome that adds nothing (prompt-only) is allowed.
#[test]
fn a_fallback_never_adds_a_technique_nothing_asks_for() {
    let rb = rb();
    let k = rb.axes.iter().position(|x| x.id == "knowledge").unwrap();
    let b = rb.axes.iter().position(|x| x.id == "behavior").unwrap();
    let mut violations = Vec::new();
    let mut checked = 0;
    for a in components(0x5EED_0008) {
        let d = decide(rb, &a);
        if d.outcome == d.table_outcome || d.all_excluded {
            continue;
        }
        checked += 1;
        let prompt_only_allowed = !d.excluded.iter().any(|e| e.outcome == Outcome::PromptOnly);
        let min = rb.decision.min_support;
        let adds_retrieval =
            matches!(d.outcome, Outcome::Rag | Outcome::Hybrid) && d.scores[k] < min;
        let adds_training =
            matches!(d.outcome, Outcome::FineTune | Outcome::Hybrid) && d.scores[b] < min;
        if prompt_only_allowed && (adds_retrieval || adds_training) {
            violations.push(format!(
                "{}: falls back to {} with scores {:?}",
                show(&a),
                d.outcome,
                d.scores
            ));
        }
    }
    assert!(checked > 200, "{checked}");
    report(
        "a fallback adds no unsupported technique",
        checked,
        &violations,
    );
}

/// Sound assessments: confidence in [0, 1], borderline exactly below the
/// threshold, every alternative real.
#[test]
fn assessments_are_internally_consistent() {
    let rb = rb();
    let mut violations = Vec::new();
    let all = components(0x5EED_0009);
    for a in &all {
        let asm: Assessment = assess(rb, a);
        let ok_range = (0.0..=1.0).contains(&asm.confidence);
        let ok_border = asm.borderline == (asm.confidence < rb.confidence.borderline_below);
        let ok_cap = !asm.why.capped || asm.confidence <= rb.confidence.unsettled_cap();
        let ok_alts = asm.alternatives.iter().all(|alt| {
            let mut b = a.clone();
            b.0[alt.factor] = Some(alt.value);
            decide(rb, &b).outcome == alt.outcome
        });
        if !(ok_range && ok_border && ok_cap && ok_alts) {
            violations.push(show(a));
        }
    }
    report("assessments are consistent", all.len(), &violations);
}

/// The explained worst case is the same worst case: same margin, same outcomes.
#[test]
fn the_explained_worst_case_agrees_with_scoring() {
    let rb = rb();
    let mut violations = Vec::new();
    let all = components(0x5EED_000A);
    for a in &all {
        let fast = assess(rb, a).why.worst;
        let explained = engine::worst_case_of(rb, a);
        if fast.margin != explained.margin || fast.outcomes != explained.outcomes {
            violations.push(format!("{}: {fast:?} vs {explained:?}", show(a)));
        }
    }
    report(
        "explained worst case = scored worst case",
        all.len(),
        &violations,
    );
}
