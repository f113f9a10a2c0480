//! Workload files written by `ask`: block YAML through [`crate::yaml`], factors
//! in rule-base order, `unknown` for unanswered questions, and a short header.
//! The text is re-parsed before it is returned, so a file `ask` writes is one
//! that `score` accepts with the same answers.

use anyhow::{bail, Context};
use serde::Serialize;

use crate::result::{AnswerValue, OrderedMap};
use crate::rules::{Outcome, RuleBase};
use crate::workload::{self, Component, Workload};

const HEADER: &str = "\
# ragfit workload file, written by `ragfit ask`.
# Score it: `ragfit score FILE`; change the answers: `ragfit ask --from FILE`.
# `unknown` marks a question left unanswered.
";

#[derive(Serialize)]
struct FileOut<'a> {
    workload: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a str>,
    components: Vec<ComponentOut<'a>>,
}

#[derive(Serialize)]
struct ComponentOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    architecture: Option<Outcome>,
    answers: OrderedMap<AnswerValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver: Option<WaiverOut<'a>>,
}

#[derive(Serialize)]
struct WaiverOut<'a> {
    reason: &'a str,
    expires: String,
}

/// The workload as file text, checked by parsing it back.
pub fn to_yaml(rb: &RuleBase, w: &Workload) -> anyhow::Result<String> {
    let file = FileOut {
        workload: &w.name,
        description: w.description.as_deref(),
        owner: w.owner.as_deref(),
        components: w.components.iter().map(|c| component(rb, c)).collect(),
    };
    let body = crate::yaml::to_string(&file)?;
    let text = format!("{HEADER}{}", space_components(&body));
    verify(rb, w, &text)?;
    Ok(text)
}

fn component<'a>(rb: &RuleBase, c: &'a Component) -> ComponentOut<'a> {
    // Cost answers are written only when given: they are optional, and a
    // file full of `prompt_tokens: unknown` would read as a form not filled in.
    let answers = rb
        .factors
        .iter()
        .enumerate()
        .filter_map(|(fi, f)| {
            let v = c.answers.0.get(fi).copied().flatten();
            (!f.cost || v.is_some()).then(|| (f.id.clone(), AnswerValue::of(rb, fi, v)))
        })
        .collect();
    ComponentOut {
        name: &c.name,
        description: c.description.as_deref(),
        architecture: c.architecture,
        answers: OrderedMap(answers),
        waiver: c.waiver.as_ref().map(|wv| WaiverOut {
            reason: &wv.reason,
            expires: wv.expires.to_string(),
        }),
    }
}

/// A blank line between components, for people reading the file. Component
/// items are the only lines that start with `- ` in column 0.
fn space_components(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut first = true;
    for line in body.lines() {
        if line.starts_with("- ") {
            if !first {
                out.push('\n');
            }
            first = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Parse the text back and compare: what `ask` saves must score as shown.
fn verify(rb: &RuleBase, w: &Workload, text: &str) -> anyhow::Result<()> {
    let back = workload::parse(rb, &w.path, text)
        .map_err(|d| {
            let lines: Vec<String> = d.iter().map(|x| x.to_string()).collect();
            anyhow::anyhow!("{}", lines.join("; "))
        })
        .context("internal error: the workload file ask wrote does not parse back")?;
    let same = back.name == w.name
        && back.description == w.description
        && back.components.len() == w.components.len()
        && back.components.iter().zip(&w.components).all(|(b, c)| {
            b.name == c.name
                && b.description == c.description
                && b.architecture == c.architecture
                && b.answers.0.iter().eq(padded(rb, c).iter())
        });
    if !same {
        bail!("internal error: the workload file ask wrote reads back differently");
    }
    Ok(())
}

fn padded(rb: &RuleBase, c: &Component) -> Vec<Option<crate::rules::Value>> {
    let mut v = c.answers.0.clone();
    v.resize(rb.factors.len(), None);
    v
}

/// How many comment lines of `old` (a file about to be replaced) are not in
/// `new` (the text `ask` writes). `ask` writes from the answers, so comments
/// someone wrote in the file would be lost; its own header is not.
pub fn lost_comments(old: &str, new: &str) -> usize {
    let kept = comments(new);
    comments(old)
        .into_iter()
        .filter(|c| !kept.contains(c))
        .count()
}

/// The comments of a YAML text, trimmed: a `#` at the start of a line or after
/// a space, outside quoted scalars and block scalars (`|`, `>`), where `#` is
/// text. Line by line, which is enough for workload files (a quoted scalar
/// spanning lines is read as unquoted on its later lines).
pub(crate) fn comments(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    // The indentation of the key that opened a block scalar, while inside one.
    let mut block: Option<usize> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = block {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        let comment = comment_start(line);
        let code = comment.map_or(line, |at| &line[..at]).trim_end();
        if let Some(at) = comment {
            out.push(line[at..].trim_end());
        }
        let head = code.trim_end_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit());
        if (head.ends_with('|') || head.ends_with('>'))
            && head[..head.len() - 1].ends_with([' ', ':', '-'])
        {
            block = Some(indent);
        }
    }
    out
}

/// Byte offset of the `#` that starts a comment on this line, if any.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    // The last character that was not a space, outside quotes: a quote opens
    // a scalar only where a value starts (`it's` in plain text is no quote).
    let mut last_token = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '#' if prev.is_whitespace() => return Some(i),
                '"' | '\''
                    if matches!(last_token, None | Some(':' | '-' | '[' | '{' | ',' | '?')) =>
                {
                    quote = Some(c)
                }
                _ if !c.is_whitespace() => last_token = Some(c),
                _ => {}
            },
        }
        prev = c;
    }
    None
}
