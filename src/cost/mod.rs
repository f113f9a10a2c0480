//! The cost model: what each outcome would cost a component, from its
//! answers and the price book. Pure: no I/O, no clock, no terminal.
//!
//! Every figure is a sum of products of answers and prices, written out in
//! the README ("What each option costs") so that it can be reproduced by
//! hand. In short, with D requests a day and `dpm` days a month:
//!
//! - per request: the tokens a request sends and receives at the outcome's
//!   per-token prices, plus (with retrieval) embedding the query and querying
//!   the vector store;
//! - one-off: the first training run (fine-tune, hybrid) and embedding the
//!   corpus (rag, hybrid);
//! - monthly: D × dpm × per request, plus the vector store's fee,
//!   re-embedding as the knowledge changes, retraining, and dedicated hosting;
//! - cumulative over H months: one-off + H × monthly;
//! - break-even: the volume at which fine-tune's monthly cost equals the
//!   cheapest option without fine-tuning, and at the stated volume the days
//!   until fine-tune's one-off cost is paid back.
//!
//! Cost informs; gates decide: nothing here reads the recommendation.

mod breakeven;

use crate::prices::{Input, PriceBook};
use crate::rules::{Answers, Outcome, Value};

pub use breakeven::{break_even, BreakEven, Cheaper};

/// The numbers one component's costs are computed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Inputs {
    /// Requests a day (D).
    pub daily_requests: f64,
    /// Curated training examples.
    pub labeled_examples: f64,
    /// Documents the component must know.
    pub knowledge_size_docs: f64,
    /// How often that knowledge changes (a `knowledge_volatility` value).
    pub volatility: String,
    /// Changes a month at that volatility (from the price book).
    pub changes_per_month: f64,
    /// Prompt tokens a request sends, before retrieved context.
    pub prompt_tokens: f64,
    /// Tokens a response has.
    pub output_tokens: f64,
    /// Retrieved-context tokens a request carries with retrieval.
    pub context_tokens: f64,
    /// Tokens of one training example.
    pub tokens_per_example: f64,
    /// Tokens of one knowledge document.
    pub tokens_per_document: f64,
    /// Index of the model tier in the price book.
    pub tier: usize,
}

/// A component's inputs, and which of them were assumed (left out).
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The inputs used.
    pub inputs: Inputs,
    /// The inputs that took the price book's default, in [`Input::ALL`] order.
    pub assumed: Vec<Input>,
}

/// Read a component's cost inputs from its answers; what it leaves out takes
/// the price book's default and is reported as assumed.
pub fn resolve(book: &PriceBook, answers: &Answers) -> Resolved {
    let given: Vec<Option<Value>> = Input::ALL
        .iter()
        .map(|&i| book.factor_of[i as usize].and_then(|fi| answers.0.get(fi).copied().flatten()))
        .collect();
    let answer = |input: Input| given[input as usize];
    let number = |input: Input| match answer(input) {
        Some(Value::Number(n)) => n,
        // The loader checked every default is a whole number >= 0.
        _ => book.default_of(input).value.parse().unwrap_or(0.0),
    };
    let daily_requests = number(Input::DailyRequests);
    let labeled_examples = number(Input::LabeledExamples);
    let knowledge_size_docs = number(Input::KnowledgeSizeDocs);
    let volatility = match answer(Input::KnowledgeVolatility) {
        Some(Value::Choice(i)) if i < book.volatility_ids.len() => book.volatility_ids[i].clone(),
        _ => book.default_of(Input::KnowledgeVolatility).value.clone(),
    };
    let prompt_tokens = number(Input::PromptTokens);
    let output_tokens = number(Input::OutputTokens);
    let context_tokens = number(Input::ContextTokens);
    let tokens_per_example = number(Input::TokensPerExample);
    let tokens_per_document = number(Input::TokensPerDocument);
    let tier = match answer(Input::ModelTier) {
        Some(Value::Choice(i)) if i < book.tiers.len() => i,
        _ => book
            .tier_index(&book.default_of(Input::ModelTier).value)
            .unwrap_or(0),
    };
    Resolved {
        inputs: Inputs {
            daily_requests,
            labeled_examples,
            knowledge_size_docs,
            // The loader checked every volatility value has a rate.
            changes_per_month: book.changes(&volatility).unwrap_or(0.0),
            volatility,
            prompt_tokens,
            output_tokens,
            context_tokens,
            tokens_per_example,
            tokens_per_document,
            tier,
        },
        assumed: Input::ALL
            .into_iter()
            .filter(|&i| answer(i).is_none())
            .collect(),
    }
}

