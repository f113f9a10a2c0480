//! `ragfit rules diff` end to end: the default rule base against one with a
//! single threshold changed lists exactly the components that move, with the
//! threshold as the cause; identical rule bases list nothing; bad input exits 2.

mod run;

use run::run;

/// The default rule base with the behaviour threshold raised from 4 to 9.
fn strict_behavior(dir: &std::path::Path) -> String {
    let rules = std::fs::read_to_string("rules/default.yaml").unwrap();
    let at = rules.find("  - id: behavior").unwrap();
    let t = at + rules[at..].find("threshold: 4").unwrap();
    let path = dir.join("strict.yaml");
    std::fs::write(
        &path,
        format!("{}threshold: 9{}", &rules[..t], &rules[t + 12..]),
    )
    .unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn one_changed_threshold_lists_exactly_the_components_it_moves() {
    let tmp = tempfile::tempdir().unwrap();
    let strict = strict_behavior(tmp.path());
    let (code, stdout, stderr) = run(&[
        "rules",
        "diff",
        "-f",
        "json",
        "default",
        &strict,
        "examples/",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["old"], "<embedded rules/default.yaml>");
    let changes = v["changes"].as_array().unwrap();
    let listed: Vec<(String, String, String)> = changes
        .iter()
        .map(|c| {
            (
                c["component"].as_str().unwrap().to_string(),
                c["old"]["recommendation"].as_str().unwrap().to_string(),
                c["new"]["recommendation"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = [
        ("api-docs-assistant", "hybrid", "rag"),
        ("document-classification", "fine-tune", "fine-tune"),
        ("invoice-field-extraction", "fine-tune", "fine-tune"),
        ("exception-summary", "prompt-only", "prompt-only"),
        ("hr-policy-qa", "rag", "rag"),
        ("policy-answers", "rag", "rag"),
        ("ticket-triage", "fine-tune", "fine-tune"),
        ("reply-drafting", "hybrid", "rag"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(listed, want);
    // The same components keep their band when their recommendation holds
    // (those listed without a new recommendation changed band).
    for c in changes {
        assert!(
            c["old"]["recommendation"] != c["new"]["recommendation"]
                || c["old"]["band"] != c["new"]["band"],
            "{c}"
        );
        // The threshold, and nothing else, is responsible.
        let r = c["responsible"].as_array().unwrap();
        assert_eq!(r.len(), 1, "{c}");
        assert_eq!(r[0]["kind"], "threshold");
        assert_eq!(r[0]["id"], "behavior");
    }
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 4, "components": 13, "changed": 8, "recommendation_changed": 2})
    );
    assert_eq!(v["errors"], serde_json::json!([]));
}

#[test]
fn text_and_markdown_name_the_change_and_its_cause() {
    let tmp = tempfile::tempdir().unwrap();
    let strict = strict_behavior(tmp.path());
    let (code, text, _) = run(&["rules", "diff", "default", &strict, "examples/support.yaml"]);
    assert_eq!(code, 0);
    let text = text.replace(&strict, "strict.yaml");
    insta::assert_snapshot!("support_text", text);
    assert!(text.contains(
        "  reply-drafting: hybrid (0.71, moderate) → rag (0.33, borderline)\n    \
         threshold behavior: 4 (score 8, high) → 9 (score 8, low)\n"
    ));
    let (_, md, _) = run(&[
        "rules",
        "diff",
        "-f",
        "markdown",
        "default",
        &strict,
        "examples/support.yaml",
    ]);
    insta::assert_snapshot!("support_markdown", md.replace(&strict, "strict.yaml"));
}

#[test]
fn a_changed_rule_is_named_with_its_points_before_and_after() {
    let rules = std::fs::read_to_string("rules/default.yaml").unwrap();
    let at = rules.find("- id: strict-output-consistency").unwrap();
    let add = at + rules[at..].find("add: { behavior: 3 }").unwrap();
    let changed = format!(
        "{}add: {{ behavior: 1 }}{}",
        &rules[..add],
        &rules[add + 20..]
    );
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("r.yaml");
    std::fs::write(&path, changed).unwrap();
    let (code, stdout, _) = run(&[
        "rules",
        "diff",
        "default",
        path.to_str().unwrap(),
        "examples/",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout
            .matches("    rule strict-output-consistency: behavior +3 → behavior +1\n")
            .count(),
        2,
        "{stdout}"
    );
    assert!(
        stdout.contains("  ticket-triage: fine-tune (0.78, high) → fine-tune (0.71, moderate)\n"),
        "{stdout}"
    );
    assert!(stdout.ends_with("\n2 of 13 components change (0 recommendations, 2 confidence bands only) across 4 files\n"), "{stdout}");
}

#[test]
fn identical_rule_bases_change_nothing() {
    let (code, stdout, stderr) = run(&[
        "rules",
        "diff",
        "default",
        "rules/default.yaml",
        "examples/",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "rules diff: <embedded rules/default.yaml> → rules/default.yaml\n\n\
         0 of 13 components change (0 recommendations, 0 confidence bands only) across 4 files\n"
    );
    let (_, json, _) = run(&[
        "rules",
        "diff",
        "-f",
        "json",
        "default",
        "default",
        "examples/",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["changes"], serde_json::json!([]));
}

#[test]
fn bad_rule_bases_and_workloads_exit_2() {
    let (code, _, stderr) = run(&["rules", "diff", "default", "no/such.yaml", "examples/"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such.yaml"), "{stderr}");
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "workload: w\ncomponents:\n  - name: a\n    answers: {citation: none}\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&[
        "rules",
        "diff",
        "default",
        "default",
        bad.to_str().unwrap(),
        "examples/support.yaml",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bad.yaml:4:15: unknown factor `citation`"),
        "{stderr}"
    );
    assert!(
        stdout.ends_with("across 1 file; 1 file could not be compared\n"),
        "{stdout}"
    );
}
