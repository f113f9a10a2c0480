//! Rule bases as hostile input (issue 14): overflowing or non-finite numbers,
//! inexact big integers, empty ids and lists, gates that leave nothing to
//! recommend, oversized or deeply nested rule bases, serde errors — each is
//! refused at its line and column, in the words of the file, never a panic,
//! a wrapped sum or a silent recommendation.

use assert_cmd::Command;

const DEFAULT: &str = include_str!("../rules/default.yaml");
const MINIMAL: &str = include_str!("fixtures/rules/minimal.yaml");

fn ragfit() -> Command {
    let mut c = Command::cargo_bin("ragfit").unwrap();
    c.env_remove("RAGFIT_RULES").env("NO_COLOR", "1");
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(c: &mut Command) -> Run {
    let out = c.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The default rule base with `from` replaced by `to` (exactly once).
fn default_with(from: &str, to: &str) -> String {
    assert_eq!(DEFAULT.matches(from).count(), 1, "{from:?} must occur once");
    DEFAULT.replacen(from, to, 1)
}

/// `ragfit rules` under a rule base with this text: (exit code, first error line).
fn first_error(text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.yaml");
    std::fs::write(&path, text).unwrap();
    let r = run(ragfit()
        .current_dir(dir.path())
        .args(["--rules", "r.yaml", "rules"]));
    assert!(
        r.stdout.is_empty(),
        "nothing is listed from an invalid rule base"
    );
    let first = r.stderr.lines().next().unwrap_or("").to_string();
    (r.code, first)
}

fn line_of(needle: &str) -> usize {
    DEFAULT
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle in the default rule base")
        + 1
}

#[test]
fn overflowing_and_out_of_range_numbers_are_refused_at_their_place() {
    let rule = line_of("add: { knowledge: 1 }");
    let cases = [
        (
            default_with("add: { knowledge: 1 }\n    because: Knowledge that changes several", "add: { knowledge: -9223372036854775801 }\n    because: Knowledge that changes several"),
            format!(
                "r.yaml:{rule}:23: rule `knowledge-changes-quarterly`: the points added to `knowledge` \
                 must be from -1000 to 1000, not -9223372036854775801"
            ),
        ),
        (
            default_with("add: { knowledge: 1 }\n    because: Knowledge that changes several", "add: { knowledge: 99999999999999999999 }\n    because: Knowledge that changes several"),
            format!("r.yaml:{rule}:23: a value of `add` must be a whole number in range"),
        ),
        (
            default_with("margin_cap: 12", "margin_cap: 9223372036854775807"),
            format!(
                "r.yaml:{}:15: `margin_cap` must be from 1 to 100, not 9223372036854775807",
                line_of("margin_cap: 12")
            ),
        ),
        (
            default_with("min_support: 1", "min_support: -99999999"),
            format!(
                "r.yaml:{}:16: `min_support` must be from -1000000 to 1000000, not -99999999",
                line_of("min_support: 1")
            ),
        ),
    ];
    for (text, want) in cases {
        let (code, first) = first_error(&text);
        assert_eq!(code, 2);
        assert!(
            first.starts_with(&format!("error: {want}")),
            "{first}\nwant {want}"
        );
    }
    // The first axis threshold.
    let text = DEFAULT.replacen("    threshold: 4", "    threshold: 9223372036854775807", 1);
    let (code, first) = first_error(&text);
    assert_eq!(code, 2);
    assert!(first.starts_with(
        "error: r.yaml:17:16: `threshold` must be from -1000000 to 1000000, not 9223372036854775807"
    ), "{first}");
}

#[test]
fn nan_and_infinity_are_refused_with_their_position() {
    let scale = line_of("margin_scale: 2");
    let penalty = line_of("unanswered_penalty: 0.05");
    let cases = [
        (
            "margin_scale: 2",
            "margin_scale: NaN",
            format!("{scale}:17: `margin_scale` must be a finite number, not NaN"),
        ),
        (
            "margin_scale: 2",
            "margin_scale: -inf",
            format!("{scale}:17: `margin_scale` must be a finite number, not -inf"),
        ),
        (
            "margin_scale: 2",
            "margin_scale: .nan",
            format!("{scale}:17: `margin_scale` must be a number"),
        ),
        (
            "unanswered_penalty: 0.05",
            "unanswered_penalty: infinity",
            format!("{penalty}:23: `unanswered_penalty` must be a finite number, not inf"),
        ),
    ];
    for (from, to, want) in cases {
        let (code, first) = first_error(&default_with(from, to));
        assert_eq!(code, 2);
        assert_eq!(first, format!("error: r.yaml:{want}"));
    }
    // A factor's range: `min: NaN` would disable the range check.
    let text = DEFAULT.replacen("    min: 1\n", "    min: NaN\n", 1);
    let (code, first) = first_error(&text);
    assert_eq!(code, 2);
    assert_eq!(
        first,
        "error: r.yaml:48:10: `min` must be a finite number, not NaN"
    );
}

#[test]
fn big_integers_are_refused_rather_than_rounded() {
    // 2^53 + 1 has no f64: it would silently become …992.
    let text = DEFAULT.replacen("    min: 1\n", "    min: 9007199254740993\n", 1);
    let (_, first) = first_error(&text);
    assert!(
        first.starts_with("error: r.yaml:48:10: `min` is too large"),
        "{first}"
    );
    let text = default_with(
        "{ factor: labeled_examples, below: 50 }\n    exclude",
        "{ factor: labeled_examples, below: 9007199254740993 }\n    exclude",
    );
    let (_, first) = first_error(&text);
    assert!(
        first.contains("9007199254740993 is too large for `labeled_examples`"),
        "{first}"
    );

    // In a workload too.
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("w.yaml");
    std::fs::write(
        &w,
        "workload: w\ncomponents:\n  - name: a\n    answers: { daily_requests: 9007199254740993 }\n",
    )
    .unwrap();
    let r = run(ragfit().arg("score").arg(&w));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains(":4:32: 9007199254740993 is too large for `daily_requests`"),
        "{}",
        r.stderr
    );
    std::fs::write(
        &w,
        "workload: w\ncomponents:\n  - name: a\n    answers: { daily_requests: 9007199254740991 }\n",
    )
    .unwrap();
    assert_eq!(
        run(ragfit().arg("score").arg(&w)).code,
        0,
        "2^53 - 1 is exact"
    );
}

#[test]
fn empty_ids_lists_and_reversed_ranges_are_refused() {
    let rule = line_of("  - id: knowledge-changes-quarterly");
    let cases = [
        (
            default_with("  - id: knowledge-changes-quarterly", "  - id: ''"),
            format!("{rule}:9: a rule id is empty"),
        ),
        (
            default_with(
                "  - id: knowledge-changes-quarterly",
                "  - id: \"a\\e[31mb\"",
            ),
            // Refused before ids are read: no text of a rule base may hold
            // a control character (it would reach terminals raw).
            format!("{rule}:9: contains the control character U+001B"),
        ),
        (
            default_with(
                "when: { factor: knowledge_volatility, at_least: quarterly }",
                "when: { factor: knowledge_volatility, in: [] }",
            ),
            format!(
                "{}:11: rule `knowledge-changes-quarterly`: an empty `in` list",
                rule + 1
            ),
        ),
        (
            DEFAULT.replacen("    min: 1\n", "    min: 10\n    max: 5\n", 1),
            "49:10: factor `latency_budget_ms`: `max` (5) is below `min` (10)".to_string(),
        ),
    ];
    for (text, want) in cases {
        let (code, first) = first_error(&text);
        assert_eq!(code, 2);
        assert!(
            first.starts_with(&format!("error: r.yaml:{want}")),
            "{first}\nwant {want}"
        );
    }
}

#[test]
fn a_gate_that_leaves_nothing_is_refused_at_load() {
    let gate = line_of("  - id: too-few-examples");
    for exclude in ["[fine-tune, hybrid, rag, prompt-only]", "[]"] {
        let text = default_with(
            "exclude: [fine-tune, hybrid]\n    if_unknown: flag\n    reason: fewer than 50",
            &format!("exclude: {exclude}\n    if_unknown: flag\n    reason: fewer than 50"),
        );
        let (code, first) = first_error(&text);
        assert_eq!(code, 2);
        let what = if exclude == "[]" {
            "excludes no outcome"
        } else {
            "excludes every outcome the decision table gives"
        };
        assert!(
            first.starts_with(&format!(
                "error: r.yaml:{gate}:9: gate `too-few-examples`: {what}"
            )),
            "{first}"
        );
    }
    // Every outcome the table can give, even when that is not all four.
    let text = MINIMAL.replace("outcome: hybrid", "outcome: rag").replace(
        "exclude: [fine-tune]",
        "exclude: [fine-tune, rag, prompt-only]",
    );
    let (code, first) = first_error(&text);
    assert_eq!(code, 2);
    assert!(
        first.contains("excludes every outcome the decision table gives"),
        "{first}"
    );
}

/// Two gates that are each fine but together exclude every outcome for some answers.
const CONTRADICTING: &str = "  - id: no-citations-no-retrieval
    when: { factor: citations, is: none }
    exclude: [rag, hybrid]
    reason: nothing to cite
    source: test fixture
decision:";

#[test]
fn gates_that_together_exclude_everything_are_an_error_at_the_component() {
    let dir = tempfile::tempdir().unwrap();
    let rules = MINIMAL
        .replace("exclude: [fine-tune]", "exclude: [fine-tune, prompt-only]")
        .replace("decision:", CONTRADICTING);
    std::fs::write(dir.path().join("r.yaml"), rules).unwrap();
    std::fs::write(
        dir.path().join("w.yaml"),
        "workload: w\ncomponents:\n  - name: fine\n    answers: { citations: required, daily_requests: 5 }\n  \
         - name: stuck\n    answers: { citations: none, daily_requests: 5 }\n",
    )
    .unwrap();
    let want = "error: w.yaml:5:5: component `stuck`: the rule base's gates \
                `no-citations-no-retrieval`, `no-volume-no-tuning` exclude every outcome for these \
                answers, so nothing can be recommended (the gates of r.yaml contradict each other \
                here; fix the rule base so that some outcome stays allowed)\n";
    for cmd in [&["score", "-f", "json"][..], &["check"], &["explain"]] {
        let r = run(ragfit()
            .current_dir(dir.path())
            .args(["--rules", "r.yaml"])
            .args(cmd)
            .arg("w.yaml"));
        assert_eq!(r.code, 2, "{cmd:?}");
        assert!(r.stderr.starts_with(want), "{cmd:?}: {}", r.stderr);
        assert!(
            !r.stdout.contains("\"recommendation\""),
            "nothing excluded is recommended"
        );
    }
}

#[test]
fn serde_errors_speak_of_the_file_not_of_rust_types() {
    let rule = line_of("  - id: knowledge-changes-quarterly");
    let cases = [
        (
            default_with(
                "when: { factor: knowledge_volatility, at_least: quarterly }",
                "when: quarterly",
            ),
            format!(
                "{}:11: `when` must be a condition (a mapping such as `{{ factor: ID, is: VALUE }}`), \
                 not the text \"quarterly\"",
                rule + 1
            ),
        ),
        (
            default_with(
                "    because: Knowledge that changes several times a year drifts away from anything frozen into weights.\n",
                "",
            ),
            format!("{rule}:7: missing `because:` (add `because: ...`)"),
        ),
        (
            default_with("    because: Knowledge that changes several", "    becuase: x\n    because: Knowledge that changes several"),
            format!("{}:5: unknown key `becuase` (did you mean `because`?)", rule + 3),
        ),
        (
            default_with("      - { id: static, label: \"static — essentially never changes\" }", "      - static"),
            "28:9: an entry of `values` must be a value (a mapping with `id` and `label`), not the text \"static\"".to_string(),
        ),
        (
            DEFAULT.replacen("integer: true", "integer: maybe", 1),
            "49:14: `integer` must be true or false".to_string(),
        ),
        (
            default_with("    rag: [prompt-only]\n", "    rag: [prompt-only]\n    bogus: []\n"),
            format!(
                "{}:5: fallback for unknown outcome `bogus` (expected one of: rag, fine-tune, hybrid, prompt-only)",
                line_of("    rag: [prompt-only]") + 1
            ),
        ),
    ];
    for (text, want) in cases {
        let (code, first) = first_error(&text);
        assert_eq!(code, 2);
        assert_eq!(first, format!("error: r.yaml:{want}"));
        assert!(
            !first.contains("Raw") && !first.contains("struct"),
            "{first}"
        );
    }
}

#[test]
fn size_and_depth_limits_are_positioned_errors() {
    let rules_at = DEFAULT.find("\nrules:\n").unwrap() + "\nrules:\n".len();
    // Thousands of rules.
    let many: String = (0..1200)
        .map(|k| {
            format!(
                "  - {{ id: r{k}, when: {{ factor: daily_requests, at_least: {k} }}, \
                 add: {{ knowledge: 1 }}, because: x, source: y }}\n"
            )
        })
        .collect();
    let text = format!("{}{many}{}", &DEFAULT[..rules_at], &DEFAULT[rules_at..]);
    let (code, first) = first_error(&text);
    assert_eq!(code, 2);
    let line = DEFAULT[..rules_at].lines().count() + 1001;
    assert!(
        first.starts_with(&format!(
            "error: r.yaml:{line}:11: more than 1000 rules, gates, notes and conflicts in all"
        )),
        "{first}"
    );
    // Deep nesting, as deep as the YAML parser allows.
    let mut cond = "{ factor: daily_requests, at_least: 5 }".to_string();
    for _ in 0..120 {
        cond = format!("{{ not: {cond} }}");
    }
    let deep = format!(
        "  - {{ id: deep, when: {cond}, add: {{ knowledge: 1 }}, because: x, source: y }}\n"
    );
    let text = format!("{}{deep}{}", &DEFAULT[..rules_at], &DEFAULT[rules_at..]);
    let (code, first) = first_error(&text);
    assert_eq!(code, 2);
    let line = DEFAULT[..rules_at].lines().count() + 1;
    assert!(
        first.contains(&format!("r.yaml:{line}:"))
            && first.contains("conditions nest more than 16 levels deep"),
        "{first}"
    );
}

#[test]
fn the_engine_saturates_points_from_a_rule_base_built_in_code() {
    // The loader bounds points; a rule base built in code is not loaded, and
    // the engine must still never overflow (debug builds panic on overflow).
    let mut rb = ragfit::rules::load_default().unwrap();
    for (i, r) in rb.rules.iter_mut().enumerate() {
        for add in &mut r.add {
            add.1 = if i % 2 == 0 { i64::MAX } else { i64::MIN };
        }
    }
    for axis in &mut rb.axes {
        axis.threshold = i64::MIN + 1;
    }
    rb.index();
    let wl = ragfit::workload::parse(
        &ragfit::rules::load_default().unwrap(),
        "w.yaml",
        include_str!("../examples/support.yaml"),
    )
    .unwrap();
    for c in &wl.components {
        let a = ragfit::engine::assess(&rb, &c.answers);
        assert!((0.0..=1.0).contains(&a.confidence));
    }
    let none = ragfit::rules::Answers(vec![None; rb.factors.len()]);
    let _ = ragfit::engine::assess(&rb, &none);
}

#[test]
fn empty_ragfit_rules_is_unset() {
    let r = run(ragfit()
        .env("RAGFIT_RULES", "")
        .args(["score", "examples/support.yaml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // An explicit empty `--rules` is still a mistake.
    assert_eq!(run(ragfit().args(["--rules", "", "rules"])).code, 2);
}

#[test]
fn rule_base_file_errors_speak_of_rule_bases() {
    let cases = [
        ("\n\n", "r.yaml: file is empty (rules/default.yaml in the ragfit sources is a complete rule base)"),
        ("- a\n", "r.yaml:1:1: the top level must be a mapping of keys to values (start the file with `version: 2`; rules/default.yaml in the ragfit sources is a complete rule base)"),
        ("version: 2\n---\nb: 1\n", "r.yaml:2:1: a second YAML document starts here; a file holds one rule base (put each rule base in its own file)"),
        ("%YAML 9.9\n---\nversion: 2\n", "r.yaml:1:1: `%YAML 9.9` is not a YAML version ragfit reads (ragfit reads YAML 1.2; write `%YAML 1.2` or remove the line)"),
    ];
    for (text, want) in cases {
        let (code, first) = first_error(text);
        assert_eq!(code, 2);
        assert_eq!(first, format!("error: {want}"));
        assert!(!first.contains("workload"), "{first}");
    }
}

#[test]
fn utf32_is_named_utf32() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("le.yaml", &b"\xFF\xFE\0\0w\0\0\0"[..]),
        ("be.yaml", b"\0\0\xFE\xFF\0\0\0w"),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let r = run(ragfit().current_dir(dir.path()).args(["score", name]));
        assert_eq!(r.code, 2);
        assert_eq!(
            r.stderr,
            format!("error: {name}: file is UTF-32 text (save the file as UTF-8)\n")
        );
    }
}

#[test]
fn null_and_empty_answers_mean_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let run_with = |answers: &str| {
        let text = format!("workload: w\ncomponents:\n  - name: a\n    answers:{answers}\n");
        std::fs::write(dir.path().join("w.yaml"), text).unwrap();
        run(ragfit()
            .current_dir(dir.path())
            .args(["score", "-f", "json", "w.yaml"]))
    };
    let empty = run_with("");
    assert_eq!(empty.code, 0, "{}", empty.stderr);
    for null in [" ~", " null", " {}"] {
        let r = run_with(null);
        assert_eq!((r.code, &r.stdout), (0, &empty.stdout), "answers:{null}");
    }
}
