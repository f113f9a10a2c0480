//! Shell integration: `ragfit completions SHELL` for every shell, and
//! `ragfit man`, a roff page that `man -l -` renders without a warning.

use std::io::Write;
use std::process::{Command as Process, Stdio};

mod run;

use run::run;

fn stdout_of(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{args:?}");
    assert!(stderr.is_empty(), "{args:?}");
    stdout
}

/// Whether a program is on PATH (the checks that need it skip otherwise).
fn has(program: &str) -> bool {
    Process::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Run `program args` with `input` on stdin: exit code, stdout, stderr.
fn pipe(program: &str, args: &[&str], input: &str, env: &[(&str, &str)]) -> (i32, String, String) {
    let mut child = Process::new(program)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_shell_gets_a_completion_script_that_knows_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for word in ["score", "check", "rules", "diff", "format", "completions"] {
            assert!(script.contains(word), "{shell} script lacks `{word}`");
        }
    }
}

#[test]
fn the_bash_script_loads() {
    if !has("bash") {
        return;
    }
    let script = stdout_of(&["completions", "bash"]);
    let (code, _, stderr) = pipe("bash", &["-n"], &script, &[]);
    assert_eq!(code, 0, "bash -n: {stderr}");
    // Sourced, it registers the completion function.
    let (code, out, stderr) = pipe(
        "bash",
        &["-c", "source /dev/stdin && complete -p ragfit"],
        &script,
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(out.contains("ragfit"), "{out}");
}

#[test]
fn a_shell_that_does_not_exist_is_a_usage_error() {
    let (code, _, stderr) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("[possible values: bash, elvish, fish, powershell, zsh]"),
        "{stderr}"
    );
}

#[test]
fn the_man_page_covers_every_command_and_renders_without_warnings() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq \\(aq\n") || page.starts_with(".TH"),
        "{}",
        &page[..80]
    );
    assert!(page.contains(".TH ragfit 1"), "no title");
    for section in [
        "RAGFIT SCORE",
        "RAGFIT CHECK",
        "RAGFIT EXPLAIN",
        "RAGFIT RULES",
        "RAGFIT RULES TEST",
        "RAGFIT RULES DIFF",
        "RAGFIT ASK",
        "RAGFIT INIT",
        "RAGFIT SCHEMA",
        "RAGFIT COMPLETIONS",
        "RAGFIT MAN",
    ] {
        assert!(
            page.contains(&format!(".SH \"{section}\"\n")),
            "no section {section}"
        );
    }
    // Pure ASCII: renders the same whatever the input encoding.
    assert!(page.is_ascii());
    // Every request is one the man macros or roff define (a typo would be dropped silently).
    for line in page.lines().filter(|l| l.starts_with('.')) {
        let request = line[1..].split_whitespace().next().unwrap_or("");
        assert!(
            [
                "TH", "SH", "SS", "TP", "PP", "IP", "RS", "RE", "br", "ie", "el", "ds", "B", "I",
                "nf", "fi", "sp"
            ]
            .contains(&request),
            "unexpected request: {line}"
        );
    }
    if has("man") {
        let (code, text, stderr) = pipe(
            "man",
            &["--warnings", "-l", "-"],
            &page,
            &[("MANWIDTH", "80"), ("MANPAGER", "cat"), ("PAGER", "cat")],
        );
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stderr, "", "man warned");
        assert!(text.contains("RAGFIT RULES DIFF"), "{text}");
    } else if has("groff") {
        let (code, _, stderr) = pipe("groff", &["-man", "-ww", "-z"], &page, &[]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(stderr, "", "groff warned");
    }
}
