//! Rule-base validation beyond unknown names: confidence parameters out of
//! range, empty `all`/`any`, a fallback to itself — each at its own line.
//! The fixture is the default rule base with those mistakes made in it.

use assert_cmd::Command;

#[test]
fn semantic_mistakes_are_reported_at_their_lines() {
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .env_remove("COLUMNS")
        .env_remove("RAGFIT_RULES")
        .args([
            "--rules",
            "tests/fixtures/rules/semantic-problems.yaml",
            "rules",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let f = "tests/fixtures/rules/semantic-problems.yaml";
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: {f}:201:11: rule `strict-output-consistency`: an empty `all`/`any` list (list at least one condition)\n\
             error: {f}:328:11: `rag` falls back to itself (a fallback must name other outcomes)\n\
             error: {f}:332:17: `margin_scale` must be above 0\n\
             error: {f}:339:21: `borderline_below` must be between 0 and 1, not 5 (confidence is a fraction)\n\
             error: the rule base is invalid (4 problems)\n"
        )
    );
}
