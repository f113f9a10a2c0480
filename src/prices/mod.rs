//! The price book: what each option costs — model tiers with their
//! fine-tuning prices, an embedding model, a vector store — and the
//! assumptions and default answers of the cost model ([`crate::cost`]).
//!
//! Like the rule base, it is YAML (`rules/prices.yaml`, embedded;
//! `--prices FILE` or `RAGFIT_PRICES` replaces it), read in two steps: serde
//! reads the raw shape, then a validator checks the meaning and collects every
//! problem with its line and column. Loading also adds the price book's cost
//! factors (`prompt_tokens`, …, `model_tier`) to the rule base, as optional
//! factors no rule reads: workload files, `--set`, `ask` and the JSON Schema
//! then accept them exactly as they accept the rule base's own.

mod inputs;
mod raw;
mod validate;

use std::path::Path;

use serde::Serialize;

use crate::error::Error;
use crate::rules::RuleBase;

/// The default price book, embedded so that the binary works with no files around it.
pub const DEFAULT_PRICES: &str = include_str!("../../rules/prices.yaml");

/// The origin name of the embedded price book in messages.
const DEFAULT_ORIGIN: &str = "<embedded rules/prices.yaml>";

/// Load the embedded price book against a rule base, adding its cost factors to it.
pub fn load_default(rb: &mut RuleBase) -> Result<PriceBook, Error> {
    load_str(DEFAULT_PRICES, DEFAULT_ORIGIN, rb)
}

/// Load a price book file against a rule base, adding its cost factors to it.
pub fn load_file(path: &Path, rb: &mut RuleBase) -> Result<PriceBook, Error> {
    let origin = path.display().to_string();
    let text = crate::input::read_text(path, &origin).map_err(|d| Error::PriceBook(vec![d]))?;
    load_str(&text, &origin, rb)
}

/// Load a price book from YAML text against a rule base (`origin` names it in
/// messages), adding its cost factors to the rule base. On error the rule
/// base is left as it was.
pub fn load_str(text: &str, origin: &str, rb: &mut RuleBase) -> Result<PriceBook, Error> {
    validate::load(text, origin, rb)
}

/// What the cost model reads from a component's answers, in a fixed order:
/// four factors of the rule base, then the price book's six cost factors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// Requests a day (rule base).
    DailyRequests,
    /// Curated training examples (rule base).
    LabeledExamples,
    /// Documents the component must know (rule base).
    KnowledgeSizeDocs,
    /// How often that knowledge changes (rule base).
    KnowledgeVolatility,
    /// Prompt tokens a request sends, before retrieved context.
    PromptTokens,
    /// Tokens a response has.
    OutputTokens,
    /// Retrieved-context tokens a request carries with retrieval.
    ContextTokens,
    /// Tokens of one training example.
    TokensPerExample,
    /// Tokens of one knowledge document.
    TokensPerDocument,
    /// The model tier the component runs.
    ModelTier,
}

impl Input {
    /// Every input, in order.
    pub const ALL: [Input; 10] = [
        Input::DailyRequests,
        Input::LabeledExamples,
        Input::KnowledgeSizeDocs,
        Input::KnowledgeVolatility,
        Input::PromptTokens,
        Input::OutputTokens,
        Input::ContextTokens,
        Input::TokensPerExample,
        Input::TokensPerDocument,
        Input::ModelTier,
    ];

    /// The factor id the input is answered under.
    pub fn id(self) -> &'static str {
        match self {
            Input::DailyRequests => "daily_requests",
            Input::LabeledExamples => "labeled_examples",
            Input::KnowledgeSizeDocs => "knowledge_size_docs",
            Input::KnowledgeVolatility => "knowledge_volatility",
            Input::PromptTokens => "prompt_tokens",
            Input::OutputTokens => "output_tokens",
            Input::ContextTokens => "context_tokens",
            Input::TokensPerExample => "tokens_per_example",
            Input::TokensPerDocument => "tokens_per_document",
            Input::ModelTier => "model_tier",
        }
    }

    /// Whether the price book defines the factor (else the rule base does).
    pub fn is_cost_factor(self) -> bool {
        self >= Input::PromptTokens
    }

    /// The input answered under a factor id.
    pub fn from_id(id: &str) -> Option<Input> {
        Input::ALL.into_iter().find(|i| i.id() == id)
    }
}

/// Where a price was read and when it was current.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Provenance {
    /// The page the price was read from.
    pub source: String,
    /// The date the price was current (YYYY-MM-DD).
    #[serde(serialize_with = "date_text")]
    pub as_of: jiff::civil::Date,
    /// How sure that date is, or what else to know about the price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A model tier: base prices, and the prices of a tuned model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tier {
    /// The id a component names in `model_tier`.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// Base model input, USD per 1M tokens.
    pub input_usd_per_1m: f64,
    /// Base model output, USD per 1M tokens.
    pub output_usd_per_1m: f64,
    /// Most tokens a request and its response may take together.
    pub context_window: f64,
    /// Where the base prices come from.
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Fine-tuning and the tuned model.
    pub fine_tune: FineTune,
}

