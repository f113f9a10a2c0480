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
    let (component, factor_id) = match lhs.rsplit_once('.') {
        Some((c, f)) => (Some(c.trim().to_string()), f.trim()),
        None => (None, lhs.trim()),
    };
    let factor = rb.factor_index(factor_id).ok_or_else(|| {
        let hint = suggest(factor_id, rb.factors.iter().map(|f| f.id.as_str()));
        usage(format!("unknown factor `{factor_id}` ({hint})"))
    })?;
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
        component,
        factor,
        value,
        spec: spec.to_string(),
    })
}

/// Apply overrides to a workload; returns the answers that changed.
/// Later overrides win over earlier ones for the same component and factor.
pub fn apply(overrides: &[Override], w: &mut Workload) -> Vec<Change> {
    let mut changes: Vec<Change> = Vec::new();
    for o in overrides {
        for (ci, c) in w.components.iter_mut().enumerate() {
            if o.component.as_ref().is_some_and(|name| *name != c.name) {
                continue;
            }
            let from = c.answers.0[o.factor];
            c.answers.0[o.factor] = o.value;
            match changes
                .iter_mut()
                .find(|ch| ch.component == ci && ch.factor == o.factor)
            {
                Some(ch) => ch.to = o.value,
                None => changes.push(Change {
                    component: ci,
                    factor: o.factor,
                    from,
                    to: o.value,
                }),
            }
        }
    }
    changes.retain(|ch| ch.from != ch.to);
    changes
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
}
