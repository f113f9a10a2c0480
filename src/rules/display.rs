//! Readable renderings of rule-base parts, for `explain`, `rules` and any
//! report that shows a condition: `knowledge_volatility >= monthly AND
//! knowledge_size_docs > 0`.

use std::fmt;

use super::{CmpOp, Condition, RuleBase};

/// A condition bound to its rule base, so that it can print factor ids and
/// value ids instead of indices. `format!("{}", rb.show(&rule.when))`.
#[derive(Clone, Copy)]
pub struct ShowCondition<'a> {
    rb: &'a RuleBase,
    cond: &'a Condition,
}

impl RuleBase {
    /// A [`Display`](fmt::Display) of a condition of this rule base.
    pub fn show<'a>(&'a self, cond: &'a Condition) -> ShowCondition<'a> {
        ShowCondition { rb: self, cond }
    }
}

impl CmpOp {
    /// The operator as written in renderings (`>=`, `<=`, `>`, `<`).
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::AtLeast => ">=",
            CmpOp::AtMost => "<=",
            CmpOp::Above => ">",
            CmpOp::Below => "<",
        }
    }
}

impl fmt::Display for ShowCondition<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_cond(self.rb, self.cond, false, f)
    }
}

/// `nested` is true inside another combinator: compound parts then get
/// parentheses, so `a AND (b OR c)` reads unambiguously.
fn write_cond(
    rb: &RuleBase,
    c: &Condition,
    nested: bool,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let factor = |fi: usize| rb.factors.get(fi).map_or("?", |x| x.id.as_str());
    let value = |fi: usize, v| {
        rb.factors
            .get(fi)
            .map_or_else(|| "?".to_string(), |x| x.format_value(Some(v)))
    };
    match c {
        Condition::Is(fi, v) => write!(f, "{} = {}", factor(*fi), value(*fi, *v)),
        Condition::In(fi, vs) => {
            let list: Vec<String> = vs.iter().map(|v| value(*fi, *v)).collect();
            write!(f, "{} in {{{}}}", factor(*fi), list.join(", "))
        }
        Condition::Cmp(fi, op, v) => {
            write!(f, "{} {} {}", factor(*fi), op.symbol(), value(*fi, *v))
        }
        Condition::All(cs) | Condition::Any(cs) => {
            let (word, empty) = match c {
                Condition::All(_) => ("AND", "always"),
                _ => ("OR", "never"),
            };
            match cs.as_slice() {
                [] => f.write_str(empty),
                [only] => write_cond(rb, only, nested, f),
                _ => {
                    if nested {
                        f.write_str("(")?;
                    }
                    for (i, sub) in cs.iter().enumerate() {
                        if i > 0 {
                            write!(f, " {word} ")?;
                        }
                        write_cond(rb, sub, true, f)?;
                    }
                    if nested {
                        f.write_str(")")?;
                    }
                    Ok(())
                }
            }
        }
        Condition::Not(inner) => {
            f.write_str("NOT ")?;
            let compound = matches!(&**inner, Condition::All(v) | Condition::Any(v) if v.len() > 1);
            if compound {
                write_cond(rb, inner, true, f)
            } else {
                f.write_str("(")?;
                write_cond(rb, inner, false, f)?;
                f.write_str(")")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{load_default, load_str, DEFAULT_RULES};

    fn rendered(yaml_when: &str) -> String {
        let text = DEFAULT_RULES.replacen(
            "when: { factor: knowledge_volatility, at_least: quarterly }",
            &format!("when: {yaml_when}"),
            1,
        );
        let rb = load_str(&text, "test").expect("valid rules");
        let c = &rb.rules[0].when;
        rb.show(c).to_string()
    }

    #[test]
    fn renders_default_conditions() {
        let rb = load_default().unwrap();
        let by_id = |id: &str| {
            let g = rb.gates.iter().find(|g| g.id == id).unwrap();
            rb.show(&g.when).to_string()
        };
        assert_eq!(
            by_id("volatile-knowledge-not-in-weights"),
            "(knowledge_volatility >= monthly AND knowledge_size_docs > 100) OR (knowledge_volatility = realtime AND knowledge_size_docs > 0)"
        );
        assert_eq!(by_id("too-few-examples"), "labeled_examples < 50");
        let r = rb
            .rules
            .iter()
            .find(|r| r.id == "narrow-repetitive-task")
            .unwrap();
        assert_eq!(
            rb.show(&r.when).to_string(),
            "task_shape in {classification, extraction, structured-generation}"
        );
    }

    #[test]
    fn nests_with_parentheses() {
        assert_eq!(
            rendered(
                "{ all: [ { factor: citations, is: audited }, { any: [ { factor: deletion_required, is: true }, { factor: daily_requests, at_most: 10 } ] } ] }"
            ),
            "citations = audited AND (deletion_required = true OR daily_requests <= 10)"
        );
        assert_eq!(
            rendered("{ not: { factor: citations, at_least: required } }"),
            "NOT (citations >= required)"
        );
        assert_eq!(
            rendered(
                "{ not: { any: [ { factor: citations, is: none }, { factor: daily_requests, below: 5 } ] } }"
            ),
            "NOT (citations = none OR daily_requests < 5)"
        );
    }
}
