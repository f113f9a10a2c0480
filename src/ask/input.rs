//! The text prompt on a real terminal, drawn like inquire's (`? question
//! (default) answer`, help in brackets under it, `# problem` above it when
//! the answer is refused, `> question answer` once answered) but edited with
//! [`super::line`], so that Ctrl-U, Ctrl-K and Ctrl-W edit instead of typing
//! a letter. Drawn on stderr in raw mode, as inquire draws its prompts.

use std::io::Write;

use crossterm::cursor::{MoveToColumn, MoveUp};
use crossterm::event::{self, Event, KeyEventKind};
use crossterm::style::{Color, Print, ResetColor, SetForegroundColor};
use crossterm::terminal::{self, Clear, ClearType};
use crossterm::{queue, QueueableCommand};

use super::line::{command, Command, Line};
use super::TextPrompt;
use crate::error::Error;

/// Raw mode for as long as the prompt runs, restored however it ends.
struct Raw;

impl Raw {
    fn on() -> std::io::Result<Raw> {
        terminal::enable_raw_mode()?;
        Ok(Raw)
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// What the prompt shows at one moment.
struct Frame<'a> {
    prompt: &'a TextPrompt<'a>,
    help: Option<&'a str>,
    error: Option<&'a str>,
    color: bool,
}

/// A piece of text in a colour (when colour is on).
fn paint(out: &mut impl Write, text: &str, color: Option<Color>) -> std::io::Result<()> {
    match color {
        Some(c) => queue!(out, SetForegroundColor(c), Print(text), ResetColor),
        None => queue!(out, Print(text)),
    }
}

/// Terminal rows a line of `width` columns takes in `cols` columns.
fn rows(width: usize, cols: usize) -> usize {
    width.div_ceil(cols).max(1)
}

fn width(s: &str) -> usize {
    textwrap::core::display_width(s)
}

/// Ask for text until the validator accepts it; Esc and Ctrl-C cancel.
pub fn ask(p: &TextPrompt<'_>, help: Option<&str>, color: bool) -> Result<String, Error> {
    let failed = |e: std::io::Error| Error::Usage(format!("terminal error: {e}"));
    let raw = Raw::on().map_err(failed)?;
    let mut line = Line::new(p.initial.as_deref().unwrap_or(""));
    let mut error: Option<String> = None;
    let mut drawn = Drawn::default();
    let mut err = std::io::stderr();
    loop {
        let frame = Frame {
            prompt: p,
            help,
            error: error.as_deref(),
            color,
        };
        drawn = draw(&mut err, &frame, &line, drawn).map_err(failed)?;
        let key = match event::read().map_err(failed)? {
            Event::Key(k) if k.kind != KeyEventKind::Release => k,
            _ => continue,
        };
        match command(&key) {
            Command::Edit(e) => line.apply(e),
            Command::Ignore => {}
            Command::Submit => {
                let typed = line.text();
                let answer = match (&p.default, typed.is_empty()) {
                    (Some(d), true) => d.clone(),
                    _ => typed,
                };
                match p.validate.map_or(Ok(()), |v| v(&answer)) {
                    Ok(()) => {
                        finish(&mut err, &p.message, &answer, color, drawn).map_err(failed)?;
                        drop(raw);
                        return Ok(answer);
                    }
                    Err(msg) => error = Some(msg),
                }
            }
            Command::Cancel => {
                finish(&mut err, &p.message, "<canceled>", color, drawn).map_err(failed)?;
                return Err(Error::Cancelled);
            }
            Command::Interrupt => {
                finish(&mut err, &p.message, "", color, drawn).map_err(failed)?;
                return Err(Error::Cancelled);
            }
        }
    }
}

/// Where the last frame left the cursor: rows from the frame's first row.
#[derive(Clone, Copy, Default)]
struct Drawn {
    cursor_row: usize,
}

/// Go back to the first row of what was drawn and clear it.
fn rewind(out: &mut impl Write, drawn: Drawn) -> std::io::Result<()> {
    out.queue(MoveToColumn(0))?;
    if drawn.cursor_row > 0 {
        out.queue(MoveUp(u16::try_from(drawn.cursor_row).unwrap_or(u16::MAX)))?;
    }
    out.queue(Clear(ClearType::FromCursorDown))?;
    Ok(())
}

fn draw(out: &mut impl Write, f: &Frame<'_>, line: &Line, drawn: Drawn) -> std::io::Result<Drawn> {
    let cols = usize::from(terminal::size().map_or(80, |(c, _)| c.max(1)));
    let on = |c: Color| f.color.then_some(c);
    rewind(out, drawn)?;
    let mut row = 0;
    if let Some(e) = f.error {
        let text = format!("# {e}");
        paint(out, &text, on(Color::Red))?;
        queue!(out, Print("\r\n"))?;
        row += rows(width(&text), cols);
    }
    // The question line: `? message (default) ` then the input or the placeholder.
    let mut head = format!("? {} ", f.prompt.message);
    paint(out, "?", on(Color::Green))?;
    queue!(out, Print(&head[1..]))?;
    if let Some(d) = &f.prompt.default {
        let shown = format!("({d}) ");
        paint(out, &shown, on(Color::DarkGrey))?;
        head.push_str(&shown);
    }
    let typed = line.text();
    let shown = match (&f.prompt.placeholder, typed.is_empty()) {
        (Some(ph), true) => {
            paint(out, ph, on(Color::DarkGrey))?;
            ph.clone()
        }
        _ => {
            // Typed control characters are shown escaped (`\u{1b}`), never
            // sent to the terminal raw; the answer itself keeps them, so the
            // prompt's check can refuse it and say which one.
            let typed = crate::printable::escape(&typed).into_owned();
            queue!(out, Print(&typed))?;
            typed
        }
    };
    let full = width(&head) + width(&shown);
    // A line exactly filling its rows leaves the terminal waiting to wrap:
    // move to a fresh row, where the cursor may sit at the end of the input.
    if full % cols == 0 {
        queue!(out, Print("\r\n"))?;
    }
    let question_rows = full / cols + 1;
    let offset = width(&head) + width(&crate::printable::escape(&line.before_cursor()));
    let cursor_row = row + offset / cols;
    let cursor_col = offset % cols;
    row += question_rows - 1;
    if let Some(h) = f.help {
        let text = format!("[{h}]");
        // Help may hold several lines (wrapped to the terminal by the caller).
        for l in text.lines() {
            queue!(out, Print("\r\n"))?;
            paint(out, l, on(Color::Cyan))?;
            row += rows(width(l), cols);
        }
    }
    // Back from the last row drawn to the cursor's.
    queue!(out, MoveToColumn(0))?;
    if row > cursor_row {
        out.queue(MoveUp(u16::try_from(row - cursor_row).unwrap_or(u16::MAX)))?;
    }
    out.queue(MoveToColumn(u16::try_from(cursor_col).unwrap_or(u16::MAX)))?;
    out.flush()?;
    Ok(Drawn { cursor_row })
}

/// Replace the prompt with its answered form, `> message answer`, and move on.
fn finish(
    out: &mut impl Write,
    message: &str,
    answer: &str,
    color: bool,
    drawn: Drawn,
) -> std::io::Result<()> {
    rewind(out, drawn)?;
    paint(out, ">", color.then_some(Color::Green))?;
    queue!(out, Print(format!(" {message} ")))?;
    paint(
        out,
        &crate::printable::escape(answer),
        color.then_some(Color::Cyan),
    )?;
    queue!(out, Print("\r\n"))?;
    out.flush()
}
