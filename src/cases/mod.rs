//! Rule-base test cases (`ragfit rules test`): components with their answers
//! and the outcome a rule base must give them, as `opa test` or `conftest
//! verify` pin what a policy decides.
//!
//! A case file is YAML:
//!
//! ```yaml
//! description: what these cases pin        # optional
//! cases:                                   # required, at least one
//!   - name: ticket-triage                  # required, unique in the file
//!     description: routes tickets          # optional, free text
//!     source: where the expectation comes from   # optional
//!     why: why this outcome is right       # optional
//!     answers: { task_shape: classification, labeled_examples: 40000 }
//!     expect: fine-tune                    # required: one outcome, or a list of acceptable ones
//!     borderline: false                    # optional: the result must (not) be borderline
//!     gates: [too-few-examples]            # optional: exactly these gates exclude an outcome
//!     alternatives: [hybrid]               # optional: exactly these outcomes are one change away
//! ```
//!
//! Parsing collects every problem with its line and column (as workload files
//! do, and through the same answer validator); `verdict` judges a case
//! against a rule base without any I/O.

mod verdict;

pub use verdict::{judge, CaseReport, DecidedBy, Expected, FileReport, Got, RuleEffect};

use std::collections::HashMap;

use crate::diag::{suggest, Diagnostic, Pos};
use crate::rules::{Answers, Outcome, RuleBase};
use crate::workload::{self, kind_name, map_pos, pos, Parser};
use crate::yaml::{self, tree::Node};

/// A parsed, validated case file.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseFile {
    /// The file as the user named it.
    pub path: String,
    /// What the cases pin, if said.
    pub description: Option<String>,
    /// The cases, in file order.
    pub cases: Vec<Case>,
}

/// One case: a component's answers and what the rule base must make of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// Unique name within the file.
    pub name: String,
    /// Where its `name:` key is.
    pub pos: Pos,
    /// What the component does.
    pub description: Option<String>,
    /// Answers, indexed like the rule base's factors.
    pub answers: Answers,
    /// The acceptable outcomes (at least one).
    pub expect: Vec<Outcome>,
    /// Whether the result must be borderline (or must not), when given.
    pub borderline: Option<bool>,
    /// The gates that must exclude an outcome, exactly (order aside), when given.
    pub gates: Option<Vec<String>>,
    /// The outcomes single answer changes must lead to, exactly, when given.
    pub alternatives: Option<Vec<Outcome>>,
}

const TOP_KEYS: [&str; 2] = ["description", "cases"];
const CASE_KEYS: [&str; 9] = [
    "name",
    "description",
    "source",
    "why",
    "answers",
    "expect",
    "borderline",
    "gates",
    "alternatives",
];

/// Whether a YAML file found in a directory walk looks like a case file
/// (a top-level `cases:` key, or a near miss of it) rather than other YAML.
pub fn looks_like_cases(text: &str) -> bool {
    yaml::parse_tree(text).ok().is_some_and(|node| {
        node.as_mapping().is_some_and(|m| {
            m.keys()
                .any(|k| crate::diag::did_you_mean(k.as_str(), ["cases"]).is_some())
        })
    })
}

/// Parse and validate a case file's text against a rule base, collecting every problem.
pub fn parse(rb: &RuleBase, path: &str, text: &str) -> Result<CaseFile, Vec<Diagnostic>> {
    let node = yaml::parse_tree(text).map_err(|e| {
        let mut d = workload::yaml_problem(path, e);
        for p in &mut d {
            if p.message == "the top level must be a mapping of keys to values" {
                p.hint = Some("start the file with `cases:` and list the cases under it".into());
            }
        }
        d
    })?;
    let mut p = Parser {
        rb,
        path,
        problems: Vec::new(),
    };
    let file = case_file(&mut p, &node);
    if p.problems.is_empty() {
        Ok(file)
    } else {
        p.problems.sort_by_key(|d| d.pos);
        Err(p.problems)
    }
}

