//! The interactive questionnaire behind `ragfit ask`.
//!
//! The flow ([`flow`], [`review`]) only talks to a [`Prompter`]: a handful of
//! question kinds, each returning an answer or [`Error::Cancelled`]. The real
//! terminal implementation ([`terminal`]) is the only code that uses `inquire`;
//! tests drive the same flow with a scripted prompter. Every factor question,
//! its help, choices, unit and range come from the rule base, so a factor added
//! in YAML becomes a question with no code change. [`writer`] turns the result
//! into a workload file that `score`, `check` and `explain` accept unchanged.

pub mod flow;
pub mod input;
pub mod line;
pub mod review;
mod show;
pub mod terminal;
pub mod writer;

#[cfg(test)]
mod tests;

use crate::error::Error;

pub use flow::{run, Start};
pub use review::{destination, Existing};

/// Checks a typed answer; `Err` carries the message shown under the prompt.
pub type Validator<'a> = &'a dyn Fn(&str) -> Result<(), String>;

/// A free-text question.
pub struct TextPrompt<'a> {
    /// The question.
    pub message: String,
    /// Help shown under the question.
    pub help: Option<String>,
    /// Text already in the input (a previous answer); editable.
    pub initial: Option<String>,
    /// The answer when the input is left empty (shown beside the question).
    pub default: Option<String>,
    /// Grey example text shown while the input is empty. It is not an
    /// answer, so it reads as one (`e.g. acme-support`), never as a default.
    pub placeholder: Option<String>,
    /// Rejects invalid answers; the prompter asks again until this passes.
    pub validate: Option<Validator<'a>>,
}

/// Pick one of a list.
pub struct SelectPrompt {
    /// The question.
    pub message: String,
    /// Help shown under the list.
    pub help: Option<String>,
    /// Readable option labels.
    pub options: Vec<String>,
    /// Index the cursor starts on (the current answer).
    pub start: usize,
}

/// A yes/no question.
pub struct ConfirmPrompt {
    /// The question.
    pub message: String,
    /// Help shown under the question.
    pub help: Option<String>,
    /// The answer when the user just presses Enter.
    pub default: bool,
}

/// What the questionnaire needs from a terminal (or a test script).
///
/// Each question returns the answer, or [`Error::Cancelled`] when the user
/// pressed Esc or Ctrl-C. `text` must only return answers its validator accepts.
pub trait Prompter {
    /// Ask for text.
    fn text(&mut self, prompt: &TextPrompt<'_>) -> Result<String, Error>;
    /// Ask to pick one option; returns its index.
    fn select(&mut self, prompt: &SelectPrompt) -> Result<usize, Error>;
    /// Ask yes or no.
    fn confirm(&mut self, prompt: &ConfirmPrompt) -> Result<bool, Error>;
    /// Show text between questions (recommendation tables, notices).
    fn show(&mut self, text: &str);
    /// The terminal's width now, to fit tables; `None` leaves them unwrapped.
    fn width(&self) -> Option<u16> {
        None
    }
}
