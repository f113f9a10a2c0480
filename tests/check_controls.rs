//! Finding controls and waiver timing end to end: `--ignore`,
//! `--min-confidence` (RF010), `--require-answer` (RF011), components with
//! no answers and the unedited `init` starter (RF012), stale waivers (RF007)
//! and waivers about to expire (RF013).

use assert_cmd::Command;
use predicates::prelude::*;

mod common;
use common::{check, fixture};

const WAIVED: &str = "tests/fixtures/check/waivers/waived.yaml";
const UNUSED: &str = "tests/fixtures/check/waivers/unused.yaml";

fn stdout(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn ignore_drops_codes_by_id_or_name_and_counts_them() {
    check()
        .arg(fixture("undeclared.yaml"))
        .args(["--fail-on", "warning"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("warning[RF003]"));
    check()
        .arg(fixture("undeclared.yaml"))
        .args([
            "--fail-on",
            "warning",
            "--ignore",
            "undeclared-architecture",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("[RF003]").not())
        .stdout(predicate::str::contains("; 1 ignored"));
    // Repeatable and comma-separated, codes in any case.
    check()
        .arg(fixture("mismatch.yaml"))
        .args(["--ignore", "rf001,RF002", "--ignore", "RF008"])
        .assert()
        .code(0);
    // An unknown code is a usage error with a suggestion.
    check()
        .arg(fixture("clean.yaml"))
        .args(["--ignore", "RF0001"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'RF0001' for '--ignore <CODE>': `RF0001` is not a finding code (did you mean `RF001`?)",
        ));
}

#[test]
fn min_confidence_fails_components_below_it() {
    let (code, out) = stdout(
        check()
            .arg(fixture("clean.yaml"))
            .args(["--min-confidence", "0.99"]),
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[RF010]"), "{out}");
    assert!(out.contains("below the minimum 0.99"), "{out}");
    let (code, out) = stdout(
        check()
            .arg(fixture("clean.yaml"))
            .args(["--min-confidence", "0"]),
    );
    assert_eq!(code, 0, "{out}");
    check()
        .arg(fixture("clean.yaml"))
        .args(["--min-confidence", "1.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a confidence is from 0 to 1"));
}

#[test]
fn required_answers_must_be_answered() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.ragfit.yaml");
    std::fs::write(
        &file,
        "workload: w\ncomponents:\n  - name: faq\n    architecture: prompt-only\n    answers:\n      \
         knowledge_volatility: static\n      citations: unknown\n",
    )
    .unwrap();
    let (code, out) = stdout(
        check()
            .arg(&file)
            .args(["--require-answer", "citations,knowledge_volatility"]),
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "error[RF011]: `faq`: `citations` must be answered but is unknown: Must answers point to their sources?"
        ),
        "{out}"
    );
    assert_eq!(
        out.matches("[RF011]").count(),
        1,
        "knowledge_volatility is answered"
    );
    check()
        .arg(&file)
        .args(["--require-answer", "citation"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: --require-answer citation: unknown factor (did you mean `citations`?)",
        ));
}

#[test]
fn a_component_with_no_answers_no_longer_passes() {
    // The case from the issue: prompt-only declared, nothing answered.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.ragfit.yaml");
    std::fs::write(
        &file,
        "workload: w\ncomponents:\n  - name: bot\n    architecture: prompt-only\n",
    )
    .unwrap();
    let (code, out) = stdout(check().arg(&file));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[RF012]: `bot` answers none of its 14 questions"),
        "{out}"
    );
    assert!(
        !out.contains("[RF004]"),
        "one error, not a warning per factor: {out}"
    );
    // Cost answers alone (the price book's optional factors) are not answers
    // to the decision's questions: still RF012, which names only those.
    std::fs::write(
        &file,
        "workload: w\ncomponents:\n  - name: bot\n    architecture: prompt-only\n    \
         answers:\n      model_tier: gpt-4o-mini\n      prompt_tokens: 900\n",
    )
    .unwrap();
    let (code, out) = stdout(check().arg(&file));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[RF012]: `bot` answers none of its 14 questions"),
        "{out}"
    );
    assert!(!out.contains("model_tier"), "{out}");
}

