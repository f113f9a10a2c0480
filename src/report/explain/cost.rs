//! The cost section of `explain`: the figures per outcome and their parts,
//! the inputs with what was assumed, the model's assumptions, and the
//! break-even in one sentence. Cost informs; the section says so when the
//! cheapest outcome is not the recommendation.

use comfy_table::Cell;
use serde::Serialize;

use super::ComponentExplain;
use crate::cost::OutcomeCost;
use crate::prices::{Input, PriceBook};
use crate::report::cost::{
    assumed_value, break_even_sentence, intro, subject, too_long_line, verdict_line,
};
use crate::report::style::markdown::{cell, table as md_table};
use crate::report::style::money::usd;
use crate::report::style::{heading, keep_ids_whole, outcome_cell, table, Style};
use crate::result::cost::CostResult;
use crate::rules::{format_number, Outcome};

/// What every cost section of a report rests on: the price book and the
/// model's assumptions (once per report).
#[derive(Clone, Debug, Serialize)]
pub struct PricesUsed {
    /// Where the price book came from.
    pub origin: String,
    /// What the figures are and how old the prices are, in one sentence.
    pub summary: String,
    /// Days in a month.
    pub days_per_month: f64,
    /// Passes over the training set per training run.
    pub epochs: f64,
    /// Share of the prompt a tuned model keeps.
    pub tuned_prompt_share: f64,
    /// Fewest retrainings a month of a tuned model.
    pub retrains_at_least_per_month: f64,
    /// Why each input's default is what it is, by factor id.
    #[serde(skip)]
    pub why: Vec<(&'static str, String)>,
}

impl PricesUsed {
    /// What a report's cost sections rest on.
    pub fn of(book: &PriceBook, months: u32) -> Self {
        let a = &book.assumptions;
        PricesUsed {
            origin: book.origin.clone(),
            summary: intro(book, months),
            days_per_month: book.days_per_month,
            epochs: a.epochs.value,
            tuned_prompt_share: a.tuned_prompt_share.value,
            retrains_at_least_per_month: a.retrains_at_least_per_month.value,
            why: book
                .defaults
                .iter()
                .map(|d| (d.input.id(), d.why.clone()))
                .collect(),
        }
    }

    /// The model's fixed assumptions, in one sentence.
    pub fn assumptions_line(&self) -> String {
        format!(
            "{} epochs a training run; a tuned model keeps {} of the prompt; every tuned model \
             is retrained at least {} times a month; {} days a month",
            format_number(self.epochs),
            format_number(self.tuned_prompt_share),
            format_number(self.retrains_at_least_per_month),
            format_number(self.days_per_month)
        )
    }

    fn why(&self, id: &str) -> &str {
        self.why
            .iter()
            .find(|(i, _)| *i == id)
            .map_or("", |(_, w)| w.as_str())
    }
}

/// Where an input came from: the answer, or the default and why.
fn from(p: &PricesUsed, c: &CostResult, id: &str) -> String {
    if c.assumed.contains(&id) {
        format!("assumed: {}", p.why(id))
    } else {
        "answer".into()
    }
}

/// `$12.00` for a part that costs something, `—` for one that does not.
fn part(x: f64) -> String {
    if x == 0.0 {
        "—".into()
    } else {
        usd(x)
    }
}

fn parts_row(o: &OutcomeCost) -> [String; 7] {
    [
        part(o.usage),
        part(o.vector_store),
        part(o.reindexing),
        part(o.retraining),
        part(o.hosting),
        part(o.training),
        part(o.indexing),
    ]
}

const PARTS_HEADER: [&str; 8] = [
    "outcome",
    "usage",
    "vector store",
    "re-embed",
    "retrain",
    "hosting",
    "train once",
    "embed once",
];

/// One sentence for the cheapest outcome (see [`verdict_line`]).
fn verdict_text(c: &ComponentExplain) -> String {
    verdict_line(&c.result).unwrap_or_default()
}

/// The cost section for a terminal.
pub fn text(out: &mut String, c: &ComponentExplain, p: &PricesUsed, style: Style) {
    let Some(cost) = &c.result.cost else { return };
    heading(out, "Cost", style);
    out.push_str(&format!("{}.\n{}\n", subject(cost), p.summary));
    out.push_str(&format!(
        "{}\n",
        crate::report::cost::table::figures(&c.result, cost, style)
    ));
    out.push_str(&format!("break-even: {}.\n", break_even_sentence(cost)));
    out.push_str(&format!("cost vs recommendation: {}.\n", verdict_text(c)));
    if let Some(l) = too_long_line(cost) {
        out.push_str(&format!("too long: {l}.\n"));
    }
    out.push_str("The figures, part by part (a month, unless once; usage is requests a month × per request):\n");
    let mut t = table(style);
    t.set_header(PARTS_HEADER.to_vec());
    let e = &cost.detail.estimate;
    for o in Outcome::ALL {
        let mut row = vec![outcome_cell(o, style.color)];
        row.extend(parts_row(e.of(o)).map(Cell::new));
        t.add_row(row);
    }
    out.push_str(&format!("{t}\n"));
    out.push_str("The inputs:\n");
    let mut t = table(style);
    t.set_header(vec!["input", "value", "from"]);
    keep_ids_whole(&mut t, Input::ALL.iter().map(|i| i.id()));
    for i in Input::ALL {
        t.add_row(vec![
            i.id().to_string(),
            input_value(cost, i),
            from(p, cost, i.id()),
        ]);
    }
    out.push_str(&format!("{t}\n"));
    out.push_str(&format!("model: {}.\n", p.assumptions_line()));
}

/// An input's value, with the changes a month for the volatility.
fn input_value(cost: &CostResult, i: Input) -> String {
    let v = assumed_value(cost, i.id());
    if i == Input::KnowledgeVolatility {
        let n = cost.detail.resolved.inputs.changes_per_month;
        format!("{v} ({} changes a month)", format_number(n))
    } else {
        v
    }
}

/// The cost section as Markdown.
pub fn markdown(out: &mut String, c: &ComponentExplain, p: &PricesUsed) {
    let Some(cost) = &c.result.cost else { return };
    out.push_str("\n### Cost\n\n");
    out.push_str(&format!(
        "{}. {}\n\n",
        cell(&subject(cost)),
        cell(&p.summary)
    ));
    out.push_str(&crate::report::cost::markdown::figures(&c.result, cost));
    out.push_str(&format!(
        "\n- **Break-even:** {}.\n- **Cost vs recommendation:** {}.\n",
        cell(&break_even_sentence(cost)),
        cell(&verdict_text(c))
    ));
    if let Some(l) = too_long_line(cost) {
        out.push_str(&format!("- **Too long:** {}.\n", cell(&l)));
    }
    out.push_str(&format!(
        "- **Model:** {}.\n\n",
        cell(&p.assumptions_line())
    ));
    let e = &cost.detail.estimate;
    out.push_str(&md_table(
        &PARTS_HEADER,
        Outcome::ALL.iter().map(|&o| {
            let mut row = vec![format!("`{o}`")];
            row.extend(parts_row(e.of(o)));
            row
        }),
    ));
    out.push('\n');
    out.push_str(&md_table(
        &["input", "value", "from"],
        Input::ALL.iter().map(|&i| {
            [
                format!("`{}`", i.id()),
                cell(&input_value(cost, i)),
                cell(&from(p, cost, i.id())),
            ]
        }),
    ));
}
