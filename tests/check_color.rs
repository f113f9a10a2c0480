//! `check --format text` colours severities and summary counts when colour is
//! on (`--color always`, or `auto` on a terminal without NO_COLOR), never when off.

use assert_cmd::Command;

const FIX: &str = "tests/fixtures/check";
const ESC: char = '\u{1b}';

/// Run check on the mismatch (one error, one warning) and special (one waived
/// note) fixtures; returns stdout.
fn run(args: &[&str], no_color: Option<&str>) -> String {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("COLUMNS");
    cmd.arg("check")
        .arg(format!("{FIX}/mismatch.yaml"))
        .arg(format!("{FIX}/special.yaml"))
        .args(args)
        .env("RAGFIT_TODAY", "2030-05-01")
        .env_remove("RAGFIT_RULES")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "an error finding fails the run");
    String::from_utf8(out.stdout).unwrap()
}

fn red(s: &str) -> String {
    format!("{ESC}[1;31m{s}{ESC}[0m")
}
fn yellow(s: &str) -> String {
    format!("{ESC}[1;33m{s}{ESC}[0m")
}
fn cyan(s: &str) -> String {
    format!("{ESC}[1;36m{s}{ESC}[0m")
}

#[test]
fn color_always_colours_severities_and_summary_counts() {
    let out = run(&["--color", "always"], None);
    assert!(
        out.contains(&format!("mismatch.yaml:7:5: {}: ", red("error[RF001]"))),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "mismatch.yaml:24:5: {}: ",
            yellow("warning[RF002]")
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("special.yaml:5:5: {}: ", cyan("note[RF005]"))),
        "{out}"
    );
    let summary = out.lines().last().unwrap();
    assert!(
        summary.ends_with(&format!(
            "; {}, {}, {}",
            red("1 error"),
            yellow("1 warning"),
            cyan("1 note")
        )),
        "{summary}"
    );
    // Only the severities and counts are coloured: locations, messages and
    // the per-file lines stay plain.
    for line in out.lines().filter(|l| l.contains(".yaml")) {
        let (head, message) = line
            .split_once(&format!("{ESC}[0m: "))
            .unwrap_or(("", line));
        assert!(!message.contains(ESC), "{line:?}");
        assert!(
            !head.contains(ESC) || head.matches(ESC).count() == 1,
            "{line:?}"
        );
    }
    // `--color always` wins over NO_COLOR, as for every command.
    assert_eq!(run(&["--color", "always"], Some("1")), out);
}

#[test]
fn zero_counts_stay_plain_in_colour() {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("COLUMNS");
    let out = cmd
        .args(["check", "--color", "always"])
        .arg(format!("{FIX}/clean.yaml"))
        .env_remove("RAGFIT_RULES")
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.ends_with("; 0 errors, 0 warnings, 0 notes\n"),
        "{out:?}"
    );
}

#[test]
fn colour_off_means_no_escape_codes() {
    let coloured = run(&["--color", "always"], None);
    for (args, no_color) in [
        (&["--color", "never"][..], None),
        // auto: stdout is a pipe here, and NO_COLOR is set too.
        (&[][..], Some("1")),
        (&["--color", "auto"][..], None),
    ] {
        let out = run(args, no_color);
        assert!(!out.contains(ESC), "{args:?} {no_color:?}: {out:?}");
        // The same report, only without colour.
        let stripped = coloured
            .replace(&format!("{ESC}[1;31m"), "")
            .replace(&format!("{ESC}[1;33m"), "")
            .replace(&format!("{ESC}[1;36m"), "")
            .replace(&format!("{ESC}[0m"), "");
        assert_eq!(out, stripped);
    }
}

#[test]
fn colour_never_reaches_a_report_file_or_machine_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("report.txt");
    let out = run(
        &["--color", "always", "--output", file.to_str().unwrap()],
        None,
    );
    assert_eq!(out, "", "the report went to the file");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("error[RF001]"), "{written}");
    assert!(!written.contains(ESC), "{written:?}");
    for format in ["json", "sarif", "junit", "github", "markdown"] {
        let out = run(&["--color", "always", "-f", format], None);
        assert!(!out.contains(ESC), "{format}: {out:?}");
    }
}
