//! `cost --format json`: one document — the price book's origin and dates,
//! then a result per component with its `cost` (the same object as
//! `score --cost` puts in `results[].cost`), then the errors. Streamed: each
//! file's results are written as the file comes.

use serde::Serialize;

use crate::prices::PriceBook;
use crate::report::score::{FileScore, Renderer, ScoreTotals};
use crate::report::style::json_at;
use crate::report::Section;
use crate::result::cost::CostResult;
use crate::rules::Outcome;

/// Version of `cost --format json`.
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON format.
pub struct Json {
    head: Head,
}

/// What the document says before its results.
#[derive(Serialize)]
struct Head {
    schema_version: u32,
    months: u32,
    prices: PricesRef,
}

/// Which price book, and how old its prices are.
#[derive(Serialize)]
struct PricesRef {
    origin: String,
    oldest_as_of: String,
    newest_as_of: String,
}

/// One component's costs, with what identifies it and what the rules decided.
#[derive(Serialize)]
struct Item<'a> {
    path: &'a str,
    workload: &'a str,
    component: &'a str,
    recommendation: Outcome,
    excluded: Vec<Outcome>,
    cost: &'a CostResult,
}

impl Json {
    /// The JSON format for a price book and horizon.
    pub fn new(book: &PriceBook, months: u32) -> Self {
        let newest = book.provenances().map(|p| p.as_of).max();
        Json {
            head: Head {
                schema_version: SCHEMA_VERSION,
                months,
                prices: PricesRef {
                    origin: book.origin.clone(),
                    oldest_as_of: book.oldest_as_of().to_string(),
                    newest_as_of: newest.unwrap_or(book.oldest_as_of()).to_string(),
                },
            },
        }
    }
}

impl Renderer for Json {
    fn shows_near_misses(&self) -> bool {
        false
    }

    fn begin(&self) -> anyhow::Result<String> {
        let head = json_at(&self.head, 0)?;
        // The head is an object: drop its closing brace and go on with `results`.
        let open = head.trim_end().trim_end_matches('}').trim_end();
        Ok(format!("{open},\n  \"results\": ["))
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let mut out = String::new();
        for (i, r) in f.results.iter().enumerate() {
            let Some(cost) = &r.cost else { continue };
            let item = Item {
                path: r.path,
                workload: r.workload,
                component: r.component,
                recommendation: r.recommendation,
                excluded: r.excluded.iter().map(|e| e.outcome).collect(),
                cost,
            };
            if i > 0 {
                out.push(',');
            }
            out.push_str("\n    ");
            out.push_str(&json_at(&item, 4)?);
        }
        Ok(out.into())
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn end(&self, t: &ScoreTotals) -> anyhow::Result<String> {
        let close = if t.components > 0 { "\n  ]" } else { "]" };
        Ok(format!(
            "{close},\n  \"errors\": {}\n}}\n",
            json_at(&t.errors, 2)?
        ))
    }
}
