//! `ragfit rules test` end to end: exit codes, the failure message with the
//! rules that decided, bad case files, the JSON and JUnit forms, `--rules`.

mod run;

use run::run;

const FIX: &str = "tests/fixtures/cases";

#[test]
fn a_passing_case_file_exits_0_with_a_line_per_case() {
    let (code, stdout, stderr) = run(&["rules", "test", "rules/cases/acme-support.yaml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stderr, "");
    assert_eq!(
        stdout,
        "rules/cases/acme-support.yaml (4 cases)\n\
         PASS ticket-triage: fine-tune (0.80)\n\
         PASS policy-answers: rag (0.60)\n\
         PASS order-history-answers: rag (0.08)\n\
         PASS reply-drafting: hybrid (0.13)\n\
         \n\
         4 passed, 0 failed (4 cases in 1 file; rule base <embedded rules/default.yaml>)\n"
    );
}

#[test]
fn a_failing_case_exits_1_and_says_expected_got_and_the_rules_that_decided() {
    let (code, stdout, stderr) = run(&["rules", "test", &format!("{FIX}/failing.yaml")]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    insta::assert_snapshot!("failing_text", stdout);
    assert!(stdout.contains(
        "FAIL triage-is-not-rag (tests/fixtures/cases/failing.yaml:13:5)\n     \
         expected one of rag, hybrid, got fine-tune\n     \
         expected gates none, got nothing-to-retrieve\n"
    ));
    assert!(stdout.contains("       behavior 8 >= 4 (high): strict-output-consistency +3,"));
    assert!(stdout.contains("       gate nothing-to-retrieve excludes rag, hybrid\n"));
    assert!(stdout.ends_with(
        "\n1 passed, 2 failed (3 cases in 1 file; rule base <embedded rules/default.yaml>)\n"
    ));
}

#[test]
fn an_invalid_case_file_exits_2_with_every_problem_and_the_others_still_run() {
    let (code, stdout, stderr) = run(&[
        "rules",
        "test",
        &format!("{FIX}/invalid.yaml"),
        "rules/cases/acme-support.yaml",
    ]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(
        stderr,
        "error: tests/fixtures/cases/invalid.yaml:4:7: unknown factor `knowledge_volatilty` (did you mean `knowledge_volatility`?)\n\
         error: tests/fixtures/cases/invalid.yaml:5:13: `ragg` is not an outcome (did you mean `rag`?)\n\
         error: tests/fixtures/cases/invalid.yaml:6:5: duplicate case name `typo` (first at line 2) (case names must be unique in a file)\n\
         error: tests/fixtures/cases/invalid.yaml:8:17: `borderline` must be true or false (write `borderline: true` or `borderline: false`, unquoted)\n\
         error: tests/fixtures/cases/invalid.yaml:9:13: `too-few-example` is not a gate of the rule base (did you mean `too-few-examples`?)\n"
    );
    assert!(stdout.contains("PASS ticket-triage"), "{stdout}");
    assert!(
        stdout.ends_with("; 1 case file could not be tested\n"),
        "{stdout}"
    );
}

#[test]
fn missing_paths_and_directories_without_case_files_exit_2() {
    let (code, _, stderr) = run(&["rules", "test", "no/such.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("error: no/such.yaml: "), "{stderr}");
    assert!(stderr.contains("pass a case file"), "{stderr}");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("w.yaml"), "workload: w\ncomponents: []\n").unwrap();
    let (code, _, stderr) = run(&["rules", "test", tmp.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("note: skipped 1 YAML file without a `cases:` key"),
        "{stderr}"
    );
    assert!(stderr.contains("error: no case files found"), "{stderr}");
}

#[test]
fn a_directory_runs_its_case_files_and_skips_other_yaml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("rules/cases/acme-support.yaml", dir.path().join("a.yaml")).unwrap();
    std::fs::copy(format!("{FIX}/not-cases.yaml"), dir.path().join("b.yaml")).unwrap();
    let (code, stdout, stderr) = run(&["rules", "test", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("4 passed, 0 failed (4 cases in 1 file;"),
        "{stdout}"
    );
    assert!(stderr.contains("skipped 1 YAML file"), "{stderr}");
}

#[test]
fn json_is_versioned_and_carries_expected_got_and_the_reasons() {
    let (code, stdout, stderr) = run(&[
        "rules",
        "test",
        "-f",
        "json",
        &format!("{FIX}/failing.yaml"),
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "1 passed, 2 failed (3 cases in 1 file; rule base <embedded rules/default.yaml>)\n"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 1, "cases": 3, "passed": 1, "failed": 2})
    );
    let c = &v["files"][0]["cases"][1];
    assert_eq!(c["name"], "triage-is-not-rag");
    assert_eq!(c["passed"], false);
    assert_eq!(
        c["expected"]["outcomes"],
        serde_json::json!(["rag", "hybrid"])
    );
    assert_eq!(c["got"]["recommendation"], "fine-tune");
    assert_eq!(
        c["got"]["gates"],
        serde_json::json!(["nothing-to-retrieve"])
    );
    assert_eq!(c["decided_by"]["axes"][1]["axis"], "behavior");
    assert_eq!(
        c["decided_by"]["axes"][1]["rules"][0]["rule"],
        "strict-output-consistency"
    );
    assert_eq!(
        c["failures"][0],
        "expected one of rag, hybrid, got fine-tune"
    );
}

#[test]
fn junit_has_a_suite_per_file_a_failure_per_failed_case_and_input_errors() {
    let (code, stdout, _) = run(&[
        "rules",
        "test",
        "-f",
        "junit",
        &format!("{FIX}/failing.yaml"),
        &format!("{FIX}/invalid.yaml"),
    ]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("junit", stdout);
    assert!(stdout
        .contains(r#"<testsuites name="ragfit rules test" tests="4" failures="2" errors="1">"#));
}

#[test]
fn cases_run_against_the_active_rule_base() {
    // A rule base that needs more knowledge points: policy-answers no longer reaches rag.
    let rules = std::fs::read_to_string("rules/default.yaml").unwrap();
    let changed = rules.replacen("threshold: 4", "threshold: 12", 1);
    assert_ne!(rules, changed);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("strict.yaml");
    std::fs::write(&path, changed).unwrap();
    let (code, stdout, _) = run(&[
        "rules",
        "test",
        "--rules",
        path.to_str().unwrap(),
        "rules/cases/acme-support.yaml",
    ]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("FAIL policy-answers"), "{stdout}");
    assert!(stdout.contains("knowledge 10 < 12 (low)"), "{stdout}");
}

#[test]
fn a_report_file_is_written_and_the_summary_goes_to_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.xml");
    let (code, stdout, stderr) = run(&[
        "rules",
        "test",
        "-f",
        "junit",
        "-o",
        out.to_str().unwrap(),
        "rules/cases/acme-support.yaml",
    ]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "");
    assert!(stderr.starts_with("4 passed, 0 failed"), "{stderr}");
    let xml = std::fs::read_to_string(out).unwrap();
    assert!(
        xml.contains(r#"tests="4" failures="0" errors="0""#),
        "{xml}"
    );
}
