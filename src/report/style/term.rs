//! Terminal styling every text report shares: comfy tables in ragfit's style,
//! outcome colours, bold headings, the width tables wrap at, and numbered
//! source references.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width};

use crate::result::OrderedMap;
use crate::rules::Outcome;

/// The colour of an outcome in tables.
pub fn outcome_color(o: Outcome) -> Color {
    match o {
        Outcome::Rag => Color::Blue,
        Outcome::FineTune => Color::Magenta,
        Outcome::Hybrid => Color::Cyan,
        Outcome::PromptOnly => Color::Green,
    }
}

/// The ANSI code of an outcome's colour (as [`outcome_color`], for text
/// drawn without a table: the quadrant chart).
pub fn outcome_ansi(o: Outcome) -> &'static str {
    match o {
        Outcome::Rag => "34",
        Outcome::FineTune => "35",
        Outcome::Hybrid => "36",
        Outcome::PromptOnly => "32",
    }
}

/// A fresh table in ragfit's style; `color` turns ANSI styling on or off.
pub fn new_table(color: bool) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

/// A cell showing an outcome, coloured when `color`.
pub fn outcome_cell(o: Outcome, color: bool) -> Cell {
    let cell = Cell::new(o.id());
    if color {
        cell.fg(outcome_color(o)).add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

/// Tables wrap at this width when not on a terminal: wide enough for sentences,
/// narrow enough to read, and fixed so that piped output is the same bytes everywhere.
pub const WIDTH: u16 = 100;

/// How text reports are drawn: colour, and the width tables wrap at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// ANSI colour and bold.
    pub color: bool,
    /// Table width in columns.
    pub width: u16,
}

impl Style {
    /// [`WIDTH`] columns, or a terminal's width when one is known (narrower
    /// than [`WIDTH`] on small terminals, never wider: long sentences are
    /// easier to read wrapped).
    pub fn new(color: bool, terminal_width: Option<u16>) -> Self {
        let width = terminal_width.map_or(WIDTH, |w| w.clamp(40, WIDTH));
        Style { color, width }
    }
}

/// A table in ragfit's style, wrapped at the style's width.
pub fn table(style: Style) -> Table {
    let mut t = new_table(style.color);
    t.set_width(style.width);
    t
}

/// Keep the first column at least as wide as its longest id, so ids never
/// break mid-word (conditions and sentences wrap instead).
pub fn keep_ids_whole<'a>(t: &mut Table, ids: impl Iterator<Item = &'a str>) {
    keep_column_whole(t, 0, ids);
}

/// Keep column `index` at least as wide as its longest id (at most half the table).
pub fn keep_column_whole<'a>(t: &mut Table, index: usize, ids: impl Iterator<Item = &'a str>) {
    let width = ids.map(|s| s.chars().count()).max().unwrap_or(0);
    let max = t.width().unwrap_or(WIDTH) / 2;
    if let Some(col) = t.column_mut(index) {
        // +2 for the cell padding, which the constraint counts.
        let w = u16::try_from(width + 2).unwrap_or(u16::MAX).min(max);
        col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
    }
}

/// Bold text when colour is on (section headings).
pub fn bold(s: &str, color: bool) -> String {
    ansi("1", s, color)
}

/// `knowledge +2, behavior -1`.
pub fn points(p: &OrderedMap<i64>) -> String {
    p.0.iter()
        .map(|(axis, n)| format!("{axis} {n:+}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A section heading: a blank line, the title (bold with colour), a newline.
pub fn heading(out: &mut String, title: &str, style: Style) {
    out.push('\n');
    out.push_str(&bold(title, style.color));
    out.push('\n');
}

/// `text` in an ANSI style (`"1;31"` is bold red) when `color`, else as is.
pub fn ansi(code: &str, text: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Numbered source references: a table cell cites `[1] claim`, and the links
/// print once, whole, on lines of their own (a URL wrapped inside a table
/// cell can be neither read nor clicked).
#[derive(Default)]
pub struct SourceRefs {
    list: Vec<crate::rules::Source>,
}

impl SourceRefs {
    /// `[n] claim` lines for these sources, numbering the new ones.
    pub fn cite(&mut self, sources: &[crate::rules::Source]) -> String {
        if sources.is_empty() {
            return "(no source given)".into();
        }
        sources
            .iter()
            .map(|s| {
                let n = match self
                    .list
                    .iter()
                    .position(|x| x.cite == s.cite && x.url == s.url)
                {
                    Some(i) => i + 1,
                    None => {
                        self.list.push(s.clone());
                        self.list.len()
                    }
                };
                match &s.claim {
                    Some(claim) => format!("[{n}] {claim}"),
                    None => format!("[{n}]"),
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The "Sources" section: `[n] citation` and its link below it.
    pub fn render(&self, out: &mut String, style: Style) {
        if self.list.is_empty() {
            return;
        }
        heading(out, "Sources", style);
        for (i, s) in self.list.iter().enumerate() {
            // The citation wraps at the style's width under its number; the
            // link never does (a broken URL can be neither read nor clicked).
            let options = textwrap::Options::new(usize::from(style.width))
                .break_words(false)
                .word_splitter(textwrap::WordSplitter::NoHyphenation)
                .subsequent_indent("    ");
            let cite = format!("[{}] {}", i + 1, s.cite);
            out.push_str(&textwrap::wrap(&cite, options).join("\n"));
            out.push('\n');
            if let Some(link) = s.link() {
                out.push_str(&format!("    {link}\n"));
            }
        }
    }
}

/// Wrap the prose lines of a text report at the style's width, on word
/// boundaries, leaving table lines and links alone. A list item (`- `, `1. `)
/// continues under its text, so wrapped lists still read as lists.
pub fn wrap_prose(text: &str, style: Style) -> String {
    let width = usize::from(style.width);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let table = body.starts_with(['│', '┌', '└', '╞', '├', '╰', '╭']);
        if table || body.contains("://") || textwrap::core::display_width(body) <= width {
            out.push_str(line);
            continue;
        }
        let indent = body.len() - body.trim_start().len();
        let rest = &body[indent..];
        let marker = if rest.starts_with("- ") {
            2
        } else {
            rest.find(". ")
                .filter(|&i| i > 0 && rest[..i].bytes().all(|b| b.is_ascii_digit()))
                .map_or(0, |i| i + 2)
        };
        let hang = " ".repeat(indent + marker);
        let options = textwrap::Options::new(width)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .subsequent_indent(&hang);
        out.push_str(&textwrap::wrap(body, options).join("\n"));
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Outcomes as `a, b`.
pub fn outcomes(list: &[Outcome]) -> String {
    list.iter().map(|o| o.id()).collect::<Vec<_>>().join(", ")
}
