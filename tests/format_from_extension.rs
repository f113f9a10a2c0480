//! `-o FILE` without `--format`: the format follows the file's extension, as
//! a user writing `-o report.json` means; `--format` always wins, and an
//! extension that names no format keeps the default (table / text).

use assert_cmd::Command;

/// `ragfit ARGS -o DIR/NAME`, returning the file's bytes (exit 0, or 1:
/// `check` on examples/ finds an error).
fn written(args: &[&str], name: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("RAGFIT_RULES")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env("RAGFIT_TODAY", "2030-05-01")
        .args(args)
        .arg("-o")
        .arg(&path);
    let out = cmd.output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "ragfit {args:?} -o {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(&path).unwrap()
}

/// What `ragfit ARGS -f FORMAT` prints.
fn printed(args: &[&str], format: &str) -> Vec<u8> {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("RAGFIT_RULES")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env("RAGFIT_TODAY", "2030-05-01")
        .args(args)
        .args(["-f", format]);
    cmd.output().unwrap().stdout
}

/// For each `(file name, format)`, `-o NAME` writes what `-f FORMAT` prints;
/// and `-f explicit` wins over a file name that names another format.
fn follows_the_extension(command: &[&str], cases: &[(&str, &str)], explicit: &str, other: &str) {
    for (name, format) in cases {
        assert_eq!(
            written(command, name),
            printed(command, format),
            "-o {name} should write {format}"
        );
    }
    let mut with_format = command.to_vec();
    with_format.extend(["-f", explicit]);
    assert_eq!(written(&with_format, other), printed(command, explicit));
}

#[test]
fn score_writes_the_format_its_file_name_names() {
    let cases = [
        ("r.json", "json"),
        ("r.JSON", "json"),
        ("r.jsonl", "jsonl"),
        ("r.ndjson", "jsonl"),
        ("r.yml", "yaml"),
        ("r.md", "markdown"),
        ("r.csv", "csv"),
        ("r.html", "html"),
        ("r.svg", "svg"),
        ("r.txt", "table"),
        ("report", "table"),
    ];
    follows_the_extension(&["score", "examples/"], &cases, "csv", "r.json");
}

#[test]
fn check_writes_the_format_its_file_name_names() {
    let cases = [
        ("r.sarif", "sarif"),
        ("r.json", "json"),
        ("r.xml", "junit"),
        ("r.markdown", "markdown"),
        ("r.htm", "html"),
        ("r.log", "text"),
    ];
    follows_the_extension(&["check", "examples/"], &cases, "github", "r.sarif");
}
