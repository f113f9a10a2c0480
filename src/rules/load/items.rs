//! Validating factors, sources and outcome names: the parts of a rule base
//! that every rule, gate and note refers to.

use super::*;

impl Validator<'_> {
    pub(super) fn factor(&mut self, f: &RawFactor) -> Factor {
        let kind = match f.kind.as_str() {
            "choice" | "ordered-choice" => {
                if f.values.is_empty() {
                    self.problem(
                        at(&f.kind),
                        format!("factor `{}` is a choice but lists no values", f.id.as_str()),
                        Some("add `values:` with `id` and `label` for each".into()),
                    );
                }
                self.unique("value", f.values.iter().map(|v| &v.id));
                for v in &f.values {
                    if v.id.as_str() == "unknown" {
                        self.problem(
                            at(&v.id),
                            "`unknown` is reserved for unanswered factors".into(),
                            None,
                        );
                    }
                }
                FactorKind::Choice {
                    values: f
                        .values
                        .iter()
                        .map(|v| Choice {
                            id: v.id.to_string(),
                            label: v.label.clone(),
                        })
                        .collect(),
                    ordered: f.kind.as_str() == "ordered-choice",
                }
            }
            "number" => {
                let min = f.min.as_ref().filter(|m| self.finite("min", m));
                let max = f.max.as_ref().filter(|m| self.finite("max", m));
                if let (Some(lo), Some(hi)) = (min, max) {
                    if **lo > **hi {
                        self.problem(
                            at(hi),
                            format!(
                                "factor `{}`: `max` ({}) is below `min` ({})",
                                f.id.as_str(),
                                **hi,
                                **lo
                            ),
                            Some("no answer could satisfy both".into()),
                        );
                    }
                }
                FactorKind::Number {
                    min: min.map(|m| **m),
                    max: max.map(|m| **m),
                    integer: f.integer,
                }
            }
            "boolean" => FactorKind::Boolean,
            other => {
                let kinds = ["ordered-choice", "choice", "number", "boolean"];
                self.problem(
                    at(&f.kind),
                    format!("factor `{}` has unknown kind `{other}`", f.id.as_str()),
                    Some(suggest(other, kinds)),
                );
                FactorKind::Boolean
            }
        };
        Factor {
            id: f.id.to_string(),
            question: f.question.clone(),
            help: f.help.clone(),
            kind,
            unit: f.unit.clone(),
            optional: f.optional,
            cost: false,
        }
    }

    /// An item's sources: `source:` (one citation, no link) or `sources:`, not both.
    pub(super) fn sources(
        &mut self,
        id: &S,
        text: Option<&String>,
        list: Option<&Vec<RawSource>>,
    ) -> Vec<Source> {
        match (text, list) {
            (Some(_), Some(_)) => {
                self.problem(
                    at(id),
                    "has both `source:` and `sources:`".into(),
                    Some("keep `sources:` (with `cite`, `url`, `claim`)".into()),
                );
                Vec::new()
            }
            (Some(t), None) if !t.trim().is_empty() => vec![Source {
                cite: t.clone(),
                url: None,
                claim: None,
            }],
            (_, Some(list)) => list
                .iter()
                .map(|s| {
                    if let Some(u) = &s.url {
                        let ok = ["https://", "http://", "doi:", "arXiv:"]
                            .iter()
                            .any(|p| u.as_str().starts_with(p));
                        if !ok {
                            self.problem(
                                at(u),
                                format!("`{}` is not a link", u.as_str()),
                                Some("write an https:// URL, or doi:ID / arXiv:ID".into()),
                            );
                        }
                    }
                    if s.cite.as_str().trim().is_empty() {
                        self.problem(at(&s.cite), "`cite` is empty".into(), None);
                    }
                    Source {
                        cite: s.cite.to_string(),
                        url: s.url.as_ref().map(|u| u.to_string()),
                        claim: s.claim.clone(),
                    }
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    pub(super) fn outcome(&mut self, s: &S) -> Option<Outcome> {
        match s.parse() {
            Ok(o) => Some(o),
            Err(msg) => {
                self.problem(at(s), msg, Some(suggest(s.as_str(), Outcome::ids())));
                None
            }
        }
    }
}
