//! Property tests of the framework as the default rule base encodes it.
//!
//! Answers are generated from the rule base's own factors (any valid value,
//! `unknown`, or absent), written out as workload YAML text, and run through
//! the same parse → assess → report path as `ragfit score`.

use clap::ValueEnum;
use proptest::prelude::*;
use ragfit::check;
use ragfit::engine::{self, NearMisses};
use ragfit::pipeline::Assessed;
use ragfit::report::check::{self as check_report, CheckFormat, Settings};
use ragfit::report::score::{self as report, FileScore, ScoreFormat, ScoreReport};
use ragfit::rules::{self, Answers, FactorKind, Outcome, RuleBase, Value};
use ragfit::workload;

fn rb() -> &'static RuleBase {
    static RB: std::sync::OnceLock<RuleBase> = std::sync::OnceLock::new();
    RB.get_or_init(|| rules::load_default().expect("default rules load"))
}

fn factor(id: &str) -> usize {
    rb().factor_index(id)
        .unwrap_or_else(|| panic!("no factor {id}"))
}

fn axis(id: &str) -> usize {
    rb().axes.iter().position(|a| a.id == id).expect("axis")
}

/// One answer as written in a file: a valid value, `unknown`, or absent (None).
fn answer_text(fi: usize) -> BoxedStrategy<Option<String>> {
    let valid: BoxedStrategy<String> = match &rb().factors[fi].kind {
        FactorKind::Choice { values, .. } => {
            let ids: Vec<String> = values.iter().map(|c| c.id.clone()).collect();
            proptest::sample::select(ids).boxed()
        }
        FactorKind::Boolean => any::<bool>().prop_map(|b| b.to_string()).boxed(),
        FactorKind::Number { min, max, .. } => {
            let lo = min.unwrap_or(0.0).max(0.0) as u64;
            let hi = max.map_or(1_000_000, |m| m as u64);
            // Small, round and large numbers: thresholds live in all three.
            prop_oneof![lo..=lo + 100, lo..=hi.min(100_000), lo..=hi]
                .prop_map(|n| n.to_string())
                .boxed()
        }
    };
    prop_oneof![
        8 => valid.prop_map(Some),
        1 => Just(Some("unknown".to_string())),
        1 => Just(None),
    ]
    .boxed()
}

/// A full answer set, one entry per factor of the rule base.
fn answer_texts() -> impl Strategy<Value = Vec<Option<String>>> {
    (0..rb().factors.len()).map(answer_text).collect::<Vec<_>>()
}

fn parse_answers(texts: &[Option<String>]) -> Answers {
    Answers(
        texts
            .iter()
            .enumerate()
            .map(|(fi, t)| {
                t.as_deref().and_then(|t| {
                    rb().factors[fi]
                        .parse_value(t)
                        .expect("valid by construction")
                })
            })
            .collect(),
    )
}

/// A small deterministic shuffle, so one generated seed picks one key order.
fn shuffled<T>(mut items: Vec<T>, seed: u64) -> Vec<T> {
    let mut s = seed | 1;
    for i in (1..items.len()).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        items.swap(i, (s % (i as u64 + 1)) as usize);
    }
    items
}

/// Workload YAML for components (name, answers), with every mapping's keys in
/// an order chosen by `seed`.
fn workload_yaml(components: &[(String, Vec<Option<String>>)], seed: u64) -> String {
    let mut comps = String::new();
    for (i, (name, answers)) in components.iter().enumerate() {
        let s = seed.wrapping_add(i as u64 * 0x9E37_79B9);
        let mut lines: Vec<String> = answers
            .iter()
            .enumerate()
            .filter_map(|(fi, a)| {
                a.as_ref()
                    .map(|v| format!("      {}: {v}\n", rb().factors[fi].id))
            })
            .collect();
        lines = shuffled(lines, s);
        let answers_block = if lines.is_empty() {
            "    answers: {}\n".to_string()
        } else {
            format!("    answers:\n{}", lines.concat())
        };
        let keys = shuffled(
            vec![
                format!("    name: {name}\n"),
                format!("    description: generated component {i}\n"),
                answers_block,
            ],
            s.rotate_left(17),
        );
        let body = keys.concat();
        comps.push_str(&format!("  - {}", &body[4..]));
    }
    let top = shuffled(
        vec![
            "workload: generated\n".to_string(),
            "description: property test\n".to_string(),
            format!("components:\n{comps}"),
        ],
        seed.rotate_left(31),
    );
    top.concat()
}

