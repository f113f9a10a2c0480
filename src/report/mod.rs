//! Renderers: one folder per command's report (`score/`, `check/`,
//! `explain/`, `rulebase/`), the workload JSON Schema, and the styles and
//! markup they share (`style/`). Renderers read results; they never compute them.

pub mod check;
pub mod explain;
pub mod rulebase;
pub mod schema;
pub mod score;
pub mod style;
