//! `cost`'s report and its renderers (one file per format), streamed like
//! `score`'s: they implement the same [`Renderer`] over the same per-file
//! [`FileScore`](crate::report::score::FileScore), whose results carry their costs. The sentences every
//! format shares — the break-even, what the cheapest outcome would save and
//! why it is not the recommendation, what was assumed — live here.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;

use crate::prices::{Input, PriceBook};
use crate::report::score::Renderer;
use crate::report::style::money::{count, usd};
use crate::report::style::Style;
use crate::result::cost::CostResult;
use crate::result::ComponentResult;
use crate::rules::Outcome;

/// Output formats of `cost`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CostFormat {
    /// A table per component (default).
    Table,
    /// One JSON document.
    Json,
    /// Markdown tables, for PRs and design documents.
    Markdown,
    /// One row per component and outcome.
    Csv,
}

/// The renderer of a format.
pub fn renderer(
    book: &PriceBook,
    format: CostFormat,
    style: Style,
    months: u32,
) -> Box<dyn Renderer> {
    match format {
        CostFormat::Table => Box::new(table::Table {
            style,
            intro: intro(book, months),
        }),
        CostFormat::Json => Box::new(json::Json::new(book, months)),
        CostFormat::Markdown => Box::new(markdown::Markdown {
            intro: intro(book, months),
        }),
        CostFormat::Csv => Box::new(csv::Csv),
    }
}

/// What the figures are and where the prices come from, in one sentence.
pub fn intro(book: &PriceBook, months: u32) -> String {
    let newest = book.provenances().map(|p| p.as_of).max();
    let oldest = book.oldest_as_of();
    let dates = match newest {
        Some(n) if n != oldest => format!("as of {oldest} to {n}"),
        _ => format!("as of {oldest}"),
    };
    format!(
        "Estimated costs in US dollars over {months} months, from list prices {dates} \
         (`ragfit prices` lists them and their sources; prices change)."
    )
}

/// The outcome's figure in a per-outcome map.
pub fn fig(map: &crate::result::OrderedMap<f64>, o: Outcome) -> f64 {
    CostResult::get(map, o)
}

/// The component's tier and volume: `gpt-4o-mini, 40,000 requests a day`,
/// each marked when assumed.
pub fn subject(c: &CostResult) -> String {
    let mark = |i: Input| {
        if c.assumed.contains(&i.id()) {
            " (assumed)"
        } else {
            ""
        }
    };
    format!(
        "{}{}, {} requests a day{}",
        c.model_tier,
        mark(Input::ModelTier),
        count(c.daily_requests),
        mark(Input::DailyRequests)
    )
}

/// `recommended`, `excluded`, `cheapest`, as they apply to an outcome.
pub fn marks(r: &ComponentResult, c: &CostResult, o: Outcome) -> String {
    let mut m = Vec::new();
    if r.recommendation == o {
        m.push("recommended");
    }
    if r.excluded.iter().any(|e| e.outcome == o) {
        m.push("excluded");
    }
    if c.cheapest == o {
        m.push("cheapest");
    }
    if c.over_context_window.contains(&o) {
        m.push("too long");
    }
    m.join(", ")
}

/// The break-even in one sentence (without a final full stop).
pub fn break_even_sentence(c: &CostResult) -> String {
    let alt = c.break_even_against;
    let volume = || count(c.break_even_requests_per_day.unwrap_or(0.0));
    let first = match c.fine_tune_cheaper {
        crate::cost::Cheaper::Always => {
            format!("fine-tune costs less a month than {alt} at any volume")
        }
        crate::cost::Cheaper::Never => {
            return format!(
                "fine-tune costs no less a month than {alt} at any volume, so it never pays back"
            )
        }
        crate::cost::Cheaper::Above => format!(
            "fine-tune costs less a month than {alt} above {} requests a day",
            volume()
        ),
        crate::cost::Cheaper::Below => format!(
            "fine-tune costs less a month than {alt} below {} requests a day",
            volume()
        ),
    };
    let at = count(c.daily_requests);
    let extra = fig(&c.one_off_usd, Outcome::FineTune) - fig(&c.one_off_usd, alt);
    let then = match c.break_even_days {
        None => format!("at {at} a day it costs more, so it never pays back"),
        Some(0.0) => format!("at {at} a day it is cheaper from the first day"),
        Some(d) => {
            let horizon = f64::from(c.months) * c.detail.days_per_month;
            let beyond = if d > horizon {
                format!(", beyond the {}-month horizon", c.months)
            } else {
                String::new()
            };
            let unit = if d == 1.0 { "day" } else { "days" };
            format!(
                "at {at} a day its extra {} up front is paid back in {} {unit}{beyond}",
                usd(extra.max(0.0)),
                crate::rules::format_number(d)
            )
        }
    };
    format!("{first}; {then}")
}

