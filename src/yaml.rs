//! The one place that knows which YAML libraries ragfit uses.
//!
//! Reading keeps every node's line and column: errors in workload files and
//! rule bases, and CI findings, must point at the exact key. (`serde_yaml`/
//! `yaml_serde` only reports positions for the first parse error, never for
//! valid nodes.) The rule base, price book and configuration go through
//! `marked-yaml` ([`parse`]), whose nodes serde can deserialize; workload
//! files, read by the ten thousand, go into a lighter tree built from the
//! events of the same parser, `yaml-rust2` ([`parse_tree`], [`tree`]), with
//! the same refusals, messages and positions. Writing goes through
//! `serde_yaml` (the maintained `yaml_serde`), whose emitter produces plain,
//! stable, block-style YAML.
//!
//! Both loaders refuse anchors and aliases outright, which is also what
//! defuses "billion laughs" alias bombs; duplicate keys are errors.
//!
//! Deep nesting: the scanner caps flow nesting (`[[[`, `{{{`) at 255 levels, but
//! block nesting is unbounded and the loader recurses once per level, so a 10 kB
//! line of `- - - - …` overflows the stack. [`MAX_NESTING_COLUMN`] refuses such
//! text before parsing.

use serde::Serialize;

use crate::diag::Pos;

mod text;
pub mod tree;
mod words;
pub use text::check_printable;
pub use words::from_node;

pub use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode, MarkedSequenceNode};
pub use marked_yaml::{Node, Span, Spanned};

/// A YAML syntax or shape error, with its position when the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Where the parser stopped.
    pub pos: Option<Pos>,
    /// What went wrong, in the parser's words (position stripped).
    pub message: String,
    /// How to fix it, when we can tell.
    pub hint: Option<String>,
}

const TOP_LEVEL_NOT_MAPPING: &str = "the top level must be a mapping of keys to values";

impl YamlError {
    /// Whether the document parsed but its top level is not a mapping (a list,
    /// a scalar): such a file cannot be a workload or a rule base.
    pub fn is_top_level_not_mapping(&self) -> bool {
        self.message == TOP_LEVEL_NOT_MAPPING
    }
}

/// What an unquoted scalar is under the YAML 1.2 core schema, when it is not a
/// string: `Some("a number")`, `Some("a boolean")` or `Some("null")`. Free-text
/// fields must be strings, and `owner: 42` should say so rather than pass as "42".
pub fn plain_scalar_kind(s: &impl ScalarText) -> Option<&'static str> {
    if !s.written_plain() {
        return None; // quoted: always a string
    }
    let t = s.text();
    match t {
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return Some("a boolean"),
        "~" | "null" | "Null" | "NULL" => return Some("null"),
        ".inf" | "-.inf" | "+.inf" | ".nan" | ".NaN" | ".NAN" => return Some("a number"),
        _ => {}
    }
    let digits = t.trim_start_matches(['-', '+']).trim_start_matches('.');
    let looks_numeric = digits.starts_with(|c: char| c.is_ascii_digit());
    // The core schema's `0x[0-9a-fA-F]+` and `0o[0-7]+`: `0x` or `0o8` alone is a string.
    let radix = |prefix: &str, digit: fn(&char) -> bool| {
        t.strip_prefix(prefix)
            .is_some_and(|d| !d.is_empty() && d.chars().all(|c| digit(&c)))
    };
    let integer = radix("0x", char::is_ascii_hexdigit) || radix("0o", |c| ('0'..='7').contains(c));
    (looks_numeric && (t.parse::<f64>().is_ok() || integer)).then_some("a number")
}

/// A scalar of either tree: its text, and whether it was written plain.
pub trait ScalarText {
    /// The text.
    fn text(&self) -> &str;
    /// Whether it was written unquoted.
    fn written_plain(&self) -> bool;
}

impl ScalarText for MarkedScalarNode {
    fn text(&self) -> &str {
        self.as_str()
    }
    fn written_plain(&self) -> bool {
        self.may_coerce()
    }
}

impl ScalarText for tree::Scalar {
    fn text(&self) -> &str {
        self.as_str()
    }
    fn written_plain(&self) -> bool {
        self.may_coerce()
    }
}

/// Where a node starts, in either tree (`marked-yaml`'s span, or the light
/// tree's position).
pub trait Start {
    /// The start as a [`Pos`] (1-based line and column).
    fn start_pos(&self) -> Pos;
}

impl Start for Span {
    fn start_pos(&self) -> Pos {
        self.start()
            .map(|m| Pos::new(m.line(), m.column()))
            .unwrap_or_default()
    }
}

impl Start for Pos {
    fn start_pos(&self) -> Pos {
        *self
    }
}

