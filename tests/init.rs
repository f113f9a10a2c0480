//! `ragfit init`: writes the starter, never overwrites without --force, `-` prints.

use assert_cmd::Command;

/// The starter as embedded in the binary.
const STARTER: &str = include_str!("../src/app/starter.yaml");

fn ragfit() -> Command {
    let mut cmd = Command::cargo_bin("ragfit").expect("binary builds");
    cmd.env_remove("COLUMNS");
    cmd.env_remove("RAGFIT_RULES");
    cmd
}

#[test]
fn writes_then_refuses_to_overwrite_then_forces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ragfit.yaml");
    let p = path.display().to_string();
    let out = ragfit().args(["init", &p]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "init reports on stderr, not stdout");
    let starter = std::fs::read_to_string(&path).unwrap();
    assert_eq!(starter, STARTER);

    std::fs::write(&path, "mine").unwrap();
    let out = ragfit().args(["init", &p]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("error: {p} already exists (pass --force to overwrite it)\n")
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "mine",
        "left untouched"
    );

    ragfit().args(["init", "--force", &p]).assert().success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), starter);
    // Nothing else is left behind (the write goes through a renamed temporary file).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn dash_prints_the_starter() {
    let out = ragfit().args(["init", "-"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), STARTER);
}

#[test]
fn the_starter_scores_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("starter.yaml");
    ragfit().arg("init").arg(&path).assert().success();
    let out = ragfit()
        .args(["score", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!v["results"].as_array().unwrap().is_empty());
    // And from stdin, as `ragfit init - | ragfit score -` would.
    ragfit()
        .args(["score", "-"])
        .write_stdin(STARTER)
        .assert()
        .success();
}

#[test]
fn unwritable_destination_is_an_error() {
    let out = ragfit()
        .args(["init", "/nonexistent-dir/ragfit.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: cannot write /nonexistent-dir/ragfit.yaml"),
        "{err}"
    );
}
