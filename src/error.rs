//! Errors that end a command, and the exit code each maps to.

use crate::diag::Diagnostic;

/// Exit codes, documented in one place (README "Exit codes" mirrors this).
pub mod exit {
    /// Success; for `check`, no finding at or above `--fail-on`.
    pub const OK: i32 = 0;
    /// `check` found findings at or above `--fail-on`.
    pub const FINDINGS: i32 = 1;
    /// Usage error or invalid input: bad YAML, bad rule base, unreadable path.
    pub const INVALID: i32 = 2;
    /// Interrupted (Ctrl-C, or Esc in `ask`). 128 + SIGINT, as shells report it.
    pub const INTERRUPTED: i32 = 130;
}

/// A failure that stops a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The rule base is invalid; every problem found is listed.
    #[error("the rule base is invalid ({} problem{})", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    RuleBase(Vec<Diagnostic>),
    /// The price book is invalid; every problem found is listed.
    #[error("the price book is invalid ({} problem{})", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    PriceBook(Vec<Diagnostic>),
    /// Input files are invalid or unreadable.
    #[error("invalid input ({} problem{})", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Input(Vec<Diagnostic>),
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Cancelled => exit::INTERRUPTED,
            _ => exit::INVALID,
        }
    }

    /// The positioned problems behind this error, if any.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::RuleBase(d) | Error::PriceBook(d) | Error::Input(d) => d,
            _ => &[],
        }
    }
}
