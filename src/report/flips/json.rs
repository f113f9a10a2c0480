//! `diff --format json` (schema version 1): what is compared, every changed
//! component as files come, then the counts and the input problems.

use super::{DiffTotals, Sides};
use crate::flips::FileDiff;
use crate::report::style::json_at;

/// Version of `diff --format json`; bumped only when a field is renamed or removed.
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON format.
pub struct Json {
    /// What is compared.
    pub sides: Sides,
}

impl super::Renderer for Json {
    fn begin(&self, _: Option<&DiffTotals>) -> anyhow::Result<String> {
        Ok(format!(
            "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"base\": {},\n  \"head\": {},\n  \"changes\": [",
            serde_json::to_string(&self.sides.base)?,
            serde_json::to_string(&self.sides.head)?
        ))
    }

    fn file(&self, f: &FileDiff) -> anyhow::Result<String> {
        let mut out = String::new();
        for (i, c) in f.components.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("\n    ");
            out.push_str(&json_at(c, 4)?);
        }
        Ok(out)
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn end(&self, t: &DiffTotals) -> anyhow::Result<String> {
        let s = &t.summary;
        let close = if s.added + s.removed + s.changed > 0 {
            "\n  ]"
        } else {
            "]"
        };
        Ok(format!(
            "{close},\n  \"summary\": {},\n  \"errors\": {}\n}}\n",
            json_at(&t.summary, 2)?,
            json_at(&t.errors, 2)?
        ))
    }
}
