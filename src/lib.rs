//! ragfit: recommends, per component of an LLM system, RAG, fine-tuning,
//! both (hybrid) or neither yet (prompt-only) — and says why.
//!
//! Layers, from the inside out:
//! - [`rules`]: the rule base model and its YAML loader/validator;
//! - [`engine`]: the pure scoring engine (no I/O);
//! - [`prices`]: the price book and its loader/validator;
//! - [`cost`]: the pure cost model (no I/O): figures per outcome, break-even;
//! - [`workload`]: workload files, strictly validated;
//! - [`pipeline`]: paths to assessed workloads, in parallel, in path order;
//! - [`result`]: the serializable results every renderer reads;
//! - [`check`]: the CI review of declared architectures (pure);
//! - [`cases`]: rule-base test cases and their verdicts (pure);
//! - [`diff`]: what a rule-base change does to a component (pure);
//! - [`flips`]: what a change to workload files does to the recommendations (pure);
//! - [`report`]: one renderer per command and format;
//! - [`app`]: the commands;
//! - [`root`]: the project root SARIF URIs and fingerprints are relative to;
//! - [`output`]: where bytes go (stdout, atomically written files, stderr);
//! - [`printable`]: input text escaped so it cannot drive a terminal or a CI log;
//! - [`config`]: the configuration file `.ragfit.yaml`;
//! - [`cli`]: the command-line definition.

#![forbid(unsafe_code)]

pub mod app;
pub mod ask;
pub mod cases;
pub mod check;
pub mod cli;
pub mod config;
pub mod cost;
pub mod destination;
pub mod diag;
pub mod diff;
pub mod engine;
pub mod error;
pub mod flips;
pub mod input;
pub mod interrupt;
pub mod output;
pub mod overrides;
pub mod pipeline;
pub mod prices;
pub mod printable;
pub mod progress;
pub mod report;
pub mod result;
pub mod root;
pub mod rules;
pub mod workload;
pub mod yaml;
