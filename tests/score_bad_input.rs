//! Bad input, end to end through the real binary.
//!
//! Every bad input is scored next to a good file (`tests/fixtures/good/tiny.yaml`)
//! with `--format json`, and every case must: exit 2; print one
//! `error: <file>[:line:col]: ...` line per problem on stderr, naming the file;
//! never panic; and still score and print the good file on stdout, whose JSON
//! lists the same problems under `errors`. Inputs that cannot sensibly be
//! committed (huge, deep, binary, unreadable, symlinks) are generated into a
//! temporary directory.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const GOOD: &str = "tests/fixtures/good/tiny.yaml";

fn ragfit() -> Command {
    let mut cmd = Command::cargo_bin("ragfit").expect("binary builds");
    cmd.env_remove("COLUMNS");
    cmd.env_remove("RAGFIT_RULES").env_remove("NO_COLOR");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("binary runs");
    Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn bad(name: &str) -> String {
    format!("tests/fixtures/bad/{name}")
}

/// Rebuild the stderr form of a JSON error: `path[:line:col]: message[ (hint)]`.
fn display(e: &Value) -> String {
    let mut s = e["path"].as_str().expect("error path").to_string();
    if let (Some(l), Some(c)) = (e["line"].as_u64(), e["column"].as_u64()) {
        s.push_str(&format!(":{l}:{c}"));
    }
    s.push_str(&format!(": {}", e["message"].as_str().expect("message")));
    if let Some(h) = e["hint"].as_str() {
        s.push_str(&format!(" ({h})"));
    }
    s
}

/// Score `args` (bad inputs) followed by the good file; check what every bad
/// input has in common and return the stderr lines.
fn score_with_good(args: &[&str]) -> Vec<String> {
    let r = run(ragfit()
        .args(["score", "--format", "json"])
        .args(args)
        .arg(GOOD));
    assert!(
        !r.stderr.contains("panicked"),
        "panic on {args:?}:\n{}",
        r.stderr
    );
    assert_eq!(r.code, 2, "exit code for {args:?}; stderr:\n{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON for {args:?} ({e}):\n{}", r.stdout));
    let scored: Vec<(&str, &str)> = json["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap(),
                r["component"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        scored,
        [(GOOD, "faq"), (GOOD, "triage")],
        "the good file is still scored next to {args:?}"
    );
    // Notes (files skipped in a directory walk) are not errors.
    let lines: Vec<String> = r
        .stderr
        .lines()
        .filter(|l| !l.starts_with("note: "))
        .map(String::from)
        .collect();
    let from_json: Vec<String> = json["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| format!("error: {}", display(e)))
        .collect();
    assert_eq!(lines, from_json, "stderr and the JSON `errors` agree");
    lines
}

/// A committed bad fixture: exactly these problems, in this order.
fn assert_problems(name: &str, expected: &[&str]) {
    let path = bad(name);
    let expected: Vec<String> = expected
        .iter()
        .map(|e| format!("error: {path}:{e}"))
        .collect();
    assert_eq!(score_with_good(&[&path]), expected, "problems in {name}");
}

// ---- unreadable or unparseable files ----------------------------------------

#[test]
fn malformed_yaml() {
    assert_problems(
        "malformed.yaml",
        &["5:1: invalid YAML: while parsing a flow mapping, did not find expected ',' or '}'"],
    );
    assert_problems(
        "tab-indent.yaml",
        &["3:11: invalid YAML: while scanning a plain scalar, found a tab"],
    );
    assert_problems(
        "top-level-list.yaml",
        &["1:1: the top level must be a mapping of keys to values \
           (start the file with `workload: NAME`; `ragfit init` writes a starter file)"],
    );
}

#[test]
fn alias_bomb_is_refused_at_the_first_anchor() {
    assert_problems(
        "alias-bomb.yaml",
        &[
            "2:7: YAML anchors and aliases (`&name`, `*name`) are not supported \
           (write the values out in full)",
        ],
    );
}

#[test]
fn non_utf8_points_at_the_bad_byte() {
    assert_problems(
        "latin1.yaml",
        &["1:14: file is not valid UTF-8 (save the file as UTF-8)"],
    );
}

#[test]
fn empty_and_comment_only_files() {
    let path = bad("empty.yaml");
    assert_eq!(
        score_with_good(&[&path]),
        [format!(
            "error: {path}: file is empty (`ragfit init FILE` writes a starter workload)"
        )]
    );
    assert_problems(
        "comment-only.yaml",
        &[
            "3:1: the workload file is missing `workload:` (add `workload: ...`)",
            "3:1: the workload file is missing `components:` \
             (list at least one component with `- name: ...`)",
        ],
    );
}

#[test]
fn missing_path() {
    let lines = score_with_good(&["tests/fixtures/bad/no-such-file.yaml"]);
    assert_eq!(
        lines,
        [
            "error: tests/fixtures/bad/no-such-file.yaml: no such file or directory \
          (check the path; pass a workload file, a directory, or - for stdin)"
        ]
    );
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.yaml");
    let mut bytes = b"workload: x\n".to_vec();
    bytes.extend((0u8..=255).cycle().take(4096));
    std::fs::write(&path, bytes).unwrap();
    let p = path.display().to_string();
    assert_eq!(
        score_with_good(&[&p]),
        [format!(
            "error: {p}:2:1: binary file (contains a NUL byte) (ragfit reads YAML text files)"
        )]
    );
}

#[test]
fn files_over_the_size_cap_are_refused_before_parsing() {
    let cap = ragfit::input::MAX_FILE_BYTES as usize;
    let dir = tempfile::tempdir().unwrap();
    // Valid YAML padded with a comment, so only the size can be wrong.
    let body = std::fs::read_to_string(GOOD).unwrap();
    let padded = |len: usize| format!("{body}#{}\n", "x".repeat(len - body.len() - 2));
    let over = dir.path().join("over.yaml");
    std::fs::write(&over, padded(cap + 1)).unwrap();
    let p = over.display().to_string();
    assert_eq!(
        score_with_good(&[&p]),
        [format!(
            "error: {p}: file is larger than the 1024 KiB limit \
             (workload files are small; split it into several files)"
        )]
    );
    // Exactly at the cap is still read.
    let at = dir.path().join("at.yaml");
    std::fs::write(&at, padded(cap)).unwrap();
    ragfit()
        .args(["score", "--format", "csv"])
        .arg(&at)
        .assert()
        .success();
}

#[test]
fn deep_flow_nesting_hits_the_parser_limit_without_overflow() {
    let dir = tempfile::tempdir().unwrap();
    for (name, open, close) in [("brackets.yaml", "[", "]"), ("braces.yaml", "{a: ", "}")] {
        let path = dir.path().join(name);
        let text = format!(
            "workload: deep\ncomponents: {}1{}\n",
            open.repeat(100_000),
            close.repeat(100_000)
        );
        std::fs::write(&path, text).unwrap();
        let p = path.display().to_string();
        let lines = score_with_good(&[&p]);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with(&format!("error: {p}:2:"))
                && lines[0].ends_with(": invalid YAML: recursion limit exceeded"),
            "{lines:?}"
        );
    }
}

#[test]
fn deep_block_nesting_is_refused_before_parsing() {
    // `- - - - …` nests one block sequence per two bytes; unguarded, the
    // recursive loader overflows the stack on a few thousand levels.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dashes.yaml");
    std::fs::write(
        &path,
        format!("workload: deep\ncomponents:\n{}x\n", "- ".repeat(400_000)),
    )
    .unwrap();
    let p = path.display().to_string();
    let col = ragfit::yaml::MAX_NESTING_COLUMN;
    assert_eq!(
        score_with_good(&[&p]),
        [format!(
            "error: {p}:3:{}: nesting is too deep (content starts past column {col}) \
             (workload files need only a few levels of indentation)",
            col + 2
        )]
    );
    // Deep indentation is refused the same way.
    let indented = dir.path().join("indented.yaml");
    let text: String = (0..300)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    std::fs::write(&indented, format!("workload: deep\n{text}")).unwrap();
    let p = indented.display().to_string();
    let lines = score_with_good(&[&p]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains(": nesting is too deep"), "{lines:?}");
}

#[test]
fn unreadable_file() {
    // As root (CI), permission bits do not stop a read, so chmod 000 proves
    // nothing there: the check below is skipped when the file stays readable.
    // /proc/self/mem is the "another way": it opens but every read at offset 0
    // fails, for root too.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.yaml");
    std::fs::copy(GOOD, &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_err() {
        let p = path.display().to_string();
        assert_eq!(
            score_with_good(&[&p]),
            [format!("error: {p}: permission denied")]
        );
    } else {
        // The test harness shows this note with --nocapture; it is not output of ragfit.
        #[allow(clippy::print_stderr)]
        let () = eprintln!("running as root: chmod 000 does not make a file unreadable; skipped");
    }
    if Path::new("/proc/self/mem").exists() {
        let lines = score_with_good(&["/proc/self/mem"]);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with("error: /proc/self/mem: cannot read: "),
            "{lines:?}"
        );
    }
}

#[test]
fn directory_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    std::fs::create_dir(&team).unwrap();
    std::fs::copy("tests/fixtures/rules/workload.yaml", team.join("w.yaml")).unwrap();
    std::os::unix::fs::symlink("..", team.join("back")).unwrap();
    let root = dir.path().display().to_string();
    let r = run(ragfit().args(["score", "--format", "csv", &root]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!("error: {root}/team/back: symbolic link loop; skipped\n")
    );
    // The loop is skipped, the file beside it is still read (and is invalid under
    // the default rules only because of its answers, which is not what we test).
    assert!(
        r.stdout.starts_with("path,workload,component"),
        "{}",
        r.stdout
    );

    // A link to itself, named like a workload file.
    let selfie = dir.path().join("self.yaml");
    std::os::unix::fs::symlink(&selfie, &selfie).unwrap();
    let p = selfie.display().to_string();
    let lines = score_with_good(&[&p]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(&format!("error: {p}: ")), "{lines:?}");
}

#[test]
fn directory_with_no_workload_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a workload").unwrap();
    let p = dir.path().display().to_string();
    assert_eq!(
        score_with_good(&[&p]),
        [format!(
            "error: {p}: directory holds no workload files (*.yaml, *.yml) \
             (`ragfit init FILE` writes a starter workload)"
        )]
    );
}

#[test]
fn bad_stdin_is_named_stdin() {
    let r = run(ragfit()
        .args(["score", "--format", "json", "-", GOOD])
        .write_stdin("workload: x\ncomponents: []\n"));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: <stdin>:2:13: `components` is empty: there is nothing to assess \
         (list at least one component with `- name: ...`)\n"
    );
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["results"].as_array().unwrap().len(), 2);
}

#[test]
fn only_bad_files_still_print_a_valid_empty_report() {
    let r = run(ragfit().args(["score", "--format", "csv", &bad("empty.yaml")]));
    assert_eq!(r.code, 2);
    // The columns do not depend on whether anything was scored.
    assert_eq!(
        r.stdout,
        "path,workload,component,recommendation,confidence,borderline,knowledge_score,\
         behavior_score,architecture,matches,excluded,alternatives,unanswered\n"
    );
    let r = run(ragfit().args(["score", "--format", "json", &bad("empty.yaml")]));
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["results"], serde_json::json!([]));
    assert_eq!(json["errors"].as_array().unwrap().len(), 1);
}

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
