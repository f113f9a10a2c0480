//! Validating a price book against the rule base it prices, collecting every
//! problem with its position, then adding its cost factors to the rule base.

use std::collections::{HashMap, HashSet};

use super::raw::*;
use super::*;
use crate::diag::{suggest, Diagnostic, Pos};
use crate::rules::FactorKind;
use crate::yaml::{self, Spanned};

/// Price book format versions this ragfit reads.
const VERSIONS: [u32; 1] = [1];

/// Parse, validate and bind a price book; see [`super::load_str`].
pub(super) fn load(text: &str, origin: &str, rb: &mut RuleBase) -> Result<PriceBook, Error> {
    let fail = |e: yaml::YamlError| {
        Error::PriceBook(vec![Diagnostic {
            path: origin.to_string(),
            pos: e.pos,
            message: e.message,
            hint: e.hint,
        }])
    };
    let node = yaml::parse(text).map_err(fail)?;
    if let Some(d) = other_kind_of_file(&node, origin) {
        return Err(Error::PriceBook(vec![d]));
    }
    yaml::check_printable(&node).map_err(fail)?;
    let raw: RawBook = yaml::from_node(&node, super::raw::NAMES).map_err(fail)?;
    let mut v = Validator {
        origin,
        rb,
        problems: Vec::new(),
    };
    let book = v.book(&raw);
    if !v.problems.is_empty() {
        let mut problems = v.problems;
        problems.sort_by_key(|d| d.pos.map_or((usize::MAX, 0), |p| (p.line, p.column)));
        return Err(Error::PriceBook(problems));
    }
    let mut book = book;
    super::inputs::attach(rb, &mut book);
    Ok(book)
}

/// A workload file or a rule base passed as `--prices` gets a message that
/// says so, rather than a list of unknown keys.
fn other_kind_of_file(node: &yaml::Node, origin: &str) -> Option<Diagnostic> {
    let map = node.as_mapping()?;
    let key = |names: &[&str]| {
        map.keys()
            .find(|k| names.contains(&k.as_str()))
            .map(|k| yaml::pos(k.span()))
    };
    if let Some(at) = key(&["workload", "components"]) {
        return Some(
            Diagnostic::at(origin, at, "this is a workload file, not a price book").with_hint(
                "pass workload files as PATH arguments; --prices takes a price book such as rules/prices.yaml",
            ),
        );
    }
    key(&["axes", "rules", "gates"]).map(|at| {
        Diagnostic::at(origin, at, "this is a rule base, not a price book").with_hint(
            "pass it with --rules; --prices takes a price book such as rules/prices.yaml",
        )
    })
}

pub(super) struct Validator<'a> {
    pub(super) origin: &'a str,
    pub(super) rb: &'a RuleBase,
    pub(super) problems: Vec<Diagnostic>,
}

pub(super) fn at<T>(s: &Spanned<T>) -> Pos {
    yaml::pos(s.span())
}

