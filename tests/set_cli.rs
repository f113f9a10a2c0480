//! End-to-end tests of the `--set` what-if overrides on `explain` and
//! `score`, running the real binary: what changed is shown, only the named
//! component changes, every reported alternative holds when applied, and
//! bad overrides are usage errors with hints.

use predicates::prelude::*;
use serde_json::Value;

mod run;
use run::{json_of, ragfit, stdout_of};

const OUTCOMES: &str = "tests/fixtures/explain/outcomes.yaml";
const BORDERLINE: &str = "tests/fixtures/explain/borderline.yaml";
const GATED: &str = "tests/fixtures/explain/gated.yaml";
const UNANSWERED: &str = "tests/fixtures/explain/unanswered.yaml";

#[test]
fn set_on_explain_shows_what_changed() {
    let j = json_of(&[
        "explain",
        OUTCOMES,
        "-c",
        "release-notes",
        "--set",
        "release-notes.output_consistency=low",
        "--set",
        "labeled_examples=unknown",
        "-f",
        "json",
    ]);
    assert_eq!(
        j["overrides"],
        serde_json::json!([
            "release-notes.output_consistency=low",
            "labeled_examples=unknown"
        ])
    );
    let c = &j["components"][0];
    assert_eq!(c["recommendation"], "rag");
    assert_eq!(
        c["changes"],
        serde_json::json!([
            {"factor": "output_consistency", "from": "high", "to": "low"},
            {"factor": "labeled_examples", "from": 5000, "to": "unknown"}
        ])
    );
    let text = stdout_of(&[
        "explain",
        OUTCOMES,
        "-c",
        "release-notes",
        "--set",
        "output_consistency=low",
    ]);
    assert!(
        text.contains("what-if: 1 answer changed with --set"),
        "{text}"
    );
    assert!(text.contains("--set (file: high)"), "{text}");
}

#[test]
fn set_on_score_changes_only_the_named_component() {
    let j = json_of(&[
        "score",
        OUTCOMES,
        "--set",
        "field-extraction.knowledge_size_docs=5000",
        "--set",
        "field-extraction.citations=audited",
        "-f",
        "json",
    ]);
    let rec = |name: &str| {
        j["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["component"] == name)
            .unwrap()["recommendation"]
            .clone()
    };
    assert_eq!(rec("field-extraction"), "hybrid");
    assert_eq!(rec("policy-qa"), "rag");
    // Without a component, every component gets the answer.
    let j = json_of(&[
        "score",
        OUTCOMES,
        "--set",
        "labeled_examples=0",
        "-f",
        "json",
    ]);
    for r in j["results"].as_array().unwrap() {
        assert_ne!(r["recommendation"], "fine-tune");
        assert_ne!(r["recommendation"], "hybrid");
    }
}

#[test]
fn every_reported_alternative_holds_when_applied_with_set() {
    for file in [OUTCOMES, BORDERLINE, GATED, UNANSWERED] {
        let j = json_of(&["score", file, "-f", "json"]);
        for r in j["results"].as_array().unwrap() {
            let name = r["component"].as_str().unwrap();
            for alt in r["alternatives"].as_array().unwrap() {
                let (factor, value) = alt["if"].as_object().unwrap().iter().next().unwrap();
                let value = match value {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let set = format!("{name}.{factor}={value}");
                let after = json_of(&["score", file, "--set", &set, "-f", "json"]);
                let got = after["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["component"] == name)
                    .unwrap()["recommendation"]
                    .clone();
                assert_eq!(got, alt["outcome"], "{file}: --set {set}");
            }
        }
    }
}

#[test]
fn set_errors_are_usage_errors_with_hints() {
    for cmd in ["score", "explain"] {
        ragfit()
            .args([cmd, OUTCOMES, "--set", "citation=required"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "error: --set citation=required: unknown factor `citation` (did you mean `citations`?)",
            ));
        ragfit()
            .args([cmd, OUTCOMES, "--set", "citations=requird"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("did you mean `required`?"));
        ragfit()
            .args([cmd, OUTCOMES, "--set", "daily_requests=lots"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "`daily_requests` takes a number, not `lots`",
            ));
        ragfit()
            .args([cmd, OUTCOMES, "--set", "polcy-qa.citations=none"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "no component named `polcy-qa` (did you mean `policy-qa`?)",
            ));
    }
}
