//! Waivers end to end: unexpired, expiring today, expired, malformed date,
//! missing reason, and a waiver with nothing to waive.

use assert_cmd::Command;
use predicates::prelude::*;

const WAIVED: &str = "tests/fixtures/check/waivers/waived.yaml";

fn check_on(today: &str) -> Command {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("COLUMNS");
    cmd.arg("check")
        .args(["--today", today])
        .env_remove("RAGFIT_TODAY")
        .env_remove("RAGFIT_RULES")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

#[test]
fn an_unexpired_waiver_turns_the_mismatch_into_a_note() {
    check_on("2029-01-15")
        .arg(WAIVED)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "tests/fixtures/check/waivers/waived.yaml:5:5: note[RF005]: `hr-policy-qa` declares `fine-tune` \
             but ragfit recommends `rag` (confidence 0.67); waived until 2030-06-30: \
             migrating to RAG: index build tracked in HR-1234, 50% done",
        ))
        .stdout(predicate::str::contains("error[").not())
        .stdout(predicate::str::contains("1 component, 0 agree, 0 disagree, 1 waived"));
}

#[test]
fn a_waiver_expiring_today_still_holds() {
    check_on("2030-06-30")
        .arg(WAIVED)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("note[RF005]"));
}

#[test]
fn the_environment_sets_the_date_too() {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("COLUMNS");
    cmd.args(["check", WAIVED])
        .env("RAGFIT_TODAY", "2030-07-01")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[RF006]"));
}

#[test]
fn an_expired_waiver_is_an_error_and_no_longer_covers_the_mismatch() {
    check_on("2030-07-01")
        .arg(WAIVED)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "waived.yaml:5:5: error[RF001]: `hr-policy-qa` declares `fine-tune` but ragfit recommends `rag`",
        ))
        .stdout(predicate::str::contains(
            "waived.yaml:5:5: error[RF006]: `hr-policy-qa`: the waiver has expired (its last day was 2030-06-30; \
             reason given: migrating to RAG: index build tracked in HR-1234, 50% done)",
        ))
        .stdout(predicate::str::contains("0 waived"));
    // Even --fail-on never reports it; it just does not fail.
    check_on("2030-07-01")
        .args([WAIVED, "--fail-on", "never"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("error[RF006]"));
}

#[test]
fn reason_and_expiry_appear_in_every_format() {
    for format in ["text", "json", "sarif", "junit", "github", "markdown"] {
        let out = check_on("2030-01-01")
            .args([WAIVED, "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("2030-06-30"),
            "{format}: no expiry in\n{text}"
        );
        assert!(
            text.contains("index build tracked in HR-1234"),
            "{format}: no reason in\n{text}"
        );
    }
}

#[test]
fn a_malformed_date_is_invalid_input() {
    check_on("2030-01-01")
        .arg("tests/fixtures/check/waivers/bad-date.yaml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: tests/fixtures/check/waivers/bad-date.yaml:9:16: `2030-02-30` is not a date \
             (write the date as YYYY-MM-DD, e.g. 2027-06-30)",
        ));
}

#[test]
fn a_missing_reason_is_invalid_input() {
    check_on("2030-01-01")
        .arg("tests/fixtures/check/waivers/no-reason.yaml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: tests/fixtures/check/waivers/no-reason.yaml:8:7: the waiver is missing `reason:` (add `reason: ...`)",
        ));
}

#[test]
fn a_waiver_with_nothing_to_waive_is_a_warning() {
    check_on("2030-01-01")
        .arg("tests/fixtures/check/waivers/unused.yaml")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "unused.yaml:5:5: warning[RF007]: `policy-answers`: the waiver (until 2030-06-30) waives nothing: \
             declared `rag` matches the recommendation",
        ));
    check_on("2030-01-01")
        .args([
            "tests/fixtures/check/waivers/unused.yaml",
            "--fail-on",
            "warning",
        ])
        .assert()
        .code(1);
}
