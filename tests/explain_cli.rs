//! End-to-end tests of `ragfit explain`, `explain --rule`, `rules` and the
//! `--set` what-if overrides, running the real binary.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const OUTCOMES: &str = "tests/fixtures/explain/outcomes.yaml";
const BORDERLINE: &str = "tests/fixtures/explain/borderline.yaml";
const GATED: &str = "tests/fixtures/explain/gated.yaml";
const UNANSWERED: &str = "tests/fixtures/explain/unanswered.yaml";

fn ragfit() -> Command {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("COLUMNS");
    cmd.env_remove("RAGFIT_RULES").env_remove("NO_COLOR");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = ragfit().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).expect("stdout is JSON")
}

/// Text and markdown snapshots of one component's explanation.
fn snapshot(file: &str, component: &str) {
    let text = stdout_of(&["explain", file, "--component", component]);
    insta::assert_snapshot!(format!("{component}.text"), text);
    let md = stdout_of(&["explain", file, "-c", component, "--format", "markdown"]);
    insta::assert_snapshot!(format!("{component}.markdown"), md);
}

#[test]
fn snapshot_rag() {
    snapshot(OUTCOMES, "policy-qa");
}

#[test]
fn snapshot_fine_tune() {
    snapshot(OUTCOMES, "field-extraction");
}

#[test]
fn snapshot_hybrid() {
    snapshot(OUTCOMES, "release-notes");
}

#[test]
fn snapshot_prompt_only() {
    snapshot(OUTCOMES, "changelog-summary");
}

#[test]
fn snapshot_borderline() {
    snapshot(BORDERLINE, "team-wiki-chat");
}

#[test]
fn snapshot_gate_with_fallback() {
    snapshot(GATED, "contract-drafting");
}

#[test]
fn snapshot_unanswered() {
    snapshot(UNANSWERED, "ticket-router");
}

#[test]
fn explains_every_component_when_none_is_named() {
    let j = json_of(&["explain", OUTCOMES, "-f", "json"]);
    assert_eq!(j["schema_version"], 2);
    let names: Vec<&str> = j["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["component"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "policy-qa",
            "field-extraction",
            "release-notes",
            "changelog-summary"
        ]
    );
    let outcomes: Vec<&str> = j["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["recommendation"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["rag", "fine-tune", "hybrid", "prompt-only"]);
}

#[test]
fn explain_json_carries_the_score_fields_and_the_decision_trace() {
    let j = json_of(&["explain", GATED, "-f", "json"]);
    let c = &j["components"][0];
    // Same fields as `score --format json` …
    // (`score` refers to rule texts by id; these fields are the same.)
    let score = json_of(&["score", GATED, "-f", "json"]);
    let s = &score["results"][0];
    for key in [
        "path",
        "workload",
        "component",
        "recommendation",
        "table_outcome",
        "confidence",
        "borderline",
        "scores",
        "thresholds",
        "alternatives",
        "unanswered",
        "also_unanswered",
        "architecture",
        "matches",
    ] {
        assert_eq!(c[key], s[key], "field {key}");
    }
    let outcomes = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["excluded"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["outcome"].clone())
            .collect()
    };
    assert_eq!(outcomes(c), outcomes(s));
    // … and the explain-only trace: hybrid from the table, excluded, rag as the
    // nearest allowed outcome along the axes.
    assert_eq!(c["decision"]["table_outcome"], "hybrid");
    assert_eq!(c["decision"]["table_excluded_by"], "too-few-examples");
    let options = c["decision"]["fallbacks"].as_array().unwrap();
    let option = |o: &str| options.iter().find(|x| x["outcome"] == o).unwrap();
    assert_eq!(option("fine-tune")["excluded_by"], "too-few-examples");
    assert_eq!(option("rag")["excluded_by"], Value::Null);
    assert_eq!(option("prompt-only")["excluded_by"], Value::Null);
    assert!(
        option("rag")["distance"].as_i64().unwrap()
            < option("prompt-only")["distance"].as_i64().unwrap()
    );
    assert_eq!(c["recommendation"], "rag");
    let gate = c["gates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["gate"] == "too-few-examples")
        .unwrap();
    assert_eq!(gate["status"], "applies");
    assert_eq!(gate["condition"], "labeled_examples < 50");
}

