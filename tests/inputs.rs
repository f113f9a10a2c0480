//! How inputs are found and named: typos in scanned directories, stdin given
//! twice, one file under several spellings, borderline agreement in `check`.

use assert_cmd::Command;

fn ragfit() -> Command {
    let mut c = Command::cargo_bin("ragfit").unwrap();
    c.env_remove("COLUMNS");
    c.env_remove("RAGFIT_RULES").env("NO_COLOR", "1");
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let o = c.output().unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn a_misspelled_workload_in_a_scanned_directory_is_an_error_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("examples/support.yaml", dir.path().join("support.yaml")).unwrap();
    std::fs::write(
        dir.path().join("typo.yaml"),
        "workloads: z\ncomponent:\n  - name: a\n",
    )
    .unwrap();
    let d = dir.path().display().to_string();
    let (code, _, stderr) = run(ragfit().args(["check", &d]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "typo.yaml:1:1: unknown key `workloads` in the workload (did you mean `workload`?)"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("skipped"), "{stderr}");
}

#[test]
fn stdin_named_twice_is_read_once() {
    let text = std::fs::read_to_string("examples/support.yaml").unwrap();
    let (code, stdout, stderr) = run(ragfit()
        .args(["score", "-", "-", "-f", "csv"])
        .write_stdin(text));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 1 + 4, "{stdout}");
}

#[test]
fn one_file_under_several_spellings_is_read_once_under_one_name() {
    let cwd = std::env::current_dir().unwrap();
    let absolute = cwd.join("examples/support.yaml").display().to_string();
    let spellings = [
        "examples/support.yaml",
        "./examples/support.yaml",
        "examples//support.yaml",
        &absolute,
    ];
    let (code, stdout, stderr) = run(ragfit().arg("score").args(spellings).args(["-f", "csv"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 1 + 4, "{stdout}");
    // And every spelling gives the same annotations (CI fingerprints depend on it).
    let github = |p: &str| run(ragfit().args(["check", p, "-f", "github", "--fail-on", "never"])).1;
    let expected = github("examples/support.yaml");
    assert!(
        expected.contains("file=examples/support.yaml,"),
        "{expected}"
    );
    for p in spellings {
        assert_eq!(github(p), expected, "{p}");
    }
}

#[test]
fn check_says_when_an_agreeing_result_is_borderline() {
    let (code, stdout, _) =
        run(ragfit().args(["check", "tests/fixtures/check/borderline-agree.yaml"]));
    assert_eq!(code, 0, "a note never fails the build");
    assert!(
        stdout.contains(
            "borderline-agree.yaml:5:5: note[RF008]: `brand` agrees with `prompt-only`, but the \
             recommendation is borderline (confidence 0.13): it would be `fine-tune` if \
             latency_budget_ms were 300;"
        ),
        "{stdout}"
    );
    let (_, sarif, _) = run(ragfit().args([
        "check",
        "tests/fixtures/check/borderline-agree.yaml",
        "-f",
        "sarif",
    ]));
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let rules: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert!(rules.contains(&"RF008"), "{rules:?}");
}

#[test]
fn free_text_written_as_a_number_or_boolean_is_an_error() {
    let text = "workload: 42\nowner: ~\ncomponents:\n  - name: 7\n    description: true\n  \
                - name: \"8\"\n    description: \"true\"\n    answers:\n      daily_requests: 1_000\n      \
                labeled_examples: 99999999999999999999999\n";
    let (code, stdout, stderr) = run(ragfit().args(["score", "-"]).write_stdin(text));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: <stdin>:1:11: `workload` must be text, not a number (quote it: workload: \"42\")\n\
         error: <stdin>:4:11: `name` must be text, not a number (quote it: name: \"7\")\n\
         error: <stdin>:5:18: `description` must be text, not a boolean (quote it: description: \"true\")\n\
         error: <stdin>:9:23: `daily_requests` takes a number, not `1_000` (expected a whole number >= 0, or unknown)\n\
         error: <stdin>:10:25: 99999999999999999999999 is too large for `labeled_examples` \
         (expected a whole number >= 0, or unknown)\n"
    );
}