/// The start of a span as a [`Pos`] (1-based line and column).
pub fn pos(span: &impl Start) -> Pos {
    span.start_pos()
}

/// The furthest column at which a line's content may start, after its indentation
/// and any `- `, `? ` or `: ` indicators, before the text is refused unparsed.
///
/// Every block nesting level moves content right by at least one column, so this
/// bounds block depth (to about 200 levels; flow nesting adds at most 255 more,
/// which the parser itself enforces). Real workload files use fewer than 20 columns.
pub const MAX_NESTING_COLUMN: usize = 200;

/// The lines of `text` as YAML sees them: a line break is `\n`, `\r\n` or a
/// lone `\r` (YAML 1.2, §5.4). `str::lines` ignores a lone `\r`, which would let
/// a file written with old Mac line endings slip past the guards below while
/// the parser still reads it line by line.
fn yaml_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        // Bytes, not chars: both breaks are ASCII, and a char search decodes
        // every character of every file (it was 4% of a batch run).
        match t.bytes().position(|b| b == b'\n' || b == b'\r') {
            Some(i) => {
                let skip = if t[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&t[i + skip..]).filter(|r| !r.is_empty());
                Some(&t[..i])
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

/// Refuse text nested deeper than [`MAX_NESTING_COLUMN`]: a cheap line scan that
/// keeps the recursive loader away from input that would overflow the stack.
fn check_nesting(text: &str) -> Result<(), YamlError> {
    for (i, line) in yaml_lines(text).enumerate() {
        let b = line.as_bytes();
        let (mut j, mut indicators) = (0, 0);
        // Stop as soon as the limit is passed: the error points there, and a
        // megabyte-long line of indicators is not walked to its end.
        while j <= MAX_NESTING_COLUMN {
            while j < b.len() && j <= MAX_NESTING_COLUMN && matches!(b[j], b' ' | b'\t') {
                j += 1;
            }
            let indicator = j < b.len()
                && matches!(b[j], b'-' | b'?' | b':')
                && b.get(j + 1).is_none_or(|c| matches!(c, b' ' | b'\t'));
            if !indicator {
                break;
            }
            j += 1;
            indicators += 1;
        }
        let blank = indicators == 0 && line[j.min(line.len())..].trim().is_empty();
        if j > MAX_NESTING_COLUMN && !blank {
            return Err(YamlError {
                pos: Some(Pos::new(i + 1, j + 1)),
                message: format!(
                    "nesting is too deep (content starts past column {MAX_NESTING_COLUMN})"
                ),
                hint: Some("workload files need only a few levels of indentation".into()),
            });
        }
    }
    Ok(())
}

/// Refuse a stream of several YAML documents: the loader reads only the first,
/// and silently dropping the rest would lose components.
///
/// At the start of a line, `---` or `...` followed by a space or the end of the
/// line is always a document marker in YAML (the spec forbids it inside
/// scalars), so a line scan finds them exactly. A leading `---` before any
/// content is allowed, as is a trailing `...`.
fn check_single_document(text: &str) -> Result<(), YamlError> {
    let mut content_seen = false;
    for (i, line) in yaml_lines(text).enumerate() {
        let marker = |m: &str| {
            line.strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        };
        if marker("---") && content_seen {
            return Err(YamlError {
                pos: Some(Pos::new(i + 1, 1)),
                message: "a second YAML document starts here; a file holds one workload".into(),
                hint: Some("put each workload in its own file".into()),
            });
        }
        if marker("...") {
            let rest_has_content = yaml_lines(text)
                .skip(i + 1)
                .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
            if rest_has_content {
                return Err(YamlError {
                    pos: Some(Pos::new(i + 1, 1)),
                    message: "the YAML document ends here, but the file goes on".into(),
                    hint: Some("remove the `...` line, or put the rest in its own file".into()),
                });
            }
            break;
        }
        let t = line.trim();
        if !t.is_empty() && !t.starts_with('#') && !t.starts_with('%') && !marker("---") {
            content_seen = true;
        }
    }
    Ok(())
}

/// Refuse a `%YAML` directive for a version ragfit does not read. The
/// parser accepts any `%YAML M.N`, but a file that declares YAML 2 or 9.9
/// expects rules ragfit does not know; 1.x is read as YAML 1.2 (the spec
/// asks a 1.2 processor to read later 1.x minor versions too).
///
/// Directives stand only in the prologue, before the document's first
/// content, so the scan stops there.
fn check_directives(text: &str) -> Result<(), YamlError> {
    for (i, line) in yaml_lines(text).enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some(rest) = line.strip_prefix('%') else {
            break;
        };
        let mut words = rest.split_whitespace();
        if words.next() != Some("YAML") {
            continue;
        }
        let version = words.next().unwrap_or("");
        if version.split('.').next() != Some("1") {
            return Err(YamlError {
                pos: Some(Pos::new(i + 1, 1)),
                message: format!("`%YAML {version}` is not a YAML version ragfit reads"),
                hint: Some("ragfit reads YAML 1.2; write `%YAML 1.2` or remove the line".into()),
            });
        }
    }
    Ok(())
}

/// Parse one YAML document whose top level must be a mapping.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    parse_with(text, marked_yaml::LoaderOptions::default())
}

