//! The default rules must agree with every labelled component: the shared
//! cases in `tests/data/labelled-components.yaml` (copied from the project's
//! shared cases, unchanged), with the answers to the optional factors their
//! sources give in `labelled-optional.yaml`, and the published cases added
//! since in `labelled-published.yaml`. Each must get its `expected` outcome (or
//! one of `acceptable`); clear-cut entries must not be borderline, and
//! entries marked `borderline: true` must be.
//!
//! The same cases, as a `ragfit rules test` case file (`tests/cases/labelled.yaml`,
//! generated from the data here: `RAGFIT_BLESS=1 cargo test --test labelled`
//! writes it), run through the binary too, as a team would run its own.

use ragfit::engine;
use ragfit::rules::{self, Answers, Outcome, RuleBase};
use ragfit::yaml::{self, Node};

struct Case {
    id: String,
    description: Option<String>,
    source: Option<String>,
    why: Option<String>,
    answers: Answers,
    expected: Outcome,
    acceptable: Vec<Outcome>,
    borderline: Option<bool>,
}

fn scalar<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    node.as_mapping()?.get_scalar(key).map(|s| s.as_str())
}

fn set_answers(rb: &RuleBase, id: &str, answers: &mut Answers, map: &yaml::MarkedMappingNode) {
    for (k, v) in map.iter() {
        let fi = rb
            .factor_index(k.as_str())
            .unwrap_or_else(|| panic!("{id}: unknown factor {}", k.as_str()));
        let text = v.as_scalar().expect("scalar answer").as_str();
        answers.0[fi] = rb.factors[fi]
            .parse_value(text)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
    }
}

fn load(rb: &RuleBase, path: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap();
    let root = yaml::parse_list(&text).expect("labelled cases parse");
    root.as_sequence()
        .expect("a list of cases")
        .iter()
        .map(|entry| {
            let id = scalar(entry, "id").expect("id").to_string();
            let map = entry.as_mapping().unwrap();
            let mut answers = Answers(vec![None; rb.factors.len()]);
            set_answers(
                rb,
                &id,
                &mut answers,
                map.get_mapping("factors").expect("factors"),
            );
            let acceptable = map
                .get_sequence("acceptable")
                .map(|s| {
                    s.iter()
                        .map(|n| n.as_scalar().unwrap().as_str().parse().unwrap())
                        .collect()
                })
                .unwrap_or_default();
            let text = |key: &str| scalar(entry, key).map(str::to_string);
            Case {
                description: text("description"),
                source: text("source"),
                why: text("why"),
                expected: scalar(entry, "expected").unwrap().parse().unwrap(),
                borderline: scalar(entry, "borderline").map(|b| b == "true"),
                id,
                answers,
                acceptable,
            }
        })
        .collect()
}

/// Every case: the shared ones with their optional answers, then the published ones.
fn cases(rb: &RuleBase) -> Vec<Case> {
    let mut shared = load(rb, "tests/data/labelled-components.yaml");
    let text = std::fs::read_to_string("tests/data/labelled-optional.yaml").unwrap();
    let extra = yaml::parse_list(&text).expect("optional answers parse");
    for entry in extra.as_sequence().unwrap().iter() {
        let id = scalar(entry, "id").unwrap();
        assert!(
            scalar(entry, "why").is_some(),
            "{id}: every answer says why"
        );
        let case = shared
            .iter_mut()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("labelled-optional.yaml: no case {id}"));
        let map = entry.as_mapping().unwrap().get_mapping("answers").unwrap();
        for (k, _) in map.iter() {
            assert!(
                rb.factors[rb.factor_index(k.as_str()).unwrap()].optional,
                "{id}: labelled-optional.yaml answers only optional factors, not {}",
                k.as_str()
            );
        }
        set_answers(rb, id, &mut case.answers, map);
    }
    shared.extend(load(rb, "tests/data/labelled-published.yaml"));
    shared
}

