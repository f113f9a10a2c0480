//! ragfit: recommends, per component of an LLM system, RAG, fine-tuning,
//! both (hybrid) or neither yet (prompt-only) — and says why.
//!
//! Layers, from the inside out:
//! - [`rules`]: the rule base model and its YAML loader/validator;
//! - [`engine`]: the pure scoring engine (no I/O);
//! - [`workload`]: workload files, strictly validated;
//! - [`check`]: the CI review of declared architectures (pure);
//! - [`report`]: serializable results and one renderer per format;
//! - [`app`]: the commands, which read files and print;
//! - [`cli`]: the command-line definition.

pub mod app;
pub mod ask;
pub mod check;
pub mod cli;
pub mod diag;
pub mod engine;
pub mod error;
pub mod input;
pub mod overrides;
pub mod report;
pub mod rules;
pub mod workload;
pub mod yaml;
