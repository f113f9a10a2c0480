//! Bad workload content and bad rule bases, end to end through the real
//! binary, scored next to a good file as in `score_bad_input.rs`: exit 2, one
//! `error: FILE:LINE:COL: ...` line per problem with a "did you mean" where
//! one fits, and the good file still scored.

mod bad_input;
use bad_input::*;
use serde_json::Value;

// ---- workload validation ----------------------------------------------------

#[test]
fn empty_components() {
    assert_problems(
        "no-components.yaml",
        &["2:13: `components` is empty: there is nothing to assess \
           (list at least one component with `- name: ...`)"],
    );
}

#[test]
fn unknown_keys_with_did_you_mean() {
    assert_problems(
        "unknown-keys.yaml",
        &[
            "2:1: unknown key `descripton` in the workload (did you mean `description`?)",
            "5:5: unknown key `architecure` in a component (did you mean `architecture`?)",
        ],
    );
}

#[test]
fn unknown_factor_with_did_you_mean() {
    assert_problems(
        "unknown-factor.yaml",
        &["5:7: unknown factor `knowledge_volatilty` (did you mean `knowledge_volatility`?)"],
    );
}

#[test]
fn values_outside_a_set_or_range() {
    assert_problems(
        "bad-values.yaml",
        &[
            "5:29: `weeky` is not a value of `knowledge_volatility` (did you mean `weekly`?)",
            "6:18: `sometimes` is not a value of `citations` \
             (expected one of: none, helpful, required, audited, unknown)",
            "7:26: 0 is outside the range of `latency_budget_ms` \
             (expected a whole number >= 1, or unknown)",
            "8:23: -5 is outside the range of `daily_requests` \
             (expected a whole number >= 0, or unknown)",
            "9:25: `labeled_examples` takes a whole number, not `12.5` \
             (expected a whole number >= 0, or unknown)",
            "10:19: `classifcation` is not a value of `task_shape` \
             (did you mean `classification`?)",
        ],
    );
}

#[test]
fn wrong_types() {
    assert_problems(
        "wrong-types.yaml",
        &[
            "5:26: `deletion_required` takes true or false, not `maybe` \
             (expected true or false, or unknown)",
            "6:23: `daily_requests` takes a number, not `lots` \
             (expected a whole number >= 0, or unknown)",
            "7:18: `citations` takes one value, not a list \
             (expected one of: none, helpful, required, audited, or unknown)",
            "8:28: `shared_across_teams` takes one value, not a mapping \
             (expected true or false, or unknown)",
            "9:11: `name` must be text, not a list",
            "10:5: a component must be a mapping, not a single value \
             (write `- name: ...` followed by its keys)",
        ],
    );
}

#[test]
fn quoted_numbers_and_booleans() {
    assert_problems(
        "quoted-numbers.yaml",
        &[
            "5:26: `latency_budget_ms` takes an unquoted value, not the string \"300\" \
             (remove the quotes)",
            "6:26: `deletion_required` takes an unquoted value, not the string \"true\" \
             (remove the quotes)",
            "7:23: `daily_requests` takes an unquoted value, not the string \"1000\" \
             (remove the quotes)",
        ],
    );
}

#[test]
fn duplicate_yaml_keys() {
    assert_problems(
        "duplicate-keys.yaml",
        &["6:7: duplicate key `citations` (first defined at line 5) (keep one of the two)"],
    );
}

#[test]
fn duplicate_component_names() {
    assert_problems(
        "duplicate-components.yaml",
        &["6:5: duplicate component name `triage` (first at line 3) \
           (component names must be unique in a file)"],
    );
}

#[test]
fn missing_workload_components_or_name() {
    assert_problems(
        "missing-workload.yaml",
        &["1:1: the workload file is missing `workload:` (add `workload: ...`)"],
    );
    assert_problems(
        "missing-components.yaml",
        &["1:1: the workload file is missing `components:` \
           (list at least one component with `- name: ...`)"],
    );
    assert_problems(
        "missing-name.yaml",
        &["3:5: this component is missing `name:` (add `name: ...`)"],
    );
}

#[test]
fn invalid_architecture() {
    assert_problems(
        "bad-architecture.yaml",
        &[
            "4:19: `finetune` is not an architecture (did you mean `fine-tune`?)",
            "6:19: `vector-db` is not an architecture \
             (expected one of: rag, fine-tune, hybrid, prompt-only)",
        ],
    );
}

#[test]
fn bad_waivers() {
    assert_problems(
        "bad-waiver.yaml",
        &[
            "7:16: `2027-13-45` is not a date (write the date as YYYY-MM-DD, e.g. 2027-06-30)",
            "11:7: the waiver is missing `reason:` (add `reason: ...`)",
            "13:13: `waiver` must be a mapping with `reason` and `expires`, not a single value",
        ],
    );
}

