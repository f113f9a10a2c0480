//! Workload files: a named system and its components, each with answers.
//!
//! Validation walks the positioned YAML tree by hand rather than through serde,
//! so that it can report *every* problem in a file (not just the first), each
//! at its own line and column, with a "did you mean" for near-miss keys and values.

pub mod text;
mod waiver;

use std::collections::HashMap;

use crate::diag::{suggest, Diagnostic, Pos};
use crate::rules::{Answers, FactorKind, Outcome, RuleBase, Value};
use crate::yaml;
use crate::yaml::tree::{Mapping, Node, Scalar};

/// A parsed, validated workload file.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    /// The file it came from, as named to the user.
    pub path: String,
    /// `workload:` name.
    pub name: String,
    /// Optional description.
    pub description: Option<String>,
    /// Optional owner.
    pub owner: Option<String>,
    /// Components in file order.
    pub components: Vec<Component>,
}

/// One component of a workload.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    /// Unique name within the workload.
    pub name: String,
    /// Optional description.
    pub description: Option<String>,
    /// What the team runs or plans, if declared.
    pub architecture: Option<Outcome>,
    /// Answers, indexed like the rule base's factors.
    pub answers: Answers,
    /// An accepted mismatch, if any.
    pub waiver: Option<Waiver>,
    /// Where `name:` is.
    pub name_pos: Pos,
    /// Where `architecture:` is, if present.
    pub architecture_pos: Option<Pos>,
}

impl Component {
    /// Where findings about this component point: its `architecture:` key, else its `name:`.
    pub fn anchor(&self) -> Pos {
        self.architecture_pos.unwrap_or(self.name_pos)
    }
}

/// A waiver accepting a mismatch until a date.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiver {
    /// Why the mismatch is accepted.
    pub reason: String,
    /// Last day the waiver holds.
    pub expires: jiff::civil::Date,
    /// Where `waiver:` is.
    pub pos: Pos,
}

const TOP_KEYS: [&str; 4] = ["workload", "description", "owner", "components"];
const COMPONENT_KEYS: [&str; 5] = ["name", "description", "architecture", "answers", "waiver"];
const WAIVER_KEYS: [&str; 2] = ["reason", "expires"];

/// Parse and validate a workload file's text against a rule base.
pub fn parse(rb: &RuleBase, path: &str, text: &str) -> Result<Workload, Vec<Diagnostic>> {
    let node = yaml::parse_tree(text).map_err(|e| yaml_problem(path, e))?;
    validate(rb, path, &node)
}

/// Like [`parse`], for a file found by walking a directory rather than named by
/// the user: `Ok(None)` when it is clearly some other kind of YAML (its top
/// level is not a mapping, or has neither `workload:` nor `components:`), so
/// that `ragfit check .` in a repository is not derailed by CI or deployment
/// files. Anything that looks like a workload is validated as strictly as ever.
pub fn parse_found(
    rb: &RuleBase,
    path: &str,
    text: &str,
) -> Result<Option<Workload>, Vec<Diagnostic>> {
    let node = match yaml::parse_tree(text) {
        Ok(node) => node,
        Err(e) if e.is_top_level_not_mapping() => return Ok(None),
        Err(e) => return Err(yaml_problem(path, e)),
    };
    // A near miss (`workloads:`, `component:`) is a workload with a typo, not some
    // other YAML: it is validated, so the typo is reported instead of skipped.
    let looks_like_workload = node.as_mapping().is_some_and(|m| {
        m.keys()
            .any(|k| crate::diag::did_you_mean(k.as_str(), ["workload", "components"]).is_some())
    });
    if !looks_like_workload {
        return Ok(None);
    }
    validate(rb, path, &node).map(Some)
}

pub(crate) fn yaml_problem(path: &str, e: yaml::YamlError) -> Vec<Diagnostic> {
    vec![Diagnostic {
        path: path.to_string(),
        pos: e.pos,
        message: e.message,
        hint: e.hint,
    }]
}

fn validate(rb: &RuleBase, path: &str, node: &Node) -> Result<Workload, Vec<Diagnostic>> {
    let mut p = Parser {
        rb,
        path,
        problems: Vec::new(),
    };
    let workload = p.workload(node);
    if p.problems.is_empty() {
        Ok(workload)
    } else {
        // Report in file order, as a reader scans the file (stable for equal positions).
        p.problems.sort_by_key(|d| d.pos);
        Err(p.problems)
    }
}

/// The positioned, problem-collecting validator of workload files, shared
/// with other files that hold answers (rule-base test cases, [`crate::cases`]).
pub(crate) struct Parser<'a> {
    pub(crate) rb: &'a RuleBase,
    pub(crate) path: &'a str,
    /// Every problem found so far.
    pub(crate) problems: Vec<Diagnostic>,
}

pub(crate) fn pos(node: &Node) -> Pos {
    yaml::pos(node.span())
}

/// Where a mapping starts, for problems about the mapping as a whole (a missing key).
///
/// The parser marks a block mapping at its first *value*, which reads oddly in a
/// message about a missing key; the first key is where the user's eye goes.
pub(crate) fn map_pos(map: &Mapping) -> Pos {
    map.keys()
        .next()
        .map(|k| yaml::pos(k.span()))
        .unwrap_or_else(|| yaml::pos(map.span()))
}

