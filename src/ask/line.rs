//! The line editing of `ask`'s text prompts, apart from any terminal: which
//! key does what, and what it does to the text. inquire's text input writes
//! every Ctrl-letter as the letter (Ctrl-U inserts `u`), so text prompts use
//! this editor with the readline keys people expect.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Change the text or move the cursor.
    Edit(Edit),
    /// Enter: submit the answer.
    Submit,
    /// Esc: cancel the questionnaire.
    Cancel,
    /// Ctrl-C: interrupt it.
    Interrupt,
    /// A key with no meaning here (F-keys, Ctrl-letters without a binding).
    Ignore,
}

/// An edit of the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Type a character at the cursor.
    Insert(char),
    /// Delete the character before the cursor (Backspace, Ctrl-H).
    Backspace,
    /// Delete the character under the cursor (Delete).
    Delete,
    /// One character left (Left, Ctrl-B).
    Left,
    /// One character right (Right, Ctrl-F).
    Right,
    /// To the start (Home, Ctrl-A).
    Home,
    /// To the end (End, Ctrl-E).
    End,
    /// One word left (Ctrl-Left, Alt-B).
    WordLeft,
    /// One word right (Ctrl-Right, Alt-F).
    WordRight,
    /// Delete from the start to the cursor (Ctrl-U).
    KillToStart,
    /// Delete from the cursor to the end (Ctrl-K).
    KillToEnd,
    /// Delete the word before the cursor (Ctrl-W, Alt-Backspace).
    KillWordBack,
}

/// The command a key event stands for, with readline's bindings.
pub fn command(key: &KeyEvent) -> Command {
    use Edit::*;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let edit = match key.code {
        KeyCode::Enter => return Command::Submit,
        KeyCode::Esc => return Command::Cancel,
        KeyCode::Char('c') if ctrl => return Command::Interrupt,
        KeyCode::Char('d') | KeyCode::Char('g') if ctrl => return Command::Cancel,
        KeyCode::Char('j') | KeyCode::Char('m') if ctrl => return Command::Submit,
        KeyCode::Char('u') if ctrl => KillToStart,
        KeyCode::Char('k') if ctrl => KillToEnd,
        KeyCode::Char('w') if ctrl => KillWordBack,
        KeyCode::Char('a') if ctrl => Home,
        KeyCode::Char('e') if ctrl => End,
        KeyCode::Char('b') if ctrl => Left,
        KeyCode::Char('f') if ctrl => Right,
        KeyCode::Char('h') if ctrl => Backspace,
        KeyCode::Char('b') if alt => WordLeft,
        KeyCode::Char('f') if alt => WordRight,
        // Any other Ctrl or Alt chord is not text.
        KeyCode::Char(_) if ctrl || alt => return Command::Ignore,
        KeyCode::Char(c) => Insert(c),
        KeyCode::Backspace if alt || ctrl => KillWordBack,
        KeyCode::Backspace => Backspace,
        KeyCode::Delete => Delete,
        KeyCode::Left if ctrl || alt => WordLeft,
        KeyCode::Right if ctrl || alt => WordRight,
        KeyCode::Left => Left,
        KeyCode::Right => Right,
        KeyCode::Home => Home,
        KeyCode::End => End,
        _ => return Command::Ignore,
    };
    Command::Edit(edit)
}

/// The text being typed and the cursor in it (an index into its characters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    chars: Vec<char>,
    cursor: usize,
}

