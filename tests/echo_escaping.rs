//! Text echoed from inputs — answers, `--set` values, file names, rule-base
//! and price-book texts — never reaches the terminal or a CI log raw: control,
//! line-break and bidi characters are escaped in messages, refused in the
//! texts ragfit prints, and files whose names cannot be reported exactly are
//! refused by name (issue 14, items 12 and 15).

mod run;

use run::{ragfit, run};

const ESC_TITLE: &str = "\x1b]0;pwned\x07";

fn outcome(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Nothing a terminal would act on: no C0/C1 control but `\n`, no bidi.
fn assert_inert(text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && ragfit::printable::is_unsafe(c))
        .collect();
    assert!(bad.is_empty(), "raw {bad:?} in {text:?}");
}

#[test]
fn an_answer_with_escape_sequences_is_echoed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.yaml");
    std::fs::write(
        &file,
        format!(
            "workload: w\ncomponents:\n  - name: c\n    answers:\n      citations: \"{}\"\n",
            ESC_TITLE.escape_default()
        )
        .replace("\\u{1b}", "\\e")
        .replace("\\u{7}", "\\a"),
    )
    .unwrap();
    let (code, out, err) = outcome(ragfit().arg("score").arg(&file));
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert!(err.contains("\\u{1b}]0;pwned\\u{7}"), "{err}");
    assert_inert(&err);
}

#[test]
fn a_set_value_and_a_path_argument_are_echoed_escaped() {
    // Both messages are valid UTF-8 (`run` insists) with nothing raw in them.
    let (code, _, err) = run(&[
        "score",
        "examples/support.yaml",
        "--set",
        &format!("citations={ESC_TITLE}"),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("\\u{1b}]0;pwned"), "{err}");
    assert_inert(&err);
    let (code, _, err) = run(&["score", &format!("no{ESC_TITLE}.yaml")]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("error: no\\u{1b}]0;pwned\\u{7}.yaml: "),
        "{err}"
    );
    assert_inert(&err);
}

#[test]
fn rule_base_and_price_book_texts_with_controls_are_refused_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let rules = std::fs::read_to_string("rules/default.yaml").unwrap();
    // The first `because:` line, its text replaced by a screen-clearing one.
    let mut at = None;
    let hostile: Vec<String> = rules
        .lines()
        .enumerate()
        .map(|(i, l)| match l.find("because: ") {
            Some(c) if at.is_none() => {
                at = Some((i + 1, c + "because: ".len() + 1));
                format!("{}because: \"\\e[2J\"", &l[..c])
            }
            _ => l.to_string(),
        })
        .collect();
    let (line, col) = at.unwrap();
    let hostile = hostile.join("\n") + "\n";
    let path = dir.path().join("r.yaml");
    std::fs::write(&path, hostile).unwrap();
    let (code, _, err) = outcome(
        ragfit()
            .arg("--rules")
            .arg(&path)
            .args(["score", "examples/support.yaml"]),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!(
            ":{line}:{col}: contains the control character U+001B"
        )),
        "{err}"
    );
    assert_inert(&err);

    let prices = std::fs::read_to_string("rules/prices.yaml").unwrap();
    let hostile = prices.replacen("name: ", "name: \"\\u202Eevil\" # ", 1);
    let path = dir.path().join("p.yaml");
    std::fs::write(&path, hostile).unwrap();
    let (code, _, err) = outcome(ragfit().arg("--prices").arg(&path).arg("prices"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("contains the control character U+202E"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn files_whose_names_cannot_be_reported_exactly_are_refused_by_name() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string("examples/support.yaml").unwrap();
    std::fs::write(dir.path().join("good.yaml"), &good).unwrap();
    std::fs::write(dir.path().join(OsStr::from_bytes(b"bad\xff.yaml")), &good).unwrap();
    std::fs::write(dir.path().join("esc\x1b[31m.yaml"), &good).unwrap();
    std::fs::write(dir.path().join("nl\n::error file=x::forged.yaml"), &good).unwrap();
    for format in ["json", "github"] {
        let args: &[&str] = match format {
            "json" => &["score", ".", "-f", "json"],
            _ => &["check", ".", "-f", "github", "--today", "2030-05-01"],
        };
        let (code, out, err) = outcome(ragfit().current_dir(dir.path()).args(args));
        let cmd = args[0];
        assert_eq!(code, 2, "{cmd} -f {format}: {err}");
        assert_inert(&out);
        assert_inert(&err);
        assert!(!out.contains("\u{fffd}"), "{out}");
        assert!(
            !out.lines().any(|l| l.starts_with("::error file=x")),
            "{out}"
        );
        for shown in [
            "bad\\xff.yaml",
            "esc\\u{1b}[31m.yaml",
            "nl\\n::error file=x::forged.yaml",
        ] {
            assert!(
                err.contains(&format!("error: {shown}: its name ")),
                "{shown}: {err}"
            );
        }
        // The file that can be named is still read and reported.
        assert!(out.contains("good.yaml"), "{out}");
    }
}
