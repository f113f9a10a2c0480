//! Baselines end to end in a temporary git repository: write one, check
//! against it from a subfolder, survive line moves, fail only on new
//! findings, report entries that no longer occur, accept a JSON report.

use std::path::Path;

use assert_cmd::Command;

const MISMATCH: &str = include_str!("fixtures/check/mismatch.yaml");
const UNDECLARED: &str = include_str!("fixtures/check/undeclared.yaml");

fn ragfit(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .arg("check")
        .args(args)
        .current_dir(cwd)
        .env("RAGFIT_TODAY", "2030-05-01")
        .env_remove("RAGFIT_RULES")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert!(std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(dir.path())
        .status()
        .unwrap()
        .success());
    std::fs::create_dir_all(dir.path().join("w")).unwrap();
    std::fs::create_dir_all(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("w/a.ragfit.yaml"), MISMATCH).unwrap();
    std::fs::write(dir.path().join("w/b.ragfit.yaml"), UNDECLARED).unwrap();
    dir
}

#[test]
fn baseline_round_trip() {
    let dir = repo();
    let root = dir.path();
    // Today's findings fail the run...
    let (code, ..) = ragfit(root, &["w"]);
    assert_eq!(code, 1);
    // ...until recorded: writing the baseline records all three and passes.
    let (code, out, err) = ragfit(root, &["w", "--write-baseline", "ragfit-baseline.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("error[RF001]"),
        "the run still reports them: {out}"
    );
    assert!(
        err.contains("note: wrote ragfit-baseline.json with 3 findings"),
        "{err}"
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("ragfit-baseline.json")).unwrap())
            .unwrap();
    assert_eq!(written["ragfit_baseline"], 1);
    assert_eq!(written["findings"][0]["path"], "w/a.ragfit.yaml");
    assert_eq!(written["findings"][0]["code"], "RF001");

    // From a subfolder, with the lines moved: nothing new, exit 0, with
    // --fail-on warning too.
    let moved = format!("# a new header\n# pushes every line down\n{MISMATCH}");
    std::fs::write(root.join("w/a.ragfit.yaml"), moved).unwrap();
    let (code, out, _) = ragfit(
        &root.join("docs"),
        &[
            "../w",
            "--baseline",
            "../ragfit-baseline.json",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("[RF00"), "{out}");
    assert!(out.ends_with("; 3 in the baseline\n"), "{out}");

    // A new finding fails; a fixed one is reported as no longer occurring.
    std::fs::write(root.join("w/c.ragfit.yaml"), MISMATCH).unwrap();
    std::fs::remove_file(root.join("w/b.ragfit.yaml")).unwrap();
    let (code, out, err) = ragfit(root, &["w", "--baseline", "ragfit-baseline.json"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("w/c.ragfit.yaml:7:5: error[RF001]"), "{out}");
    assert!(!out.contains("w/a.ragfit.yaml:"), "{out}");
    assert!(
        out.contains("; 2 in the baseline (1 baseline entry no longer occurs)"),
        "{out}"
    );
    assert!(
        err.contains(
            "note: 1 entry of the baseline no longer occurs (fixed since it was written; rewrite it \
             with --write-baseline FILE to drop it):\n  w/b.ragfit.yaml: `faq`: RF003\n"
        ),
        "{err}"
    );
}

#[test]
fn a_json_report_works_as_a_baseline_and_other_files_are_refused() {
    let dir = repo();
    let root = dir.path();
    let (_, report, _) = ragfit(root, &["w", "-f", "json"]);
    std::fs::write(root.join("report.json"), report).unwrap();
    let (code, out, _) = ragfit(
        root,
        &["w", "--baseline", "report.json", "--fail-on", "warning"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("; 3 in the baseline"), "{out}");
    // Not a baseline: invalid input, exit 2, with how to make one.
    std::fs::write(root.join("bad.json"), "{\"x\": 1}").unwrap();
    let (code, _, err) = ragfit(root, &["w", "--baseline", "bad.json"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: bad.json: neither a baseline (`check --write-baseline FILE`) nor a `check --format \
         json` report (write one with `ragfit check --write-baseline FILE`, or pass a `check --format \
         json` report)\n"
    );
    let (code, _, err) = ragfit(root, &["w", "--baseline", "missing.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("error: missing.json: no such file or directory"),
        "{err}"
    );
}

#[test]
fn no_baseline_is_written_when_input_is_unusable() {
    let dir = repo();
    let root = dir.path();
    let (code, _, err) = ragfit(root, &["w", "nope.yaml", "--write-baseline", "b.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("error: baseline not written to b.json: 1 input could not be checked"),
        "{err}"
    );
    assert!(!root.join("b.json").exists());
}
