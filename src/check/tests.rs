//! Unit tests of the review: statuses, severities and waiver dates.

use super::*;
use crate::engine;
use crate::rules::{self, RuleBase};
use crate::workload;

fn date(s: &str) -> jiff::civil::Date {
    s.parse().unwrap()
}

fn opts(today: &str) -> Options {
    Options::new(date(today), FailOn::Error)
}

/// A component that gets `rag` (deletion excludes fine-tune), declared as `declared`.
fn component(declared: Option<&str>, waiver_expires: Option<&str>) -> String {
    let mut s = String::from("workload: w\ncomponents:\n  - name: hr\n");
    if let Some(d) = declared {
        s.push_str(&format!("    architecture: {d}\n"));
    }
    s.push_str(
        "    answers:\n      knowledge_volatility: monthly\n      citations: required\n      \
         latency_budget_ms: 5000\n      daily_requests: 1500\n      task_shape: conversation\n      \
         output_consistency: medium\n      labeled_examples: 200\n      knowledge_size_docs: 900\n      \
         deletion_required: true\n      shared_across_teams: true\n      data_sensitivity: regulated\n",
    );
    if let Some(e) = waiver_expires {
        s.push_str(&format!(
            "    waiver:\n      reason: moving to rag\n      expires: {e}\n"
        ));
    }
    s
}

/// A parsed and assessed workload: what a report borrows from.
struct Input {
    w: workload::Workload,
    a: Vec<engine::Assessment>,
}

fn input(rb: &RuleBase, yaml: &str) -> Input {
    let w = workload::parse(rb, "w.yaml", yaml).expect("valid workload");
    let a: Vec<_> = w
        .components
        .iter()
        .map(|c| engine::assess(rb, &c.answers))
        .collect();
    Input { w, a }
}

impl Input {
    fn review<'a>(&'a self, rb: &'a RuleBase, o: &Options) -> CheckReport<'a> {
        review(rb, [(&self.w, self.a.as_slice())], Vec::new(), o)
    }
}

fn codes(r: &CheckReport) -> Vec<(Code, Severity)> {
    r.findings().map(|f| (f.code, f.severity)).collect()
}

#[test]
fn a_matching_declaration_has_no_findings() {
    let rb = rules::load_default().unwrap();
    let r_in = input(&rb, &component(Some("rag"), None));
    let r = r_in.review(&rb, &opts("2030-01-01"));
    assert_eq!(comps(&r)[0].status, Status::Agree);
    assert!(findings(&r).is_empty());
    assert_eq!(r.summary.agree, 1);
}

#[test]
fn a_clear_mismatch_is_an_error_at_the_architecture_key() {
    let rb = rules::load_default().unwrap();
    let r_in = input(&rb, &component(Some("fine-tune"), None));
    let r = r_in.review(&rb, &opts("2030-01-01"));
    assert_eq!(codes(&r), [(Code::Mismatch, Severity::Error)]);
    // Line 4 is `architecture:`, indented four spaces.
    assert_eq!((findings(&r)[0].line, findings(&r)[0].column), (4, 5));
    assert_eq!(r.summary.failing, 1);
}

#[test]
fn a_waiver_holds_through_its_expiry_day_and_fails_the_day_after() {
    let rb = rules::load_default().unwrap();
    let yaml = component(Some("fine-tune"), Some("2030-06-30"));
    let on_the_day_in = input(&rb, &yaml);
    let on_the_day = on_the_day_in.review(&rb, &opts("2030-06-30"));
    assert_eq!(
        codes(&on_the_day),
        [
            (Code::WaivedMismatch, Severity::Note),
            (Code::ExpiringWaiver, Severity::Warning)
        ]
    );
    assert!(findings(&on_the_day)[1]
        .message
        .contains("expires on 2030-06-30 (today, its last day)"));
    assert_eq!(comps(&on_the_day)[0].status, Status::Waived);
    let waiver = findings(&on_the_day)[0].waiver.as_ref().unwrap();
    assert_eq!(
        (waiver.reason.as_str(), waiver.expires.as_str()),
        ("moving to rag", "2030-06-30")
    );
    assert!(findings(&on_the_day)[0].message.contains("moving to rag"));

    let after_in = input(&rb, &yaml);
    let after = after_in.review(&rb, &opts("2030-07-01"));
    assert_eq!(
        codes(&after),
        [
            (Code::Mismatch, Severity::Error),
            (Code::ExpiredWaiver, Severity::Error)
        ]
    );
    assert_eq!(comps(&after)[0].status, Status::Disagree);
}

#[test]
fn a_waiver_with_nothing_to_waive_is_a_warning() {
    let rb = rules::load_default().unwrap();
    let matching_in = input(&rb, &component(Some("rag"), Some("2030-06-30")));
    let matching = matching_in.review(&rb, &opts("2030-01-01"));
    assert_eq!(codes(&matching), [(Code::UnusedWaiver, Severity::Warning)]);
    let undeclared_in = input(&rb, &component(None, Some("2030-06-30")));
    let undeclared = undeclared_in.review(&rb, &opts("2030-01-01"));
    assert_eq!(
        codes(&undeclared),
        [
            (Code::UnusedWaiver, Severity::Warning),
            (Code::Undeclared, Severity::Warning)
        ]
    );
    // Expired on a component that agrees: stale, a warning, not an error.
    let expired_in = input(&rb, &component(Some("rag"), Some("2029-12-31")));
    let expired = expired_in.review(&rb, &opts("2030-01-01"));
    assert_eq!(codes(&expired), [(Code::UnusedWaiver, Severity::Warning)]);
    assert!(findings(&expired)[0]
        .message
        .contains("the waiver is stale: it expired on 2029-12-31 and waives nothing"));
    assert_eq!(expired.summary.failing, 0);
}

