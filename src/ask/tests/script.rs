//! A scripted [`Prompter`]: replies in order, as a person would type them,
//! recording every question asked, validation message and shown text.

use std::collections::VecDeque;

use crate::ask::{ConfirmPrompt, Prompter, SelectPrompt, TextPrompt};
use crate::error::Error;

use Reply::*;

/// One scripted keystroke-level answer.
#[derive(Clone, Debug)]
pub(super) enum Reply {
    /// Type this text (replacing any initial value).
    Type(&'static str),
    /// Press Enter: keep the initial value / cursor / default.
    Enter,
    /// Select the first option whose label starts with this.
    Pick(&'static str),
    Yes,
    No,
    /// Esc (or Ctrl-C): cancel.
    Esc,
}

/// What a question looked like when it was asked.
#[derive(Clone, Debug)]
pub(super) struct Asked {
    pub(super) message: String,
    pub(super) help: Option<String>,
    pub(super) initial: Option<String>,
    pub(super) default: Option<String>,
    pub(super) placeholder: Option<String>,
    pub(super) options: Vec<String>,
    pub(super) start: usize,
}

#[derive(Default)]
pub(super) struct Script {
    pub(super) replies: VecDeque<Reply>,
    pub(super) asked: Vec<Asked>,
    /// Validation messages shown, in order (each one means a re-ask).
    pub(super) errors: Vec<String>,
    pub(super) shown: String,
}

impl Script {
    pub(super) fn new(replies: Vec<Reply>) -> Self {
        Script {
            replies: replies.into(),
            ..Script::default()
        }
    }

    fn next(&mut self, message: &str) -> Reply {
        self.replies
            .pop_front()
            .unwrap_or_else(|| panic!("script ran out of replies at: {message}"))
    }

    pub(super) fn asked(&self, starts_with: &str) -> Vec<&Asked> {
        self.asked
            .iter()
            .filter(|a| a.message.starts_with(starts_with))
            .collect()
    }
}

impl Prompter for Script {
    fn text(&mut self, p: &TextPrompt<'_>) -> Result<String, Error> {
        loop {
            self.asked.push(Asked {
                message: p.message.clone(),
                help: p.help.clone(),
                initial: p.initial.clone(),
                default: p.default.clone(),
                placeholder: p.placeholder.clone(),
                options: Vec::new(),
                start: 0,
            });
            let answer = match self.next(&p.message) {
                Type(s) => s.to_string(),
                // inquire: Enter submits the input; an empty input gives the default.
                Enter => p
                    .initial
                    .clone()
                    .or_else(|| p.default.clone())
                    .unwrap_or_default(),
                Esc => return Err(Error::Cancelled),
                other => panic!("{other:?} is not a text reply (at: {})", p.message),
            };
            match p.validate.map_or(Ok(()), |v| v(&answer)) {
                Ok(()) => return Ok(answer),
                Err(e) => self.errors.push(e),
            }
        }
    }

    fn select(&mut self, p: &SelectPrompt) -> Result<usize, Error> {
        self.asked.push(Asked {
            message: p.message.clone(),
            help: p.help.clone(),
            initial: None,
            default: None,
            placeholder: None,
            options: p.options.clone(),
            start: p.start,
        });
        match self.next(&p.message) {
            Pick(prefix) => Ok(p
                .options
                .iter()
                .position(|o| o.starts_with(prefix))
                .unwrap_or_else(|| {
                    panic!("no option `{prefix}` at {}: {:?}", p.message, p.options)
                })),
            Enter => Ok(p.start),
            Esc => Err(Error::Cancelled),
            other => panic!("{other:?} is not a select reply (at: {})", p.message),
        }
    }

    fn confirm(&mut self, p: &ConfirmPrompt) -> Result<bool, Error> {
        self.asked.push(Asked {
            message: p.message.clone(),
            help: p.help.clone(),
            initial: None,
            default: None,
            placeholder: None,
            options: Vec::new(),
            start: 0,
        });
        match self.next(&p.message) {
            Yes => Ok(true),
            No => Ok(false),
            Enter => Ok(p.default),
            Esc => Err(Error::Cancelled),
            other => panic!("{other:?} is not a confirm reply (at: {})", p.message),
        }
    }

    fn show(&mut self, text: &str) {
        self.shown.push_str(text);
    }
}
