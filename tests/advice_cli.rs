//! The advice properties through the binary: thousands of generated
//! components written as workload files, scored by `ragfit score -f json`
//! as a user runs it, and each property counted over the JSON.

// The counts are the point of these tests: they print with --nocapture.
#![allow(clippy::print_stderr)]

use assert_cmd::Command;
use serde_json::Value;

mod rng;
use rng::Rng;

/// Components per generated file (one file per run keeps the test quick).
const COMPONENTS: usize = 1500;

/// The factors and the values the generator picks from: thresholds and their
/// neighbours for numbers, every value for choices.
fn factors(rules: &Value) -> Vec<(String, Vec<String>)> {
    rules["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let id = f["id"].as_str().unwrap().to_string();
            let values: Vec<String> = match f["kind"].as_str().unwrap() {
                "boolean" => vec!["true".into(), "false".into()],
                "number" => {
                    let min = f["min"].as_f64().unwrap_or(0.0) as i64;
                    [
                        0i64, 1, 49, 50, 99, 100, 101, 300, 301, 1000, 1001, 9999, 10000, 100000,
                    ]
                    .iter()
                    .filter(|n| **n >= min)
                    .map(|n| n.to_string())
                    .collect()
                }
                _ => f["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v["id"].as_str().unwrap().to_string())
                    .collect(),
            };
            (id, values)
        })
        .collect()
}

fn ragfit(args: &[&str]) -> Value {
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .env_remove("COLUMNS")
        .args(args)
        .env_remove("RAGFIT_RULES")
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A workload file: each component answers each factor with probability 3/4.
/// `drop` removes one answered factor per component (the same components otherwise).
fn workload(factors: &[(String, Vec<String>)], seed: u64, drop: bool) -> String {
    let mut rng = Rng(seed);
    let mut out = String::from("workload: generated\ncomponents:\n");
    for i in 0..COMPONENTS {
        let answers: Vec<(usize, String)> = factors
            .iter()
            .enumerate()
            .filter_map(|(fi, (_, vals))| {
                let keep = rng.below(4) != 0;
                let v = vals[rng.below(vals.len())].clone();
                keep.then_some((fi, v))
            })
            .collect();
        // Drawn either way, so both files hold the same components.
        let pick = rng.below(answers.len().max(1));
        let skip = (drop && !answers.is_empty()).then_some(pick);
        out.push_str(&format!("  - name: c{i}\n    answers:\n"));
        if answers.len() == usize::from(skip.is_some()) {
            out.truncate(out.len() - "    answers:\n".len());
            continue;
        }
        for (k, (fi, v)) in answers.iter().enumerate() {
            if Some(k) != skip {
                out.push_str(&format!("      {}: {v}\n", factors[*fi].0));
            }
        }
    }
    out
}

fn results(dir: &std::path::Path, name: &str, text: &str) -> Vec<Value> {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let json = ragfit(&["score", path.to_str().unwrap(), "-f", "json"]);
    let table = &json["rule_base"];
    // Results refer to gates and notes by id (schema 2); the properties read
    // what those say, from the document's own table.
    let mut results = json["results"].as_array().unwrap().clone();
    for r in &mut results {
        for g in r["may_apply"].as_array_mut().unwrap() {
            let id = g["gate"].as_str().unwrap().to_string();
            g["excludes"] = table["gates"][&id]["excludes"].clone();
            assert!(g["excludes"].is_array(), "gate {id} is in rule_base");
        }
        let notes: Vec<Value> = r["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| table["notes"][id.as_str().unwrap()]["text"].clone())
            .collect();
        assert!(notes.iter().all(Value::is_string), "notes are in rule_base");
        r["notes"] = Value::Array(notes);
    }
    results
}

fn report(property: &str, checked: usize, violations: &[String]) {
    eprintln!(
        "property (binary): {property}: {checked} checked, {} violations",
        violations.len()
    );
    assert!(
        violations.is_empty(),
        "{property}: {}",
        violations
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn advice_properties_hold_through_the_binary() {
    let rules = ragfit(&["rules", "-f", "json"]);
    let factors = factors(&rules);
    let dir = tempfile::tempdir().unwrap();
    let full = results(dir.path(), "full.yaml", &workload(&factors, 42, false));
    let less = results(dir.path(), "less.yaml", &workload(&factors, 42, true));
    assert_eq!(full.len(), COMPONENTS);

    // Monotone: the same component with one answer fewer is never more confident.
    let mut violations = Vec::new();
    for (a, b) in full.iter().zip(&less) {
        assert_eq!(a["component"], b["component"]);
        if b["confidence"].as_f64() > a["confidence"].as_f64() {
            violations.push(format!(
                "{}: {} → {}",
                a["component"], a["confidence"], b["confidence"]
            ));
        }
    }
    report(
        "an answer made unknown never raises confidence",
        full.len(),
        &violations,
    );

    // Gate under unknown: a gate that may apply and excludes the recommendation
    // keeps it borderline, below 0.5, with its factor first in `unanswered`.
    let mut checked = 0;
    let mut violations = Vec::new();
    for r in full.iter().chain(&less) {
        let rec = r["recommendation"].clone();
        let open: Vec<&Value> = r["may_apply"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["excludes"].as_array().unwrap().contains(&rec))
            .collect();
        if open.is_empty() {
            continue;
        }
        checked += 1;
        // Every factor of such a gate comes before every other unanswered factor.
        let gated: Vec<&Value> = open
            .iter()
            .flat_map(|g| g["unanswered"].as_array().unwrap())
            .collect();
        let unanswered = r["unanswered"].as_array().unwrap();
        let first_other = unanswered.iter().position(|f| !gated.contains(&f));
        let ordered = gated.iter().all(|f| {
            unanswered
                .iter()
                .position(|u| u == *f)
                .is_some_and(|p| first_other.is_none_or(|o| p < o))
        });
        let ok = r["borderline"] == true && r["confidence"].as_f64().unwrap() < 0.5 && ordered;
        if !ok {
            violations.push(format!(
                "{}: {} {}, unanswered {}",
                r["component"], rec, r["confidence"], r["unanswered"]
            ));
        }
    }
    assert!(checked > 100, "{checked}");
    report(
        "a gate that may exclude the recommendation keeps it unsettled",
        checked,
        &violations,
    );

    // No contradictory note: every note attached is one declared for the outcome.
    let notes: Vec<(String, Vec<Value>)> = rules["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["text"].as_str().unwrap().to_string(),
                n["outcomes"].as_array().unwrap().clone(),
            )
        })
        .collect();
    let mut checked = 0;
    let mut violations = Vec::new();
    for r in full.iter().chain(&less) {
        for text in r["notes"].as_array().unwrap() {
            checked += 1;
            let (_, outcomes) = notes.iter().find(|(t, _)| t == text).expect("a known note");
            if !outcomes.is_empty() && !outcomes.contains(&r["recommendation"]) {
                violations.push(format!(
                    "{}: {} with {text}",
                    r["component"], r["recommendation"]
                ));
            }
        }
    }
    report("no note contradicts its result", checked, &violations);

    // All-unknown is the lowest.
    let none = results(
        dir.path(),
        "none.yaml",
        "workload: none\ncomponents:\n  - name: nothing\n",
    );
    let floor = none[0]["confidence"].as_f64().unwrap();
    let below: Vec<String> = full
        .iter()
        .chain(&less)
        .filter(|r| r["confidence"].as_f64().unwrap() < floor)
        .map(|r| r["component"].to_string())
        .collect();
    report(
        "no component is below the all-unknown confidence",
        2 * COMPONENTS,
        &below,
    );
}
