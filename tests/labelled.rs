//! The default rules must agree with every labelled component in
//! `tests/data/labelled-components.yaml` (copied from the project's shared
//! cases): the `expected` outcome, or one of `acceptable` where listed.

use ragfit::engine;
use ragfit::rules::{self, Answers, Outcome, RuleBase};
use ragfit::yaml::{self, Node};

struct Case {
    id: String,
    answers: Answers,
    expected: Outcome,
    acceptable: Vec<Outcome>,
}

fn scalar<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    node.as_mapping()?.get_scalar(key).map(|s| s.as_str())
}

fn load_cases(rb: &RuleBase) -> Vec<Case> {
    let text = std::fs::read_to_string("tests/data/labelled-components.yaml").unwrap();
    let root = yaml::parse_list(&text).expect("labelled cases parse");
    let list = root.as_sequence().expect("a list of cases");
    list.iter()
        .map(|entry| {
            let id = scalar(entry, "id").expect("id").to_string();
            let factors = entry
                .as_mapping()
                .unwrap()
                .get_mapping("factors")
                .expect("factors");
            let mut answers = Answers(vec![None; rb.factors.len()]);
            for (k, v) in factors.iter() {
                let fi = rb
                    .factor_index(k.as_str())
                    .unwrap_or_else(|| panic!("{id}: unknown factor {}", k.as_str()));
                let text = v.as_scalar().expect("scalar answer").as_str();
                answers.0[fi] = rb.factors[fi]
                    .parse_value(text)
                    .unwrap_or_else(|e| panic!("{id}: {e}"));
            }
            let expected = scalar(entry, "expected").unwrap().parse().unwrap();
            let acceptable = entry
                .as_mapping()
                .unwrap()
                .get_sequence("acceptable")
                .map(|s| {
                    s.iter()
                        .map(|n| n.as_scalar().unwrap().as_str().parse().unwrap())
                        .collect()
                })
                .unwrap_or_default();
            Case {
                id,
                answers,
                expected,
                acceptable,
            }
        })
        .collect()
}

#[test]
fn default_rules_agree_with_every_labelled_component() {
    let rb = rules::load_default().unwrap();
    let cases = load_cases(&rb);
    assert!(cases.len() >= 31, "all labelled cases are loaded");
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
fn unambiguous_cases_get_their_expected_outcome_with_confidence() {
    // Entries without `acceptable` are clear-cut: ragfit must not call them borderline.
    let rb = rules::load_default().unwrap();
    for case in load_cases(&rb).iter().filter(|c| c.acceptable.is_empty()) {
        let a = engine::assess(&rb, &case.answers);
        assert_eq!(a.outcome(), case.expected, "{}", case.id);
        assert!(
            a.confidence >= rb.confidence.borderline_below,
            "{}: confidence {} is borderline for a clear-cut case",
            case.id,
            a.confidence
        );
    }
}
