//! `ragfit check` output formats end to end: JSON, SARIF (validated against
//! the official 2.1.0 schema), JUnit (parsed as XML), GitHub workflow
//! commands (matched exactly), and snapshots of text and Markdown.

use quick_xml::events::Event;
use serde_json::Value;

mod common;
use common::{check, fixture};

/// Run check and return (exit code, stdout).
fn run(args: &[&str]) -> (i32, String) {
    let out = check().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// 1-based line of the first line of `path` equal to `text` after trimming,
/// searching from line `after`.
fn line_of(path: &str, text: &str, after: usize) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .enumerate()
        .skip(after)
        .find(|(_, l)| l.trim() == text)
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("`{text}` not in {path}"))
}

// ---- json --------------------------------------------------------------------

#[test]
fn json_is_versioned_and_complete() {
    let (code, out) = run(&[&fixture("mismatch.yaml"), "missing.yaml", "-f", "json"]);
    assert_eq!(code, 2);
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["schema_version"], 2);
    assert_eq!(j["fail_on"], "error");
    assert_eq!(j["today"], "2030-05-01");
    assert_eq!(j["summary"]["components"], 2);
    assert_eq!(j["summary"]["disagree"], 2);
    assert_eq!(j["summary"]["input_errors"], 1);
    let findings: Vec<&Value> = j["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["findings"].as_array().unwrap())
        .collect();
    let f = findings[0];
    assert_eq!(f["code"], "RF001");
    assert_eq!(f["name"], "architecture-mismatch");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["component"], "hr-policy-qa");
    let arch = line_of(&fixture("mismatch.yaml"), "architecture: fine-tune", 0);
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(arch as u64), Some(5))
    );
    assert_eq!(findings[1]["severity"], "warning");
    let c = &j["components"][0];
    assert_eq!(c["status"], "disagree");
    assert_eq!(c["recommendation"], "rag");
    assert_eq!(c["architecture"], "fine-tune");
    assert_eq!(c["matches"], false);
    assert_eq!(j["errors"][0]["path"], "missing.yaml");
}

#[test]
fn json_carries_waivers() {
    let (_, out) = run(&[&fixture("waivers/waived.yaml"), "-f", "json"]);
    let j: Value = serde_json::from_str(&out).unwrap();
    let w = &j["components"][0]["findings"][0]["waiver"];
    assert_eq!(
        w["reason"],
        "migrating to RAG: index build tracked in HR-1234, 50% done"
    );
    assert_eq!(w["expires"], "2030-06-30");
    assert_eq!(w["expired"], false);
    assert_eq!(j["components"][0]["status"], "waived");
}

// ---- sarif -------------------------------------------------------------------

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/data/sarif-schema-2.1.0.json").unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = v
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF is invalid:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let v = sarif_validator();
    // Every finding kind, waivers (valid on the 30th, expired on the 1st),
    // escaping and an input problem, across two logs.
    let mut codes: Vec<String> = Vec::new();
    for today in ["2030-06-30", "2030-07-01"] {
        let (code, out) = run(&[
            &fixture("mismatch.yaml"),
            &fixture("undeclared.yaml"),
            &fixture("unanswered.yaml"),
            &fixture("special.yaml"),
            &fixture("waivers/waived.yaml"),
            &fixture("waivers/unused.yaml"),
            "no/such.yaml",
            "--today",
            today,
            "-f",
            "sarif",
        ]);
        assert_eq!(code, 2);
        let log: Value = serde_json::from_str(&out).unwrap();
        assert_valid(&v, &log);
        assert_eq!(
            log["runs"][0]["invocations"][0]["executionSuccessful"],
            false
        );
        let notes = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
        assert_eq!(
            notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "no/such.yaml"
        );
        codes.extend(
            log["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["ruleId"].as_str().unwrap().to_string()),
        );

        // The validator really validates: a broken level is rejected.
        let mut broken = log.clone();
        broken["runs"][0]["results"][0]["level"] = "fatal".into();
        assert!(!v.is_valid(&broken));
    }
    for code in [
        "RF001", "RF002", "RF003", "RF004", "RF005", "RF006", "RF007",
    ] {
        assert!(codes.iter().any(|c| c == code), "{code} not in {codes:?}");
    }
}

#[test]
fn sarif_rules_and_regions() {
    let (code, out) = run(&[
        &fixture("mismatch.yaml"),
        &fixture("undeclared.yaml"),
        "-f",
        "sarif",
    ]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 13);
    for (i, r) in rules.iter().enumerate() {
        assert_eq!(r["id"], format!("RF{:03}", i + 1));
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!r["help"]["text"].as_str().unwrap().is_empty());
    }
    let results = run["results"].as_array().unwrap();
    let hr = &results[0];
    assert_eq!(hr["ruleId"], "RF001");
    assert_eq!(hr["level"], "error");
    assert_eq!(
        rules[hr["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "RF001"
    );
    let loc = &hr["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "tests/fixtures/check/mismatch.yaml"
    );
    let arch_line = line_of(&fixture("mismatch.yaml"), "architecture: fine-tune", 0);
    assert_eq!(loc["region"]["startLine"], arch_line);
    assert_eq!(loc["region"]["startColumn"], 5);
    // The second component's region is its own `architecture:` line.
    let second = line_of(
        &fixture("mismatch.yaml"),
        "architecture: fine-tune",
        arch_line,
    );
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["region"]["startLine"],
        second
    );
    assert_eq!(results[1]["level"], "warning");
    // Undeclared: the region is the `name:` key.
    let name_line = line_of(&fixture("undeclared.yaml"), "- name: faq", 0);
    let undeclared = &results[2]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(undeclared["startLine"], name_line);
    assert_eq!(undeclared["startColumn"], 5);
}

