//! `ragfit cost`, `score --cost` and the cost section of `explain`, through
//! the binary: the README's worked example checked against arithmetic done by
//! hand, every format, what `--months` and `--set` change, and that cost never
//! overrides a gate.

use assert_cmd::Command;
use serde_json::Value;

const EXAMPLE: &str = "tests/fixtures/readme/cost-example.yaml";

fn ragfit() -> Command {
    let mut c = Command::cargo_bin("ragfit").unwrap();
    c.env_remove("RAGFIT_RULES")
        .env_remove("RAGFIT_PRICES")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    c
}

fn stdout(args: &[&str]) -> String {
    let out = ragfit().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

fn close(got: &Value, want: f64, what: &str) {
    let got = got.as_f64().unwrap_or(f64::NAN);
    assert!(
        (got - want).abs() < 1e-9,
        "{what}: got {got}, by hand {want}"
    );
}

/// The README's worked example, figure by figure. The component runs
/// `llama-3.1-8b-lora` (0.20 per 1M tokens in and out, tuned or not;
/// training 0.50 per 1M), 20,000 requests a day, 30.4 days a month:
/// 608,000 requests a month.
#[test]
fn the_worked_example_prints_the_figures_computed_by_hand() {
    let j = json(&["cost", "-f", "json", EXAMPLE]);
    let c = &j["results"][0]["cost"];
    // prompt-only: (1,500 × 0.20 + 20 × 0.20) / 1e6 = 0.000304 a request;
    // 608,000 × 0.000304 = 184.832 a month.
    close(
        &c["per_1k_requests_usd"]["prompt-only"],
        0.304,
        "prompt-only per 1k",
    );
    close(
        &c["monthly_usd"]["prompt-only"],
        184.83,
        "prompt-only a month",
    );
    // rag: ((1,500 + 1,000) × 0.20 + 20 × 0.20 + 1,500 × 0.02 + 4) / 1e6
    // = 0.000538; 608,000 × 0.000538 = 327.104, + 50 for the store.
    close(&c["per_1k_requests_usd"]["rag"], 0.538, "rag per 1k");
    close(&c["monthly_usd"]["rag"], 377.10, "rag a month");
    // fine-tune: training 5,000 × 400 × 3 epochs = 6M tokens × 0.50 / 1e6 = 3.00
    // once; requests (0.5 × 1,500 × 0.20 + 20 × 0.20) / 1e6 = 0.000154, so
    // 93.632 a month, + retraining 0.3333 (quarterly) × 3.00 = 0.9999.
    close(&c["one_off_usd"]["fine-tune"], 3.0, "fine-tune one-off");
    close(&c["monthly_usd"]["fine-tune"], 94.63, "fine-tune a month");
    // 12 months: 3.00 + 12 × 94.6319 = 1,138.58, the cheapest.
    close(
        &c["cumulative_usd"]["fine-tune"],
        1138.58,
        "fine-tune over 12 months",
    );
    close(
        &c["cumulative_usd"]["prompt-only"],
        2217.98,
        "prompt-only over 12 months",
    );
    assert_eq!(c["cheapest"], "fine-tune");
    // Break-even against prompt-only: 0.9999 / (30.4 × (0.000304 − 0.000154))
    // = 219.3 requests a day; at 20,000 a day fine-tune saves
    // (184.832 − 94.6319) / 30.4 = 2.967 a day, so its 3.00 is back in 1.0 day.
    assert_eq!(c["break_even_against"], "prompt-only");
    assert_eq!(c["fine_tune_cheaper"], "above");
    assert_eq!(c["break_even_requests_per_day"], 219);
    close(&c["break_even_days"], 1.0, "days to pay back");
    assert_eq!(c["assumed"], serde_json::json!([]));
    // The table says the same.
    let table = stdout(&["cost", EXAMPLE]);
    assert!(
        table.contains("│ fine-tune   ┆ $3.00   ┆ $94.63  ┆ $0.1540         ┆ $1,138.58"),
        "{table}"
    );
    assert!(
        table.contains("above 219 requests a day; at 20,000 a day its extra $3.00 up front is paid back in 1 day."),
        "{table}"
    );
}

#[test]
fn score_with_cost_adds_the_contract_fields_to_json_and_jsonl() {
    let j = json(&["score", "--cost", "-f", "json", "examples/support.yaml"]);
    assert_eq!(j["schema_version"], 2);
    for r in j["results"].as_array().unwrap() {
        let c = &r["cost"];
        for key in ["monthly_usd", "one_off_usd", "per_1k_requests_usd"] {
            // (serde_json sorts the keys it reads; the output keeps the contract's order.)
            let ids: Vec<&String> = c[key].as_object().unwrap().keys().collect();
            assert_eq!(ids, ["fine-tune", "hybrid", "prompt-only", "rag"], "{key}");
        }
        assert!(c.get("break_even_requests_per_day").is_some());
        assert!(c.get("break_even_days").is_some());
        assert!(c["assumed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "prompt_tokens"));
    }
    // Without --cost there is no cost.
    let plain = json(&["score", "-f", "json", "examples/support.yaml"]);
    assert!(plain["results"][0].get("cost").is_none());
    let lines = stdout(&["score", "--cost", "-f", "jsonl", "examples/support.yaml"]);
    let results: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "result")
        .collect();
    assert_eq!(results.len(), 4);
    assert!(results
        .iter()
        .all(|r| r["cost"]["monthly_usd"]["rag"].is_number()));
}

#[test]
fn cost_never_changes_a_recommendation() {
    let strip = |mut v: Value| {
        for r in v["results"].as_array_mut().unwrap() {
            r.as_object_mut().unwrap().remove("cost");
        }
        v
    };
    for path in ["examples/support.yaml", "examples/doc-pipeline.yaml"] {
        let with = strip(json(&["score", "--cost", "-f", "json", path]));
        assert_eq!(with, json(&["score", "-f", "json", path]), "{path}");
    }
}

#[test]
fn explain_says_in_one_line_when_a_gate_rules_out_the_cheapest_outcome() {
    let text = stdout(&["explain", "examples/support.yaml", "-c", "policy-answers"]);
    let section = &text[text.find("\nCost\n").expect("a cost section")..];
    // One sentence, as one entry of the section: prose wraps at the report's
    // width (100 columns piped), so its continuation lines are joined back.
    let mut lines = section
        .lines()
        .skip_while(|l| !l.starts_with("cost vs recommendation: "));
    let mut line = lines
        .next()
        .expect("a cost vs recommendation line")
        .to_string();
    // The next entry starts with its label: lowercase words and a colon.
    let entry = |l: &str| {
        l.split_once(": ").is_some_and(|(label, _)| {
            label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == ' ' || c == '-')
        })
    };
    for more in lines.take_while(|l| !l.is_empty() && !entry(l)) {
        line.push(' ');
        line.push_str(more);
    }
    assert!(
        line.starts_with("cost vs recommendation: fine-tune would save about $"),
        "{line}"
    );
    assert!(
        line.contains(" a month (")
            && line.contains("but gate `volatile-knowledge-not-in-weights` rules it out: "),
        "{line}"
    );
    assert!(
        section.contains("\nbreak-even: fine-tune costs"),
        "{section}"
    );
    assert!(section.contains("│ prompt_tokens "), "{section}");
    assert!(section.contains("assumed: instructions"), "{section}");
    // JSON carries the same figures, and the assumptions once per report.
    let j = json(&["explain", "examples/support.yaml", "-f", "json"]);
    assert!(j["components"][0]["cost"]["monthly_usd"]["rag"].is_number());
    assert_eq!(j["prices"]["epochs"], 3.0);
    let md = stdout(&["explain", EXAMPLE, "-f", "markdown"]);
    assert!(md.contains("\n### Cost\n"), "{md}");
    assert!(
        md.contains(
            "- **Cost vs recommendation:** fine-tune is also the cheapest option over 12 months."
        ),
        "{md}"
    );
}

#[test]
fn months_and_what_if_answers_move_the_figures() {
    let c = |args: &[&str]| {
        let mut a = vec!["cost", "-f", "json", EXAMPLE];
        a.extend_from_slice(args);
        json(&a)["results"][0]["cost"].clone()
    };
    let year = c(&[]);
    let two = c(&["--months", "24"]);
    assert_eq!(two["months"], 24);
    // One-off + 24 × monthly: 3.00 + 24 × 94.6319 = 2,274.1656, to the cent.
    close(&two["cumulative_usd"]["fine-tune"], 2274.17, "24 months");
    assert_eq!(two["monthly_usd"], year["monthly_usd"]);
    // A what-if volume: at 100 requests a day (below 219), fine-tune never pays back.
    let low = c(&["--set", "daily_requests=100"]);
    assert_eq!(low["break_even_requests_per_day"], 219);
    assert_eq!(low["break_even_days"], Value::Null);
    // A what-if tier: the cost factors take --set like any answer.
    let big = c(&["--set", "model_tier=gpt-4o"]);
    assert_eq!(big["model_tier"], "gpt-4o");
    assert!(big["monthly_usd"]["fine-tune"].as_f64() > year["monthly_usd"]["fine-tune"].as_f64());
    // A bad horizon is a usage error.
    let out = ragfit()
        .args(["cost", EXAMPLE, "--months", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_cost_format_is_stable() {
    for f in ["table", "json", "markdown", "csv"] {
        let text = stdout(&["cost", "-f", f, "examples/support.yaml"]);
        insta::assert_snapshot!(format!("cost_{f}"), text);
    }
    let csv = stdout(&["score", "--cost", "-f", "csv", "examples/support.yaml"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",model_tier,cheapest,break_even_against,break_even_requests_per_day,break_even_days,cost_assumed"),
        "{header}"
    );
    assert!(
        header.contains(",monthly_usd_rag,monthly_usd_fine-tune,"),
        "{header}"
    );
    insta::assert_snapshot!(
        "score_cost_table",
        stdout(&["score", "--cost", "examples/support.yaml"])
    );
}

#[test]
fn a_file_that_cannot_be_read_is_reported_and_the_others_are_costed() {
    let out = ragfit()
        .args([
            "cost",
            "-f",
            "json",
            EXAMPLE,
            "tests/fixtures/bad/unknown-factor.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["results"].as_array().unwrap().len(), 1);
    assert_eq!(j["errors"].as_array().unwrap().len(), 1);
}