/// Score YAML text exactly as `score --format json` does, returning the bytes.
fn score_json(text: &str) -> (String, serde_json::Value) {
    let rb = rb();
    let w = workload::parse(rb, "w.yaml", text)
        .unwrap_or_else(|e| panic!("generated workload is valid: {e:?}\n{text}"));
    let assessments = w
        .components
        .iter()
        .map(|c| engine::assess(rb, &c.answers))
        .collect();
    let assessed = Assessed {
        workload: w,
        assessments,
        changes: Vec::new(),
    };
    let assessed = [assessed];
    let report = ScoreReport::build(rb, &assessed, Vec::new());
    let json = report::render(rb, &report, ScoreFormat::Json, false, None).unwrap();
    let value = serde_json::from_str(&json).unwrap();
    (json, value)
}

/// A workload text assessed as `score` and `check` do, with or without near misses.
fn assessed_with(text: &str, near: NearMisses) -> Assessed {
    let rb = rb();
    let w = workload::parse(rb, "w.yaml", text).expect("generated workload is valid");
    let assessments = w
        .components
        .iter()
        .map(|c| engine::assess_with(rb, &c.answers, near))
        .collect();
    Assessed {
        workload: w,
        assessments,
        changes: Vec::new(),
    }
}

/// Every `(format name, main part + later parts)` of one file, for each format
/// that says whether it shows near misses (`shows`).
fn sections(a: &Assessed, shows: bool) -> Vec<(String, String)> {
    let rb = rb();
    let mut out = Vec::new();
    let joined = |s: ragfit::report::Section| format!("{}\u{0}{}", s.main, s.later.join("\u{0}"));
    for &format in ScoreFormat::value_variants() {
        let r = report::renderer(rb, format, false, None, false, false);
        if (r.shows_near_misses() || r.detail()) == shows {
            let section = r.file(&FileScore::of(rb, a)).expect("renders");
            out.push((format!("score {format:?}"), joined(section)));
        }
    }
    let opts = check::Options {
        today: "2030-01-01".parse().unwrap(),
        require_declared: false,
        fail_on: check::FailOn::Error,
        min_confidence: None,
        require_answers: Vec::new(),
        waiver_warn_days: check::DEFAULT_WAIVER_WARN_DAYS,
        ignore: Vec::new(),
    };
    let reviewed = check::review_file(rb, &a.workload, &a.assessments, &opts);
    for &format in CheckFormat::value_variants() {
        let settings = Settings {
            fail_on: opts.fail_on,
            today: opts.today,
        };
        let r = check_report::renderer(rb, format, false, settings, None);
        if (r.shows_near_misses() || r.detail()) == shows {
            let section = r.file(&reviewed).expect("renders");
            out.push((format!("check {format:?}"), joined(section)));
        }
    }
    out
}

fn components() -> impl Strategy<Value = Vec<(String, Vec<Option<String>>)>> {
    proptest::collection::vec(answer_texts(), 1..5).prop_map(|sets| {
        sets.into_iter()
            .enumerate()
            .map(|(i, a)| (format!("component-{i}"), a))
            .collect()
    })
}

/// Set factor `id` to the choice at `index`.
fn with_choice(a: &Answers, id: &str, index: usize) -> Answers {
    let mut a = a.clone();
    a.0[factor(id)] = Some(Value::Choice(index));
    a
}

