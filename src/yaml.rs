//! The one place that knows which YAML libraries ragfit uses.
//!
//! Reading goes through `marked-yaml`, because every node it returns carries its
//! line and column: errors in workload files and rule bases, and CI findings,
//! must point at the exact key. (`serde_yaml`/`yaml_serde` only reports
//! positions for the first parse error, never for valid nodes.) Writing goes
//! through `serde_yaml` (the maintained `yaml_serde`), whose emitter produces
//! plain, stable, block-style YAML.
//!
//! `marked-yaml` refuses anchors and aliases outright, which is also what
//! defuses "billion laughs" alias bombs; duplicate keys are errors.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::diag::Pos;

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

/// The start of a span as a [`Pos`] (1-based line and column).
pub fn pos(span: &Span) -> Pos {
    span.start()
        .map(|m| Pos::new(m.line(), m.column()))
        .unwrap_or_default()
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
    let options = options
        .error_on_duplicate_keys(true)
        // A quoted `"300"` stays a string: a number or boolean must be written plainly.
        .prevent_coercion(true);
    marked_yaml::parse_yaml_with_options(0, text, options).map_err(|e| {
        let at = |m: &marked_yaml::Marker| Some(Pos::new(m.line(), m.column()));
        match e {
            LoadError::TopLevelMustBeMapping(m) => YamlError {
                pos: at(&m),
                message: "the top level must be a mapping of keys to values".into(),
                hint: Some(
                    "start the file with `workload: NAME`; `ragfit init` writes a starter file"
                        .into(),
                ),
            },
            LoadError::TopLevelMustBeSequence(m) => YamlError {
                pos: at(&m),
                message: "the top level must be a sequence".into(),
                hint: None,
            },
            LoadError::UnexpectedAnchor(m) => YamlError {
                pos: at(&m),
                message: "YAML anchors and aliases (`&name`, `*name`) are not supported".into(),
                hint: Some("write the values out in full".into()),
            },
            LoadError::MappingKeyMustBeScalar(m) => YamlError {
                pos: at(&m),
                message: "a mapping key must be a plain string".into(),
                hint: None,
            },
            LoadError::UnexpectedTag(m) => YamlError {
                pos: at(&m),
                message: "YAML tags (`!tag`) are not supported".into(),
                hint: Some("remove the tag".into()),
            },
            LoadError::DuplicateKey(inner) => {
                let first = pos(inner.prev_key.span());
                YamlError {
                    pos: Some(pos(inner.key.span())),
                    message: format!(
                        "duplicate key `{}` (first defined at line {})",
                        inner.key.as_str(),
                        first.line
                    ),
                    hint: Some("keep one of the two".into()),
                }
            }
            LoadError::ScanError(m, err) => {
                let full = err.to_string();
                // yaml-rust appends " at byte N line L column C"; we print the position ourselves.
                let message = full
                    .split(" at byte ")
                    .next()
                    .unwrap_or(&full)
                    .trim()
                    .to_string();
                YamlError {
                    pos: at(&m),
                    message: format!("invalid YAML: {message}"),
                    hint: None,
                }
            }
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

/// Deserialize a parsed node into a typed value (used for the rule base).
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, YamlError> {
    marked_yaml::from_node(node).map_err(|e| {
        let mut pos = e.start_mark().map(|m| Pos::new(m.line(), m.column()));
        let mut message = e.into_inner().to_string();
        // The error's Display repeats the position; keep the bare message.
        if let Some(idx) = message.find(": ").filter(|_| pos.is_some()) {
            if message[..idx].contains(':') || message[..idx].chars().all(|c| c.is_ascii_digit()) {
                message = message[idx + 2..].to_string();
            }
        }
        // serde reports unknown fields without a position; the key itself has one.
        // Only a key that occurs once can be pinned down without guessing.
        if pos.is_none() {
            if let Some(key) = quoted_after(&message, "nknown field `") {
                let mut found = Vec::new();
                keys_named(node, key, &mut found);
                if let [only] = found[..] {
                    pos = Some(only);
                }
            }
        }
        YamlError {
            pos,
            message: plain_number_message(message),
            hint: None,
        }
    })
}

/// The text between `prefix` and the next backtick.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    rest.split('`').next()
}

/// Positions of every mapping key spelt `key`, in document order.
fn keys_named(node: &Node, key: &str, found: &mut Vec<Pos>) {
    match node {
        Node::Scalar(_) => {}
        Node::Sequence(seq) => seq.iter().for_each(|n| keys_named(n, key, found)),
        Node::Mapping(map) => {
            for (k, v) in map.iter() {
                if k.as_str() == key {
                    found.push(pos(k.span()));
                }
                keys_named(v, key, found);
            }
        }
    }
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

/// Serialize a value as block-style YAML.
pub fn to_string<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_yaml::to_string(value)?)
}
