//! The price book through the binary: `ragfit prices`, `--prices` and
//! `RAGFIT_PRICES`, and bad price books and bad cost answers reported with
//! their positions, as bad rule bases and workload files are.

use assert_cmd::Command;

fn ragfit() -> Command {
    let mut c = Command::cargo_bin("ragfit").unwrap();
    c.env_remove("RAGFIT_RULES")
        .env_remove("RAGFIT_PRICES")
        .env("NO_COLOR", "1");
    c
}

fn stderr_of(args: &[&str]) -> (Option<i32>, String, String) {
    let out = ragfit().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_price_names_its_page_and_date() {
    let (code, stdout, _) = stderr_of(&["prices", "--format", "json"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let tiers = json["tiers"].as_array().unwrap();
    assert!(tiers.len() >= 3, "{tiers:?}");
    let mut priced = vec![&json["embedding"], &json["vector_store"]];
    for t in tiers {
        priced.push(t);
        priced.push(&t["fine_tune"]);
    }
    for p in priced {
        let source = p["source"].as_str().unwrap();
        assert!(source.starts_with("https://"), "{p}");
        let as_of = p["as_of"].as_str().unwrap();
        assert!(as_of.parse::<jiff::civil::Date>().is_ok(), "{as_of}");
    }
    // At least a hosted API with fine-tuning, an open-weights model served
    // with LoRA adapters, and one that needs a dedicated deployment.
    let ids: Vec<&str> = tiers.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"gpt-4o-mini") && ids.contains(&"llama-3.1-8b-lora"));
    assert!(tiers
        .iter()
        .any(|t| t["fine_tune"]["hosting_usd_per_hour"].as_f64() > Some(0.0)));
    // Every input the cost model reads has a default and a reason.
    let defaults = json["defaults"].as_array().unwrap();
    assert_eq!(defaults.len(), 10);
    assert!(defaults
        .iter()
        .all(|d| !d["why"].as_str().unwrap().is_empty()));
}

#[test]
fn the_table_lists_tiers_sources_and_assumptions() {
    let (code, stdout, _) = stderr_of(&["prices"]);
    assert_eq!(code, Some(0));
    for part in [
        "Price book: <embedded rules/prices.yaml>",
        "Model tiers",
        "llama-3.1-8b-dedicated",
        "Assumptions",
        "tuned_prompt_share",
        "Answers left out",
        "[1] gpt-4o-mini base prices, as of 2026-03-01\n    https://",
    ] {
        assert!(stdout.contains(part), "{part}:\n{stdout}");
    }
}

#[test]
fn a_bad_price_book_lists_every_problem_at_its_line_with_a_did_you_mean() {
    let f = "tests/fixtures/prices/several-problems.yaml";
    let (code, stdout, stderr) = stderr_of(&["--prices", f, "score", "examples/support.yaml"]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(
        stderr,
        format!(
            "error: {f}:40:9: duplicate tier id `gpt-4o-mini` (ids must be unique; rename one)\n\
             error: {f}:43:24: `output_usd_per_1m` must be at least 0, not -10\n\
             error: {f}:61:13: `source` must be a link, not `fireworks.ai/pricing` (write the https:// address of the page the price was read from)\n\
             error: {f}:107:10: `as_of` must be a date, not `June 2026` (write the date the price was current as YYYY-MM-DD)\n\
             error: {f}:114:9: `changes_per_month` has no entry for `weekly` (every value of `knowledge_volatility` needs one: add `weekly: N`)\n\
             error: {f}:118:3: `weekley` is not a value of `knowledge_volatility` in the rule base (did you mean `weekly`?)\n\
             error: {f}:128:12: `tuned_prompt_share` must be at most 1, not 1.5 (it is a share: 0.5 is half)\n\
             error: {f}:137:3: `defaults` has no entry for `daily_requests` (the cost model reads `daily_requests`: give it a default)\n\
             error: {f}:137:13: `daily_request` is not a factor the cost model reads (did you mean `daily_requests`?)\n\
             error: {f}:187:14: `gpt-4o-mnii` is not a tier of this price book (did you mean `gpt-4o-mini`?)\n\
             error: the price book is invalid (10 problems)\n"
        )
    );
}

#[test]
fn an_unknown_key_gets_a_did_you_mean_and_the_env_var_is_honoured() {
    let f = "tests/fixtures/prices/unknown-key.yaml";
    let out = ragfit()
        .env("RAGFIT_PRICES", f)
        .args(["cost", "examples/support.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "error: {f}:25:5: unknown key `input_usd_per_1M` (did you mean `input_usd_per_1m`?)"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "(did you mean `input_usd_per_1m`?)\nerror: the price book is invalid (1 problem)\n"
        ),
        "{stderr}"
    );
}

#[test]
fn other_files_passed_as_prices_say_what_they_are() {
    let (code, _, stderr) = stderr_of(&["--prices", "rules/default.yaml", "prices"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error: rules/default.yaml:14:1: this is a rule base, not a price book"),
        "{stderr}"
    );
    let (code, _, stderr) = stderr_of(&["--prices", "examples/support.yaml", "prices"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("this is a workload file, not a price book"),
        "{stderr}"
    );
    let (code, _, stderr) = stderr_of(&["--prices", "no/such/prices.yaml", "prices"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error: no/such/prices.yaml: "),
        "{stderr}"
    );
}

#[test]
fn bad_cost_answers_are_positioned_like_any_other_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.yaml");
    std::fs::write(
        &path,
        "workload: w\ncomponents:\n  - name: a\n    answers:\n      prompt_tokens: -5\n      \
         model_tier: gpt-4o-mnii\n      output_token: 20\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let (code, _, stderr) = stderr_of(&["cost", p]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        format!(
            "error: {p}:5:22: -5 is outside the range of `prompt_tokens` (expected a whole number >= 0, or unknown)\n\
             error: {p}:6:19: `gpt-4o-mnii` is not a value of `model_tier` (did you mean `gpt-4o-mini`?)\n\
             error: {p}:7:7: unknown factor `output_token` (did you mean `output_tokens`?)\n"
        )
    );
}

#[test]
fn a_custom_rule_base_without_the_factors_the_cost_model_reads_assumes_them() {
    // The minimal rule base has `daily_requests` and `citations` only.
    let (code, stdout, stderr) = stderr_of(&[
        "--rules",
        "tests/fixtures/rules/minimal.yaml",
        "cost",
        "--format",
        "json",
        "tests/fixtures/rules/workload.yaml",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let assumed = &json["results"][0]["cost"]["assumed"];
    assert!(
        assumed
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "knowledge_volatility"),
        "{assumed}"
    );
}
