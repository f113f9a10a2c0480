//! `check --format json` (schema version 2): the review settings, the rule
//! texts once (`rule_base`, as `score --format json`), every component with
//! its compact result, status and findings as files come (one line each),
//! then the summary and the input problems, which are known only at the end.

use serde::Serialize;

use super::{CheckTotals, Section, Settings};
use crate::check::{ComponentCheck, FileCheck, Finding, Status, WaiverInfo, SCHEMA_VERSION};
use crate::report::style::{json_at, json_lines};
use crate::result::compact::{CompactResult, RuleTexts};
use crate::rules::RuleBase;

/// One component as `check --format json` writes it.
#[derive(Serialize)]
struct Checked<'a> {
    #[serde(flatten)]
    result: CompactResult<'a>,
    status: Status,
    line: usize,
    column: usize,
    waiver: &'a Option<WaiverInfo>,
    findings: &'a [Finding],
}

impl<'a> Checked<'a> {
    fn of(c: &'a ComponentCheck) -> Self {
        Checked {
            result: CompactResult::of(&c.result),
            status: c.status,
            line: c.line,
            column: c.column,
            waiver: &c.waiver,
            findings: &c.findings,
        }
    }
}

/// The JSON document.
pub struct Json {
    texts: RuleTexts,
    settings: Settings,
}

impl Json {
    /// The JSON format for a rule base and a review's settings.
    pub fn new(rb: &RuleBase, settings: Settings) -> Self {
        Json {
            texts: RuleTexts::of(rb),
            settings,
        }
    }
}

impl super::Renderer for Json {
    fn begin(&self, _: Option<&CheckTotals>) -> anyhow::Result<String> {
        Ok(format!(
            "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"fail_on\": {},\n  \"today\": \"{}\",\n  \
             \"rule_base\": {},\n  \"components\": [",
            serde_json::to_string(&self.settings.fail_on)?,
            self.settings.today,
            json_at(&self.texts, 2)?
        ))
    }

    fn file(&self, f: &FileCheck) -> anyhow::Result<Section> {
        Ok(json_lines(f.components.iter().map(Checked::of), 4)?.into())
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn end(&self, t: &CheckTotals) -> anyhow::Result<String> {
        let close = if t.summary.components > 0 {
            "\n  ]"
        } else {
            "]"
        };
        Ok(format!(
            "{close},\n  \"summary\": {},\n  \"errors\": {}\n}}\n",
            json_at(&t.summary, 2)?,
            json_at(&t.errors, 2)?,
        ))
    }
}