#[test]
fn default_rules_agree_with_every_labelled_component() {
    let rb = rules::load_default().unwrap();
    let cases = cases(&rb);
    assert!(
        cases.len() >= 44,
        "all labelled cases are loaded ({})",
        cases.len()
    );
    let mut disagreements = Vec::new();
    for case in &cases {
        let a = engine::assess(&rb, &case.answers);
        let ok = a.outcome() == case.expected || case.acceptable.contains(&a.outcome());
        if !ok {
            disagreements.push(format!(
                "{}: got {} (scores {:?}), expected {} {:?}",
                case.id,
                a.outcome(),
                a.decided.scores,
                case.expected,
                case.acceptable
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "disagreements:\n{}",
        disagreements.join("\n")
    );
}

#[test]
fn clear_cut_cases_are_confident_and_open_ones_are_borderline() {
    // Entries without `acceptable` are clear-cut: ragfit must not call them
    // borderline; entries marked `borderline: true` must be.
    let rb = rules::load_default().unwrap();
    let mut wrong = Vec::new();
    for case in cases(&rb) {
        let a = engine::assess(&rb, &case.answers);
        let want = case
            .borderline
            .unwrap_or(!case.acceptable.is_empty() && a.borderline);
        if case.acceptable.is_empty() && case.borderline.is_none() {
            assert_eq!(a.outcome(), case.expected, "{}", case.id);
        }
        if a.borderline != want {
            wrong.push(format!(
                "{}: {} confidence {:.2}, borderline {} (expected {want})",
                case.id,
                a.outcome(),
                a.confidence,
                a.borderline
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// One case as `rules test` reads it.
#[derive(serde::Serialize)]
struct CaseOut {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<String>,
    answers: ragfit::result::OrderedMap<ragfit::result::AnswerValue>,
    expect: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    borderline: Option<bool>,
}

#[derive(serde::Serialize)]
struct CaseFileOut {
    description: String,
    cases: Vec<CaseOut>,
}

const CASE_FILE: &str = "tests/cases/labelled.yaml";

/// The case file the labelled data makes: the expected outcome first, then
/// the other acceptable ones; clear-cut entries must not be borderline.
fn case_file_text(rb: &RuleBase) -> String {
    let cases = cases(rb)
        .into_iter()
        .map(|c| {
            let mut expect = vec![c.expected];
            expect.extend(c.acceptable.iter().filter(|o| **o != c.expected));
            let answers = ragfit::result::OrderedMap(
                c.answers
                    .0
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_some())
                    .map(|(fi, v)| {
                        (
                            rb.factors[fi].id.clone(),
                            ragfit::result::AnswerValue::of(rb, fi, *v),
                        )
                    })
                    .collect(),
            );
            let borderline = c.borderline.or(c.acceptable.is_empty().then_some(false));
            CaseOut {
                name: c.id,
                description: c.description,
                source: c.source,
                why: c.why,
                answers,
                expect: match &expect[..] {
                    [one] => serde_json::json!(one.id()),
                    many => serde_json::json!(many.iter().map(|o| o.id()).collect::<Vec<_>>()),
                },
                borderline,
            }
        })
        .collect();
    let file = CaseFileOut {
        description: "The project's labelled components: published case studies and textbook \
                      components with the outcome their sources support."
            .into(),
        cases,
    };
    format!(
        "# Generated from tests/data/labelled-*.yaml by `RAGFIT_BLESS=1 cargo test --test \
         labelled`;\n# edit the data there, not this file.\n{}",
        yaml::to_string(&file).unwrap()
    )
}

#[test]
fn the_case_file_holds_exactly_the_labelled_data() {
    let rb = rules::load_default().unwrap();
    let want = case_file_text(&rb);
    if std::env::var_os("RAGFIT_BLESS").is_some() {
        std::fs::create_dir_all("tests/cases").unwrap();
        std::fs::write(CASE_FILE, &want).unwrap();
    }
    let have = std::fs::read_to_string(CASE_FILE).unwrap_or_default();
    assert!(
        have == want,
        "{CASE_FILE} is out of date: run `RAGFIT_BLESS=1 cargo test --test labelled`"
    );
    // And ragfit reads it as the same cases.
    let file = ragfit::cases::parse(&rb, CASE_FILE, &have).unwrap();
    let data = cases(&rb);
    assert_eq!(file.cases.len(), data.len());
    for (c, d) in file.cases.iter().zip(&data) {
        assert_eq!(c.name, d.id);
        assert_eq!(c.answers, d.answers, "{}", d.id);
        assert_eq!(c.expect[0], d.expected, "{}", d.id);
    }
}

#[test]
fn rules_test_passes_every_labelled_case() {
    let out = assert_cmd::Command::cargo_bin("ragfit")
        .unwrap()
        .args(["rules", "test", CASE_FILE])
        .env_remove("RAGFIT_RULES")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let n = cases(&rules::load_default().unwrap()).len();
    assert!(
        stdout.ends_with(&format!(
            "\n{n} passed, 0 failed ({n} cases in 1 file; rule base <embedded rules/default.yaml>)\n"
        )),
        "{stdout}"
    );
    assert_eq!(stdout.matches("\nPASS ").count(), n, "{stdout}");
}