fn choice_count(id: &str) -> usize {
    match &rb().factors[factor(id)].kind {
        FactorKind::Choice { values, .. } => values.len(),
        _ => panic!("{id} is not a choice"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn more_volatile_knowledge_never_lowers_the_knowledge_axis(texts in answer_texts()) {
        let a = parse_answers(&texts);
        let k = axis("knowledge");
        let scores: Vec<i64> = (0..choice_count("knowledge_volatility"))
            .map(|i| engine::decide(rb(), &with_choice(&a, "knowledge_volatility", i)).scores[k])
            .collect();
        prop_assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
    }

    #[test]
    fn stricter_citations_never_lower_the_knowledge_axis(texts in answer_texts()) {
        let a = parse_answers(&texts);
        let k = axis("knowledge");
        let scores: Vec<i64> = (0..choice_count("citations"))
            .map(|i| engine::decide(rb(), &with_choice(&a, "citations", i)).scores[k])
            .collect();
        prop_assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
    }

    #[test]
    fn deletable_knowledge_is_never_fine_tuned(texts in answer_texts(), docs in 1u32..1_000_000) {
        let mut a = parse_answers(&texts);
        a.0[factor("deletion_required")] = Some(Value::Bool(true));
        a.0[factor("knowledge_size_docs")] = Some(Value::Number(f64::from(docs)));
        let assessment = engine::assess(rb(), &a);
        prop_assert_ne!(assessment.outcome(), Outcome::FineTune);
        // Nor is it offered as a single-change alternative that keeps those answers.
        for alt in &assessment.alternatives {
            let keeps = alt.factor != factor("deletion_required")
                && alt.factor != factor("knowledge_size_docs");
            prop_assert!(!(keeps && alt.outcome == Outcome::FineTune), "{alt:?}");
        }
    }

    #[test]
    fn confidence_is_within_0_and_1(texts in answer_texts()) {
        let a = engine::assess(rb(), &parse_answers(&texts));
        prop_assert!((0.0..=1.0).contains(&a.confidence), "{}", a.confidence);
        prop_assert!((0.0..=1.0).contains(&a.why.margin_confidence));
    }

    #[test]
    fn output_does_not_depend_on_key_order(
        comps in components(),
        seed1 in any::<u64>(),
        seed2 in any::<u64>(),
    ) {
        let (a, _) = score_json(&workload_yaml(&comps, seed1));
        let (b, _) = score_json(&workload_yaml(&comps, seed2));
        prop_assert_eq!(a, b);
    }

    #[test]
    fn results_do_not_depend_on_component_order(comps in components(), seed in any::<u64>()) {
        let (_, forward) = score_json(&workload_yaml(&comps, seed));
        let reversed: Vec<_> = comps.iter().rev().cloned().collect();
        let (_, backward) = score_json(&workload_yaml(&reversed, seed));
        let by_name = |v: &serde_json::Value| {
            let mut rs: Vec<(String, String)> = v["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| (r["component"].as_str().unwrap().to_string(), r.to_string()))
                .collect();
            rs.sort();
            rs
        };
        // Each component's result, bytes included, is the same wherever it stands.
        prop_assert_eq!(by_name(&forward), by_name(&backward));
    }

    /// Skipping the near-miss search (formats that never show near misses)
    /// changes nothing else in an assessment, and no such format renders a
    /// byte differently; a format that shows them does differ (so the
    /// comparison can fail).
    #[test]
    fn skipping_near_misses_changes_nothing_those_formats_show(
        comps in components(),
        seed in any::<u64>(),
    ) {
        let text = workload_yaml(&comps, seed);
        let found = assessed_with(&text, NearMisses::Find);
        let skipped = assessed_with(&text, NearMisses::Skip);
        for (f, s) in found.assessments.iter().zip(&skipped.assessments) {
            prop_assert!(s.near_misses.is_empty());
            let mut f = f.clone();
            f.near_misses.clear();
            prop_assert_eq!(&f, s);
        }
        let (with, without) = (sections(&found, false), sections(&skipped, false));
        prop_assert!(with.len() >= 8, "{:?}", with.iter().map(|x| &x.0).collect::<Vec<_>>());
        for ((format, a), (_, b)) in with.iter().zip(&without) {
            prop_assert_eq!(a, b, "{}", format);
        }
        if found.assessments.iter().any(|a| !a.near_misses.is_empty()) {
            let shown = sections(&found, true);
            let json = shown.iter().find(|(f, _)| f == "score Json").expect("json shows them");
            let json_skipped = sections(&skipped, true)
                .into_iter()
                .find(|(f, _)| f == "score Json")
                .expect("json shows them");
            prop_assert_ne!(&json.1, &json_skipped.1);
        }
    }

    #[test]
    fn unknown_and_arbitrary_answers_never_panic(
        values in proptest::collection::vec(
            prop_oneof![
                Just("unknown".to_string()),
                "[a-z_-]{0,12}",
                "-?[0-9]{1,25}(\\.[0-9]{0,3})?",
                "(true|false|yes|no|~|null|NaN|inf|-inf|1e999|0x1F|\"\"|'x')",
                any::<String>().prop_map(|s| format!("{s:?}")),
            ],
            0..16,
        ),
        keys in proptest::collection::vec(0usize..16, 0..16),
    ) {
        let rb = rb();
        let mut text = String::from("workload: w\ncomponents:\n  - name: c\n    answers:\n");
        let mut seen = std::collections::HashSet::new();
        for (k, v) in keys.iter().zip(&values) {
            // Indices past the rule base's factors stand for unknown factor ids.
            let key = rb.factors.get(*k).map_or(format!("made_up_{k}"), |f| f.id.clone());
            if seen.insert(key.clone()) {
                text.push_str(&format!("      {key}: {v}\n"));
            }
        }
        // Must return (either way) rather than panic; valid files must assess cleanly.
        if let Ok(w) = workload::parse(rb, "w.yaml", &text) {
            for c in &w.components {
                let a = engine::assess(rb, &c.answers);
                prop_assert!((0.0..=1.0).contains(&a.confidence));
            }
        }
        // Every answer unknown is valid and assesses.
        let all_unknown = Answers(vec![None; rb.factors.len()]);
        let a = engine::assess(rb, &all_unknown);
        prop_assert!((0.0..=1.0).contains(&a.confidence));
    }
}