/// What one outcome costs, part by part (USD).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OutcomeCost {
    /// Usage of one request: its tokens, and with retrieval the query's
    /// embedding and the vector store query.
    pub per_request: f64,
    /// One-off: the first training run.
    pub training: f64,
    /// One-off: embedding the corpus.
    pub indexing: f64,
    /// A month: usage at the stated volume (requests a month × per request).
    pub usage: f64,
    /// A month: the vector store's fixed fee.
    pub vector_store: f64,
    /// A month: re-embedding the corpus as the knowledge changes.
    pub reindexing: f64,
    /// A month: retraining runs.
    pub retraining: f64,
    /// A month: dedicated hosting of the tuned model.
    pub hosting: f64,
}

impl OutcomeCost {
    /// What is paid once, before the first request.
    pub fn one_off(&self) -> f64 {
        self.training + self.indexing
    }

    /// What a month costs whatever the volume.
    pub fn fixed_monthly(&self) -> f64 {
        self.vector_store + self.reindexing + self.retraining + self.hosting
    }

    /// What a month costs at the stated volume.
    pub fn monthly(&self) -> f64 {
        self.usage + self.fixed_monthly()
    }

    /// What a month would cost at `daily` requests a day.
    pub fn monthly_at(&self, daily: f64, days_per_month: f64) -> f64 {
        daily * days_per_month * self.per_request + self.fixed_monthly()
    }

    /// Usage cost of a thousand requests.
    pub fn per_1k_requests(&self) -> f64 {
        1000.0 * self.per_request
    }

    /// One-off plus `months` months at the stated volume.
    pub fn cumulative(&self, months: f64) -> f64 {
        self.one_off() + months * self.monthly()
    }
}

/// Every outcome's cost for one component, the cheapest, and the break-even.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// The horizon, in months.
    pub months: u32,
    /// Requests a month at the stated volume (D × days a month).
    pub requests_per_month: f64,
    /// Per outcome, in [`Outcome::ALL`] order.
    pub costs: [OutcomeCost; 4],
    /// Per outcome, the tokens of one request and its response.
    pub request_tokens: [f64; 4],
    /// Per outcome, whether a request fits the tier's context window (one
    /// that does not is never the cheapest nor the alternative).
    pub fits: [bool; 4],
    /// The outcome with the lowest cumulative cost over the horizon, among
    /// those that fit (among all when none does).
    pub cheapest: Outcome,
    /// Fine-tune against the cheapest option without fine-tuning.
    pub break_even: BreakEven,
}

impl Estimate {
    /// One outcome's cost.
    pub fn of(&self, o: Outcome) -> &OutcomeCost {
        &self.costs[o as usize]
    }
}

/// Outcomes from the simplest to run to the most involved: ties in cost go
/// to the simpler one.
pub const SIMPLEST_FIRST: [Outcome; 4] = [
    Outcome::PromptOnly,
    Outcome::Rag,
    Outcome::FineTune,
    Outcome::Hybrid,
];

/// The outcome among `among` with the lowest cumulative cost over `months`
/// (ties to the simpler one); `None` when `among` is empty.
pub fn cheapest(costs: &[OutcomeCost; 4], months: f64, among: &[Outcome]) -> Option<Outcome> {
    SIMPLEST_FIRST
        .into_iter()
        .filter(|o| among.contains(o))
        .fold(None, |best: Option<Outcome>, o| match best {
            Some(b)
                if costs[b as usize].cumulative(months) <= costs[o as usize].cumulative(months) =>
            {
                Some(b)
            }
            _ => Some(o),
        })
}

/// What each outcome would cost, over `months` months.
///
/// `alternatives` are the outcomes without fine-tuning that fine-tune is
/// compared with (those no gate excludes); when empty, both `rag` and
/// `prompt-only` are.
pub fn estimate(book: &PriceBook, x: &Inputs, months: u32, alternatives: &[Outcome]) -> Estimate {
    let costs = costs(book, x);
    let h = f64::from(months);
    let request_tokens = request_tokens(book, x);
    let window = book.tiers[x.tier].context_window;
    let fits = request_tokens.map(|t| t <= window);
    // What fits, when something does: a request that cannot be sent is no option.
    let feasible = |list: &[Outcome]| -> Vec<Outcome> {
        let fitting: Vec<Outcome> = list.iter().copied().filter(|&o| fits[o as usize]).collect();
        if fitting.is_empty() {
            list.to_vec()
        } else {
            fitting
        }
    };
    let all = [Outcome::Rag, Outcome::PromptOnly];
    let among: Vec<Outcome> = all
        .into_iter()
        .filter(|o| alternatives.is_empty() || alternatives.contains(o))
        .collect();
    let against = cheapest(&costs, h, &feasible(&among)).unwrap_or(Outcome::PromptOnly);
    Estimate {
        months,
        requests_per_month: x.daily_requests * book.days_per_month,
        request_tokens,
        fits,
        cheapest: cheapest(&costs, h, &feasible(&Outcome::ALL)).unwrap_or(Outcome::PromptOnly),
        break_even: break_even(
            &costs[Outcome::FineTune as usize],
            &costs[against as usize],
            against,
            x.daily_requests,
            book.days_per_month,
        ),
        costs,
    }
}