fn case_file(p: &mut Parser<'_>, node: &Node) -> CaseFile {
    let mut file = CaseFile {
        path: p.path.to_string(),
        description: None,
        cases: Vec::new(),
    };
    let Node::Mapping(map) = node else {
        p.problem(pos(node), "a case file must be a mapping".into(), None);
        return file;
    };
    p.check_keys(map, &TOP_KEYS, "the case file");
    file.description = p
        .string(map, "description", false, "the case file")
        .map(|s| s.0);
    let hint = || Some("list the cases as `- name: ...` with `answers:` and `expect:`".into());
    match map.get_node("cases") {
        None => p.problem(
            map_pos(map),
            "the case file is missing `cases:`".into(),
            hint(),
        ),
        Some(Node::Sequence(seq)) if seq.is_empty() => p.problem(
            yaml::pos(seq.span()),
            "`cases` is empty: there is nothing to test".into(),
            hint(),
        ),
        Some(Node::Sequence(seq)) => {
            let mut seen: HashMap<String, usize> = HashMap::new();
            for item in seq.iter() {
                // Names are checked apart from the rest, so that a duplicate
                // is reported even when the case has other problems.
                if let Some((name, at)) = item.as_mapping().and_then(|m| {
                    let s = m.get_scalar("name")?;
                    Some((s.as_str().to_string(), p.key_pos(m, "name")))
                }) {
                    if let Some(line) = seen.get(&name) {
                        p.problem(
                            at,
                            format!("duplicate case name `{name}` (first at line {line})"),
                            Some("case names must be unique in a file".into()),
                        );
                    } else {
                        seen.insert(name, at.line);
                    }
                }
                if let Some(c) = case(p, item) {
                    file.cases.push(c);
                }
            }
        }
        Some(Node::Scalar(s)) if s.as_str().is_empty() => p.problem(
            yaml::pos(s.span()),
            "`cases` is empty: there is nothing to test".into(),
            hint(),
        ),
        Some(other) => p.problem(
            pos(other),
            format!("`cases` must be a list, not {}", kind_name(other)),
            hint(),
        ),
    }
    file
}

fn case(p: &mut Parser<'_>, node: &Node) -> Option<Case> {
    let Node::Mapping(map) = node else {
        p.problem(
            pos(node),
            format!("a case must be a mapping, not {}", kind_name(node)),
            Some("write `- name: ...` followed by its keys".into()),
        );
        return None;
    };
    p.check_keys(map, &CASE_KEYS, "a case");
    let name = p.string(map, "name", true, "this case").map(|s| s.0);
    let at = p.key_pos(map, "name");
    let description = p.string(map, "description", false, "the case").map(|s| s.0);
    // Free text for the reader; validated as text, not kept.
    p.string(map, "source", false, "the case");
    p.string(map, "why", false, "the case");
    let answers = match map.get_node("answers") {
        Some(Node::Mapping(a)) => p.answers(a),
        None => Answers(vec![None; p.rb.factors.len()]),
        Some(Node::Scalar(s)) if s.as_str().is_empty() => Answers(vec![None; p.rb.factors.len()]),
        Some(other) => {
            p.problem(
                pos(other),
                format!(
                    "`answers` must be a mapping of factor: value, not {}",
                    kind_name(other)
                ),
                None,
            );
            Answers(vec![None; p.rb.factors.len()])
        }
    };
    let expect = match map.get_node("expect") {
        None => {
            p.problem(
                map_pos(map),
                "this case is missing `expect:`".into(),
                Some(format!(
                    "add `expect: OUTCOME` (or a list of acceptable ones): {}",
                    Outcome::ids().collect::<Vec<_>>().join(", ")
                )),
            );
            None
        }
        Some(node) => outcomes(p, node, "expect", false),
    };
    let borderline = map.get_node("borderline").and_then(|n| boolean(p, n));
    let gates = map.get_node("gates").and_then(|n| gate_list(p, n));
    let alternatives = map
        .get_node("alternatives")
        .and_then(|n| outcomes(p, n, "alternatives", true));
    Some(Case {
        name: name?,
        pos: at,
        description,
        answers,
        expect: expect?,
        borderline,
        gates,
        alternatives,
    })
}

/// The items of a scalar-or-list value (`expect: rag`, `expect: [rag, hybrid]`).
fn items<'n>(p: &mut Parser<'_>, node: &'n Node, key: &str) -> Option<Vec<&'n yaml::tree::Scalar>> {
    match node {
        Node::Scalar(s) if s.as_str().is_empty() => Some(Vec::new()),
        Node::Scalar(s) => Some(vec![s]),
        Node::Sequence(seq) => {
            let mut out = Vec::new();
            for item in seq.iter() {
                match item {
                    Node::Scalar(s) => out.push(s),
                    other => p.problem(
                        pos(other),
                        format!("`{key}` lists single values, not {}", kind_name(other)),
                        None,
                    ),
                }
            }
            Some(out)
        }
        Node::Mapping(_) => {
            p.problem(
                pos(node),
                format!("`{key}` must be a value or a list, not a mapping"),
                None,
            );
            None
        }
    }
}

