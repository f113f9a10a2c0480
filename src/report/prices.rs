//! `ragfit prices`: the active price book, as tables or JSON.

use serde::Serialize;

use crate::prices::{Assumptions, Embedding, Input, PriceBook, Provenance, Tier, VectorStore};
use crate::report::style::money::price;
use crate::report::style::{heading, keep_ids_whole, table, Style};
use crate::result::OrderedMap;

/// Version of `prices --format json`.
pub const SCHEMA_VERSION: u32 = 1;

/// Output formats of `prices`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PricesFormat {
    /// Readable tables (default).
    Table,
    /// The price book as JSON.
    Json,
}

/// The price book as `prices --format json` prints it.
#[derive(Serialize)]
pub struct PricesReport<'a> {
    /// Output schema version.
    pub schema_version: u32,
    /// Where the price book came from.
    pub origin: &'a str,
    /// Days in a month.
    pub days_per_month: f64,
    /// Model tiers.
    pub tiers: &'a [Tier],
    /// The embedding model.
    pub embedding: &'a Embedding,
    /// The vector store.
    pub vector_store: &'a VectorStore,
    /// Changes a month per knowledge volatility.
    pub changes_per_month: OrderedMap<f64>,
    /// Fixed assumptions.
    pub assumptions: &'a Assumptions,
    /// What every answer the cost model reads defaults to.
    pub defaults: Vec<DefaultEntry<'a>>,
}

/// One input's default.
#[derive(Serialize)]
pub struct DefaultEntry<'a> {
    /// The factor id.
    pub factor: &'static str,
    /// Whether the price book defines the factor (else the rule base does).
    pub cost_factor: bool,
    /// The value assumed when a component leaves it out.
    pub value: &'a str,
    /// Why.
    pub why: &'a str,
}

impl<'a> PricesReport<'a> {
    /// The report of a price book.
    pub fn of(book: &'a PriceBook) -> Self {
        PricesReport {
            schema_version: SCHEMA_VERSION,
            origin: &book.origin,
            days_per_month: book.days_per_month,
            tiers: &book.tiers,
            embedding: &book.embedding,
            vector_store: &book.vector_store,
            changes_per_month: OrderedMap(book.changes_per_month.clone()),
            assumptions: &book.assumptions,
            defaults: book
                .defaults
                .iter()
                .map(|d| DefaultEntry {
                    factor: d.input.id(),
                    cost_factor: d.input.is_cost_factor(),
                    value: &d.value,
                    why: &d.why,
                })
                .collect(),
        }
    }
}

/// Render the price book.
pub fn render(book: &PriceBook, format: PricesFormat, style: Style) -> anyhow::Result<String> {
    Ok(match format {
        PricesFormat::Table => text(book, style),
        PricesFormat::Json => crate::report::style::json(&PricesReport::of(book))?,
    })
}

/// Numbered sources: each price cites `[n]`, and the list follows the tables.
#[derive(Default)]
struct Sources(Vec<(String, Provenance)>);

impl Sources {
    fn cite(&mut self, what: String, p: &Provenance) -> String {
        self.0.push((what, p.clone()));
        format!("[{}]", self.0.len())
    }
}