#[test]
fn unanswered_factors_are_marked_and_lower_confidence() {
    let j = json_of(&["explain", UNANSWERED, "-f", "json"]);
    let c = &j["components"][0];
    let answers = c["answers"].as_array().unwrap();
    let entry = |f: &str| answers.iter().find(|a| a["factor"] == f).unwrap();
    assert_eq!(entry("labeled_examples")["answered"], false);
    assert_eq!(entry("labeled_examples")["value"], "unknown");
    assert_eq!(entry("citations")["answered"], true);
    let unanswered: Vec<&str> = c["unanswered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    // The factors of the gates that may exclude fine-tune come first; then the
    // others that could flip it alone (regulated data lowers the behaviour axis).
    assert_eq!(
        unanswered,
        [
            "labeled_examples",
            "fine_tuning_available",
            "output_consistency",
            "data_sensitivity",
            "what_fails_today"
        ]
    );
    // The rest of what is unanswered cannot flip it alone, but still costs confidence.
    let also: Vec<&str> = c["also_unanswered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        also,
        [
            "knowledge_size_docs",
            "shared_across_teams",
            "beyond_base_model"
        ]
    );
    let d = &c["confidence_detail"];
    // Five contract factors are unanswered (optional ones cost nothing by themselves).
    assert_eq!(d["penalized"], 5);
    assert_eq!(d["capped"], true);
    let gates: Vec<&str> = d["unsettled_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    // The first two could exclude fine-tune itself; the last two could exclude
    // outcomes that some answers to the unanswered factors lead to.
    assert_eq!(
        gates,
        [
            "too-few-examples",
            "fine-tuning-unavailable",
            "nothing-to-retrieve",
            "corpus-fits-in-prompt"
        ]
    );
    // confidence = margin / (margin + scale) − penalty, clamped at 0, at most the cap.
    let m = d["margin"].as_f64().unwrap();
    let expected = (m / (m + 2.0) - 5.0 * 0.05).clamp(0.0, 1.0).min(0.49);
    assert!((c["confidence"].as_f64().unwrap() - expected).abs() < 0.006);
    assert_eq!(c["borderline"], true);
}

#[test]
fn borderline_is_said_in_every_format() {
    let text = stdout_of(&["explain", BORDERLINE]);
    assert!(
        text.contains("BORDERLINE: confidence 0.33 is below 0.50"),
        "{text}"
    );
    let md = stdout_of(&["explain", BORDERLINE, "-f", "markdown"]);
    assert!(md.contains("> **Borderline.** Confidence 0.33"), "{md}");
    let j = json_of(&["explain", BORDERLINE, "-f", "json"]);
    assert_eq!(j["components"][0]["borderline"], true);
    assert!(!j["components"][0]["alternatives"]
        .as_array()
        .unwrap()
        .is_empty());
    // score: every format marks it, and the human ones list the alternatives.
    let table = stdout_of(&["score", BORDERLINE]);
    assert!(table.contains("0.33 borderline"), "{table}");
    assert!(
        table.contains("borderline: team-wiki-chat (0.33): would be prompt-only if"),
        "{table}"
    );
    let md = stdout_of(&["score", BORDERLINE, "-f", "markdown"]);
    assert!(md.contains("0.33 (borderline)"), "{md}");
    assert!(
        md.contains("- **borderline:** team-wiki-chat (0.33): would be"),
        "{md}"
    );
    let j = json_of(&["score", BORDERLINE, "-f", "json"]);
    assert_eq!(j["results"][0]["borderline"], true);
    let yaml = stdout_of(&["score", BORDERLINE, "-f", "yaml"]);
    assert!(yaml.contains("borderline: true"), "{yaml}");
    let csv = stdout_of(&["score", BORDERLINE, "-f", "csv"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "borderline").unwrap();
    assert_eq!(row[col], "true");
}

#[test]
fn unknown_component_is_a_usage_error_with_a_hint() {
    ragfit()
        .args(["explain", OUTCOMES, "--component", "release-note"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no component named `release-note` in tests/fixtures/explain/outcomes.yaml (did you mean `release-notes`?)",
        ));
}

#[test]
fn explain_needs_a_file_or_a_rule() {
    ragfit().args(["explain"]).assert().code(2);
    ragfit()
        .args(["explain", OUTCOMES, "--rule", "low-volume"])
        .assert()
        .code(2);
    ragfit()
        .args(["explain", "tests/fixtures/explain/missing.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.yaml"));
}

#[test]
fn explain_rule_renders_the_condition() {
    let text = stdout_of(&["explain", "--rule", "volatile-knowledge-not-in-weights"]);
    assert!(
        text.starts_with("gate volatile-knowledge-not-in-weights"),
        "{text}"
    );
    assert!(
        text.contains("(knowledge_volatility >= monthly AND knowledge_size_docs > 100) OR"),
        "{text}"
    );
    let j = json_of(&["explain", "--rule", "erasable-knowledge", "-f", "json"]);
    let item = &j["items"][0];
    assert_eq!(item["kind"], "rule");
    assert_eq!(
        item["when"],
        "deletion_required = true AND knowledge_size_docs > 0"
    );
    assert_eq!(item["add"]["knowledge"], 2);
    assert!(item["source"].as_str().unwrap().contains("GDPR"));
    let md = stdout_of(&["explain", "--rule", "regulated-data", "-f", "markdown"]);
    assert!(md.starts_with("### Note `regulated-data`"), "{md}");
    assert!(
        md.contains("- **when:** `data_sensitivity = regulated`"),
        "{md}"
    );
}

#[test]
fn explain_unknown_rule_is_a_usage_error_with_a_hint() {
    ragfit()
        .args(["explain", "--rule", "knowledge-changes-montly"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "did you mean `knowledge-changes-monthly`?",
        ));
}

#[test]
fn rules_json_lists_the_whole_rule_base() {
    let j = json_of(&["rules", "--format", "json"]);
    assert_eq!(j["schema_version"], 2);
    let ids = |key: &str| -> Vec<String> {
        j[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    let factors = ids("factors");
    for f in [
        "knowledge_volatility",
        "citations",
        "latency_budget_ms",
        "daily_requests",
        "task_shape",
        "output_consistency",
        "labeled_examples",
        "knowledge_size_docs",
        "deletion_required",
        "shared_across_teams",
        "data_sensitivity",
    ] {
        assert!(factors.iter().any(|x| x == f), "factor {f}");
    }
    assert!(ids("rules").iter().any(|x| x == "citations-required"));
    assert!(ids("gates").iter().any(|x| x == "too-few-examples"));
    assert!(ids("notes").iter().any(|x| x == "tight-latency-budget"));
    for rule in j["rules"].as_array().unwrap() {
        assert!(!rule["when"].as_str().unwrap().is_empty());
        assert!(!rule["source"].as_str().unwrap().is_empty());
        assert!(rule["line"].as_u64().unwrap() > 0);
    }
    let table = j["decision"]["table"].as_array().unwrap();
    assert_eq!(table.len(), 4);
    assert!(table.iter().any(|r| r["when"]["knowledge"] == "high"
        && r["when"]["behavior"] == "high"
        && r["outcome"] == "hybrid"));
    let tc = &j["factors"][0];
    assert_eq!(tc["kind"], "ordered-choice");
    assert_eq!(tc["values"][0]["id"], "static");
}

#[test]
fn rules_table_and_markdown_show_every_section() {
    let text = stdout_of(&["rules"]);
    for section in ["Axes", "Factors", "Rules", "Gates", "Notes", "Decision"] {
        assert!(text.lines().any(|l| l == section), "section {section}");
    }
    assert!(
        text.contains("when knowledge_volatility >= weekly"),
        "{text}"
    );
    let md = stdout_of(&["rules", "-f", "markdown"]);
    for section in [
        "## Axes",
        "## Factors",
        "## Rules",
        "## Gates",
        "## Notes",
        "## Decision",
    ] {
        assert!(md.contains(section), "section {section}");
    }
    assert!(md.contains("| `too-few-examples` | `labeled_examples < 50` | fine-tune, hybrid |"));
}

#[test]
fn color_is_opt_in_and_never_in_json() {
    let plain = stdout_of(&["explain", GATED]);
    assert!(!plain.contains('\x1b'));
    let colored = stdout_of(&["--color", "always", "explain", GATED]);
    assert!(colored.contains('\x1b'));
    let out = ragfit()
        .args(["--color", "always", "explain", GATED])
        .env("NO_COLOR", "1")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // --color always wins over NO_COLOR, as the flag is explicit.
    assert!(String::from_utf8(out).unwrap().contains('\x1b'));
    let json = stdout_of(&["--color", "always", "explain", GATED, "-f", "json"]);
    assert!(!json.contains('\x1b'));
}
