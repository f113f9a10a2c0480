//! `ragfit schema`: the JSON Schema of workload files, derived from the rule base.
//!
//! The schema must agree with ragfit's own validator: every workload ragfit
//! accepts validates against it, and the invalid workloads that JSON Schema can
//! express are rejected by both.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn ragfit() -> Command {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("COLUMNS");
    cmd.env_remove("RAGFIT_RULES").env("NO_COLOR", "1");
    cmd
}

/// Run `ragfit schema` with extra arguments; the parsed schema and the raw bytes.
fn schema_with(args: &[&str]) -> (Value, String) {
    let out = ragfit().arg("schema").args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    (serde_json::from_str(&text).expect("schema is JSON"), text)
}

fn default_schema() -> Value {
    schema_with(&[]).0
}

fn validator(schema: &Value) -> jsonschema::Validator {
    // Formats (`date`) are annotations in 2020-12 unless asked for; ask, as editors do.
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// A workload file as an editor sees it: YAML 1.2 scalars typed, as JSON.
fn json_of(text: &str) -> Value {
    ragfit::yaml::to_json_value(text).expect("converts to JSON")
}

/// Whether ragfit itself accepts the file (`score` exits 0).
fn ragfit_accepts(path: &Path) -> bool {
    ragfit()
        .args(["score", "-f", "json"])
        .arg(path)
        .output()
        .unwrap()
        .status
        .success()
}

fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_schema_is_valid_against_the_draft_2020_12_meta_schema() {
    let schema = default_schema();
    // The meta-schemas are bundled in the jsonschema crate: no network needed.
    if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("not a valid 2020-12 schema: {e} at {}", e.instance_path());
    }
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    // Every object in the workload format refuses unknown keys.
    for pointer in ["", "/$defs/component", "/$defs/answers", "/$defs/waiver"] {
        assert_eq!(
            schema.pointer(&format!("{pointer}/additionalProperties")),
            Some(&Value::Bool(false)),
            "{pointer} allows unknown keys"
        );
    }
    let description = schema["description"].as_str().unwrap();
    assert!(
        description.contains("# yaml-language-server: $schema=./ragfit.schema.json"),
        "{description}"
    );
}

#[test]
fn every_factor_of_the_default_rule_base_is_described() {
    // The rule base's factors and the price book's cost factors alike.
    let mut rb = ragfit::rules::load_default().unwrap();
    ragfit::prices::load_default(&mut rb).unwrap();
    let schema = default_schema();
    let props = schema["$defs"]["answers"]["properties"]
        .as_object()
        .unwrap();
    let ids: Vec<&str> = rb.factors.iter().map(|f| f.id.as_str()).collect();
    let mut keys: Vec<&str> = props.keys().map(String::as_str).collect();
    let mut sorted_ids = ids.clone();
    sorted_ids.sort();
    keys.sort();
    assert_eq!(keys, sorted_ids);
    for f in &rb.factors {
        let p = &props[&f.id];
        assert_eq!(p["title"], f.question.as_str(), "{}", f.id);
        let description = p["description"].as_str().unwrap();
        assert!(description.contains(&f.help), "{}: {description}", f.id);
    }
    // The choice values, in the rule base's order, then `unknown`.
    assert_eq!(
        props["citations"]["enum"],
        serde_json::json!(["none", "helpful", "required", "audited", "unknown"])
    );
    // Cost factors say what is assumed when they are left out.
    let description = props["prompt_tokens"]["description"].as_str().unwrap();
    assert!(
        description.contains("Left out, 1000 is assumed."),
        "{description}"
    );
    assert_eq!(
        props["model_tier"]["enum"][0],
        serde_json::json!("gpt-4o-mini")
    );
    // Ranges come from the rule base: the latency budget starts at 1 ms.
    assert_eq!(
        props["latency_budget_ms"]["anyOf"][0],
        serde_json::json!({"type": "integer", "minimum": 1})
    );
}

#[test]
fn every_workload_ragfit_accepts_validates_against_the_schema() {
    let v = validator(&default_schema());
    let mut files = yaml_files("examples");
    for dir in [
        "tests/fixtures/good",
        "tests/fixtures/check",
        "tests/fixtures/explain",
    ] {
        files.extend(yaml_files(dir));
    }
    assert!(files.len() >= 10, "too few files: {files:?}");
    let mut checked = 0;
    for path in &files {
        if !ragfit_accepts(path) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let errs = errors(&v, &json_of(&text));
        assert!(errs.is_empty(), "{}:\n{}", path.display(), errs.join("\n"));
        checked += 1;
    }
    // All four examples are accepted; the fixtures add more.
    assert!(checked >= 8, "only {checked} files checked");

    // The starter file `ragfit init` writes, too.
    let starter = ragfit().args(["init", "-"]).output().unwrap();
    let errs = errors(&v, &json_of(&String::from_utf8(starter.stdout).unwrap()));
    assert!(errs.is_empty(), "starter:\n{}", errs.join("\n"));
}

