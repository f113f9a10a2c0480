//! What-if answers: `--set [COMPONENT.]FACTOR=VALUE` overrides a file's
//! answers without editing it.

use crate::diag::suggest;
use crate::error::Error;
use crate::rules::{RuleBase, Value};
use crate::workload::Workload;

/// One `--set` override, validated against the rule base.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    /// Only this component (by name), or every component.
    pub component: Option<String>,
    /// Factor index.
    pub factor: usize,
    /// New value; `None` is `unknown`.
    pub value: Option<Value>,
    /// The override as written, for messages.
    pub spec: String,
}

/// An answer that an override changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Component index in its workload.
    pub component: usize,
    /// Factor index.
    pub factor: usize,
    /// The file's own answer.
    pub from: Option<Value>,
    /// The override's answer.
    pub to: Option<Value>,
}

/// Parse `--set` specs; every problem is a usage error with a hint.
///
/// The same `[COMPONENT.]FACTOR` given twice is an error rather than "last one
/// wins": with what-if answers, a silent choice would be a silent result.
pub fn parse(rb: &RuleBase, specs: &[String]) -> Result<Vec<Override>, Error> {
    let overrides: Vec<Override> = specs
        .iter()
        .map(|s| parse_one(rb, s))
        .collect::<Result<_, _>>()?;
    for (i, o) in overrides.iter().enumerate() {
        if let Some(first) = overrides[..i]
            .iter()
            .find(|p| p.component == o.component && p.factor == o.factor)
        {
            return Err(Error::Usage(format!(
                "--set {} conflicts with --set {} (give each answer once)",
                o.spec, first.spec
            )));
        }
    }
    Ok(overrides)
}

fn parse_one(rb: &RuleBase, spec: &str) -> Result<Override, Error> {
    let usage = |msg: String| Error::Usage(format!("--set {spec}: {msg}"));
    let (lhs, rhs) = spec.split_once('=').ok_or_else(|| {
        usage("expected [COMPONENT.]FACTOR=VALUE, e.g. citations=required".into())
    })?;
    let (component, factor) = split(rb, lhs).map_err(usage)?;
    let f = &rb.factors[factor];
    let value = f.parse_value(rhs).map_err(|msg| {
        let hint = match &f.kind {
            crate::rules::FactorKind::Choice { values, .. } => suggest(
                rhs.trim(),
                values.iter().map(|c| c.id.as_str()).chain(["unknown"]),
            ),
            _ => f.expected(),
        };
        usage(format!("{msg} ({hint})"))
    })?;
    Ok(Override {
        component: component.map(str::to_string),
        factor,
        value,
        spec: spec.to_string(),
    })
}

/// Split `[COMPONENT.]FACTOR` where either may hold dots: the factor is the
/// longest part after a `.` (or the whole) that is a factor id of the rule
/// base, the component what comes before it. So `my.comp.citations` is
/// component `my.comp`, factor `citations`, and a factor id `a.b` given
/// alone is that factor for every component.
fn split<'a>(rb: &RuleBase, lhs: &'a str) -> Result<(Option<&'a str>, usize), String> {
    let whole = lhs.trim();
    if let Some(fi) = rb.factor_index(whole) {
        return Ok((None, fi));
    }
    let dots = || {
        lhs.char_indices()
            .filter(|(_, c)| *c == '.')
            .map(|(i, _)| i)
    };
    for at in dots() {
        let (component, factor) = (lhs[..at].trim(), lhs[at + 1..].trim());
        if let Some(fi) = rb.factor_index(factor) {
            if component.is_empty() {
                return Err(format!(
                    "no component name before `.{factor}` (write COMPONENT.{factor} or {factor})"
                ));
            }
            return Ok((Some(component), fi));
        }
    }
    // No known factor: name the likeliest one meant, longest candidate first.
    let ids = || rb.factors.iter().map(|f| f.id.as_str());
    let candidates = std::iter::once(whole).chain(dots().map(|at| lhs[at + 1..].trim()));
    let near = candidates
        .clone()
        .find_map(|c| crate::diag::did_you_mean(c, ids()).map(|m| (c, m)));
    Err(match near {
        Some((typed, meant)) => format!("unknown factor `{typed}` (did you mean `{meant}`?)"),
        None => {
            let last = candidates.last().unwrap_or(whole);
            format!("unknown factor `{last}` ({})", suggest(last, ids()))
        }
    })
}

/// Whether `o` is the override that sets its factor for the component named
/// `name`: a component's own override wins over a global one for the same
/// factor, whatever their order on the command line.
fn sets_for(o: &Override, overrides: &[Override], name: &str) -> bool {
    match &o.component {
        Some(c) => c == name,
        None => !overrides
            .iter()
            .any(|p| p.factor == o.factor && p.component.as_deref() == Some(name)),
    }
}

