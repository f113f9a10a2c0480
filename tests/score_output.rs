//! `score` output end to end: a reviewed snapshot of every format on examples/,
//! colour handling, and byte-for-byte determinism (`--help` is in tests/help.rs).

use assert_cmd::Command;

fn ragfit() -> Command {
    let mut cmd = Command::cargo_bin("ragfit").expect("binary builds");
    // Keep the environment from changing the bytes: rules, colour, width.
    cmd.env_remove("RAGFIT_RULES")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = ragfit().args(args).output().expect("binary runs");
    assert!(
        out.status.success(),
        "ragfit {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "stderr holds nothing on success");
    String::from_utf8(out.stdout).expect("UTF-8")
}

const FORMATS: [&str; 6] = ["table", "json", "jsonl", "yaml", "markdown", "csv"];

#[test]
fn every_format_on_the_examples() {
    for format in FORMATS {
        let out = stdout_of(&["score", "--color", "never", "--format", format, "examples/"]);
        insta::assert_snapshot!(format!("score_examples_{format}"), out);
    }
}

#[test]
fn json_is_the_contract() {
    let out = stdout_of(&["score", "--format", "json", "examples/"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["errors"], serde_json::json!([]));
    let results = v["results"].as_array().unwrap();
    let mut outcomes: Vec<&str> = results
        .iter()
        .map(|r| r["recommendation"].as_str().unwrap())
        .collect();
    outcomes.sort();
    outcomes.dedup();
    assert_eq!(outcomes, ["fine-tune", "hybrid", "prompt-only", "rag"]);
    for r in results {
        for key in [
            "path",
            "workload",
            "component",
            "recommendation",
            "confidence",
            "scores",
            "excluded",
            "rationale",
            "alternatives",
            "unanswered",
            "notes",
            "architecture",
            "matches",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        let c = r["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
    }
}

/// Schema 2 is compact but self-contained: every id a result refers to is in
/// the document's `rule_base`, with its text and sources, and no result
/// repeats a rule's text.
#[test]
fn json_results_refer_to_rule_texts_written_once() {
    let out = stdout_of(&["score", "--format", "json", "examples/"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let table = &v["rule_base"];
    let mut refs = 0;
    for r in v["results"].as_array().unwrap() {
        for c in r["rationale"].as_array().unwrap() {
            let rule = &table["rules"][c["rule"].as_str().unwrap()];
            assert!(rule["because"].is_string() && rule["sources"][0]["cite"].is_string());
            refs += 1;
        }
        for n in r["near_misses"].as_array().unwrap() {
            assert!(table["rules"][n["rule"].as_str().unwrap()].is_object());
            refs += 1;
        }
        for e in r["excluded"].as_array().unwrap() {
            let gate = &table["gates"][e["gate"].as_str().unwrap()];
            assert!(gate["reason"].is_string(), "gate of {e} in rule_base");
            refs += 1;
        }
        for id in r["notes"].as_array().unwrap() {
            assert!(table["notes"][id.as_str().unwrap()]["text"].is_string());
            refs += 1;
        }
    }
    assert!(refs > 100, "the examples refer to rule texts ({refs})");
    // Each rule's reason appears once in the whole document.
    let because = table["rules"]["citations-required"]["because"]
        .as_str()
        .unwrap();
    assert_eq!(out.matches(because).count(), 1);
}

/// `jsonl` carries what the document does, one object per line: a header
/// with the rule texts, the same results in the same order, the workloads.
#[test]
fn jsonl_lines_match_the_json_document() {
    let doc: serde_json::Value =
        serde_json::from_str(&stdout_of(&["score", "-f", "json", "examples/"])).unwrap();
    let lines: Vec<serde_json::Value> = stdout_of(&["score", "-f", "jsonl", "examples/"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    let of_type = |t: &str| -> Vec<serde_json::Value> {
        lines
            .iter()
            .filter(|l| l["type"] == t)
            .map(|l| {
                let mut l = l.clone();
                l.as_object_mut().unwrap().remove("type");
                l
            })
            .collect()
    };
    assert_eq!(lines[0]["type"], "header");
    assert_eq!(lines[0]["schema_version"], doc["schema_version"]);
    assert_eq!(lines[0]["rule_base"], doc["rule_base"]);
    assert_eq!(serde_json::Value::from(of_type("result")), doc["results"]);
    assert_eq!(
        serde_json::Value::from(of_type("workload")),
        doc["workloads"]
    );
    assert!(of_type("error").is_empty());
}

#[test]
fn color_always_emits_ansi_never_and_no_color_do_not() {
    let always = stdout_of(&["score", "--color", "always", "examples/support.yaml"]);
    assert!(always.contains("\u{1b}["), "--color always colours");
    let never = stdout_of(&["score", "--color", "never", "examples/support.yaml"]);
    assert!(!never.contains('\u{1b}'));
    // Without escapes the coloured table has the same text.
    assert_eq!(strip_ansi(&always), never);
    let out = ragfit()
        .env("NO_COLOR", "1")
        .args(["score", "--color", "auto", "examples/support.yaml"])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
    // Machine formats never carry colour.
    for format in ["json", "yaml", "csv", "markdown"] {
        let out = stdout_of(&["score", "--color", "always", "-f", format, "examples/"]);
        assert!(!out.contains('\u{1b}'), "{format} has no ANSI codes");
    }
}

/// Remove `ESC [ ... letter` sequences.
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn same_input_same_bytes() {
    for format in FORMATS {
        let args = ["score", "--color", "never", "-f", format, "examples/"];
        assert_eq!(
            stdout_of(&args),
            stdout_of(&args),
            "{format} is deterministic"
        );
    }
}

#[test]
fn argument_order_does_not_change_the_output() {
    let (a, b) = ("examples/support.yaml", "examples/doc-pipeline.yaml");
    for format in FORMATS {
        let ab = stdout_of(&["score", "--color", "never", "-f", format, a, b]);
        let ba = stdout_of(&["score", "--color", "never", "-f", format, b, a]);
        assert_eq!(ab, ba, "{format}");
    }
    // A file named twice (directly and through its directory) is scored once.
    let once = stdout_of(&["score", "-f", "csv", "examples/"]);
    let twice = stdout_of(&["score", "-f", "csv", "examples/", "examples/support.yaml"]);
    assert_eq!(once, twice);
}