/// Per outcome, the tokens of one request and its response: the prompt
/// (a tuned model's share of it), the retrieved context with retrieval, the
/// whole corpus for prompt-only, and the output.
pub fn request_tokens(book: &PriceBook, x: &Inputs) -> [f64; 4] {
    let tuned = book.assumptions.tuned_prompt_share.value * x.prompt_tokens;
    let corpus = x.knowledge_size_docs * x.tokens_per_document;
    [
        x.prompt_tokens + x.context_tokens,
        tuned,
        tuned + x.context_tokens,
        x.prompt_tokens + corpus,
    ]
    .map(|t| t + x.output_tokens)
}

/// Tokens at a per-1M price, in USD.
fn usd(tokens: f64, usd_per_1m: f64) -> f64 {
    tokens * usd_per_1m / 1e6
}

/// Every outcome's cost, part by part, in [`Outcome::ALL`] order.
pub fn costs(book: &PriceBook, x: &Inputs) -> [OutcomeCost; 4] {
    let tier = &book.tiers[x.tier];
    let ft = &tier.fine_tune;
    let e = book.embedding.usd_per_1m;
    let vs = &book.vector_store;
    let a = &book.assumptions;
    let requests = x.daily_requests * book.days_per_month;
    let corpus = x.knowledge_size_docs * x.tokens_per_document;
    // A tuned model keeps only a share of the prompt (instructions and
    // worked examples move into the weights).
    let tuned_prompt = a.tuned_prompt_share.value * x.prompt_tokens;
    // Retrieval embeds each query (counted as the whole prompt: an upper
    // bound) and queries the store once.
    let retrieval = usd(x.prompt_tokens, e) + vs.usd_per_1m_queries / 1e6;
    let training = usd(
        x.labeled_examples * x.tokens_per_example * a.epochs.value,
        ft.training_usd_per_1m,
    );
    let indexing = usd(corpus, e);
    let floor = a.retrains_at_least_per_month.value;
    let hosting = ft.hosting_usd_per_hour * 24.0 * book.days_per_month;
    let with_usage = |c: OutcomeCost| OutcomeCost {
        usage: requests * c.per_request,
        ..c
    };
    let rag = OutcomeCost {
        per_request: usd(x.prompt_tokens + x.context_tokens, tier.input_usd_per_1m)
            + usd(x.output_tokens, tier.output_usd_per_1m)
            + retrieval,
        indexing,
        vector_store: vs.monthly_usd,
        reindexing: x.changes_per_month * indexing,
        ..OutcomeCost::default()
    };
    // Knowledge in the weights must be retrained as often as it changes.
    let fine_tune = OutcomeCost {
        per_request: usd(tuned_prompt, ft.input_usd_per_1m)
            + usd(x.output_tokens, ft.output_usd_per_1m),
        training,
        retraining: x.changes_per_month.max(floor) * training,
        hosting,
        ..OutcomeCost::default()
    };
    // Hybrid keeps the knowledge in the index: its model is retrained only
    // for behaviour, at the floor.
    let hybrid = OutcomeCost {
        per_request: usd(tuned_prompt + x.context_tokens, ft.input_usd_per_1m)
            + usd(x.output_tokens, ft.output_usd_per_1m)
            + retrieval,
        training,
        indexing,
        vector_store: vs.monthly_usd,
        reindexing: x.changes_per_month * indexing,
        retraining: floor * training,
        hosting,
        ..OutcomeCost::default()
    };
    // Without retrieval or tuning, the knowledge the component needs rides
    // in every prompt.
    let prompt_only = OutcomeCost {
        per_request: usd(x.prompt_tokens + corpus, tier.input_usd_per_1m)
            + usd(x.output_tokens, tier.output_usd_per_1m),
        ..OutcomeCost::default()
    };
    [rag, fine_tune, hybrid, prompt_only].map(with_usage)
}

#[cfg(test)]
mod tests;
