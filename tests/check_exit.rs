//! `ragfit check` end to end: exit codes 0, 1 and 2, `--fail-on`,
//! `--require-declared`, `--output`, `--set`, stdin, and never a silent pass.

use predicates::prelude::*;

mod common;
use common::{check, fixture};

#[test]
fn exit_0_when_every_declaration_agrees() {
    check()
        .arg(fixture("clean.yaml"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2 components, 2 agree, 0 disagree, 0 waived, 0 undeclared; 0 errors",
        ))
        .stderr("");
}

#[test]
fn exit_1_on_a_mismatch() {
    check()
        .arg(fixture("mismatch.yaml"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "tests/fixtures/check/mismatch.yaml:7:5: error[RF001]: `hr-policy-qa` declares `fine-tune` but ragfit recommends `rag`",
        ))
        .stdout(predicate::str::contains(
            "tests/fixtures/check/mismatch.yaml:24:5: warning[RF002]: `summary-drafts` declares `fine-tune`",
        ));
}

#[test]
fn the_shipped_examples_fail_by_default() {
    check()
        .arg("examples/")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[RF001]: `hr-policy-qa`"))
        .stdout(predicate::str::contains("note[RF005]: `reply-drafting`"));
}

#[test]
fn fail_on_moves_the_threshold() {
    // Warnings only: passes by default, fails with --fail-on warning.
    check().arg(fixture("undeclared.yaml")).assert().code(0);
    check()
        .args([&fixture("undeclared.yaml"), "--fail-on", "warning"])
        .assert()
        .code(1);
    check()
        .args([&fixture("mismatch.yaml"), "--fail-on", "never"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("error[RF001]"));
    // Notes never fail, not even with --fail-on warning.
    check()
        .args([&fixture("waivers/waived.yaml"), "--fail-on", "warning"])
        .args(["--today", "2030-05-01"])
        .assert()
        .code(0);
}

#[test]
fn require_declared_turns_undeclared_into_an_error() {
    check()
        .args([&fixture("undeclared.yaml"), "--require-declared"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "tests/fixtures/check/undeclared.yaml:4:5: error[RF003]: `faq` declares no architecture (recommended: `prompt-only`)",
        ));
}

#[test]
fn unanswered_factors_that_could_flip_are_warnings() {
    check()
        .arg(fixture("unanswered.yaml"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "warning[RF004]: `notes-qa`: `labeled_examples` is unanswered",
        ))
        .stdout(predicate::str::contains(
            "warning[RF004]: `notes-qa`: `knowledge_size_docs` is unanswered",
        ));
}

#[test]
fn exit_2_for_a_missing_path_but_still_reports_the_rest() {
    check()
        .args([&fixture("mismatch.yaml"), "no/such/file.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: no/such/file.yaml: no such file or directory",
        ))
        .stdout(predicate::str::contains("error[RF001]"))
        .stdout(predicate::str::contains("1 input problem"));
}

#[test]
fn exit_2_for_a_directory_without_workload_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a workload").unwrap();
    check()
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "directory holds no workload files (*.yaml, *.yml)",
        ));
}

#[test]
fn exit_2_for_a_file_with_no_components() {
    check()
        .arg(fixture("no-components.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: tests/fixtures/check/no-components.yaml:2:13: `components` is empty",
        ))
        .stdout(predicate::str::contains("0 components"));
}

#[test]
fn exit_2_without_paths_and_for_a_bad_date() {
    check().assert().code(2);
    check()
        .args([&fixture("clean.yaml"), "--today", "2030-13-01"])
        .assert()
        .code(2);
}

#[test]
fn reads_stdin() {
    let text = std::fs::read_to_string(fixture("mismatch.yaml")).unwrap();
    check()
        .arg("-")
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<stdin>:7:5: error[RF001]"));
}

#[test]
fn what_if_overrides_apply_before_the_review() {
    // summary-drafts is borderline: a 1000 ms budget makes fine-tune, its
    // declared architecture, the recommendation, so the warning goes away.
    check()
        .args([
            &fixture("mismatch.yaml"),
            "--set",
            "summary-drafts.latency_budget_ms=1000",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("warning[RF002]").not())
        .stdout(predicate::str::contains(
            "2 components, 1 agree, 1 disagree",
        ));
}

#[test]
fn output_writes_the_report_to_a_file_and_the_summary_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    check()
        .args([&fixture("mismatch.yaml"), "--format", "json", "--output"])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "ragfit check: 2 components, 0 agree, 2 disagree, 0 waived, 0 undeclared; 1 error, 1 warning, 0 notes",
        ));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["components"][0]["findings"][0]["code"], "RF001");
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn list_codes_describes_every_code() {
    let out = check().arg("--list-codes").assert().code(0);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for code in [
        "RF001", "RF002", "RF003", "RF004", "RF005", "RF006", "RF007",
    ] {
        assert!(text.contains(code), "{code} missing from:\n{text}");
    }
    assert!(text.contains("RF006  expired-waiver           error    waiver has expired"));
}

#[test]
fn with_no_path_check_reads_the_current_directory_and_never_passes_on_nothing() {
    let help = check().arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("Usage: ragfit check [OPTIONS] [PATH]..."),
        "{help}"
    );
    assert!(help.contains("Default: the configuration's `paths`, else the current directory"));
    // The README documents --today: so does the help.
    assert!(help.contains("--today <YYYY-MM-DD>"), "{help}");
    assert!(help.contains("[env: RAGFIT_TODAY"), "{help}");
    // An empty directory (no configuration, not a git repository): exit 2.
    let dir = tempfile::tempdir().unwrap();
    check()
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "error: .: directory holds no workload files (*.yaml, *.yml)",
        ));
    // A workload there is found and checked.
    std::fs::copy(fixture("clean.yaml"), dir.path().join("ragfit.yaml")).unwrap();
    check()
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicates::str::contains("ragfit.yaml (clean):"));
    // --list-codes needs no path.
    check().arg("--list-codes").assert().code(0);
}