#[test]
fn invalid_workloads_are_rejected_by_the_schema_as_by_ragfit() {
    let v = validator(&default_schema());
    let cases = [
        ("unknown factor", "workload: w\ncomponents:\n  - name: a\n    answers: {knowledge_volatilty: weekly}\n"),
        ("value not in enum", "workload: w\ncomponents:\n  - name: a\n    answers: {citations: sometimes}\n"),
        ("negative number", "workload: w\ncomponents:\n  - name: a\n    answers: {daily_requests: -5}\n"),
        ("below the minimum", "workload: w\ncomponents:\n  - name: a\n    answers: {latency_budget_ms: 0}\n"),
        ("fraction for a whole number", "workload: w\ncomponents:\n  - name: a\n    answers: {labeled_examples: 12.5}\n"),
        ("quoted number", "workload: w\ncomponents:\n  - name: a\n    answers: {daily_requests: \"1000\"}\n"),
        ("not a boolean", "workload: w\ncomponents:\n  - name: a\n    answers: {deletion_required: maybe}\n"),
        ("yes is not a YAML 1.2 boolean", "workload: w\ncomponents:\n  - name: a\n    answers: {deletion_required: yes}\n"),
        ("missing name", "workload: w\ncomponents:\n  - description: no name\n"),
        ("bad architecture", "workload: w\ncomponents:\n  - name: a\n    architecture: finetune\n"),
        ("unknown top-level key", "workload: w\ndescripton: typo\ncomponents:\n  - name: a\n"),
        ("unknown component key", "workload: w\ncomponents:\n  - name: a\n    architecure: rag\n"),
        ("missing workload", "components:\n  - name: a\n"),
        ("empty workload name", "workload: ''\ncomponents:\n  - name: a\n"),
        ("no components", "workload: w\ncomponents: []\n"),
        ("waiver without reason", "workload: w\ncomponents:\n  - name: a\n    waiver: {expires: 2027-06-30}\n"),
        ("waiver with a blank reason", "workload: w\ncomponents:\n  - name: a\n    waiver: {reason: ' ', expires: 2027-06-30}\n"),
        ("waiver with a bad date", "workload: w\ncomponents:\n  - name: a\n    waiver: {reason: r, expires: 2027-13-45}\n"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (what, text) in cases {
        // Each case is really invalid: ragfit refuses it too.
        let path = dir.path().join("case.yaml");
        std::fs::write(&path, text).unwrap();
        assert!(!ragfit_accepts(&path), "ragfit accepts the {what} case");
        assert!(
            !v.is_valid(&json_of(text)),
            "the schema accepts the {what} case"
        );
    }
    // And the same components, fixed, pass both: the rejections are about the fault.
    let fixed = "workload: w\ncomponents:\n  - name: a\n    architecture: rag\n    answers: \
                 {knowledge_volatility: weekly, citations: unknown, daily_requests: 0, \
                 deletion_required: true}\n    waiver: {reason: r, expires: 2027-06-30}\n";
    let path = dir.path().join("fixed.yaml");
    std::fs::write(&path, fixed).unwrap();
    assert!(ragfit_accepts(&path));
    let errs = errors(&v, &json_of(fixed));
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}

#[test]
fn the_bad_fixtures_ragfit_rejects_are_rejected_by_the_schema() {
    let v = validator(&default_schema());
    let mut checked = 0;
    for path in yaml_files("tests/fixtures/bad") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // Unique component names have no JSON Schema form; ragfit checks them alone.
        if name == "duplicate-components.yaml" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // not UTF-8: no editor would get as far as the schema
        };
        let Ok(json) = ragfit::yaml::to_json_value(&text) else {
            continue; // not a YAML mapping: rejected before any schema applies
        };
        assert!(!ragfit_accepts(&path), "{name}");
        assert!(!v.is_valid(&json), "the schema accepts {name}");
        checked += 1;
    }
    // bad-architecture, bad-values, bad-waiver, missing-*, no-components,
    // quoted-numbers, unknown-*, wrong-types, duplicate-keys is refused by the converter.
    assert!(checked >= 10, "only {checked} bad fixtures checked");
}

