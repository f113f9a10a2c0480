//! `rules diff --format json`: one document, written in parts (the changes
//! stream; the summary and errors close it).

use serde::Serialize;

use super::{DiffTotals, Header, Renderer, SCHEMA_VERSION};
use crate::diff::Change;
use crate::report::style::json_at;

/// The JSON format.
#[derive(Default)]
pub struct Json {
    wrote: bool,
}

#[derive(Serialize)]
struct Head<'a> {
    schema_version: u32,
    old: &'a str,
    new: &'a str,
}

impl Renderer for Json {
    fn begin(&mut self, h: &Header) -> anyhow::Result<String> {
        let head = serde_json::to_string_pretty(&Head {
            schema_version: SCHEMA_VERSION,
            old: &h.old,
            new: &h.new,
        })?;
        // The object without its closing brace, then the changes array opens.
        let open = head
            .trim_end()
            .strip_suffix('}')
            .unwrap_or(&head)
            .trim_end();
        Ok(format!("{open},\n  \"changes\": ["))
    }

    fn file(&mut self, changes: &[Change]) -> anyhow::Result<String> {
        let mut out = String::new();
        for c in changes {
            out.push_str(if self.wrote { ",\n    " } else { "\n    " });
            self.wrote = true;
            out.push_str(&json_at(c, 4)?);
        }
        Ok(out)
    }

    fn end(&mut self, t: &DiffTotals) -> anyhow::Result<String> {
        let close = if self.wrote { "\n  ]" } else { "]" };
        Ok(format!(
            "{close},\n  \"summary\": {},\n  \"errors\": {}\n}}\n",
            json_at(t, 2)?,
            json_at(&t.errors, 2)?
        ))
    }
}