impl Validator<'_> {
    pub(super) fn problem(&mut self, pos: Pos, message: String, hint: Option<String>) {
        self.problems
            .push(Diagnostic::at(self.origin, pos, message).with_opt_hint(hint));
    }

    /// A price or count that must be a finite number, at least `min`.
    fn number(&mut self, n: &N, what: &str, min: f64) -> f64 {
        if !n.is_finite() || **n < min {
            let bound = if min == 0.0 {
                "at least 0".to_string()
            } else {
                format!("at least {}", crate::rules::format_number(min))
            };
            self.problem(
                at(n),
                format!("`{what}` must be {bound}, not {}", **n),
                None,
            );
        }
        **n
    }

    /// An id: not empty, no spaces (it is written in workload files).
    fn id(&mut self, id: &S, what: &str) -> String {
        if id.trim().is_empty() || id.contains(char::is_whitespace) {
            self.problem(
                at(id),
                format!("{what} id `{}` must be one word", id.as_str()),
                Some("use letters, digits, `-`, `_` or `.`".into()),
            );
        }
        id.to_string()
    }

    fn provenance(&mut self, source: &S, as_of: &S, note: &Option<String>) -> Provenance {
        if !source.starts_with("https://") && !source.starts_with("http://") {
            self.problem(
                at(source),
                format!("`source` must be a link, not `{}`", source.as_str()),
                Some("write the https:// address of the page the price was read from".into()),
            );
        }
        let date = match as_of.parse::<jiff::civil::Date>() {
            Ok(d) => d,
            Err(_) => {
                self.problem(
                    at(as_of),
                    format!("`as_of` must be a date, not `{}`", as_of.as_str()),
                    Some("write the date the price was current as YYYY-MM-DD".into()),
                );
                jiff::civil::Date::default()
            }
        };
        Provenance {
            source: source.to_string(),
            as_of: date,
            note: note.clone(),
        }
    }

    fn book(&mut self, raw: &RawBook) -> PriceBook {
        if !VERSIONS.contains(&*raw.version) {
            self.problem(
                at(&raw.version),
                format!("unsupported price book version {}", *raw.version),
                Some("this ragfit reads version 1".into()),
            );
        }
        let days_per_month = self.number(&raw.days_per_month, "days_per_month", 1.0);
        let tiers = self.tiers(&raw.tiers);
        let e = &raw.embedding;
        let embedding = Embedding {
            id: self.id(&e.id, "embedding"),
            name: e.name.clone(),
            usd_per_1m: self.number(&e.usd_per_1m, "usd_per_1m", 0.0),
            provenance: self.provenance(&e.source, &e.as_of, &e.note),
        };
        let s = &raw.vector_store;
        let vector_store = VectorStore {
            id: self.id(&s.id, "vector store"),
            name: s.name.clone(),
            monthly_usd: self.number(&s.monthly_usd, "monthly_usd", 0.0),
            usd_per_1m_queries: self.number(&s.usd_per_1m_queries, "usd_per_1m_queries", 0.0),
            provenance: self.provenance(&s.source, &s.as_of, &s.note),
        };
        let changes_per_month = self.changes(&raw.changes_per_month);
        let a = &raw.assumptions;
        let assumptions = Assumptions {
            epochs: self.assumed(&a.epochs, "epochs", 1.0, None),
            tuned_prompt_share: self.assumed(
                &a.tuned_prompt_share,
                "tuned_prompt_share",
                0.0,
                Some(1.0),
            ),
            retrains_at_least_per_month: self.assumed(
                &a.retrains_at_least_per_month,
                "retrains_at_least_per_month",
                0.0,
                None,
            ),
        };
        let mut book = PriceBook {
            origin: self.origin.to_string(),
            days_per_month,
            tiers,
            embedding,
            vector_store,
            changes_per_month,
            assumptions,
            defaults: Vec::new(),
            questions: Vec::new(),
            factor_of: Vec::new(),
            volatility_ids: Vec::new(),
        };
        book.defaults = self.defaults(raw, &book);
        book.questions = raw
            .factors
            .iter()
            .filter_map(|f| {
                Some(CostQuestion {
                    input: Input::from_id(f.id.as_str()).filter(|i| i.is_cost_factor())?,
                    question: f.question.clone(),
                    help: f.help.clone(),
                    unit: f.unit.clone(),
                })
            })
            .collect();
        book.questions.sort_by_key(|q| q.input);
        book
    }

    fn tiers(&mut self, raw: &Spanned<Vec<RawTier>>) -> Vec<Tier> {
        if raw.is_empty() {
            self.problem(
                at(raw),
                "`tiers` is empty: list at least one model tier".into(),
                None,
            );
        }
        let mut seen = HashSet::new();
        let mut tiers = Vec::new();
        for t in raw.iter() {
            let id = self.id(&t.id, "tier");
            if !seen.insert(id.clone()) {
                self.problem(
                    at(&t.id),
                    format!("duplicate tier id `{id}`"),
                    Some("ids must be unique; rename one".into()),
                );
            }
            let f = &t.fine_tune;
            let fine_tune = FineTune {
                method: f.method.clone(),
                training_usd_per_1m: self.number(
                    &f.training_usd_per_1m,
                    "training_usd_per_1m",
                    0.0,
                ),
                input_usd_per_1m: self.number(&f.input_usd_per_1m, "input_usd_per_1m", 0.0),
                output_usd_per_1m: self.number(&f.output_usd_per_1m, "output_usd_per_1m", 0.0),
                hosting_usd_per_hour: f
                    .hosting_usd_per_hour
                    .as_ref()
                    .map_or(0.0, |h| self.number(h, "hosting_usd_per_hour", 0.0)),
                provenance: self.provenance(&f.source, &f.as_of, &f.note),
            };
            tiers.push(Tier {
                id,
                name: t.name.clone(),
                input_usd_per_1m: self.number(&t.input_usd_per_1m, "input_usd_per_1m", 0.0),
                output_usd_per_1m: self.number(&t.output_usd_per_1m, "output_usd_per_1m", 0.0),
                context_window: self.number(&t.context_window, "context_window", 1.0),
                provenance: self.provenance(&t.source, &t.as_of, &t.note),
                fine_tune,
            });
        }
        tiers
    }

    fn assumed(&mut self, a: &RawAssumed, name: &str, min: f64, max: Option<f64>) -> Assumed {
        let value = self.number(&a.value, name, min);
        if let Some(hi) = max.filter(|hi| value > *hi) {
            self.problem(
                at(&a.value),
                format!(
                    "`{name}` must be at most {}, not {value}",
                    crate::rules::format_number(hi)
                ),
                Some("it is a share: 0.5 is half".into()),
            );
        }
        Assumed {
            value,
            why: a.why.clone(),
        }
    }

    /// Changes a month per volatility value: every value of the rule base's
    /// `knowledge_volatility` needs one, and no other value may appear.
    fn changes(&mut self, raw: &Spanned<HashMap<S, N>>) -> Vec<(String, f64)> {
        let mut entries: Vec<(&S, &N)> = raw.iter().collect();
        entries.sort_by_key(|(k, _)| at(*k));
        let values = volatility_values(self.rb);
        let mut out = Vec::new();
        for (k, n) in entries {
            if let Some(values) = &values {
                if !values.contains(&k.as_str()) {
                    self.problem(
                        at(k),
                        format!(
                            "`{}` is not a value of `knowledge_volatility` in the rule base",
                            k.as_str()
                        ),
                        Some(suggest(k.as_str(), values.iter().copied())),
                    );
                }
            }
            let per_month = self.number(n, k.as_str(), 0.0);
            out.push((k.to_string(), per_month));
        }
        for v in values.iter().flatten() {
            if !out.iter().any(|(k, _)| k == v) {
                self.problem(
                    at(raw),
                    format!("`changes_per_month` has no entry for `{v}`"),
                    Some(format!(
                        "every value of `knowledge_volatility` needs one: add `{v}: N`"
                    )),
                );
            }
        }
        // In the rule base's order (lowest first) when it has the factor.
        if let Some(values) = &values {
            out.sort_by_key(|(k, _)| values.iter().position(|v| v == k));
        }
        out
    }
}

/// The values of the rule base's `knowledge_volatility`, when it is a choice.
fn volatility_values(rb: &RuleBase) -> Option<Vec<&str>> {
    let fi = rb.factor_index(Input::KnowledgeVolatility.id())?;
    match &rb.factors[fi].kind {
        FactorKind::Choice { values, .. } => Some(values.iter().map(|c| c.id.as_str()).collect()),
        _ => None,
    }
}
