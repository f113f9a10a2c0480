//! Loading and validating a rule base from YAML.
//!
//! Two steps, as in cargo-deny: serde reads the raw shape (unknown keys and
//! wrong types stop it at the first problem), then [`Validator`] checks the
//! meaning — unknown factors, values a factor does not have, duplicate ids,
//! unknown axes or outcomes, an incomplete decision table — and collects
//! *every* problem with its line before giving up.

use std::collections::HashSet;
use std::path::Path;

mod bounds;
mod conditions;
mod items;
mod raw;

use raw::*;

use super::*;
use crate::diag::{suggest, Diagnostic, Pos};
use crate::error::Error;
use crate::rules::limits::{MAX_MARGIN_CAP, MAX_POINTS, MAX_THRESHOLD};
use crate::yaml::{self, Spanned};

/// The default rule base, embedded so the binary works with no files around it.
pub const DEFAULT_RULES: &str = include_str!("../../../rules/default.yaml");

/// The origin name of the embedded default rules in messages.
const DEFAULT_ORIGIN: &str = "<embedded rules/default.yaml>";

/// Load the embedded default rule base.
pub fn load_default() -> Result<RuleBase, Error> {
    load_str(DEFAULT_RULES, DEFAULT_ORIGIN)
}

/// Load a rule base file.
pub fn load_file(path: &Path) -> Result<RuleBase, Error> {
    let origin = path.display().to_string();
    let text = crate::input::read_text(path, &origin)
        .map_err(|d| Error::RuleBase(vec![rule_base_words(d)]))?;
    load_str(&text, &origin)
}

/// The file checks and the YAML parser speak of workloads, the files ragfit
/// reads most; a rule author must read about rule bases instead.
fn rule_base_words(mut d: Diagnostic) -> Diagnostic {
    const EXAMPLE: &str = "rules/default.yaml in the ragfit sources is a complete rule base";
    let specific = |hint: &str| match hint {
        h if h.contains("`workload: NAME`") => {
            Some(format!("start the file with `version: 2`; {EXAMPLE}"))
        }
        h if h.contains("writes a starter workload") => Some(EXAMPLE.to_string()),
        h if h.contains("workload files are small") => {
            Some("rule bases are small; the default is under 100 KiB".to_string())
        }
        h if h.contains("workload files need only a few levels") => {
            Some("conditions need only a few levels; see the limits in the README".to_string())
        }
        _ => None,
    };
    if let Some(h) = d.hint.as_deref() {
        d.hint = specific(h).or_else(|| Some(h.replace("workload", "rule base")));
    }
    d.message = d.message.replace("one workload", "one rule base");
    d
}

/// Load a rule base from YAML text; `origin` names it in messages.
pub fn load_str(text: &str, origin: &str) -> Result<RuleBase, Error> {
    let fail = |e: yaml::YamlError| {
        let d = Diagnostic {
            path: origin.to_string(),
            pos: e.pos,
            message: e.message,
            hint: e.hint,
        };
        Error::RuleBase(vec![rule_base_words(d)])
    };
    let node = yaml::parse(text).map_err(fail)?;
    let workload_key = node.as_mapping().and_then(|m| {
        m.keys()
            .find(|k| matches!(k.as_str(), "workload" | "components"))
            .map(|k| yaml::pos(k.span()))
    });
    if let Some(at) = workload_key {
        return Err(Error::RuleBase(vec![Diagnostic::at(
            origin,
            at,
            "this is a workload file, not a rule base",
        )
        .with_hint("pass workload files as PATH arguments; --rules takes a rule base such as rules/default.yaml")]));
    }
    yaml::check_printable(&node).map_err(fail)?;
    let raw: RawRuleBase = yaml::from_node(&node, NAMES).map_err(fail)?;
    let mut v = Validator {
        origin,
        problems: Vec::new(),
        context: String::new(),
        depth: 0,
        parts: 0,
    };
    let rb = v.validate(raw, origin);
    if v.problems.is_empty() {
        Ok(rb)
    } else {
        // In file order, so the list reads top to bottom (stable: same-line problems
        // keep the order they were found in; whole-file problems come last).
        v.problems
            .sort_by_key(|d| d.pos.map_or((usize::MAX, 0), |p| (p.line, p.column)));
        Err(Error::RuleBase(v.problems))
    }
}