pub(crate) fn kind_name(node: &Node) -> &'static str {
    match node {
        Node::Scalar(_) => "a single value",
        Node::Mapping(_) => "a mapping",
        Node::Sequence(_) => "a list",
    }
}

impl Parser<'_> {
    pub(crate) fn problem(&mut self, at: Pos, message: String, hint: Option<String>) {
        self.problems
            .push(Diagnostic::at(self.path, at, message).with_opt_hint(hint));
    }

    /// Report keys not in `allowed`, with a suggestion.
    pub(crate) fn check_keys(&mut self, map: &Mapping, allowed: &[&str], what: &str) {
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let hint = suggest(key.as_str(), allowed.iter().copied());
                self.problem(
                    yaml::pos(key.span()),
                    format!("unknown key `{}` in {what}", key.as_str()),
                    Some(hint),
                );
            }
        }
    }

    /// A required or optional string value.
    pub(crate) fn string(
        &mut self,
        map: &Mapping,
        key: &str,
        required: bool,
        what: &str,
    ) -> Option<(String, Pos)> {
        match map.get_node(key) {
            None => {
                if required {
                    self.problem(
                        map_pos(map),
                        format!("{what} is missing `{key}:`"),
                        Some(format!("add `{key}: ...`")),
                    );
                }
                None
            }
            // An optional field written as `~`/`null` is simply absent.
            Some(Node::Scalar(s)) if !required && yaml::plain_scalar_kind(s) == Some("null") => {
                None
            }
            Some(Node::Scalar(s)) if yaml::plain_scalar_kind(s).is_some() => {
                let kind = yaml::plain_scalar_kind(s).unwrap_or("not text");
                self.problem(
                    yaml::pos(s.span()),
                    format!("`{key}` must be text, not {kind}"),
                    Some(format!("quote it: {key}: \"{}\"", s.as_str())),
                );
                None
            }
            Some(Node::Scalar(s)) if !s.as_str().trim().is_empty() => {
                // Names and descriptions end up in terminals, CSV and CI logs;
                // the rule is the one `ask`'s prompts apply ([`text`]).
                if let Err(r) = text::check(text::Field::of_key(key), s.as_str()) {
                    self.problem(
                        yaml::pos(s.span()),
                        format!("`{key}` contains {}", r.what()),
                        Some(format!("remove it: {}", r.reason())),
                    );
                    return None;
                }
                Some((s.as_str().to_string(), yaml::pos(s.span())))
            }
            Some(Node::Scalar(s)) => {
                if required {
                    self.problem(
                        yaml::pos(s.span()),
                        format!("`{key}` is empty"),
                        Some(format!("give `{key}` a value")),
                    );
                }
                None
            }
            Some(other) => {
                self.problem(
                    pos(other),
                    format!("`{key}` must be text, not {}", kind_name(other)),
                    None,
                );
                None
            }
        }
    }

    fn workload(&mut self, node: &Node) -> Workload {
        let empty = Workload {
            path: self.path.to_string(),
            name: String::new(),
            description: None,
            owner: None,
            components: Vec::new(),
        };
        let Node::Mapping(map) = node else {
            self.problem(pos(node), "a workload file must be a mapping".into(), None);
            return empty;
        };
        self.check_keys(map, &TOP_KEYS, "the workload");
        let name = self.string(map, "workload", true, "the workload file");
        let description = self
            .string(map, "description", false, "the workload")
            .map(|s| s.0);
        let owner = self
            .string(map, "owner", false, "the workload")
            .map(|s| s.0);
        let mut components = Vec::new();
        match map.get_node("components") {
            None => self.problem(
                map_pos(map),
                "the workload file is missing `components:`".into(),
                Some("list at least one component with `- name: ...`".into()),
            ),
            Some(Node::Sequence(seq)) if seq.is_empty() => self.problem(
                yaml::pos(seq.span()),
                "`components` is empty: there is nothing to assess".into(),
                Some("list at least one component with `- name: ...`".into()),
            ),
            Some(Node::Sequence(seq)) => {
                let mut seen: HashMap<String, usize> = HashMap::new();
                for item in seq.iter() {
                    if let Some(c) = self.component(item) {
                        if let Some(line) = seen.get(&c.name) {
                            self.problem(
                                c.name_pos,
                                format!(
                                    "duplicate component name `{}` (first at line {line})",
                                    c.name
                                ),
                                Some("component names must be unique in a file".into()),
                            );
                        } else {
                            seen.insert(c.name.clone(), c.name_pos.line);
                        }
                        components.push(c);
                    }
                }
            }
            Some(Node::Scalar(s)) if s.as_str().is_empty() => self.problem(
                yaml::pos(s.span()),
                "`components` is empty: there is nothing to assess".into(),
                Some("list at least one component with `- name: ...`".into()),
            ),
            Some(other) => self.problem(
                pos(other),
                format!("`components` must be a list, not {}", kind_name(other)),
                Some("write each component as `- name: ...`".into()),
            ),
        }
        Workload {
            name: name.map(|n| n.0).unwrap_or_default(),
            description,
            owner,
            components,
            ..empty
        }
    }

    fn component(&mut self, node: &Node) -> Option<Component> {
        let Node::Mapping(map) = node else {
            self.problem(
                pos(node),
                format!("a component must be a mapping, not {}", kind_name(node)),
                Some("write `- name: ...` followed by its keys".into()),
            );
            return None;
        };
        self.check_keys(map, &COMPONENT_KEYS, "a component");
        // Without a usable name the component is still validated to the end, so
        // every problem in it is reported at once; it is dropped afterwards.
        let name = self
            .string(map, "name", true, "this component")
            .map(|(n, _)| n);
        // The key, like `architecture_pos`, so every anchor has the same column.
        let name_pos = self.key_pos(map, "name");
        let description = self
            .string(map, "description", false, "the component")
            .map(|s| s.0);
        let (architecture, architecture_pos) = match map.get_node("architecture") {
            None => (None, None),
            Some(Node::Scalar(s)) => match s.as_str().parse::<Outcome>() {
                Ok(o) => (Some(o), Some(self.key_pos(map, "architecture"))),
                Err(_) => {
                    self.problem(
                        yaml::pos(s.span()),
                        format!("`{}` is not an architecture", s.as_str()),
                        Some(suggest(s.as_str(), Outcome::ids())),
                    );
                    (None, None)
                }
            },
            Some(other) => {
                self.problem(
                    pos(other),
                    format!("`architecture` must be one value, not {}", kind_name(other)),
                    Some(suggest("", Outcome::ids())),
                );
                (None, None)
            }
        };
        let answers = match map.get_node("answers") {
            None => Answers(vec![None; self.rb.factors.len()]),
            Some(Node::Mapping(a)) => self.answers(a),
            // `answers:` with nothing after it and `answers: ~` are both YAML
            // null: no answers yet, every factor unknown.
            Some(Node::Scalar(s))
                if s.as_str().is_empty() || yaml::plain_scalar_kind(s) == Some("null") =>
            {
                Answers(vec![None; self.rb.factors.len()])
            }
            Some(other) => {
                self.problem(
                    pos(other),
                    format!(
                        "`answers` must be a mapping of factor: value, not {}",
                        kind_name(other)
                    ),
                    None,
                );
                Answers(vec![None; self.rb.factors.len()])
            }
        };
        let waiver = map
            .get_node("waiver")
            .and_then(|w| self.waiver(w, self.key_pos(map, "waiver")));
        Some(Component {
            name: name?,
            description,
            architecture,
            answers,
            waiver,
            name_pos,
            architecture_pos,
        })
    }

    pub(crate) fn key_pos(&self, map: &Mapping, key: &str) -> Pos {
        map.keys()
            .find(|k| k.as_str() == key)
            .map(|k| yaml::pos(k.span()))
            .unwrap_or_else(|| map_pos(map))
    }

    pub(crate) fn answers(&mut self, map: &Mapping) -> Answers {
        let mut answers = vec![None; self.rb.factors.len()];
        for (key, value) in map.iter() {
            let Some(fi) = self.rb.factor_index(key.as_str()) else {
                let hint = suggest(key.as_str(), self.rb.factors.iter().map(|f| f.id.as_str()));
                self.problem(
                    yaml::pos(key.span()),
                    format!("unknown factor `{}`", key.as_str()),
                    Some(hint),
                );
                continue;
            };
            let Node::Scalar(s) = value else {
                self.problem(
                    pos(value),
                    format!(
                        "`{}` takes one value, not {}",
                        key.as_str(),
                        kind_name(value)
                    ),
                    Some(self.rb.factors[fi].expected()),
                );
                continue;
            };
            answers[fi] = self.answer(fi, s);
        }
        Answers(answers)
    }

    fn answer(&mut self, fi: usize, s: &Scalar) -> Option<Value> {
        let factor = &self.rb.factors[fi];
        let text = s.as_str();
        let at = yaml::pos(s.span());
        if text.is_empty() {
            self.problem(
                at,
                format!("`{}` has no value", factor.id),
                Some("write `unknown` if you do not know".into()),
            );
            return None;
        }
        // Quoted numbers and booleans are strings in YAML; say so rather than guess.
        let quoted_scalar = !s.may_coerce() && !matches!(factor.kind, FactorKind::Choice { .. });
        match factor.parse_value(text) {
            Ok(_) if quoted_scalar && text != "unknown" => {
                self.problem(
                    at,
                    format!(
                        "`{}` takes an unquoted value, not the string \"{text}\"",
                        factor.id
                    ),
                    Some("remove the quotes".into()),
                );
                None
            }
            Ok(v) => v,
            Err(msg) => {
                let hint = match &factor.kind {
                    FactorKind::Choice { values, .. } => suggest(
                        text,
                        values.iter().map(|c| c.id.as_str()).chain(["unknown"]),
                    ),
                    _ => factor.expected(),
                };
                self.problem(at, msg, Some(hint));
                None
            }
        }
    }
}