/// When the cheapest outcome is not the recommendation: what it would save,
/// and what rules it out — a gate, or what the component needs. Cost informs;
/// it never overrides a gate.
pub fn verdict(r: &ComponentResult) -> Option<String> {
    let c = r.cost.as_ref()?;
    let (rec, cheap) = (r.recommendation, c.cheapest);
    if cheap == rec {
        return None;
    }
    let over = fig(&c.cumulative_usd, rec) - fig(&c.cumulative_usd, cheap);
    let monthly = fig(&c.monthly_usd, rec) - fig(&c.monthly_usd, cheap);
    let amount = if monthly > 0.0 {
        format!(
            "about {} a month ({} over {} months)",
            usd(monthly),
            usd(over),
            c.months
        )
    } else {
        format!("about {} over {} months", usd(over), c.months)
    };
    let why = match r.excluded.iter().find(|e| e.outcome == cheap) {
        Some(e) if e.may_apply => format!(
            "gate `{}` may apply (an answer it reads is missing) and rules it out until it is settled: {}",
            e.gate, e.reason
        ),
        Some(e) => format!("gate `{}` rules it out: {}", e.gate, e.reason),
        None => format!("the answers call for {rec}; cost informs, it does not decide"),
    };
    Some(format!(
        "{cheap} would save {amount} at this volume, but {why}"
    ))
}

/// The value an assumed input took, read back from the figures' inputs.
pub fn assumed_value(c: &CostResult, id: &str) -> String {
    let x = &c.detail.resolved.inputs;
    let n = crate::rules::format_number;
    match Input::from_id(id) {
        Some(Input::DailyRequests) => n(x.daily_requests),
        Some(Input::LabeledExamples) => n(x.labeled_examples),
        Some(Input::KnowledgeSizeDocs) => n(x.knowledge_size_docs),
        Some(Input::KnowledgeVolatility) => x.volatility.clone(),
        Some(Input::PromptTokens) => n(x.prompt_tokens),
        Some(Input::OutputTokens) => n(x.output_tokens),
        Some(Input::ContextTokens) => n(x.context_tokens),
        Some(Input::TokensPerExample) => n(x.tokens_per_example),
        Some(Input::TokensPerDocument) => n(x.tokens_per_document),
        Some(Input::ModelTier) => c.model_tier.clone(),
        None => String::new(),
    }
}

/// What the cheapest outcome would save and what rules it out, or that the
/// recommendation is also the cheapest.
pub fn verdict_line(r: &ComponentResult) -> Option<String> {
    let c = r.cost.as_ref()?;
    Some(verdict(r).unwrap_or_else(|| {
        format!(
            "{} is also the cheapest option over {} months",
            r.recommendation, c.months
        )
    }))
}

/// The assumed inputs with the values used (`prompt_tokens 1000, …`), or
/// `None` when every input was answered.
pub fn assumed_line(c: &CostResult) -> Option<String> {
    let list: Vec<String> = c
        .assumed
        .iter()
        .map(|id| format!("{id} {}", assumed_value(c, id)))
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// For outcomes whose requests would not fit the context window: how long
/// they would be, in one line.
pub fn too_long_line(c: &CostResult) -> Option<String> {
    if c.over_context_window.is_empty() {
        return None;
    }
    let e = &c.detail.estimate;
    let parts: Vec<String> = c
        .over_context_window
        .iter()
        .map(|&o| {
            format!(
                "{o} needs {} tokens a request",
                count(e.request_tokens[o as usize])
            )
        })
        .collect();
    Some(format!(
        "{}, over {}'s context window of {} tokens",
        parts.join(", "),
        c.model_tier,
        count(c.detail.context_window)
    ))
}