/// The default rule base with one more factor, as a rule author would add it.
fn rules_with_extra_factor(dir: &Path) -> PathBuf {
    let text = ragfit::rules::DEFAULT_RULES.replacen(
        "factors:\n",
        "factors:\n  - id: platform_offers_tuning\n    question: Does your platform offer \
         fine-tuning?\n    help: Some hosted models cannot be fine-tuned.\n    kind: choice\n    \
         values:\n      - { id: yes-managed, label: managed fine-tuning }\n      - { id: \
         self-hosted, label: only on our own GPUs }\n      - { id: no, label: not at all }\n  \
         - id: eval_set_size\n    question: How large is the evaluation set?\n    help: Pairs \
         held out for testing.\n    kind: number\n    min: 0\n    max: 5000\n    unit: pairs\n",
        1,
    );
    let path = dir.join("rules.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_custom_rule_base_yields_a_schema_with_its_factors() {
    let dir = tempfile::tempdir().unwrap();
    let rules = rules_with_extra_factor(dir.path());
    let rules = rules.to_str().unwrap();
    let (by_flag, bytes_flag) = schema_with(&["--rules", rules]);
    let out = ragfit()
        .arg("schema")
        .env("RAGFIT_RULES", rules)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), bytes_flag);

    let props = &by_flag["$defs"]["answers"]["properties"];
    assert_eq!(
        props["platform_offers_tuning"]["enum"],
        serde_json::json!(["yes-managed", "self-hosted", "no", "unknown"])
    );
    assert_eq!(
        props["platform_offers_tuning"]["title"],
        "Does your platform offer fine-tuning?"
    );
    assert_eq!(
        props["eval_set_size"]["anyOf"][0],
        serde_json::json!({"type": "number", "minimum": 0, "maximum": 5000})
    );
    assert!(props["eval_set_size"]["description"]
        .as_str()
        .unwrap()
        .contains("(unit: pairs)"));
    jsonschema::draft202012::meta::validate(&by_flag).unwrap();

    let v = validator(&by_flag);
    let ok = "workload: w\ncomponents:\n  - name: a\n    answers: {platform_offers_tuning: \
              self-hosted, eval_set_size: 120.5}\n";
    assert!(v.is_valid(&json_of(ok)));
    let too_big = "workload: w\ncomponents:\n  - name: a\n    answers: {eval_set_size: 5001}\n";
    assert!(!v.is_valid(&json_of(too_big)));
    // The default schema knows nothing of the new factor.
    assert!(!validator(&default_schema()).is_valid(&json_of(ok)));

    // The minimal fixture rule base has two factors; the price book adds its
    // six cost factors to any rule base.
    let (minimal, _) = schema_with(&["--rules", "tests/fixtures/rules/minimal.yaml"]);
    let keys: Vec<&String> = minimal["$defs"]["answers"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        keys,
        [
            "citations",
            "context_tokens",
            "daily_requests",
            "model_tier",
            "output_tokens",
            "prompt_tokens",
            "tokens_per_document",
            "tokens_per_example"
        ]
    );
}

#[test]
fn output_writes_the_same_bytes_to_a_file_and_runs_are_stable() {
    let (_, first) = schema_with(&[]);
    let (_, second) = schema_with(&[]);
    assert_eq!(first, second);
    assert!(first.ends_with("}\n"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ragfit.schema.json");
    let out = ragfit()
        .args(["schema", "--output"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stdout.is_empty(),
        "stdout carries nothing with --output"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
}

#[test]
fn a_bad_rule_base_is_an_input_error() {
    let out = ragfit()
        .args([
            "schema",
            "--rules",
            "tests/fixtures/rules/several-problems.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("error: tests/fixtures/rules/several-problems.yaml:"),
        "{stderr}"
    );
}

#[test]
fn default_schema_snapshot() {
    let (_, text) = schema_with(&[]);
    insta::assert_snapshot!("default-schema", text);
}

#[test]
fn case_files_ragfit_accepts_validate_against_the_cases_schema() {
    let (schema, _) = schema_with(&["--cases"]);
    assert_eq!(schema["title"], "ragfit rule-base test cases");
    let v = validator(&schema);
    for path in [
        "tests/cases/labelled.yaml",
        "rules/cases/acme-support.yaml",
        "tests/fixtures/cases/failing.yaml",
    ] {
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(errors(&v, &json_of(&text)), Vec::<String>::new(), "{path}");
    }
}

#[test]
fn the_cases_schema_rejects_what_rules_test_rejects() {
    let (schema, _) = schema_with(&["--cases"]);
    let v = validator(&schema);
    for bad in [
        "cases: []\n",
        "description: no cases\n",
        "cases:\n  - name: a\n",
        "cases:\n  - name: a\n    expect: ragg\n",
        "cases:\n  - name: a\n    expect: []\n",
        "cases:\n  - name: a\n    expect: rag\n    borderline: \"true\"\n",
        "cases:\n  - name: a\n    expect: rag\n    gates: [too-few-example]\n",
        "cases:\n  - name: a\n    expect: rag\n    answers: {knowledge_volatilty: weekly}\n",
        "cases:\n  - name: a\n    expect: rag\n    answers: {citations: sometimes}\n",
        "cases:\n  - name: a\n    expect: rag\n    extra: 1\n",
    ] {
        assert!(
            !errors(&v, &json_of(bad)).is_empty(),
            "schema accepts {bad:?}"
        );
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("c.yaml");
        std::fs::write(&path, bad).unwrap();
        let code = ragfit()
            .args(["rules", "test"])
            .arg(&path)
            .output()
            .unwrap()
            .status
            .code();
        assert_eq!(code, Some(2), "ragfit accepts {bad:?}");
    }
}
