//! `--set [COMPONENT.]FACTOR=VALUE` end to end: a component's own set wins
//! over a global one whatever the order, a set that does nothing says so,
//! a run that changes nothing does not claim its results differ, and
//! component names and factor ids may hold dots.

use assert_cmd::Command;
use serde_json::Value;

const SUPPORT: &str = "examples/support.yaml";

fn ragfit() -> Command {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("RAGFIT_RULES")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    cmd
}

/// Run; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = ragfit().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The notes of a run, without the example's contradictory-answers warning.
fn notes(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| !l.contains("contradictory answers"))
        .collect()
}

/// Each component's `citations` answer after the run, from `score -f json`'s overrides.
fn citations_set(json: &str) -> Vec<(String, String)> {
    let j: Value = serde_json::from_str(json).unwrap();
    j["overrides"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["factor"] == "citations")
        .map(|o| {
            (
                o["component"].as_str().unwrap().to_string(),
                o["to"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_components_own_set_wins_whatever_the_order() {
    let own = "ticket-triage.citations=helpful";
    let global = "citations=audited";
    let mut seen = Vec::new();
    for (a, b) in [(own, global), (global, own)] {
        let (code, out, err) = run(&["score", SUPPORT, "--set", a, "--set", b, "-f", "json"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            citations_set(&out),
            citations_expected(),
            "--set {a} --set {b}"
        );
        seen.push(out);
    }
    assert_eq!(seen[0], seen[1], "the order of --set does not matter");
}

/// policy-answers and reply-drafting are `required`, order-status `helpful`,
/// ticket-triage `none` in the example; listed in component order.
fn citations_expected() -> Vec<(String, String)> {
    [
        ("policy-answers", "audited"),
        ("order-status", "audited"),
        ("ticket-triage", "helpful"),
        ("reply-drafting", "audited"),
    ]
    .iter()
    .map(|(c, v)| (c.to_string(), v.to_string()))
    .collect()
}

#[test]
fn a_global_set_every_component_overrides_says_it_set_nothing() {
    let mut args = vec!["score", SUPPORT];
    let sets: Vec<String> = [
        "policy-answers",
        "order-status",
        "ticket-triage",
        "reply-drafting",
    ]
    .iter()
    .map(|c| format!("{c}.labeled_examples=0"))
    .collect();
    for s in &sets {
        args.extend(["--set", s]);
    }
    args.extend(["--set", "labeled_examples=9"]);
    for cmd in ["score", "check"] {
        args[0] = cmd;
        let (_, _, err) = run(&args);
        let notes = notes(&err);
        assert!(
            notes.contains(
                &"note: --set labeled_examples=9 set nothing: every component has its own \
                  (--set policy-answers.labeled_examples=0, --set order-status.labeled_examples=0, \
                  --set ticket-triage.labeled_examples=0, --set reply-drafting.labeled_examples=0), \
                  and a component's own --set wins over a global one"
            ),
            "{cmd}: {err}"
        );
    }
    // One component left to it: the global set did something, no note.
    let (_, _, err) = run(&[
        "score",
        SUPPORT,
        "--set",
        "ticket-triage.labeled_examples=0",
        "--set",
        "labeled_examples=9",
    ]);
    assert!(!err.contains("set nothing"), "{err}");
}

#[test]
fn a_set_that_changes_no_answer_does_not_claim_results_differ() {
    for cmd in ["score", "check", "explain"] {
        let (code, _, err) = run(&[cmd, SUPPORT, "--set", "policy-answers.citations=required"]);
        assert!(code == 0 || code == 1, "{cmd}: {err}");
        assert!(
            notes(&err).contains(
                &"note: what-if: --set changed no answers (the files already have these \
                  values); results are the files' own"
            ),
            "{cmd}: {err}"
        );
        assert!(!err.contains("results differ"), "{cmd}: {err}");
    }
    let (_, _, err) = run(&["score", SUPPORT, "--set", "policy-answers.citations=none"]);
    assert!(
        notes(&err).contains(
            &"note: what-if: --set changed 1 answer in 1 file; results differ from the files' own answers"
        ),
        "{err}"
    );
}

#[test]
fn component_names_with_dots_work_and_typos_get_a_did_you_mean() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("dotted.yaml");
    std::fs::write(
        &path,
        "workload: w\ncomponents:\n  - name: api.v2.answers\n    answers: {citations: none}\n  \
         - name: other\n    answers: {citations: none}\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let (code, out, err) = run(&[
        "score",
        file,
        "--set",
        "api.v2.answers.citations=required",
        "-f",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        citations_set(&out),
        [("api.v2.answers".to_string(), "required".to_string())]
    );
    let (code, out, err) = run(&["score", file, "--set", "api.v2.answers.citatons=required"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: --set api.v2.answers.citatons=required: unknown factor `citatons` \
         (did you mean `citations`?)\n"
    );
    let (code, _, err) = run(&["score", file, "--set", "api.v2.answer.citations=none"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no component named `api.v2.answer` (did you mean `api.v2.answers`?)"),
        "{err}"
    );
}

#[test]
fn factor_ids_cannot_hold_dots_so_the_split_is_never_ambiguous() {
    // `--set A.B.C=V` reads C as the factor when it is one: a rule base may
    // not name a factor `retrieval.citations` (ids are letters, digits, `-`
    // and `_`), so only component names hold dots and the split is unique.
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("rules.yaml");
    let text = ragfit::rules::DEFAULT_RULES
        .replace("id: citations\n", "id: retrieval.citations\n")
        .replace("factor: citations,", "factor: retrieval.citations,");
    std::fs::write(&rules, text).unwrap();
    let (code, _, err) = run(&["rules", "--rules", rules.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("factor id \"retrieval.citations\" has characters ids may not use"),
        "{err}"
    );
}