/// Parse one YAML document whose top level is a sequence (test data, lists).
pub fn parse_list(text: &str) -> Result<Node, YamlError> {
    parse_with(
        text,
        marked_yaml::LoaderOptions::default().toplevel_sequence(),
    )
}

fn parse_with(text: &str, options: marked_yaml::LoaderOptions) -> Result<Node, YamlError> {
    use marked_yaml::LoadError;
    check_guards(text)?;
    let options = options
        .error_on_duplicate_keys(true)
        // A quoted `"300"` stays a string: a number or boolean must be written plainly.
        .prevent_coercion(true);
    marked_yaml::parse_yaml_with_options(0, text, options).map_err(|e| {
        let at = |m: &marked_yaml::Marker| Pos::new(m.line(), m.column());
        match e {
            LoadError::TopLevelMustBeMapping(m) => top_level_not_mapping(at(&m)),
            LoadError::TopLevelMustBeSequence(m) => YamlError {
                pos: Some(at(&m)),
                message: "the top level must be a sequence".into(),
                hint: None,
            },
            LoadError::UnexpectedAnchor(m) => anchor_error(at(&m)),
            LoadError::MappingKeyMustBeScalar(m) => key_not_scalar(at(&m)),
            LoadError::UnexpectedTag(m) => tag_error(at(&m)),
            LoadError::DuplicateKey(inner) => duplicate_key(
                inner.key.as_str(),
                pos(inner.key.span()),
                pos(inner.prev_key.span()),
            ),
            LoadError::ScanError(m, err) => scan_error(at(&m), &err.to_string()),
            // LoadError is non-exhaustive in spirit; keep any future variant readable.
            #[allow(unreachable_patterns)]
            other => YamlError {
                pos: None,
                message: other.to_string(),
                hint: None,
            },
        }
    })
}

/// Parse a workload file (or a test-case file): one YAML document whose top
/// level is a mapping, as a light [`tree::Node`] tree. The same guards, the
/// same errors and positions as [`parse`], at a fraction of the cost.
pub fn parse_tree(text: &str) -> Result<tree::Node, YamlError> {
    check_guards(text)?;
    tree::load(text)
}

/// The line scans every text passes before a parser sees it.
fn check_guards(text: &str) -> Result<(), YamlError> {
    check_nesting(text)?;
    check_single_document(text)?;
    check_directives(text)
}

fn top_level_not_mapping(at: Pos) -> YamlError {
    YamlError {
        pos: Some(at),
        message: TOP_LEVEL_NOT_MAPPING.into(),
        hint: Some(
            "start the file with `workload: NAME`; `ragfit init` writes a starter file".into(),
        ),
    }
}

fn anchor_error(at: Pos) -> YamlError {
    YamlError {
        pos: Some(at),
        message: "YAML anchors and aliases (`&name`, `*name`) are not supported".into(),
        hint: Some("write the values out in full".into()),
    }
}

fn key_not_scalar(at: Pos) -> YamlError {
    YamlError {
        pos: Some(at),
        message: "a mapping key must be a plain string".into(),
        hint: None,
    }
}

fn tag_error(at: Pos) -> YamlError {
    YamlError {
        pos: Some(at),
        message: "YAML tags (`!tag`) are not supported".into(),
        hint: Some("remove the tag".into()),
    }
}

fn duplicate_key(key: &str, again: Pos, first: Pos) -> YamlError {
    YamlError {
        pos: Some(again),
        message: format!(
            "duplicate key `{key}` (first defined at line {})",
            first.line
        ),
        hint: Some("keep one of the two".into()),
    }
}

/// A scanner error; `full` is yaml-rust2's message, which ends with
/// " at byte N line L column C": the position is printed separately.
fn scan_error(at: Pos, full: &str) -> YamlError {
    let message = full.split(" at byte ").next().unwrap_or(full).trim();
    YamlError {
        pos: Some(at),
        message: format!("invalid YAML: {message}"),
        hint: None,
    }
}

