//! `COLUMNS` sets the width tables and prose are fitted to, as ripgrep and gh
//! honour it; without it piped output keeps its fixed width, and a report
//! written with `-o` never depends on it.

use assert_cmd::Command;

fn run(columns: Option<&str>, args: &[&str]) -> String {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("RAGFIT_RULES")
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    let out = cmd.args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The widest line, links aside (a URL is never broken).
fn widest(text: &str) -> usize {
    text.lines()
        .filter(|l| !l.contains("https://"))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
}

#[test]
fn columns_60_fits_every_text_report_to_60_columns() {
    for args in [
        &["rules"][..],
        &["explain", "examples/support.yaml"],
        &["explain", "--rule", "volatile-knowledge-not-in-weights"],
        &["score", "examples/"],
    ] {
        let text = run(Some("60"), args);
        assert!(
            widest(&text) <= 60,
            "{args:?}: {} columns\n{text}",
            widest(&text)
        );
        // The unwrapped report really is wider: COLUMNS made the difference.
        assert!(widest(&run(None, args)) > 60, "{args:?}");
    }
}

#[test]
fn without_columns_piped_tables_keep_their_fixed_width() {
    let text = run(
        None,
        &["explain", "examples/support.yaml", "-c", "reply-drafting"],
    );
    assert_eq!(widest(&text), 100);
    // An unusable COLUMNS is ignored, not an error.
    assert_eq!(
        run(
            Some("wide"),
            &["explain", "examples/support.yaml", "-c", "reply-drafting"]
        ),
        text
    );
}

#[test]
fn a_report_written_to_a_file_ignores_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.txt"), tmp.path().join("b.txt"));
    run(Some("60"), &["rules", "-o", a.to_str().unwrap()]);
    run(None, &["rules", "-o", b.to_str().unwrap()]);
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}
