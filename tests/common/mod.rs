//! Helpers shared by the `check` end-to-end tests.

use assert_cmd::Command;

/// Where the `check` fixtures live.
pub const FIX: &str = "tests/fixtures/check";

/// `ragfit check` with a fixed "today" (more than 30 days before the
/// fixtures' waivers expire, so none is announced as expiring) and no
/// environment leaking in.
pub fn check() -> Command {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("COLUMNS");
    cmd.arg("check")
        .env("RAGFIT_TODAY", "2030-05-01")
        .env_remove("RAGFIT_RULES")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// A fixture's path.
pub fn fixture(name: &str) -> String {
    format!("{FIX}/{name}")
}
