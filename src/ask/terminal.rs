//! The real terminal: [`Prompter`] over `inquire` (choices and yes/no; the
//! only module that uses it) and [`super::input`] (text).

use inquire::error::InquireError;
use inquire::ui::RenderConfig;
use inquire::{Confirm, Select};

use crate::error::Error;
use crate::output;

use super::{ConfirmPrompt, Prompter, SelectPrompt, TextPrompt};

/// Lists longer than this scroll; short enough for a 24-line terminal.
const PAGE_SIZE: usize = 10;

/// Prompts on the terminal (inquire draws on stderr); shown text goes to stdout.
pub struct TerminalPrompter {
    color: bool,
}

impl TerminalPrompter {
    /// A prompter; `color` false renders prompts without styling (`NO_COLOR`).
    pub fn new(color: bool) -> Self {
        TerminalPrompter { color }
    }

    fn config(&self) -> RenderConfig<'static> {
        if self.color {
            RenderConfig::default_colored()
        } else {
            RenderConfig::empty()
        }
    }
}

/// Esc and Ctrl-C both cancel the whole run; anything else is a terminal failure.
fn map_err(e: InquireError) -> Error {
    match e {
        InquireError::OperationCanceled | InquireError::OperationInterrupted => Error::Cancelled,
        InquireError::NotTTY => Error::Usage(
            "`ragfit ask` needs a terminal; use `ragfit init` and `ragfit score FILE` instead"
                .into(),
        ),
        other => Error::Usage(format!("terminal error: {other}")),
    }
}

impl Prompter for TerminalPrompter {
    fn text(&mut self, p: &TextPrompt<'_>) -> Result<String, Error> {
        // Not inquire's Text: its input writes Ctrl-U as `u` (see super::line).
        let help = p.help.as_deref().map(|h| wrap_help(h, self.width()));
        super::input::ask(p, help.as_deref(), self.color)
    }

    fn select(&mut self, p: &SelectPrompt) -> Result<usize, Error> {
        // Select returns the chosen option; index them so equal labels stay distinct.
        let options: Vec<Indexed> = p
            .options
            .iter()
            .enumerate()
            .map(|(i, label)| Indexed(i, label.clone()))
            .collect();
        let start = p.start.min(options.len().saturating_sub(1));
        let mut s = Select::new(&p.message, options)
            .with_render_config(self.config())
            .with_page_size(PAGE_SIZE)
            .with_starting_cursor(start);
        let help = p.help.as_deref().map(|h| wrap_help(h, self.width()));
        if let Some(h) = &help {
            s = s.with_help_message(h);
        }
        s.prompt().map(|o| o.0).map_err(map_err)
    }

    fn confirm(&mut self, p: &ConfirmPrompt) -> Result<bool, Error> {
        let mut c = Confirm::new(&p.message)
            .with_render_config(self.config())
            .with_default(p.default);
        let help = p.help.as_deref().map(|h| wrap_help(h, self.width()));
        if let Some(h) = &help {
            c = c.with_help_message(h);
        }
        c.prompt().map_err(map_err)
    }

    fn show(&mut self, text: &str) {
        // A closed stdout is not worth failing the questionnaire over.
        let _ = output::stdout(text);
    }

    fn width(&self) -> Option<u16> {
        // Asked anew each time, so a resized terminal is honoured.
        output::terminal_width()
    }
}

/// Help text broken on word boundaries to fit `width` columns with the
/// brackets inquire draws around it. inquire does not wrap help; left to the
/// terminal, a long help line breaks in the middle of words.
pub fn wrap_help(help: &str, width: Option<u16>) -> String {
    let Some(width) = width else {
        return help.to_string();
    };
    // `[` and `]` take a column each; below 20 columns nothing reads well anyway.
    let cols = usize::from(width).saturating_sub(2).max(18);
    // A word longer than a line (a URL) stays whole rather than being cut.
    let options = textwrap::Options::new(cols).break_words(false);
    textwrap::wrap(help, options).join("\n")
}

/// An option label with its index.
struct Indexed(usize, String);

impl std::fmt::Display for Indexed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}
