//! The data formats of `score`: one JSON document (`json`), JSON lines
//! (`jsonl`) and YAML (`yaml`). All three write results in their compact
//! form (schema version 2: rule texts once, in `rule_base`, referred to by
//! id), and stream: the document's `results` are written as files come, its
//! `workloads` and `overrides` are spooled and follow them. In the JSON
//! document each of those records is one compact line ([`json_lines`]).
//!
//! [`json_lines`]: crate::report::style::json_lines

use serde::Serialize;

use super::{FileScore, ScoreTotals};
use crate::report::style::{json_at, json_lines};
use crate::report::Section;
use crate::result::compact::{CompactResult, RuleTexts, SCHEMA_VERSION};
use crate::rules::RuleBase;

/// The end of an array whose items were written by [`json_lines`].
fn close(any: bool) -> &'static str {
    if any {
        "\n  ]"
    } else {
        "]"
    }
}

/// The JSON document: `schema_version`, `rule_base`, `results`, then
/// `workloads`, `overrides` and `errors`.
pub struct Json {
    texts: RuleTexts,
}

impl Json {
    /// The JSON format for a rule base.
    pub fn new(rb: &RuleBase) -> Self {
        Json {
            texts: RuleTexts::of(rb),
        }
    }
}

impl super::Renderer for Json {
    fn begin(&self) -> anyhow::Result<String> {
        Ok(format!(
            "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"rule_base\": {},\n  \"results\": [",
            json_at(&self.texts, 2)?
        ))
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        Ok(Section {
            main: json_lines(f.results.iter().map(CompactResult::of), 4)?,
            later: vec![json_lines([&f.summary], 4)?, json_lines(&f.overrides, 4)?],
        })
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn later_parts(&self) -> usize {
        2
    }

    fn later_separator(&self) -> &'static str {
        ","
    }

    fn middle(&self, part: usize, t: &ScoreTotals) -> String {
        match part {
            0 => format!("{},\n  \"workloads\": [", close(t.components > 0)),
            _ => format!("{},\n  \"overrides\": [", close(t.files > 0)),
        }
    }

    fn end(&self, t: &ScoreTotals) -> anyhow::Result<String> {
        Ok(format!(
            "{},\n  \"errors\": {}\n}}\n",
            close(t.overrides > 0),
            json_at(&t.errors, 2)?,
        ))
    }
}

/// JSON lines: one object per line with its `"type"` first, for `jq` and
/// pipelines — a `header` (schema version and rule texts, so the stream is
/// self-contained), then per file a `result` per component, its `override`s
/// and its `workload` summary, and at the end an `error` per problem.
pub struct Lines {
    texts: RuleTexts,
}

impl Lines {
    /// The JSON lines format for a rule base.
    pub fn new(rb: &RuleBase) -> Self {
        Lines {
            texts: RuleTexts::of(rb),
        }
    }
}

/// A value as one compact JSON line with `"type"` first.
fn typed_line<T: Serialize>(kind: &str, value: &T) -> anyhow::Result<String> {
    let body = serde_json::to_string(value)?;
    // `body` is an object: put the type in front of its first key.
    let rest = body.strip_prefix('{').unwrap_or(&body);
    let sep = if rest.starts_with('}') { "" } else { "," };
    Ok(format!("{{\"type\":\"{kind}\"{sep}{rest}\n"))
}

#[derive(Serialize)]
struct Header<'a> {
    schema_version: u32,
    rule_base: &'a RuleTexts,
}

impl super::Renderer for Lines {
    fn begin(&self) -> anyhow::Result<String> {
        typed_line(
            "header",
            &Header {
                schema_version: SCHEMA_VERSION,
                rule_base: &self.texts,
            },
        )
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let mut out = String::new();
        for r in &f.results {
            out.push_str(&typed_line("result", &CompactResult::of(r))?);
        }
        for o in &f.overrides {
            out.push_str(&typed_line("override", o)?);
        }
        out.push_str(&typed_line("workload", &f.summary)?);
        Ok(out.into())
    }

    fn end(&self, t: &ScoreTotals) -> anyhow::Result<String> {
        let mut out = String::new();
        for e in &t.errors {
            out.push_str(&typed_line("error", e)?);
        }
        Ok(out)
    }
}

/// YAML: the same data as the JSON document.
pub struct Yaml {
    texts: RuleTexts,
}

impl Yaml {
    /// The YAML format for a rule base.
    pub fn new(rb: &RuleBase) -> Self {
        Yaml {
            texts: RuleTexts::of(rb),
        }
    }
}

/// `text` with every line after the first indented by `n` spaces.
fn indent(text: &str, n: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(n)))
}

/// A value as YAML under a key: `key:` then the value indented by 2.
fn yaml_entry<T: Serialize>(key: &str, value: &T) -> anyhow::Result<String> {
    let body = crate::yaml::to_string(value)?;
    Ok(match body.trim_end() {
        // Empty collections and scalars stay on the key's line.
        one if !one.contains('\n') && (one.starts_with('[') || one.starts_with('{')) => {
            format!("{key}: {one}\n")
        }
        _ => format!("{key}:\n  {}\n", indent(body.trim_end(), 2)),
    })
}

/// Items as YAML sequence entries (`- …`), on a new line; empty for none.
fn yaml_items<T: Serialize>(items: &[T]) -> anyhow::Result<String> {
    if items.is_empty() {
        return Ok(String::new());
    }
    let body = crate::yaml::to_string(&items)?;
    Ok(format!("\n{}", body.trim_end()))
}

/// The end of a sequence written by [`yaml_items`]: a newline, or ` []`
/// when nothing was written.
fn yaml_close(any: bool) -> &'static str {
    if any {
        "\n"
    } else {
        " []\n"
    }
}

impl super::Renderer for Yaml {
    fn begin(&self) -> anyhow::Result<String> {
        Ok(format!(
            "schema_version: {SCHEMA_VERSION}\n{}results:",
            yaml_entry("rule_base", &self.texts)?
        ))
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let items: Vec<CompactResult> = f.results.iter().map(CompactResult::of).collect();
        Ok(Section {
            main: yaml_items(&items)?,
            later: vec![
                yaml_items(std::slice::from_ref(&f.summary))?,
                yaml_items(&f.overrides)?,
            ],
        })
    }

    fn later_parts(&self) -> usize {
        2
    }

    fn middle(&self, part: usize, t: &ScoreTotals) -> String {
        match part {
            0 => format!("{}workloads:", yaml_close(t.components > 0)),
            _ => format!("{}overrides:", yaml_close(t.files > 0)),
        }
    }

    fn end(&self, t: &ScoreTotals) -> anyhow::Result<String> {
        Ok(format!(
            "{}{}",
            yaml_close(t.overrides > 0),
            yaml_entry("errors", &t.errors)?
        ))
    }
}
