//! Text from inputs made safe to print on a terminal or into a CI log.
//!
//! Messages echo what a file, a file name or a flag said (`unknown value
//! ...`). Printed raw, an ESC or OSC sequence from such text can recolour,
//! move or retitle a terminal, a lone `\r` can overwrite the line it is on, a
//! line break can start a line of its own (GitHub Actions reads
//! `::error ...` workflow commands from stderr too), and a bidi control can
//! make text display in another order than it reads. Every such character is
//! written as an escape instead, so what is shown is what the input holds.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal raw: C0 and C1 controls and DEL,
/// the line and paragraph separators, bidi embeddings, overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every unsafe character escaped (`\n`, `\r`, `\t`, else
/// `\u{1b}`): one line, as typed; borrowed when nothing needed escaping.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` escaped line by line: its line breaks (`\n`) are kept, everything else
/// unsafe is escaped, for messages that are several lines by design.
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let lines: Vec<Cow<'_, str>> = s.split('\n').map(escape).collect();
    Cow::Owned(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_bidi_and_separators_are_escaped_and_the_rest_kept() {
        assert!(matches!(escape("plain — ünïcode ✓"), Cow::Borrowed(_)));
        assert_eq!(escape("a\x1b[31mred"), "a\\u{1b}[31mred");
        assert_eq!(
            escape("x\n::error file=e.yaml::forged"),
            "x\\n::error file=e.yaml::forged"
        );
        assert_eq!(
            escape("\r\t\x07\x7f\u{85}\u{9b}"),
            "\\r\\t\\u{7}\\u{7f}\\u{85}\\u{9b}"
        );
        assert_eq!(escape("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(escape("a\u{2028}b\u{2066}"), "a\\u{2028}b\\u{2066}");
        // OSC 8 (hyperlink) and OSC 0 (window title) lose their ESC and BEL.
        assert_eq!(escape("\x1b]0;pwned\x07"), "\\u{1b}]0;pwned\\u{7}");
    }

    #[test]
    fn line_by_line_keeps_line_breaks_only() {
        assert_eq!(escape_lines("one\ntwo\x1b[2J"), "one\ntwo\\u{1b}[2J");
        assert!(matches!(escape_lines("one\ntwo"), Cow::Borrowed(_)));
    }

    #[test]
    fn nothing_unsafe_survives_escaping() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert!(!escape(&s).chars().any(is_unsafe), "U+{:04X}", c as u32);
            assert!(
                !escape_lines(&s).chars().any(|c| c != '\n' && is_unsafe(c)),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
