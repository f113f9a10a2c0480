//! Running the binary from end-to-end tests: no rule base, width or colour
//! leaking in from the environment, and the outcome as plain values.

// Each test file uses its own subset of these.
#![allow(dead_code)]

use assert_cmd::Command;

/// `ragfit` with no `RAGFIT_RULES`, no `COLUMNS`, and `NO_COLOR` set.
pub fn ragfit() -> Command {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("RAGFIT_RULES")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    cmd
}

/// Run `ragfit ARGS`: exit code (-1 for a signal), stdout, stderr.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = ragfit().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Run `ragfit ARGS`, which must succeed, and return its stdout.
pub fn stdout_of(args: &[&str]) -> String {
    let out = ragfit().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

/// Run `ragfit ARGS`, which must succeed and print JSON, and parse it.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args)).expect("stdout is JSON")
}