/// Apply overrides to a workload; returns the answers that changed, per
/// component in override order. Each answer is set by at most one override
/// (see [`parse`] and `sets_for`).
pub fn apply(overrides: &[Override], w: &mut Workload) -> Vec<Change> {
    let mut changes: Vec<Change> = Vec::new();
    for (ci, c) in w.components.iter_mut().enumerate() {
        for o in overrides.iter().filter(|o| sets_for(o, overrides, &c.name)) {
            let from = c.answers.0[o.factor];
            c.answers.0[o.factor] = o.value;
            if from != o.value {
                changes.push(Change {
                    component: ci,
                    factor: o.factor,
                    from,
                    to: o.value,
                });
            }
        }
    }
    changes
}

/// Global overrides that components' own overrides of the same factor may
/// shadow, kept as a run goes: one shadowed for every component the run
/// saw did nothing, and is worth a note.
#[derive(Debug, Default)]
pub struct Shadows {
    entries: Vec<Shadow>,
}

#[derive(Debug)]
struct Shadow {
    /// The global override, as written.
    spec: String,
    /// The components with their own override of the factor, and its spec.
    own: Vec<(String, String)>,
    /// Whether it set the answer of some component.
    reached: bool,
}

impl Shadows {
    /// The global overrides that have a component-specific rival.
    pub fn new(overrides: &[Override]) -> Self {
        let entries = overrides
            .iter()
            .filter(|o| o.component.is_none())
            .filter_map(|g| {
                let own: Vec<(String, String)> = overrides
                    .iter()
                    .filter(|p| p.factor == g.factor)
                    .filter_map(|p| Some((p.component.clone()?, p.spec.clone())))
                    .collect();
                (!own.is_empty()).then(|| Shadow {
                    spec: g.spec.clone(),
                    own,
                    reached: false,
                })
            })
            .collect();
        Shadows { entries }
    }

    /// Count the components of one assessed file, by name.
    pub fn see(&mut self, names: &[String]) {
        for e in &mut self.entries {
            e.reached |= names.iter().any(|n| !e.own.iter().any(|(c, _)| c == n));
        }
    }

    /// One note per global override that no component took.
    pub fn notes(&self) -> Vec<String> {
        self.entries
            .iter()
            .filter(|e| !e.reached)
            .map(|e| {
                let own: Vec<&str> = e.own.iter().map(|(_, s)| s.as_str()).collect();
                format!(
                    "--set {} set nothing: every component has its own (--set {}), \
                     and a component's own --set wins over a global one",
                    e.spec,
                    own.join(", --set ")
                )
            })
            .collect()
    }
}

