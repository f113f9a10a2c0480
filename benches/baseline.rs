//! The CPU baseline `ragfit score` is measured against (issue 9).
//!
//! A straightforward Rust program doing the same *kind* of work as batch scoring,
//! with none of ragfit's care: walk the directories, parse each workload with a typed
//! `serde_yaml` deserialize, apply a dozen weighted rules to two axes, pick an outcome
//! by threshold, and write one JSON line per component. No validation, positions,
//! gates, confidence, alternatives or sorting. It is a benchmark, not a test:
//! `benches/measure.py` builds it (`cargo bench --bench baseline --no-run`) and runs
//! it over the same corpora as `ragfit`, reporting the CPU ratio.
//!
//! Usage: `baseline DIR...` (results on stdout).

// A benchmark reports on stdout; the library-wide print lint is for the library.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use serde::{Deserialize, Serialize};
use serde_yaml::Value;

#[derive(Deserialize)]
struct Workload {
    workload: String,
    #[serde(default)]
    components: Vec<Component>,
}

#[derive(Deserialize)]
struct Component {
    name: String,
    #[serde(default)]
    architecture: Option<String>,
    #[serde(default)]
    answers: BTreeMap<String, Value>,
}

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    workload: &'a str,
    component: &'a str,
    recommendation: &'static str,
    scores: [i64; 2],
    fired: Vec<&'static str>,
    declared: Option<&'a str>,
}

/// One rule: when `factor` has one of `values` (or, for numbers, is at least `min`),
/// add `points` to axis 0 (knowledge) or 1 (behaviour).
struct Rule {
    id: &'static str,
    factor: &'static str,
    values: &'static [&'static str],
    min: Option<f64>,
    axis: usize,
    points: i64,
}

const RULES: &[Rule] = &[
    rule(
        "R1",
        "knowledge_volatility",
        &["weekly", "daily", "realtime"],
        0,
        3,
    ),
    rule(
        "R2",
        "knowledge_volatility",
        &["monthly", "quarterly"],
        0,
        1,
    ),
    rule("R3", "citations", &["required", "audited"], 0, 3),
    rule("R4", "deletion_required", &["true"], 0, 2),
    rule("R5", "shared_across_teams", &["true"], 0, 1),
    rule("R6", "task_shape", &["classification", "extraction"], 1, 3),
    rule("R7", "task_shape", &["structured-generation"], 1, 2),
    rule("R8", "output_consistency", &["high"], 1, 2),
    rule("R9", "task_shape", &["open-ended-qa"], 0, 1),
    number("R10", "knowledge_size_docs", 100.0, 0, 2),
    number("R11", "daily_requests", 10_000.0, 1, 2),
    number("R12", "labeled_examples", 500.0, 1, 2),
];

const fn rule(
    id: &'static str,
    factor: &'static str,
    values: &'static [&'static str],
    axis: usize,
    points: i64,
) -> Rule {
    Rule {
        id,
        factor,
        values,
        min: None,
        axis,
        points,
    }
}

const fn number(
    id: &'static str,
    factor: &'static str,
    min: f64,
    axis: usize,
    points: i64,
) -> Rule {
    Rule {
        id,
        factor,
        values: &[],
        min: Some(min),
        axis,
        points,
    }
}

fn fires(rule: &Rule, value: &Value) -> bool {
    match (rule.min, value) {
        (Some(min), Value::Number(n)) => n.as_f64().is_some_and(|n| n >= min),
        (None, Value::String(s)) => rule.values.contains(&s.as_str()),
        (None, Value::Bool(b)) => rule.values.contains(&if *b { "true" } else { "false" }),
        _ => false,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dirs: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if dirs.is_empty() {
        eprintln!("usage: baseline DIR...");
        std::process::exit(2);
    }
    let out = std::io::stdout().lock();
    let mut out = BufWriter::new(out);
    for dir in &dirs {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry?;
            let path = entry.path();
            if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let text = std::fs::read_to_string(path)?;
            let workload: Workload = serde_yaml::from_str(&text)?;
            let path = path.to_string_lossy();
            for c in &workload.components {
                let mut scores = [0i64; 2];
                let mut fired = Vec::new();
                for r in RULES {
                    if c.answers.get(r.factor).is_some_and(|v| fires(r, v)) {
                        scores[r.axis] += r.points;
                        fired.push(r.id);
                    }
                }
                let recommendation = match (scores[0] >= 3, scores[1] >= 3) {
                    (true, true) => "hybrid",
                    (true, false) => "rag",
                    (false, true) => "fine-tune",
                    (false, false) => "prompt-only",
                };
                let line = Line {
                    path: &path,
                    workload: &workload.workload,
                    component: &c.name,
                    recommendation,
                    scores,
                    fired,
                    declared: c.architecture.as_deref(),
                };
                serde_json::to_writer(&mut out, &line)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
