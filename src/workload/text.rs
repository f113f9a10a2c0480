//! Which characters a workload file's names and free text may hold.
//!
//! One rule, used by the loader ([`super::parse`]) and by `ask`'s prompts:
//! a name the questionnaire accepts is one the file it writes reads back
//! unchanged, and a name the loader refuses is refused at the prompt, where
//! the user can still fix it (not after the last question).

use std::fmt;

/// What kind of text a value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A name (`workload:`, a component's `name:`): one line.
    Name,
    /// Free text (descriptions, owner, a waiver's reason): may span lines.
    Text,
}

impl Field {
    /// The kind of text under a workload file key: `workload` and `name` are
    /// names, everything else is free text.
    pub fn of_key(key: &str) -> Field {
        match key {
            "workload" | "name" => Field::Name,
            _ => Field::Text,
        }
    }
}

/// A character a value may not hold, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused {
    /// The first such character.
    pub ch: char,
    /// What kind of character it is.
    pub why: Why,
}

/// Why a character is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// A C0 or C1 control character (also DEL): echoed raw, it can rewrite
    /// what a terminal or CI log shows (and YAML does not keep most of them).
    Control,
    /// A line break in a name.
    LineBreak,
    /// U+2028 / U+2029: YAML reads them back as line breaks.
    Separator,
    /// A bidirectional embedding, override or isolate (U+202A–U+202E,
    /// U+2066–U+2069): text would display in another order than it reads.
    Bidi,
}

impl Refused {
    /// The character, named and escaped: "the control character U+0085".
    pub fn what(&self) -> String {
        let kind = match self.why {
            Why::Control => "the control character",
            Why::LineBreak => "a line break",
            Why::Separator => "the separator",
            Why::Bidi => "the bidirectional control",
        };
        format!("{kind} U+{:04X}", self.ch as u32)
    }

    /// Why it is refused, as a clause.
    pub fn reason(&self) -> &'static str {
        match self.why {
            Why::Control => "control characters can rewrite what a terminal or CI log shows",
            Why::LineBreak => "a name is one line",
            Why::Separator => "YAML would read it back as a line break",
            Why::Bidi => "it makes text display in an order other than the one it is stored in",
        }
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.what(), self.reason())
    }
}

/// The characters refused in every field (inclusive ranges), except that
/// free text may hold `\n`. The first two ranges are exactly the characters
/// [`char::is_control`] is true for (Unicode category Cc).
const REFUSED: [(char, char, Why); 5] = [
    ('\u{0}', '\u{1F}', Why::Control),
    ('\u{7F}', '\u{9F}', Why::Control),
    ('\u{2028}', '\u{2029}', Why::Separator),
    ('\u{202A}', '\u{202E}', Why::Bidi),
    ('\u{2066}', '\u{2069}', Why::Bidi),
];

/// The first character of `s` that a `field` may not hold.
pub fn check(field: Field, s: &str) -> Result<(), Refused> {
    match s.chars().find_map(|ch| refused(field, ch)) {
        Some(r) => Err(r),
        None => Ok(()),
    }
}

fn refused(field: Field, ch: char) -> Option<Refused> {
    let why = match (ch, field) {
        ('\n', Field::Text) => return None,
        ('\n' | '\r', Field::Name) => Why::LineBreak,
        _ => {
            REFUSED
                .iter()
                .find(|(lo, hi, _)| (*lo..=*hi).contains(&ch))?
                .2
        }
    };
    Some(Refused { ch, why })
}

/// The same rule as a JSON Schema (ECMA-262) `pattern`, for `ragfit schema`:
/// the whole string, with none of the refused characters.
pub fn schema_pattern(field: Field) -> String {
    let u = |c: char| format!("\\u{:04X}", c as u32);
    let mut class = String::new();
    for (lo, hi, _) in REFUSED {
        if field == Field::Text && (lo..=hi).contains(&'\n') {
            class.push_str(&format!("{}-{}{}-{}", u(lo), u('\u{9}'), u('\u{B}'), u(hi)));
        } else {
            class.push_str(&format!("{}-{}", u(lo), u(hi)));
        }
    }
    format!("^[^{class}]*$")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_refuse_what_would_not_read_back_or_would_mislead() {
        for (s, what) in [
            ("a\u{85}b", "the control character U+0085"),
            ("a\u{9b}b", "the control character U+009B"),
            ("\u{1b}[31mred", "the control character U+001B"),
            ("a\tb", "the control character U+0009"),
            ("x\n::error::forged", "a line break U+000A"),
            ("x\ry", "a line break U+000D"),
            ("a\u{2028}b", "the separator U+2028"),
            ("abc\u{202E}fed", "the bidirectional control U+202E"),
            ("\u{2066}x", "the bidirectional control U+2066"),
        ] {
            let r = check(Field::Name, s).unwrap_err();
            assert_eq!(r.what(), what, "{s:?}");
        }
        for s in [
            "policy-answers",
            "Ünïcödé ok",
            "名前",
            "a b",
            "null",
            "- x",
            "\u{200D}",
        ] {
            assert_eq!(check(Field::Name, s), Ok(()), "{s:?}");
        }
    }

    #[test]
    fn free_text_may_span_lines_but_holds_no_controls() {
        assert_eq!(check(Field::Text, "two\nlines"), Ok(()));
        assert!(check(Field::Text, "a\u{85}b").is_err());
        assert!(check(Field::Text, "a\u{202D}b").is_err());
        let r = check(Field::Text, "x\ry").unwrap_err();
        assert_eq!(r.why, Why::Control);
    }

    #[test]
    fn controls_are_exactly_the_characters_rust_calls_control() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let by_table = matches!(refused(Field::Text, c), Some(r) if r.why == Why::Control);
            assert_eq!(by_table, c.is_control() && c != '\n', "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_schema_pattern_lists_the_same_characters() {
        assert_eq!(
            schema_pattern(Field::Text),
            "^[^\\u0000-\\u0009\\u000B-\\u001F\\u007F-\\u009F\\u2028-\\u2029\\u202A-\\u202E\\u2066-\\u2069]*$"
        );
        assert!(schema_pattern(Field::Name).starts_with("^[^\\u0000-\\u001F\\u007F"));
    }

    #[test]
    fn keys_map_to_fields() {
        assert_eq!(Field::of_key("workload"), Field::Name);
        assert_eq!(Field::of_key("name"), Field::Name);
        assert_eq!(Field::of_key("description"), Field::Text);
        assert_eq!(Field::of_key("reason"), Field::Text);
    }
}