/// Overrides naming a component that no workload has: a usage error with a suggestion.
pub fn check_components<'a>(
    overrides: &[Override],
    names: impl Iterator<Item = &'a str> + Clone,
) -> Result<(), Error> {
    for o in overrides {
        if let Some(c) = &o.component {
            if !names.clone().any(|n| n == c) {
                return Err(Error::Usage(format!(
                    "--set {}: no component named `{c}` ({})",
                    o.spec,
                    suggest(c, names.clone())
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_with_hints() {
        let rb = crate::rules::load_default().unwrap();
        let o = parse(&rb, &["policy-answers.citations=required".into()]).unwrap();
        assert_eq!(o[0].component.as_deref(), Some("policy-answers"));
        let unknown = parse(&rb, &["latency_budget_ms=unknown".into()]).unwrap();
        assert_eq!(unknown[0].value, None);
        let e = parse(&rb, &["citation=required".into()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean `citations`"), "{e}");
        let e = parse(&rb, &["citations=requird".into()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean `required`"), "{e}");
        let e = parse(&rb, &["daily_requests=-5".into()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("outside the range"), "{e}");
        assert!(parse(&rb, &["citations".into()]).is_err());
    }

    fn support() -> (RuleBase, Workload) {
        let rb = crate::rules::load_default().unwrap();
        let text = include_str!("../examples/support.yaml");
        let w = crate::workload::parse(&rb, "support.yaml", text).unwrap();
        (rb, w)
    }

    fn citations(rb: &RuleBase, w: &Workload) -> Vec<String> {
        let fi = rb.factor_index("citations").unwrap();
        let f = &rb.factors[fi];
        w.components
            .iter()
            .map(|c| f.format_value(c.answers.0[fi]))
            .collect()
    }

    #[test]
    fn a_components_own_set_wins_over_a_global_one_in_either_order() {
        let (rb, w) = support();
        let global = "citations=audited".to_string();
        let own = "ticket-triage.citations=helpful".to_string();
        for specs in [[global.clone(), own.clone()], [own, global]] {
            let o = parse(&rb, &specs).unwrap();
            let mut w = w.clone();
            let changes = apply(&o, &mut w);
            assert_eq!(
                citations(&rb, &w),
                ["audited", "audited", "helpful", "audited"],
                "{specs:?}"
            );
            // Changes are listed by component, only where the answer differs.
            let before = citations(&rb, &support().1);
            let expect: Vec<usize> = (0..4)
                .filter(|&i| before[i] != citations(&rb, &w)[i])
                .collect();
            let at: Vec<usize> = changes.iter().map(|c| c.component).collect();
            assert_eq!(at, expect, "{specs:?}");
        }
    }

    #[test]
    fn a_global_set_every_component_overrides_gets_a_note() {
        let (rb, w) = support();
        let names: Vec<String> = w.components.iter().map(|c| c.name.clone()).collect();
        let mut specs: Vec<String> = names
            .iter()
            .map(|n| format!("{n}.citations=none"))
            .collect();
        specs.push("citations=audited".into());
        let o = parse(&rb, &specs).unwrap();
        let mut shadows = Shadows::new(&o);
        shadows.see(&names);
        let notes = shadows.notes();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].starts_with("--set citations=audited set nothing: every component has its own (--set policy-answers.citations=none, --set order-status"),
            "{}",
            notes[0]
        );
        // One component without its own set: the global one did something.
        let mut shadows = Shadows::new(&o);
        shadows.see(&["another".to_string()]);
        assert!(shadows.notes().is_empty());
        // No rival at all: nothing to watch.
        assert!(
            Shadows::new(&parse(&rb, &["citations=none".into()]).unwrap())
                .entries
                .is_empty()
        );
    }

    /// The default rule base with `citations` renamed to `retrieval.citations`
    /// and `data_sensitivity` to `citations`, as a rule author might.
    fn dotted() -> RuleBase {
        let mut rb = crate::rules::load_default().unwrap();
        let a = rb.factor_index("citations").unwrap();
        let b = rb.factor_index("data_sensitivity").unwrap();
        rb.factors[a].id = "retrieval.citations".into();
        rb.factors[b].id = "citations".into();
        rb
    }

    #[test]
    fn dots_split_at_the_longest_known_factor_id() {
        let rb = dotted();
        let one = |s: &str| parse(&rb, &[s.to_string()]).map(|o| o[0].clone());
        let retrieval = rb.factor_index("retrieval.citations").unwrap();
        let o = one("retrieval.citations=required").unwrap();
        assert_eq!((o.component, o.factor), (None, retrieval));
        let o = one("my.comp.retrieval.citations=required").unwrap();
        assert_eq!(
            (o.component.as_deref(), o.factor),
            (Some("my.comp"), retrieval)
        );
        // `citations` is a factor too, but the longer id wins.
        let o = one("policy.retrieval.citations=none").unwrap();
        assert_eq!(o.component.as_deref(), Some("policy"));
        let o = one("my.comp.citations=internal").unwrap();
        assert_eq!(
            (o.component.as_deref(), o.factor),
            (Some("my.comp"), rb.factor_index("citations").unwrap())
        );
        // With the default rule base, a dotted component name is just a name.
        let rb = crate::rules::load_default().unwrap();
        let o = parse(&rb, &["my.comp.citations=required".into()]).unwrap();
        assert_eq!(o[0].component.as_deref(), Some("my.comp"));
    }

    #[test]
    fn an_unknown_dotted_factor_gets_a_did_you_mean() {
        let err = |rb: &RuleBase, s: &str| parse(rb, &[s.to_string()]).unwrap_err().to_string();
        let rb = crate::rules::load_default().unwrap();
        assert_eq!(
            err(&rb, "my.comp.citatons=none"),
            "--set my.comp.citatons=none: unknown factor `citatons` (did you mean `citations`?)"
        );
        assert_eq!(
            err(&rb, ".citations=none"),
            "--set .citations=none: no component name before `.citations` \
             (write COMPONENT.citations or citations)"
        );
        assert!(err(&rb, "a.b.zzz=none").contains("unknown factor `zzz` (expected one of: "));
        let rb = dotted();
        assert_eq!(
            err(&rb, "faq.retrieval.citation=none"),
            "--set faq.retrieval.citation=none: unknown factor `retrieval.citation` \
             (did you mean `retrieval.citations`?)"
        );
    }
}
