//! Helpers for the bad-input tests (`score_bad_input.rs`, `score_bad_workloads.rs`):
//! run the binary, and score bad inputs next to a good file, checking what
//! every bad input has in common.

// Each test file uses its own subset of these.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;

pub const GOOD: &str = "tests/fixtures/good/tiny.yaml";

pub fn ragfit() -> Command {
    let mut cmd = Command::cargo_bin("ragfit").expect("binary builds");
    cmd.env_remove("COLUMNS");
    cmd.env_remove("RAGFIT_RULES").env_remove("NO_COLOR");
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("binary runs");
    Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn bad(name: &str) -> String {
    format!("tests/fixtures/bad/{name}")
}

/// Rebuild the stderr form of a JSON error: `path[:line:col]: message[ (hint)]`.
pub fn display(e: &Value) -> String {
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
pub fn score_with_good(args: &[&str]) -> Vec<String> {
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
pub fn assert_problems(name: &str, expected: &[&str]) {
    let path = bad(name);
    let expected: Vec<String> = expected
        .iter()
        .map(|e| format!("error: {path}:{e}"))
        .collect();
    assert_eq!(score_with_good(&[&path]), expected, "problems in {name}");
}
