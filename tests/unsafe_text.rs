//! Names and free text that would not read back as written, or would show
//! other than as written (control characters, line breaks in names, bidi
//! controls), are refused by the loader with the character escaped: the same
//! rule `ask` applies at its prompts (see src/workload/text.rs).

use assert_cmd::Command;

#[test]
fn unsafe_names_and_text_are_refused_with_the_character_escaped() {
    let path = "tests/fixtures/bad/unsafe-text.yaml";
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .env_remove("RAGFIT_RULES")
        .env("NO_COLOR", "1")
        .args(["score", path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let control = "remove it: control characters can rewrite what a terminal or CI log shows";
    let expected = [
        format!("error: {path}:3:11: `workload` contains the control character U+0085 ({control})"),
        format!(
            "error: {path}:5:11: `name` contains the bidirectional control U+202E (remove it: \
             it makes text display in an order other than the one it is stored in)"
        ),
        format!("error: {path}:6:11: `name` contains a line break U+000A (remove it: a name is one line)"),
        format!("error: {path}:7:18: `description` contains the control character U+009B ({control})"),
        format!(
            "error: {path}:8:11: `name` contains the separator U+2028 (remove it: \
             YAML would read it back as a line break)"
        ),
    ];
    assert_eq!(stderr.lines().collect::<Vec<_>>(), expected, "{stderr}");
    // Nothing raw reaches the terminal.
    assert!(
        !stderr.contains(['\u{85}', '\u{9b}', '\u{202E}', '\u{2028}']),
        "{stderr:?}"
    );
}