#[test]
fn sarif_fingerprints_are_stable_across_runs_and_line_moves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.yaml");
    let original = std::fs::read_to_string(fixture("mismatch.yaml")).unwrap();
    let fingerprints = |text: &str| -> Vec<(String, u64)> {
        std::fs::write(&path, text).unwrap();
        let out = check().arg(&path).args(["-f", "sarif"]).output().unwrap();
        let log: Value = serde_json::from_slice(&out.stdout).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["ragfitFinding/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let a = fingerprints(&original);
    let b = fingerprints(&original);
    let moved = fingerprints(&format!("# new header\n# more\n{original}"));
    assert_eq!(a, b);
    assert_eq!(a.len(), 2);
    assert_ne!(a[0].0, a[1].0, "different findings, different fingerprints");
    for (x, y) in a.iter().zip(&moved) {
        assert_eq!(x.0, y.0);
        assert_eq!(x.1 + 2, y.1);
        assert_eq!(x.0.len(), 16);
    }
}

#[test]
fn sarif_waived_mismatch_is_a_suppressed_note_with_reason_and_expiry() {
    let (code, out) = run(&[&fixture("waivers/waived.yaml"), "-f", "sarif"]);
    assert_eq!(code, 0);
    let log: Value = serde_json::from_str(&out).unwrap();
    let r = &log["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "RF005");
    assert_eq!(r["level"], "note");
    let text = r["message"]["text"].as_str().unwrap();
    assert!(
        text.contains("waived until 2030-06-30: migrating to RAG"),
        "{text}"
    );
    assert_eq!(r["suppressions"][0]["kind"], "inSource");
    assert_eq!(r["properties"]["waiver"]["expires"], "2030-06-30");
}

// ---- junit -------------------------------------------------------------------

#[derive(Debug, Default)]
struct Case {
    name: String,
    classname: String,
    line: String,
    failure: Option<(String, String)>,
    error: bool,
    system_out: bool,
}

/// Parse JUnit XML: the testsuites attributes and every test case.
fn parse_junit(xml: &str) -> (Vec<(String, String)>, Vec<Case>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut root = Vec::new();
    let mut cases: Vec<Case> = Vec::new();
    let attrs = |e: &quick_xml::events::BytesStart| -> Vec<(String, String)> {
        e.attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    a.key.0.to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    };
    let get = |attrs: &[(String, String)], k: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let a = attrs(&e);
                match e.name().0 {
                    "testsuites" => root = a,
                    "testcase" => cases.push(Case {
                        name: get(&a, "name"),
                        classname: get(&a, "classname"),
                        line: get(&a, "line"),
                        ..Case::default()
                    }),
                    "failure" => {
                        cases.last_mut().unwrap().failure =
                            Some((get(&a, "type"), get(&a, "message")))
                    }
                    "error" => cases.last_mut().unwrap().error = true,
                    "system-out" => cases.last_mut().unwrap().system_out = true,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    (root, cases)
}

#[test]
fn junit_has_one_case_per_component_and_fails_at_the_threshold() {
    let files = [
        fixture("mismatch.yaml"),
        fixture("clean.yaml"),
        fixture("special.yaml"),
    ];
    let args = |extra: &[&str]| -> Vec<String> {
        files
            .iter()
            .cloned()
            .chain(["-f".into(), "junit".into()])
            .chain(extra.iter().map(|s| s.to_string()))
            .collect()
    };
    let out = check().args(args(&[])).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let (root, cases) = parse_junit(std::str::from_utf8(&out.stdout).unwrap());
    let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    // Files in path order, components in file order.
    assert_eq!(
        names,
        [
            "policy-answers",
            "ticket-triage",
            "hr-policy-qa",
            "summary-drafts",
            "triage <v2> & co, 50%: \"new\""
        ]
    );
    assert!(root.contains(&("tests".into(), "5".into())));
    assert!(root.contains(&("failures".into(), "1".into())));
    let hr = &cases[2];
    assert_eq!(hr.classname, "mismatch");
    assert_eq!(
        hr.line,
        line_of(&fixture("mismatch.yaml"), "architecture: fine-tune", 0).to_string()
    );
    let (ty, msg) = hr.failure.clone().unwrap();
    assert_eq!(ty, "RF001");
    assert!(msg.starts_with("`hr-policy-qa` declares `fine-tune`"));
    // The borderline warning is below --fail-on error: reported, not failed.
    assert!(cases[3].failure.is_none() && cases[3].system_out);
    assert_eq!(cases[4].classname, "special: chars, 100%");
    assert!(cases[4].failure.is_none());

    let out = check()
        .args(args(&["--fail-on", "warning"]))
        .output()
        .unwrap();
    let (root, cases) = parse_junit(std::str::from_utf8(&out.stdout).unwrap());
    assert!(root.contains(&("failures".into(), "2".into())));
    assert_eq!(cases[3].failure.as_ref().unwrap().0, "RF002");

    let out = check()
        .args(args(&["--fail-on", "never"]))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let (_, cases) = parse_junit(std::str::from_utf8(&out.stdout).unwrap());
    assert!(cases.iter().all(|c| c.failure.is_none()));
}

#[test]
fn junit_reports_unusable_input_as_errors() {
    let (code, out) = run(&[&fixture("clean.yaml"), "nope.yaml", "-f", "junit"]);
    assert_eq!(code, 2);
    let (root, cases) = parse_junit(&out);
    assert!(root.contains(&("errors".into(), "1".into())));
    let bad = cases.iter().find(|c| c.name == "nope.yaml").unwrap();
    assert!(bad.error);
}

#[test]
fn junit_names_each_input_problem_uniquely() {
    // One file with seven problems: seven test cases, seven names.
    let (code, out) = run(&["tests/fixtures/readme/broken.yaml", "-f", "junit"]);
    assert_eq!(code, 2);
    let (root, cases) = parse_junit(&out);
    assert!(root.contains(&("errors".into(), "7".into())), "{root:?}");
    let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    let unique: std::collections::HashSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    assert_eq!(names[0], "tests/fixtures/readme/broken.yaml:5:7");
    assert!(cases.iter().all(|c| c.error));
}

// ---- github ------------------------------------------------------------------

#[test]
fn github_workflow_commands_match_exactly() {
    let (code, out) = run(&[
        &fixture("mismatch.yaml"),
        &fixture("undeclared.yaml"),
        "-f",
        "github",
    ]);
    assert_eq!(code, 1);
    let expected = "\
::error file=tests/fixtures/check/mismatch.yaml,line=7,col=5,title=RF001 architecture-mismatch%3A hr-policy-qa::`hr-policy-qa` declares `fine-tune` but ragfit recommends `rag` (confidence 0.71)
::warning file=tests/fixtures/check/mismatch.yaml,line=24,col=5,title=RF002 borderline-mismatch%3A summary-drafts::`summary-drafts` declares `fine-tune` but ragfit recommends `prompt-only` (confidence 0.33); borderline: it would be `fine-tune` if latency_budget_ms were 1000
::warning file=tests/fixtures/check/undeclared.yaml,line=4,col=5,title=RF003 undeclared-architecture%3A faq::`faq` declares no architecture (recommended: `prompt-only`)
";
    assert_eq!(out, expected);
}

#[test]
fn github_escapes_properties_and_data() {
    let (code, out) = run(&[
        &fixture("special.yaml"),
        "missing dir/x,y.yaml",
        "-f",
        "github",
    ]);
    assert_eq!(code, 2);
    let expected = "\
::notice file=tests/fixtures/check/special.yaml,line=5,col=5,title=RF005 waived-mismatch%3A triage <v2> & co%2C 50%25%3A \"new\"::`triage <v2> & co, 50%25: \"new\"` declares `fine-tune` but ragfit recommends `rag` (confidence 0.67); waived until 2030-06-30: line one: 50%25, done line two <b>
::error file=missing dir/x%2Cy.yaml,title=ragfit input::no such file or directory (check the path; pass a workload file, a directory, or - for stdin)
";
    assert_eq!(out, expected);
}

#[test]
fn github_appends_a_markdown_summary_to_the_step_summary_file() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "# earlier step\n").unwrap();
    check()
        .args([&fixture("mismatch.yaml"), "-f", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1);
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("# earlier step\n## ragfit check\n"),
        "{text}"
    );
    assert!(text.contains("| ❌ disagree | `hr-policy-qa` |"), "{text}");
}

// ---- snapshots ---------------------------------------------------------------

fn all_fixtures(format: &str) -> String {
    let (code, out) = run(&[
        &fixture("clean.yaml"),
        &fixture("mismatch.yaml"),
        &fixture("undeclared.yaml"),
        &fixture("unanswered.yaml"),
        &fixture("waivers/waived.yaml"),
        &fixture("waivers/unused.yaml"),
        "-f",
        format,
    ]);
    assert_eq!(code, 1);
    out
}

#[test]
fn text_snapshot() {
    insta::assert_snapshot!(all_fixtures("text"));
}

#[test]
fn text_snapshot_with_an_expired_waiver() {
    let (code, out) = run(&[&fixture("waivers/waived.yaml"), "--today", "2030-07-01"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(all_fixtures("markdown"));
}
