//! `--help` of ragfit and of every subcommand, snapshotted: a changed
//! interface is a reviewed diff. Every command's help ends with examples.

use assert_cmd::Command;
use clap::CommandFactory;

/// Every command path: `[]`, `["score"]`, `["rules", "test"]`, ...
fn paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let mut p = prefix.clone();
        p.push(sub.get_name().to_string());
        paths(sub, p, out);
    }
}

fn help(path: &[String]) -> String {
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .args(path)
        .arg("--help")
        .env_remove("RAGFIT_RULES")
        // clap wraps help at the terminal's width, up to 100 columns: pin it.
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{path:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_command_has_a_help_snapshot_with_examples() {
    let mut all = Vec::new();
    paths(&ragfit::cli::Cli::command(), Vec::new(), &mut all);
    assert_eq!(all.len(), 15, "{all:?}");
    for path in all {
        let text = help(&path);
        assert!(
            text.contains("\nExamples:\n  ragfit "),
            "{path:?} has no examples:\n{text}"
        );
        let name = if path.is_empty() {
            "ragfit".to_string()
        } else {
            format!("ragfit-{}", path.join("-"))
        };
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn the_rules_summary_is_whole_in_the_command_list() {
    let text = help(&[]);
    assert!(
        text.contains(
            "  rules        List the active rule base; test it against expected outcomes; diff two rule bases\n"
        ),
        "{text}"
    );
}