fn outcomes(
    p: &mut Parser<'_>,
    node: &Node,
    key: &str,
    may_be_empty: bool,
) -> Option<Vec<Outcome>> {
    let items = items(p, node, key)?;
    if items.is_empty() && !may_be_empty {
        p.problem(
            pos(node),
            format!("`{key}` names no outcome"),
            Some(suggest("", Outcome::ids())),
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for s in items {
        match s.as_str().parse::<Outcome>() {
            Ok(o) if out.contains(&o) => {
                p.problem(
                    yaml::pos(s.span()),
                    format!("`{o}` is listed twice in `{key}`"),
                    Some("list each outcome once".into()),
                );
                ok = false;
            }
            Ok(o) => out.push(o),
            Err(msg) => {
                p.problem(
                    yaml::pos(s.span()),
                    msg,
                    Some(suggest(s.as_str(), Outcome::ids())),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

fn gate_list(p: &mut Parser<'_>, node: &Node) -> Option<Vec<String>> {
    let items = items(p, node, "gates")?;
    let mut out: Vec<String> = Vec::new();
    let mut ok = true;
    for s in items {
        let id = s.as_str();
        if !p.rb.gates.iter().any(|g| g.id == id) {
            let hint = suggest(id, p.rb.gates.iter().map(|g| g.id.as_str()));
            p.problem(
                yaml::pos(s.span()),
                format!("`{id}` is not a gate of the rule base"),
                Some(hint),
            );
            ok = false;
        } else if out.iter().any(|g| g == id) {
            p.problem(
                yaml::pos(s.span()),
                format!("`{id}` is listed twice in `gates`"),
                Some("list each gate once".into()),
            );
            ok = false;
        } else {
            out.push(id.to_string());
        }
    }
    ok.then_some(out)
}

fn boolean(p: &mut Parser<'_>, node: &Node) -> Option<bool> {
    match node {
        Node::Scalar(s) if s.may_coerce() && s.as_str() == "true" => Some(true),
        Node::Scalar(s) if s.may_coerce() && s.as_str() == "false" => Some(false),
        other => {
            p.problem(
                pos(other),
                "`borderline` must be true or false".into(),
                Some("write `borderline: true` or `borderline: false`, unquoted".into()),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::load_default;

    fn problems(text: &str) -> Vec<String> {
        let rb = load_default().unwrap();
        parse(&rb, "c.yaml", text)
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn a_case_takes_one_outcome_or_a_list_and_optional_expectations() {
        let rb = load_default().unwrap();
        let f = parse(
            &rb,
            "c.yaml",
            "cases:\n  - name: a\n    answers: {citations: required}\n    expect: rag\n  \
             - name: b\n    expect: [hybrid, rag]\n    borderline: true\n    gates: []\n    \
             alternatives: [fine-tune]\n",
        )
        .unwrap();
        assert_eq!(f.cases.len(), 2);
        assert_eq!(f.cases[0].expect, vec![Outcome::Rag]);
        assert_eq!(f.cases[0].pos, Pos::new(2, 5));
        assert_eq!(f.cases[0].borderline, None);
        assert_eq!(f.cases[1].expect, vec![Outcome::Hybrid, Outcome::Rag]);
        assert_eq!(f.cases[1].borderline, Some(true));
        assert_eq!(f.cases[1].gates, Some(vec![]));
        assert_eq!(f.cases[1].alternatives, Some(vec![Outcome::FineTune]));
    }

    #[test]
    fn every_problem_is_reported_with_its_position() {
        assert_eq!(
            problems(
                "cases:\n  - name: a\n    answer: {}\n    expect: [rag, rag]\n  - name: a\n    \
                 expect: rag\n    borderline: \"true\"\n    gates: [nope]\n"
            ),
            vec![
                "c.yaml:3:5: unknown key `answer` in a case (did you mean `answers`?)",
                "c.yaml:4:19: `rag` is listed twice in `expect` (list each outcome once)",
                "c.yaml:5:5: duplicate case name `a` (first at line 2) (case names must be \
                 unique in a file)",
                "c.yaml:7:17: `borderline` must be true or false (write `borderline: true` or \
                 `borderline: false`, unquoted)",
                "c.yaml:8:13: `nope` is not a gate of the rule base (expected one of: \
                 too-few-examples, fine-tuning-unavailable, erasure-needs-retrieval, \
                 volatile-knowledge-not-in-weights, nothing-to-retrieve, corpus-fits-in-prompt)",
            ]
        );
    }

    #[test]
    fn a_file_without_cases_says_how_to_start() {
        assert_eq!(
            problems("description: x\n"),
            vec![
                "c.yaml:1:1: the case file is missing `cases:` (list the cases as `- name: ...` \
                  with `answers:` and `expect:`)"
            ]
        );
        assert_eq!(
            problems("- name: a\n"),
            vec![
                "c.yaml:1:1: the top level must be a mapping of keys to values (start the file \
                  with `cases:` and list the cases under it)"
            ]
        );
        assert_eq!(
            problems("cases:\n  - name: a\n"),
            vec![
                "c.yaml:2:5: this case is missing `expect:` (add `expect: OUTCOME` (or a list \
                  of acceptable ones): rag, fine-tune, hybrid, prompt-only)"
            ]
        );
    }

    #[test]
    fn only_files_with_a_cases_key_look_like_case_files() {
        assert!(looks_like_cases("cases: []\n"));
        assert!(looks_like_cases("case:\n  - name: a\n"));
        assert!(!looks_like_cases("workload: w\ncomponents: []\n"));
        assert!(!looks_like_cases("- a\n"));
    }
}