fn text(book: &PriceBook, style: Style) -> String {
    let mut out = format!(
        "Price book: {}\nPrices are in US dollars and change: each names the page it was read \
         from and the date it was current.\n",
        book.origin
    );
    let mut refs = Sources::default();

    heading(
        &mut out,
        "Model tiers (per 1M tokens; hosting per hour)",
        style,
    );
    let mut t = table(style);
    t.set_header(vec![
        "tier",
        "input",
        "output",
        "training",
        "tuned in",
        "tuned out",
        "hosting",
        "sources",
    ]);
    keep_ids_whole(&mut t, book.tiers.iter().map(|x| x.id.as_str()));
    for tier in &book.tiers {
        let ft = &tier.fine_tune;
        let hosting = if ft.hosting_usd_per_hour > 0.0 {
            price(ft.hosting_usd_per_hour)
        } else {
            "—".into()
        };
        let base = refs.cite(format!("{} base prices", tier.id), &tier.provenance);
        let tuned = refs.cite(
            format!("{} fine-tuning: {}", tier.id, ft.method),
            &ft.provenance,
        );
        t.add_row(vec![
            format!("{}\n{}", tier.id, tier.name),
            price(tier.input_usd_per_1m),
            price(tier.output_usd_per_1m),
            price(ft.training_usd_per_1m),
            price(ft.input_usd_per_1m),
            price(ft.output_usd_per_1m),
            hosting,
            format!("{base} {tuned}"),
        ]);
    }
    out.push_str(&format!("{t}\n"));

    heading(&mut out, "Retrieval", style);
    let mut t = table(style);
    t.set_header(vec!["for rag and hybrid", "price", "source"]);
    let e = &book.embedding;
    let s = &book.vector_store;
    t.add_row(vec![
        format!("embedding: {}\n{}", e.id, e.name),
        format!("{} per 1M tokens", price(e.usd_per_1m)),
        refs.cite(format!("{} embedding", e.id), &e.provenance),
    ]);
    t.add_row(vec![
        format!("vector store: {}\n{}", s.id, s.name),
        format!(
            "{} a month + {} per 1M queries",
            price(s.monthly_usd),
            price(s.usd_per_1m_queries)
        ),
        refs.cite(format!("{} vector store", s.id), &s.provenance),
    ]);
    out.push_str(&format!("{t}\n"));

    heading(&mut out, "Assumptions", style);
    let mut t = table(style);
    t.set_header(vec!["assumption", "value", "why"]);
    let a = &book.assumptions;
    let rows = [
        (
            "days_per_month",
            book.days_per_month,
            "365 / 12: daily figures become monthly ones with this",
        ),
        ("epochs", a.epochs.value, a.epochs.why.as_str()),
        (
            "tuned_prompt_share",
            a.tuned_prompt_share.value,
            a.tuned_prompt_share.why.as_str(),
        ),
        (
            "retrains_at_least_per_month",
            a.retrains_at_least_per_month.value,
            a.retrains_at_least_per_month.why.as_str(),
        ),
    ];
    for (name, value, why) in rows {
        t.add_row(vec![
            name.to_string(),
            crate::rules::format_number(value),
            why.to_string(),
        ]);
    }
    let changes: Vec<String> = book
        .changes_per_month
        .iter()
        .map(|(v, n)| format!("{v} {}", crate::rules::format_number(*n)))
        .collect();
    t.add_row(vec![
        "changes_per_month".to_string(),
        changes.join("\n"),
        "how often knowledge at each volatility changes: a fine-tune that must track it is \
         retrained this often, an index re-embeds this often"
            .to_string(),
    ]);
    out.push_str(&format!("{t}\n"));

    heading(
        &mut out,
        "Answers left out (the output marks them as assumed)",
        style,
    );
    let mut t = table(style);
    t.set_header(vec!["factor", "assumed", "why"]);
    keep_ids_whole(&mut t, Input::ALL.iter().map(|i| i.id()));
    for d in &book.defaults {
        let id = if d.input.is_cost_factor() {
            format!("{}\n(cost factor)", d.input.id())
        } else {
            d.input.id().to_string()
        };
        t.add_row(vec![id, d.value.clone(), d.why.clone()]);
    }
    out.push_str(&format!("{t}\n"));

    heading(&mut out, "Sources", style);
    for (i, (what, p)) in refs.0.iter().enumerate() {
        out.push_str(&format!(
            "[{}] {what}, as of {}\n    {}\n",
            i + 1,
            p.as_of,
            p.source
        ));
        if let Some(note) = &p.note {
            out.push_str(&format!("    {note}\n"));
        }
    }
    out
}