/// What fine-tuning a tier costs, and what its tuned model costs to run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FineTune {
    /// How the tier is tuned and served.
    pub method: String,
    /// Training, USD per 1M training tokens (examples × tokens × epochs).
    pub training_usd_per_1m: f64,
    /// Tuned model input, USD per 1M tokens.
    pub input_usd_per_1m: f64,
    /// Tuned model output, USD per 1M tokens.
    pub output_usd_per_1m: f64,
    /// A dedicated deployment of the tuned model, USD per hour (0: none needed).
    pub hosting_usd_per_hour: f64,
    /// Where the prices come from.
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// The embedding model `rag` and `hybrid` use.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Embedding {
    /// Id, for listings.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// USD per 1M embedded tokens.
    pub usd_per_1m: f64,
    /// Where the price comes from.
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// The vector store `rag` and `hybrid` use.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VectorStore {
    /// Id, for listings.
    pub id: String,
    /// Readable name.
    pub name: String,
    /// Fixed cost a month (a plan's fee or minimum).
    pub monthly_usd: f64,
    /// USD per 1M queries.
    pub usd_per_1m_queries: f64,
    /// Where the prices come from.
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// A number the model assumes, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assumed {
    /// The value.
    pub value: f64,
    /// Why this value.
    pub why: String,
}

/// The cost model's fixed assumptions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assumptions {
    /// Passes over the training set per training run.
    pub epochs: Assumed,
    /// Share of the prompt a tuned model still needs.
    pub tuned_prompt_share: Assumed,
    /// Fewest retrainings a month of any tuned model.
    pub retrains_at_least_per_month: Assumed,
}

/// The value an input takes when a component leaves it out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputDefault {
    /// The input.
    pub input: Input,
    /// The value, as a component would write it (`1000`, `quarterly`, `gpt-4o-mini`).
    pub value: String,
    /// Why this value is typical.
    pub why: String,
}

/// A cost factor's question, as `ask` puts it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostQuestion {
    /// The input it answers.
    pub input: Input,
    /// The question.
    pub question: String,
    /// Help shown under it.
    pub help: String,
    /// Unit of the number, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A validated price book, bound to the rule base it was loaded against.
#[derive(Clone, Debug)]
pub struct PriceBook {
    /// Where it came from, for messages and listings.
    pub origin: String,
    /// Days in a month (monthly = daily × this; hosting runs 24 h a day).
    pub days_per_month: f64,
    /// Model tiers, in file order.
    pub tiers: Vec<Tier>,
    /// The embedding model.
    pub embedding: Embedding,
    /// The vector store.
    pub vector_store: VectorStore,
    /// Changes a month per `knowledge_volatility` value, in file order.
    pub changes_per_month: Vec<(String, f64)>,
    /// Fixed assumptions.
    pub assumptions: Assumptions,
    /// The value of every input a component leaves out, in [`Input::ALL`] order.
    pub defaults: Vec<InputDefault>,
    /// The cost factors' questions, in [`Input::ALL`] order.
    pub questions: Vec<CostQuestion>,
    /// Where each input is answered: its factor's index in the rule base
    /// (`None` when the rule base has no such factor), in [`Input::ALL`] order.
    pub factor_of: Vec<Option<usize>>,
    /// The rule base's `knowledge_volatility` values, in its order (an
    /// answer is an index into them); empty when it has no such choice.
    pub volatility_ids: Vec<String>,
}

impl PriceBook {
    /// The tier with this id.
    pub fn tier_index(&self, id: &str) -> Option<usize> {
        self.tiers.iter().position(|t| t.id == id)
    }

    /// The changes a month for a `knowledge_volatility` value.
    pub fn changes(&self, volatility: &str) -> Option<f64> {
        self.changes_per_month
            .iter()
            .find(|(id, _)| id == volatility)
            .map(|(_, n)| *n)
    }

    /// The default of an input.
    pub fn default_of(&self, input: Input) -> &InputDefault {
        &self.defaults[input as usize]
    }

    /// The oldest as-of date of any price: what a report prints as "prices as of".
    pub fn oldest_as_of(&self) -> jiff::civil::Date {
        self.provenances()
            .map(|p| p.as_of)
            .min()
            .unwrap_or(self.embedding.provenance.as_of)
    }

    /// Every price's provenance.
    pub fn provenances(&self) -> impl Iterator<Item = &Provenance> {
        self.tiers
            .iter()
            .flat_map(|t| [&t.provenance, &t.fine_tune.provenance])
            .chain([&self.embedding.provenance, &self.vector_store.provenance])
    }
}

/// A date as `YYYY-MM-DD` (jiff's serde support is not compiled in).
fn date_text<S: serde::Serializer>(d: &jiff::civil::Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}
