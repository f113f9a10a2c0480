//! serde's errors in the words of a rule-base file: which key, what it must
//! be, what it is, at the node it is about (never `expected struct RawCond`).

use serde::de::DeserializeOwned;

use super::{Node, YamlError};
use crate::diag::Pos;

/// Deserialize a parsed node into a typed value (used for the rule base).
///
/// serde's messages name Rust types (`expected struct RawCond`) and say
/// nothing of where; every error here comes back in the words of the file
/// instead — which key, what it must be, what it is — at the node it is about.
/// `names` maps a type's name (`RawCond`) to what it is called in the file
/// (`a condition`).
pub fn from_node<T: DeserializeOwned>(node: &Node, names: &[(&str, &str)]) -> Result<T, YamlError> {
    use marked_yaml::spanned_serde::Error as E;
    marked_yaml::from_node(node).map_err(|e| {
        let mut pos = e.start_mark().map(|m| Pos::new(m.line(), m.column()));
        let field = e.path().map(last_field);
        let (message, hint) = match e.into_inner() {
            E::NotBoolean(_) => (expected(field.as_deref(), "true or false", None), None),
            E::IntegerParseFailure(err, _) => {
                let what = match err.kind() {
                    std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                        "a whole number in range"
                    }
                    _ => "a whole number",
                };
                (expected(field.as_deref(), what, None), None)
            }
            E::FloatParseFailure(..) => (expected(field.as_deref(), "a number", None), None),
            E::UnknownFieldError(key, known, _) => {
                // The error's mark may be its mapping's; the key has its own
                // position, and a key spelt so once in the file is unambiguous.
                let mut found = Vec::new();
                keys_named(node, &key, &mut found);
                if let [only] = found[..] {
                    pos = Some(only);
                }
                (
                    format!("unknown key `{key}`"),
                    Some(crate::diag::suggest(&key, known.iter().copied())),
                )
            }
            E::Other(text, _) => serde_words(&text, field.as_deref(), names),
        };
        YamlError { pos, message, hint }
    })
}

/// Positions of every mapping key spelt `key`, in document order.
fn keys_named(node: &Node, key: &str, found: &mut Vec<Pos>) {
    match node {
        Node::Scalar(_) => {}
        Node::Sequence(seq) => seq.iter().for_each(|n| keys_named(n, key, found)),
        Node::Mapping(map) => {
            for (k, v) in map.iter() {
                if k.as_str() == key {
                    found.push(super::pos(k.span()));
                }
                keys_named(v, key, found);
            }
        }
    }
}

/// The key an error path ends at: `rules[3].when` → `` `when` ``,
/// `factors[0].values[2]` → `` an entry of `values` ``, `rules[0].add.?` →
/// `` a value of `add` ``.
fn last_field(path: &str) -> String {
    let mut segments = path.rsplit('.');
    let last = segments.next().unwrap_or(path);
    // A key serde could not name (a key read with its position) is shown as `?`.
    if last == "?" {
        if let Some(map) = segments.next() {
            return format!("a value of `{map}`");
        }
    }
    match last.split_once('[') {
        Some((key, _)) => format!("an entry of `{key}`"),
        None => format!("`{last}`"),
    }
}

/// "`when` must be a condition, not the text \"x\"".
fn expected(field: Option<&str>, what: &str, found: Option<&str>) -> String {
    let mut out = match field {
        Some(f) => format!("{f} must be {what}"),
        None => format!("expected {what}"),
    };
    if let Some(found) = found {
        out.push_str(", not ");
        out.push_str(found);
    }
    out
}

/// serde's own messages (`invalid type: string "x", expected struct RawCond`,
/// `missing field `because``) in the words of the file.
fn serde_words(
    text: &str,
    field: Option<&str>,
    names: &[(&str, &str)],
) -> (String, Option<String>) {
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        if let Some((found, want)) = rest.split_once(", expected ") {
            let found = match found {
                "map" => "a mapping".to_string(),
                "sequence" => "a list".to_string(),
                "unit value" | "null" => "empty".to_string(),
                s => match s.strip_prefix("string ") {
                    Some(quoted) => format!("the text {quoted}"),
                    None => s.to_string(),
                },
            };
            return (
                expected(field, &type_words(want, names), Some(&found)),
                None,
            );
        }
    }
    if let Some(key) = quoted_after(text, "missing field `") {
        let whole = match field {
            Some(f) if !f.starts_with("an entry") => format!("{f} "),
            _ => String::new(),
        };
        return (
            format!("{whole}missing `{key}:`"),
            Some(format!("add `{key}: ...`")),
        );
    }
    if let Some(key) = quoted_after(text, "duplicate field `") {
        return (
            format!("duplicate key `{key}`"),
            Some("keep one of the two".into()),
        );
    }
    (plain_number_message(text.to_string()), None)
}

/// What serde expected, in the file's words.
fn type_words(want: &str, names: &[(&str, &str)]) -> String {
    if let Some(name) = want.strip_prefix("struct ") {
        return names
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("a mapping", |(_, w)| w)
            .to_string();
    }
    match want {
        "a map" => "a mapping",
        "a sequence" => "a list",
        "a string" | "a borrowed string" => "text",
        "a boolean" => "true or false",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "a whole number"
        }
        "f32" | "f64" => "a number",
        other => other,
    }
    .to_string()
}

/// The text between `prefix` and the next backtick.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    rest.split('`').next()
}

/// Rust's number-parsing messages ("invalid digit found in string") say nothing to a
/// rule author; say what was expected instead.
fn plain_number_message(message: String) -> String {
    match message.as_str() {
        "invalid digit found in string" | "cannot parse integer from empty string" => {
            "expected a whole number".into()
        }
        "number too large to fit in target type" | "number too small to fit in target type" => {
            "number out of range".into()
        }
        "invalid float literal" => "expected a number".into(),
        _ => message,
    }
}