impl Line {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        Line {
            cursor: chars.len(),
            chars,
        }
    }

    /// The text.
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// The text before the cursor (where the terminal cursor goes).
    pub fn before_cursor(&self) -> String {
        self.chars[..self.cursor].iter().collect()
    }

    /// Whether nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Apply an edit.
    pub fn apply(&mut self, edit: Edit) {
        use Edit::*;
        let n = self.chars.len();
        match edit {
            Insert(c) => {
                self.chars.insert(self.cursor, c);
                self.cursor += 1;
            }
            Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            Delete if self.cursor < n => {
                self.chars.remove(self.cursor);
            }
            Left => self.cursor = self.cursor.saturating_sub(1),
            Right => self.cursor = (self.cursor + 1).min(n),
            Home => self.cursor = 0,
            End => self.cursor = n,
            WordLeft => self.cursor = self.word_start(),
            WordRight => self.cursor = self.word_end(),
            KillToStart => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            KillToEnd => self.chars.truncate(self.cursor),
            KillWordBack => {
                let start = self.word_start();
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            Backspace | Delete => {}
        }
    }

    /// Where the word before the cursor starts (spaces before it skipped), as readline's Ctrl-W.
    fn word_start(&self) -> usize {
        let mut i = self.cursor;
        while i > 0 && self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    /// Where the word after the cursor ends.
    fn word_end(&self) -> usize {
        let n = self.chars.len();
        let mut i = self.cursor;
        while i < n && self.chars[i].is_whitespace() {
            i += 1;
        }
        while i < n && !self.chars[i].is_whitespace() {
            i += 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn ctrl(c: char) -> Command {
        command(&key(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    /// Type `keys` into a line holding `text` with the cursor `back` places from the end.
    fn edit(text: &str, back: usize, keys: &[Command]) -> (String, String) {
        let mut l = Line::new(text);
        for _ in 0..back {
            l.apply(Edit::Left);
        }
        for k in keys {
            if let Command::Edit(e) = k {
                l.apply(*e);
            }
        }
        (l.before_cursor(), l.text())
    }

    #[test]
    fn ctrl_letters_edit_and_never_type_the_letter() {
        assert_eq!(ctrl('u'), Command::Edit(Edit::KillToStart));
        assert_eq!(ctrl('k'), Command::Edit(Edit::KillToEnd));
        assert_eq!(ctrl('w'), Command::Edit(Edit::KillWordBack));
        assert_eq!(ctrl('a'), Command::Edit(Edit::Home));
        assert_eq!(ctrl('e'), Command::Edit(Edit::End));
        assert_eq!(ctrl('c'), Command::Interrupt);
        assert_eq!(ctrl('x'), Command::Ignore);
        let alt_x = command(&key(KeyCode::Char('x'), KeyModifiers::ALT));
        assert_eq!(alt_x, Command::Ignore);
        let shifted = command(&key(KeyCode::Char('U'), KeyModifiers::SHIFT));
        assert_eq!(shifted, Command::Edit(Edit::Insert('U')));
        assert_eq!(
            command(&key(KeyCode::Enter, KeyModifiers::NONE)),
            Command::Submit
        );
        assert_eq!(
            command(&key(KeyCode::Esc, KeyModifiers::NONE)),
            Command::Cancel
        );
    }

    #[test]
    fn ctrl_u_deletes_to_the_start_and_ctrl_k_to_the_end() {
        assert_eq!(edit("40,000", 0, &[ctrl('u')]), ("".into(), "".into()));
        // In the middle: only what is before the cursor goes.
        assert_eq!(edit("fast500", 3, &[ctrl('u')]), ("".into(), "500".into()));
        assert_eq!(
            edit("500fast", 4, &[ctrl('k')]),
            ("500".into(), "500".into())
        );
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        assert_eq!(
            edit("migrating to hybrid  ", 0, &[ctrl('w')]),
            ("migrating to ".into(), "migrating to ".into())
        );
        assert_eq!(
            edit("one", 0, &[ctrl('w'), ctrl('w')]),
            ("".into(), "".into())
        );
    }

    #[test]
    fn typing_moving_and_deleting() {
        use Edit::*;
        let mut l = Line::new("2500");
        for e in [
            Home,
            Insert('1'),
            End,
            Backspace,
            Left,
            Delete,
            WordLeft,
            Right,
        ] {
            l.apply(e);
        }
        assert_eq!(l.text(), "125");
        assert_eq!(l.before_cursor(), "1");
        // Nothing to delete at the edges: no change, no panic.
        let mut e = Line::new("");
        for edit in [
            Backspace,
            Delete,
            Left,
            Right,
            KillWordBack,
            KillToStart,
            KillToEnd,
        ] {
            e.apply(edit);
        }
        assert!(e.is_empty());
        // Characters, not bytes.
        let mut u = Line::new("Zürich");
        u.apply(Left);
        u.apply(Backspace);
        assert_eq!(u.text(), "Zürih");
    }
}
