//! The terminal quadrant, end to end: `score --chart` and the chart that
//! opens `explain`, at the widths a terminal has (`COLUMNS`), with and
//! without colour.

use assert_cmd::Command;

fn ragfit(columns: &str) -> Command {
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.env_remove("RAGFIT_RULES")
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns);
    cmd
}

fn stdout(columns: &str, args: &[&str]) -> String {
    let out = ragfit(columns).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The chart part of `score --chart`'s output: from the y axis title on.
fn chart_of(text: &str) -> String {
    let start = text.find("↑ ").expect("a chart");
    text[start..].to_string()
}

#[test]
fn score_chart_at_60_columns() {
    let text = stdout("60", &["score", "examples/support.yaml", "--chart"]);
    // The chart and the tables fit; prose lines (`system:`) wrap as text does.
    for line in chart_of(&text)
        .lines()
        .chain(text.lines().filter(|l| l.starts_with(['┌', '│', '└'])))
    {
        assert!(line.chars().count() <= 60, "wider than 60: {line:?}");
    }
    insta::assert_snapshot!("score_chart_60", chart_of(&text));
}

#[test]
fn score_chart_at_100_columns() {
    let text = stdout("100", &["score", "examples/support.yaml", "--chart"]);
    for line in chart_of(&text).lines() {
        assert!(line.chars().count() <= 100, "wider than 100: {line:?}");
    }
    insta::assert_snapshot!("score_chart_100", chart_of(&text));
}

#[test]
fn explain_opens_with_the_chart_of_the_components_explained() {
    let text = stdout("60", &["explain", "examples/doc-pipeline.yaml"]);
    let chart: String = text.split("\n\n").next().unwrap().to_string();
    insta::assert_snapshot!("explain_chart_60", chart);
    let one = stdout(
        "60",
        &[
            "explain",
            "examples/doc-pipeline.yaml",
            "-c",
            "exception-summary",
        ],
    );
    let legend: Vec<&str> = one
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .filter(|l| l.contains("knowledge -4, behavior"))
        .collect();
    assert_eq!(
        legend,
        ["1 exception-summary  prompt-only  knowledge -4, behavior -1"]
    );
}

#[test]
fn colour_only_when_on_and_then_by_outcome() {
    let plain = stdout("80", &["score", "examples/support.yaml", "--chart"]);
    assert!(!plain.contains('\x1b'));
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .env_remove("RAGFIT_RULES")
        .env_remove("NO_COLOR")
        .env("COLUMNS", "80")
        .args([
            "--color",
            "always",
            "score",
            "examples/support.yaml",
            "--chart",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let chart = chart_of(&text);
    // ticket-triage (3) is fine-tune: magenta; policy-answers (1) rag: blue.
    assert!(chart.contains("\x1b[1;35m3\x1b[0m"), "{chart}");
    assert!(chart.contains("\x1b[1;34m1\x1b[0m"), "{chart}");
    assert!(chart.contains("\x1b[36mhybrid\x1b[0m"), "{chart}");
}

#[test]
fn chart_is_for_the_table_format_only() {
    ragfit("80")
        .args(["score", "examples/support.yaml", "--chart", "-f", "json"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "--chart draws under the table format",
        ));
}

#[test]
fn a_score_off_the_chart_sits_at_the_edge_and_the_legend_says_so() {
    let text = stdout(
        "60",
        &[
            "score",
            "examples/support.yaml",
            "--chart",
            "--set",
            "ticket-triage.daily_requests=9000000",
        ],
    );
    let chart = chart_of(&text);
    assert!(chart.contains("knowledge -4, behavior"), "{chart}");
    // Whatever the new score, each legend line that is off the chart says so,
    // and only those.
    for line in chart.lines().filter(|l| l.contains("knowledge ")) {
        let scores: Vec<i64> = line
            .split([',', ' ', '('])
            .filter_map(|w| w.parse().ok())
            .collect();
        let off = scores.iter().any(|s| !(-8..=16).contains(s));
        assert_eq!(off, line.contains("off the chart"), "{line}");
    }
}