#[test]
fn a_covering_waiver_is_announced_within_the_warning_period_only() {
    let rb = rules::load_default().unwrap();
    let yaml = component(Some("fine-tune"), Some("2030-06-30"));
    let expiring = |today: &str, days: i64| {
        let mut o = opts(today);
        o.waiver_warn_days = days;
        codes(&input(&rb, &yaml).review(&rb, &o))
            .contains(&(Code::ExpiringWaiver, Severity::Warning))
    };
    assert!(expiring("2030-06-01", 30), "29 days before: within 30");
    assert!(!expiring("2030-05-31", 30), "30 days before: not yet");
    assert!(expiring("2030-06-30", 1), "the last day");
    assert!(!expiring("2030-06-29", 1));
    assert!(!expiring("2030-06-30", 0), "0 turns it off");
    assert!(!expiring("2030-07-01", 30), "expired: RF006 instead");
}

#[test]
fn finding_controls_add_their_own_codes_and_ignore_drops_codes() {
    let rb = rules::load_default().unwrap();
    let yaml = component(Some("rag"), None);
    let mut o = opts("2030-01-01");
    o.min_confidence = Some(0.99);
    o.require_answers = vec![rb.factor_index("what_fails_today").unwrap()];
    let r_in = input(&rb, &yaml);
    let r = r_in.review(&rb, &o);
    let got = codes(&r);
    assert!(
        got.contains(&(Code::LowConfidence, Severity::Error)),
        "{got:?}"
    );
    assert!(got.contains(&(Code::MissingRequiredAnswer, Severity::Error)));
    let missing = r
        .findings()
        .find(|f| f.code == Code::MissingRequiredAnswer)
        .unwrap();
    assert_eq!(missing.factor.as_deref(), Some("what_fails_today"));
    // At the minimum exactly (as shown) is not below it.
    let shown = (r.components().next().unwrap().result.confidence * 100.0).round() / 100.0;
    o.min_confidence = Some(shown);
    assert!(!codes(&input(&rb, &yaml).review(&rb, &o))
        .contains(&(Code::LowConfidence, Severity::Error)));
    // Ignored codes are dropped and counted.
    o.min_confidence = Some(0.99);
    o.ignore = vec![Code::LowConfidence, Code::MissingRequiredAnswer];
    let r_in = input(&rb, &yaml);
    let r = r_in.review(&rb, &o);
    assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    assert_eq!(r.summary.ignored, 2);
    assert_eq!(r.summary.failing, 0);
}

#[test]
fn a_component_with_no_answers_is_an_error_not_a_pass() {
    let rb = rules::load_default().unwrap();
    let yaml = "workload: w\ncomponents:\n  - name: c\n    architecture: prompt-only\n";
    let r_in = input(&rb, yaml);
    let r = r_in.review(&rb, &opts("2030-01-01"));
    // The borderline note stays; no warning per unanswered factor buries the error.
    assert_eq!(
        codes(&r),
        [
            (Code::BorderlineAgreement, Severity::Note),
            (Code::NoAnswers, Severity::Error)
        ]
    );
    assert!(findings(&r)[1]
        .message
        .contains("answers none of its 14 questions"));
    assert_eq!(r.summary.failing, 1);
}

#[test]
fn require_declared_makes_undeclared_an_error() {
    let rb = rules::load_default().unwrap();
    let mut o = opts("2030-01-01");
    assert_eq!(
        codes(&input(&rb, &component(None, None)).review(&rb, &o)),
        [(Code::Undeclared, Severity::Warning)]
    );
    o.require_declared = true;
    let r_in = input(&rb, &component(None, None));
    let r = r_in.review(&rb, &o);
    assert_eq!(codes(&r), [(Code::Undeclared, Severity::Error)]);
    assert_eq!(r.summary.undeclared, 1);
}

#[test]
fn fail_on_thresholds() {
    use Severity::*;
    assert!(FailOn::Error.fails(Error) && !FailOn::Error.fails(Warning));
    assert!(FailOn::Warning.fails(Warning) && !FailOn::Warning.fails(Note));
    assert!(!FailOn::Never.fails(Error));
}

#[test]
fn identity_ignores_the_line() {
    let rb = rules::load_default().unwrap();
    let a_in = input(&rb, &component(Some("fine-tune"), None));
    let a = a_in.review(&rb, &opts("2030-01-01"));
    let shifted = format!("# a comment\n\n{}", component(Some("fine-tune"), None));
    let b_in = input(&rb, &shifted);
    let b = b_in.review(&rb, &opts("2030-01-01"));
    assert_ne!(findings(&a)[0].line, findings(&b)[0].line);
    assert_eq!(findings(&a)[0].identity(), findings(&b)[0].identity());
}

fn findings<'a>(r: &'a CheckReport<'a>) -> Vec<&'a Finding> {
    r.findings().collect()
}

fn comps<'a>(r: &'a CheckReport<'a>) -> Vec<&'a ComponentCheck<'a>> {
    r.components().collect()
}

#[test]
fn a_fingerprint_from_parts_is_the_fingerprint_of_the_identity() {
    for (path, workload, component, code, factor) in [
        ("w.yaml", "acme", "triage", "RF001", None),
        ("dir/ü.yaml", "", "c", "RF011", Some("citations")),
        ("", "a\u{0}b", "", "", Some("")),
    ] {
        let whole = super::fingerprint(&super::identity(path, workload, component, code, factor));
        let parts = super::fingerprint_of(&[path, workload, component, code, factor.unwrap_or("")]);
        assert_eq!(
            parts, whole,
            "{path} {workload} {component} {code} {factor:?}"
        );
    }
}