/// Convert one YAML document (top level a mapping) to JSON, typing plain scalars
/// by the YAML 1.2 core schema (`300` a number, `true` a boolean, `~` null,
/// `2027-06-30` a string), as editors and JSON Schema validators see the file.
///
/// The text is first parsed as strictly as workload files are (nesting guard,
/// duplicate keys, no anchors or tags), so what converts is what ragfit would
/// read; `yaml_serde` then does the scalar typing, which `marked-yaml` leaves
/// undone (it gives every scalar as a string).
pub fn to_json_value(text: &str) -> Result<serde_json::Value, YamlError> {
    parse(text)?;
    serde_yaml::from_str(text).map_err(|e| YamlError {
        pos: e.location().map(|l| Pos::new(l.line(), l.column())),
        message: e.to_string(),
        hint: None,
    })
}

/// Serialize a value as block-style YAML.
pub fn to_string<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_yaml::to_string(value)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_conversion_types_plain_scalars_only() {
        let v = to_json_value(
            "a: 300\nb: \"300\"\nc: true\nd: yes\ne:\nf: 2027-06-30\ng: 1.5\nh: [x, ~]\n",
        )
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "a": 300, "b": "300", "c": true, "d": "yes", "e": null,
                "f": "2027-06-30", "g": 1.5, "h": ["x", null]
            })
        );
        // Refused as strictly as workload files: duplicate keys, anchors.
        assert!(to_json_value("a: 1\na: 2\n").is_err());
        assert!(to_json_value("a: &x 1\nb: *x\n").is_err());
    }

    /// What the emitter writes plain, the loader reads as text (`ask` found
    /// `0o`, which the YAML 1.2 core schema does not read as a number).
    #[test]
    fn hex_and_octal_need_digits_to_be_numbers() {
        let kind = |t: &str| {
            let node = tree::load(&format!("k: {t}\n")).unwrap();
            plain_scalar_kind(node.as_mapping().unwrap().get_scalar("k").unwrap())
        };
        for number in ["0x1F", "0xff", "0o17", "1e3", "-2.5", ".5"] {
            assert_eq!(kind(number), Some("a number"), "{number}");
        }
        for text in ["0x", "0o", "0o8", "0xZ", "0x1G", "1e", "0b1"] {
            assert_eq!(kind(text), None, "{text}");
        }
    }

    #[test]
    fn lone_carriage_returns_are_line_breaks_for_the_guards() {
        assert_eq!(
            yaml_lines("a\rb\r\nc\nd\r").collect::<Vec<_>>(),
            ["a", "b", "c", "d"]
        );
        assert_eq!(yaml_lines("").count(), 1);
        // Deep nesting with CR-only endings is refused, not a stack overflow.
        let deep = format!("workload: a\rcomponents:\r{}x\r", "- ".repeat(60_000));
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(3, MAX_NESTING_COLUMN + 2)));
        // A second document or text after `...` with CR-only endings is not dropped.
        let two = parse("workload: a\r---\rworkload: b\r").unwrap_err();
        assert_eq!(two.pos, Some(Pos::new(2, 1)));
        assert!(
            two.message.contains("second YAML document"),
            "{}",
            two.message
        );
        let after = parse("workload: a\r...\r{{{ not yaml\r").unwrap_err();
        assert_eq!(after.pos, Some(Pos::new(2, 1)));
    }

    #[test]
    fn yaml_versions_other_than_1_are_refused() {
        for ok in [
            "%YAML 1.2\n---\na: 1\n",
            "# c\r%YAML 1.1\r---\ra: 1\r",
            "a: 1\n",
        ] {
            assert!(parse(ok).is_ok(), "{ok:?}");
        }
        for (bad, line) in [
            ("%YAML 9.9\n---\na: 1\n", 1),
            ("# x\r\n%YAML 2.0\r\n---\na: 1\n", 2),
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.pos, Some(Pos::new(line, 1)), "{bad:?}");
            assert!(e.message.contains("is not a YAML version ragfit reads"));
        }
        // Past the prologue a `%` line is content, not a directive.
        assert!(check_directives("a: |\n  x\n%YAML 9.9\n").is_ok());
    }

    #[test]
    fn nesting_guard_counts_indentation_and_indicators() {
        let deep = format!("a:\n{}x\n", "- ".repeat(MAX_NESTING_COLUMN / 2 + 1));
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(2, MAX_NESTING_COLUMN + 2)));
        // At the limit it still parses, flow nesting on top included, without overflowing.
        let edge = format!(
            "a:\n{}{}{}\n",
            "- ".repeat(MAX_NESTING_COLUMN / 2),
            "[".repeat(250),
            "]".repeat(250)
        );
        assert!(parse(&edge).is_ok());
        // Long lines of dashes that are text, and blank lines, are not nesting.
        let text = format!("a: |\n  {}\nb: 1\n{}\n", "-".repeat(300), " ".repeat(300));
        assert!(parse(&text).is_ok());
    }
}