#[test]
fn many_bad_files_in_one_run_are_all_reported_in_path_order() {
    let lines = score_with_good(&["tests/fixtures/bad"]);
    let files: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_start_matches("error: ").split(':').next().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "problems come in path order");
    let committed = std::fs::read_dir("tests/fixtures/bad").unwrap().count();
    sorted.dedup();
    // Found in a directory walk, a file with no workload keys is skipped with a
    // note rather than rejected (named explicitly, it is an error: see above).
    let skipped = ["comment-only.yaml", "top-level-list.yaml"];
    assert_eq!(
        sorted.len() + skipped.len(),
        committed,
        "every bad fixture is reported or skipped"
    );
    let r = run(ragfit().args(["score", "-f", "json", "tests/fixtures/bad"]));
    let note = r
        .stderr
        .lines()
        .find(|l| l.starts_with("note: "))
        .expect("a note about skipped files");
    assert_eq!(
        note,
        "note: skipped 2 YAML files that are not workloads (no `workload:` or `components:` key; \
         name a file to check it anyway): tests/fixtures/bad/comment-only.yaml, \
         tests/fixtures/bad/top-level-list.yaml"
    );
}

#[test]
fn a_directory_of_only_other_yaml_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("docker-compose.yml"),
        "services:\n  web:\n    image: nginx\n",
    )
    .unwrap();
    let d = dir.path().display().to_string();
    let r = run(ragfit().args(["score", &d]));
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!(
            "note: skipped 1 YAML file that is not a workload (no `workload:` or `components:` key; \
             name a file to check it anyway): {d}/docker-compose.yml\n\
             error: {d}: directory holds no workload files (its YAML files are not workloads) \
             (`ragfit init FILE` writes a starter workload)\n"
        )
    );
    // Named explicitly, the same file is validated as a workload and rejected.
    let r = run(ragfit().args(["score", &format!("{d}/docker-compose.yml")]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown key `services` in the workload"),
        "{}",
        r.stderr
    );
}

// ---- rule bases -------------------------------------------------------------

const SEVERAL: &str = "tests/fixtures/rules/several-problems.yaml";
const RULES_WORKLOAD: &str = "tests/fixtures/rules/workload.yaml";

fn several_problems_stderr() -> String {
    [
        "22:21: rule `cites`: unknown factor `citation` (did you mean `citations`?)",
        "26:9: duplicate rule id `cites` (ids must be unique; rename one)",
        "28:12: rule `cites`: adds to unknown axis `behaviour` (did you mean `behavior`?)",
        "33:36: gate `no-volume-no-tuning`: `sometimes` is not a value of `citations` \
         (expected one of: none, required)",
        "34:15: gate `no-volume-no-tuning`: `finetune` is not an outcome (did you mean `fine-tune`?)",
        "42:59: `prompt` is not an outcome (did you mean `prompt-only`?)",
    ]
    .iter()
    .map(|l| format!("error: {SEVERAL}:{l}\n"))
    .chain(["error: the rule base is invalid (6 problems)\n".to_string()])
    .collect()
}

#[test]
fn rule_base_lists_every_problem_with_its_line() {
    let r = run(ragfit().args(["--rules", SEVERAL, "score", RULES_WORKLOAD]));
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "", "nothing is scored with an invalid rule base");
    assert_eq!(r.stderr, several_problems_stderr());
}

#[test]
fn ragfit_rules_env_selects_the_rule_base() {
    let mut cmd = ragfit();
    let r = run(cmd
        .env("RAGFIT_RULES", SEVERAL)
        .args(["score", RULES_WORKLOAD]));
    assert_eq!((r.code, r.stderr), (2, several_problems_stderr()));

    // A valid replacement is used: its two factors are all a workload may answer.
    let mut cmd = ragfit();
    let r = run(cmd
        .env("RAGFIT_RULES", "tests/fixtures/rules/minimal.yaml")
        .args(["score", "--format", "json", RULES_WORKLOAD]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    let got: Vec<(&str, &str)> = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["component"].as_str().unwrap(),
                r["recommendation"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("cited", "rag"), ("busy", "fine-tune")]);
    // Under the embedded default the gate differs: `cited` is not excluded from fine-tune.
    let excluded = &json["results"][0]["excluded"][0];
    assert_eq!(excluded["gate"], "no-volume-no-tuning");
}

#[test]
fn rule_base_errors_without_position_are_still_located() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/fixtures/rules/minimal.yaml").unwrap();
    let cases = [
        (
            text.replace("    because: Volume", "    becuase: x\n    because: Volume"),
            "30:5: unknown key `becuase` (did you mean `because`?)",
        ),
        (
            text.replace("threshold: 2 }", "threshold: two }"),
            "5:67: `threshold` must be a whole number",
        ),
    ];
    for (i, (text, expected)) in cases.into_iter().enumerate() {
        let path = dir.path().join(format!("r{i}.yaml"));
        std::fs::write(&path, text).unwrap();
        let p = path.display().to_string();
        let r = run(ragfit().arg("--rules").arg(&path).args(["score", GOOD]));
        assert_eq!(r.code, 2);
        assert_eq!(
            r.stderr,
            format!("error: {p}:{expected}\nerror: the rule base is invalid (1 problem)\n")
        );
    }
}