#[test]
fn the_unedited_init_starter_fails_check_and_says_what_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("ragfit")
        .unwrap()
        .arg("init")
        .current_dir(dir.path())
        .env_remove("RAGFIT_RULES")
        .assert()
        .success()
        .stderr(predicate::str::contains("fill in the answers"));
    let (code, out) = stdout(check().current_dir(dir.path()).arg("ragfit.yaml"));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "ragfit.yaml:20:5: error[RF012]: `my-component` answers none of its 14 questions, so \
         `prompt-only` rests on nothing: fill in `answers:` (replace `unknown` with a value for \
         knowledge_volatility, citations, latency_budget_ms,"
        ),
        "{out}"
    );
    assert!(
        out.contains("or run `ragfit ask --from ragfit.yaml`"),
        "{out}"
    );
    // Once answered, the starter is an ordinary workload.
    let text = std::fs::read_to_string(dir.path().join("ragfit.yaml")).unwrap();
    let filled = text
        .replace("# architecture: rag ", "architecture: rag   ")
        .replace(
            "knowledge_volatility: unknown",
            "knowledge_volatility: weekly ",
        )
        .replace("citations: unknown", "citations: required")
        .replace("knowledge_size_docs: unknown", "knowledge_size_docs: 1200");
    std::fs::write(dir.path().join("ragfit.yaml"), filled).unwrap();
    let (_, out) = stdout(check().current_dir(dir.path()).arg("ragfit.yaml"));
    assert!(!out.contains("RF012"), "{out}");
}

#[test]
fn an_expired_waiver_on_an_agreeing_component_is_a_stale_warning() {
    let (code, out) = stdout(check().arg(UNUSED).args(["--today", "2030-07-01"]));
    assert_eq!(code, 0, "a warning, not an error: {out}");
    assert!(
        out.contains(
            "unused.yaml:5:5: warning[RF007]: `policy-answers`: the waiver is stale: it expired on \
             2030-06-30 and waives nothing: declared `rag` matches the recommendation; remove it"
        ),
        "{out}"
    );
    assert!(!out.contains("RF006"), "{out}");
    // On a component that still disagrees, an expired waiver stays an error.
    check()
        .arg(WAIVED)
        .args(["--today", "2030-07-01"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[RF006]"));
}

#[test]
fn a_waiver_about_to_expire_is_announced_with_its_date() {
    let (code, out) = stdout(check().arg(WAIVED).args(["--today", "2030-06-20"]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "waived.yaml:5:5: warning[RF013]: `hr-policy-qa`: the waiver expires on 2030-06-30 \
             (in 10 days); after that the mismatch fails the build: move to `rag` or renew the waiver"
        ),
        "{out}"
    );
    // Outside the period (default 30 days), or with the period shortened: nothing.
    let (_, out) = stdout(check().arg(WAIVED).args(["--today", "2030-05-31"]));
    assert!(!out.contains("RF013"), "{out}");
    let (_, out) =
        stdout(
            check()
                .arg(WAIVED)
                .args(["--today", "2030-06-20", "--waiver-warn-days", "10"]),
        );
    assert!(!out.contains("RF013"), "{out}");
    // A warning: --fail-on warning fails on it.
    check()
        .arg(WAIVED)
        .args(["--today", "2030-06-20", "--fail-on", "warning"])
        .assert()
        .code(1);
}

#[test]
fn list_codes_has_the_new_codes() {
    let (code, out) = stdout(check().arg("--list-codes"));
    assert_eq!(code, 0);
    for line in [
        "RF010  low-confidence           error",
        "RF011  missing-required-answer  error",
        "RF012  no-answers               error",
        "RF013  expiring-waiver          warning",
    ] {
        assert!(out.contains(line), "{line} missing from\n{out}");
    }
}

#[test]
fn an_empty_ragfit_today_is_unset_and_a_bad_one_is_a_usage_error() {
    let file = "examples/support.yaml";
    // The date judges waivers: one far enough ahead that support.yaml's
    // waiver (2099-12-31) has expired gives an error, which shows it was read.
    let expired = "error[RF006]: `reply-drafting`: the waiver has expired";
    let (set, out) = stdout(check().env("RAGFIT_TODAY", "2100-01-01").arg(file));
    assert!(set == 1 && out.contains(expired), "{out}");
    let (flag, out) = stdout(check().arg("--today").arg("2100-01-01").arg(file));
    assert!(flag == 1 && out.contains(expired), "{out}");
    // Empty is unset (today), as shells and CI systems use it: no clap error.
    let (empty, out) = stdout(check().env("RAGFIT_TODAY", "").arg(file));
    let (unset, same) = stdout(check().env_remove("RAGFIT_TODAY").arg(file));
    assert_eq!((empty, &out), (unset, &same));
    assert!(empty != 2 && !out.contains(expired), "{out}");
    check()
        .env("RAGFIT_TODAY", "June 2030")
        .arg(file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: RAGFIT_TODAY=June 2030: not a date (write YYYY-MM-DD",
        ));
    // A flag wins over the variable, even a bad one.
    let (code, _) =
        stdout(
            check()
                .env("RAGFIT_TODAY", "June 2030")
                .args(["--today", "2030-05-01", file]),
        );
    assert_ne!(code, 2);
}
