//! The raw shape of a price book, as serde reads it: unknown keys and wrong
//! types stop here; meaning is checked by the validator.

use std::collections::HashMap;

use serde::Deserialize;

use crate::yaml::Spanned;

pub(super) type S = Spanned<String>;
pub(super) type N = Spanned<f64>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBook {
    pub(super) version: Spanned<u32>,
    pub(super) days_per_month: N,
    pub(super) tiers: Spanned<Vec<RawTier>>,
    pub(super) embedding: RawEmbedding,
    pub(super) vector_store: RawVectorStore,
    pub(super) changes_per_month: Spanned<HashMap<S, N>>,
    pub(super) assumptions: RawAssumptions,
    pub(super) defaults: Spanned<Vec<RawDefault>>,
    pub(super) factors: Spanned<Vec<RawFactor>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTier {
    pub(super) id: S,
    pub(super) name: String,
    pub(super) input_usd_per_1m: N,
    pub(super) output_usd_per_1m: N,
    pub(super) context_window: N,
    pub(super) source: S,
    pub(super) as_of: S,
    pub(super) note: Option<String>,
    pub(super) fine_tune: RawFineTune,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFineTune {
    pub(super) method: String,
    pub(super) training_usd_per_1m: N,
    pub(super) input_usd_per_1m: N,
    pub(super) output_usd_per_1m: N,
    pub(super) hosting_usd_per_hour: Option<N>,
    pub(super) source: S,
    pub(super) as_of: S,
    pub(super) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEmbedding {
    pub(super) id: S,
    pub(super) name: String,
    pub(super) usd_per_1m: N,
    pub(super) source: S,
    pub(super) as_of: S,
    pub(super) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVectorStore {
    pub(super) id: S,
    pub(super) name: String,
    pub(super) monthly_usd: N,
    pub(super) usd_per_1m_queries: N,
    pub(super) source: S,
    pub(super) as_of: S,
    pub(super) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAssumed {
    pub(super) value: N,
    pub(super) why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAssumptions {
    pub(super) epochs: RawAssumed,
    pub(super) tuned_prompt_share: RawAssumed,
    pub(super) retrains_at_least_per_month: RawAssumed,
}

/// What each raw type is called in a price book, for errors in the file's
/// words (see [`crate::yaml::from_node`]).
pub(super) const NAMES: &[(&str, &str)] = &[
    ("RawBook", "a price book (a mapping with version, tiers, embedding, vector_store, …)"),
    ("RawTier", "a model tier (a mapping with `id`, `name`, prices, `source`, `as_of`, `fine_tune`)"),
    ("RawFineTune", "fine-tuning prices (a mapping with `method`, prices, `source`, `as_of`)"),
    ("RawEmbedding", "an embedding model (a mapping with `id`, `name`, price, `source`, `as_of`)"),
    ("RawVectorStore", "a vector store (a mapping with `id`, `name`, `monthly_usd`, `source`, `as_of`)"),
    ("RawAssumed", "an assumption (a mapping with `value` and `why`)"),
    ("RawAssumptions", "the assumptions (a mapping with `epochs`, `tuned_prompt_share`, `retrains_at_least_per_month`)"),
    ("RawDefault", "a default (a mapping with `factor`, `value`, `why`)"),
    ("RawFactor", "a cost factor (a mapping with `id`, `question`, `help`, `default`, `why`)"),
];

/// The default of one of the rule base's factors the cost model reads.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDefault {
    pub(super) factor: S,
    pub(super) value: S,
    pub(super) why: String,
}

/// A cost factor: its question and its default.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFactor {
    pub(super) id: S,
    pub(super) question: String,
    pub(super) help: String,
    pub(super) unit: Option<String>,
    pub(super) default: S,
    pub(super) why: String,
}