/// Margins are counted up to this many points unless the rule base says otherwise.
const DEFAULT_MARGIN_CAP: i64 = 12;

/// Rule base format versions this ragfit reads.
const VERSIONS: [u32; 2] = [1, 2];

struct Validator<'a> {
    origin: &'a str,
    problems: Vec<Diagnostic>,
    /// The item being checked (`rule \`id\``), prefixed to its problems.
    context: String,
    /// How deep in `all`/`any`/`not` the condition being checked is.
    depth: usize,
    /// Condition parts seen so far (see [`crate::rules::limits::MAX_CONDITION_PARTS`]).
    parts: usize,
}

fn at<T>(s: &Spanned<T>) -> Pos {
    yaml::pos(s.span())
}

impl Validator<'_> {
    fn problem(&mut self, pos: Pos, message: String, hint: Option<String>) {
        // Name the rule, gate or note being checked, so the message can be acted on
        // without counting lines.
        let message = if self.context.is_empty() {
            message
        } else {
            format!("{}: {message}", self.context)
        };
        self.problems
            .push(Diagnostic::at(self.origin, pos, message).with_opt_hint(hint));
    }

    fn unique<'s>(&mut self, what: &str, ids: impl IntoIterator<Item = &'s S>) {
        let mut seen: HashSet<&str> = HashSet::new();
        for id in ids {
            self.id_spelling(what, id);
            if !seen.insert(id.as_str()) {
                self.problem(
                    at(id),
                    format!("duplicate {what} id `{}`", id.as_str()),
                    Some("ids must be unique; rename one".into()),
                );
            }
        }
    }

    /// Ids end up in workload keys, `--set`, JSON, CSV, terminals and CI
    /// annotations: plain letters, digits, `-` and `_` are safe in all of them.
    fn id_spelling(&mut self, what: &str, id: &S) {
        let text = id.as_str();
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if text.is_empty() {
            self.problem(
                at(id),
                format!("a {what} id is empty"),
                Some("give it a name".into()),
            );
        } else if !text.chars().all(plain) || !text.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            self.problem(
                at(id),
                format!("{what} id {text:?} has characters ids may not use"),
                Some("use letters, digits, `-` and `_`, starting with a letter or digit".into()),
            );
        }
    }

    fn validate(&mut self, raw: RawRuleBase, origin: &str) -> RuleBase {
        if !VERSIONS.contains(&*raw.version) {
            self.problem(
                at(&raw.version),
                format!("unsupported rule base version {}", *raw.version),
                Some("this ragfit reads versions 1 and 2".into()),
            );
        }
        self.unique("axis", raw.axes.iter().map(|a| &a.id));
        self.unique("factor", raw.factors.iter().map(|f| &f.id));
        self.unique("rule", raw.rules.iter().map(|r| &r.id));
        self.unique("gate", raw.gates.iter().map(|g| &g.id));
        self.unique("note", raw.notes.iter().map(|n| &n.id));
        self.unique("conflict", raw.conflicts.iter().map(|c| &c.id));
        if raw.axes.len() > MAX_AXES {
            self.problem(
                at(&raw.axes[MAX_AXES].id),
                format!("at most {MAX_AXES} axes are supported"),
                Some("merge axes; the decision table needs a row per combination".into()),
            );
        }

        self.sizes(&raw);
        for a in &raw.axes {
            self.bounded("`threshold`", &a.threshold, (-MAX_THRESHOLD, MAX_THRESHOLD));
        }
        let axes: Vec<Axis> = raw
            .axes
            .iter()
            .map(|a| Axis {
                id: a.id.to_string(),
                description: a.description.clone(),
                threshold: *a.threshold,
            })
            .collect();
        let factors: Vec<Factor> = raw.factors.iter().map(|f| self.factor(f)).collect();
        let mut rb = RuleBase {
            origin: origin.to_string(),
            axes,
            factors,
            rules: Vec::new(),
            gates: Vec::new(),
            notes: Vec::new(),
            conflicts: Vec::new(),
            decision: Decision {
                table: Vec::new(),
                fallback: Vec::new(),
                min_support: 1,
                outcomes: 0,
                by_levels: Vec::new(),
            },
            confidence: ConfidenceParams {
                margin_scale: *raw.confidence.margin_scale,
                margin_cap: raw
                    .confidence
                    .margin_cap
                    .as_ref()
                    .map_or(DEFAULT_MARGIN_CAP, |c| **c),
                unanswered_penalty: *raw.confidence.unanswered_penalty,
                borderline_below: *raw.confidence.borderline_below,
            },
            deps: Vec::new(),
            rule_factors: Vec::new(),
            gate_factors: Vec::new(),
            points_bounded: false,
        };
        for r in &raw.rules {
            self.context = format!("rule `{}`", r.id.as_str());
            let when = self.cond(&rb, &r.when);
            let mut add = Vec::new();
            for (axis, points) in r.add.iter() {
                let what = format!("the points added to `{}`", axis.as_str());
                if !self.bounded(&what, points, (-MAX_POINTS, MAX_POINTS)) {
                    continue;
                }
                match rb.axes.iter().position(|a| a.id == axis.as_str()) {
                    Some(i) => add.push((i, **points)),
                    None => {
                        let hint = suggest(axis, rb.axes.iter().map(|a| a.id.as_str()));
                        self.problem(
                            at(axis),
                            format!("adds to unknown axis `{}`", axis.as_str()),
                            Some(hint),
                        );
                    }
                }
            }
            add.sort_by_key(|(i, _)| *i);
            let sources = self.sources(&r.id, r.source.as_ref(), r.sources.as_ref());
            rb.rules.push(Rule {
                id: r.id.to_string(),
                when,
                add,
                because: r.because.clone(),
                sources,
                line: at(&r.id).line,
            });
        }
        for g in &raw.gates {
            self.context = format!("gate `{}`", g.id.as_str());
            let when = self.cond(&rb, &g.when);
            let exclude: Vec<Outcome> = g.exclude.iter().filter_map(|o| self.outcome(o)).collect();
            if g.exclude.is_empty() {
                self.problem(
                    at(&g.id),
                    "excludes no outcome".into(),
                    Some("list the outcomes it rules out in `exclude:`".into()),
                );
            }
            let if_unknown = match g.if_unknown.as_ref().map(|s| (s, s.as_str())) {
                None | Some((_, "flag")) => IfUnknown::Flag,
                Some((_, "exclude")) => IfUnknown::Exclude,
                Some((s, other)) => {
                    self.problem(
                        at(s),
                        format!("`if_unknown` must be `exclude` or `flag`, not `{other}`"),
                        Some(suggest(other, ["exclude", "flag"])),
                    );
                    IfUnknown::Flag
                }
            };
            let sources = self.sources(&g.id, g.source.as_ref(), g.sources.as_ref());
            rb.gates.push(Gate {
                id: g.id.to_string(),
                when,
                exclude,
                if_unknown,
                reason: g.reason.clone(),
                sources,
            });
        }
        for n in &raw.notes {
            self.context = format!("note `{}`", n.id.as_str());
            let when = self.cond(&rb, &n.when);
            let outcomes = n
                .outcomes
                .iter()
                .flatten()
                .filter_map(|o| self.outcome(o))
                .collect();
            let sources = self.sources(&n.id, n.source.as_ref(), n.sources.as_ref());
            rb.notes.push(Note {
                id: n.id.to_string(),
                when,
                text: n.text.clone(),
                outcomes,
                sources,
            });
        }
        for c in &raw.conflicts {
            self.context = format!("conflict `{}`", c.id.as_str());
            let when = self.cond(&rb, &c.when);
            rb.conflicts.push(Conflict {
                id: c.id.to_string(),
                when,
                text: c.text.clone(),
            });
        }
        self.context.clear();
        rb.decision = self.decision(&rb, &raw.decision);
        self.gates_leave_an_outcome(&rb, &raw.gates);
        // Deriving the index costs time in proportion to the rule base; an
        // invalid one (perhaps far past the limits) is not used, so skip it.
        if self.problems.is_empty() {
            rb.index();
        }
        let c = &raw.confidence;
        match &c.other_unanswered_penalty {
            // Version 1 charged `unanswered_penalty` per factor that could flip the
            // result and `other_unanswered_penalty` per other one; version 2 has the
            // worst case in the margin and one penalty per factor, which is what
            // the second one was. Old rule bases keep loading with that meaning.
            Some(old) if *raw.version == 1 => rb.confidence.unanswered_penalty = **old,
            Some(old) => self.problem(
                at(old),
                "`other_unanswered_penalty` was removed in rule base version 2".into(),
                Some(
                    "delete it: every unanswered factor now costs `unanswered_penalty`, and what \
                     its answers could change is in the margin"
                        .into(),
                ),
            ),
            None => {}
        }
        if let Some(cap) = &c.margin_cap {
            self.bounded("`margin_cap`", cap, (1, MAX_MARGIN_CAP));
        }
        if self.finite("margin_scale", &c.margin_scale) && *c.margin_scale <= 0.0 {
            self.problem(
                at(&c.margin_scale),
                "`margin_scale` must be above 0".into(),
                None,
            );
        }
        let fractions = [
            ("unanswered_penalty", Some(&c.unanswered_penalty)),
            (
                "other_unanswered_penalty",
                c.other_unanswered_penalty.as_ref(),
            ),
            ("borderline_below", Some(&c.borderline_below)),
        ];
        for (name, value) in fractions {
            let value = value.filter(|v| self.finite(name, v));
            if let Some(v) = value.filter(|v| !(0.0..=1.0).contains(&***v)) {
                self.problem(
                    at(v),
                    format!("`{name}` must be between 0 and 1, not {}", **v),
                    Some("confidence is a fraction".into()),
                );
            }
        }
        rb
    }

    /// A gate that excludes every outcome the decision table can give would
    /// leave nothing to recommend whenever it holds.
    fn gates_leave_an_outcome(&mut self, rb: &RuleBase, raw: &[RawGate]) {
        let table = rb.decision.table.iter().fold(0u8, |m, (_, o)| m | o.bit());
        for (g, r) in rb.gates.iter().zip(raw) {
            let bits = g.exclude.iter().fold(0u8, |m, o| m | o.bit());
            if table != 0 && bits & table == table {
                self.context = format!("gate `{}`", g.id);
                self.problem(
                    at(&r.id),
                    "excludes every outcome the decision table gives, so nothing could be \
                     recommended when it applies"
                        .into(),
                    Some("a gate must leave at least one outcome allowed".into()),
                );
            }
        }
        self.context.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_item_cites_a_source_with_a_link_and_a_claim() {
        let rb = load_default().unwrap();
        let items = rb
            .rules
            .iter()
            .map(|r| (&r.id, &r.sources))
            .chain(rb.gates.iter().map(|g| (&g.id, &g.sources)))
            .chain(rb.notes.iter().map(|n| (&n.id, &n.sources)));
        for (id, sources) in items {
            assert!(
                sources
                    .iter()
                    .any(|s| s.link().is_some() && s.claim.is_some()),
                "{id}: no source with a link and the claim it supports"
            );
            for s in sources {
                assert!(!s.cite.trim().is_empty(), "{id}: empty citation");
                if let Some(link) = s.link() {
                    assert!(link.starts_with("https://"), "{id}: {link}");
                }
            }
        }
    }
}
