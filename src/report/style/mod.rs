//! The styles and markup reports share: terminal tables and colours
//! ([`term`]), Markdown ([`markdown`]), money ([`money`]) and pretty JSON ([`json`]).

pub mod html;
mod json;
pub mod markdown;
pub mod money;
pub mod term;

pub use term::{
    ansi, bold, heading, keep_column_whole, keep_ids_whole, new_table, outcome_ansi, outcome_cell,
    outcome_color, outcomes, points, table, wrap_prose, SourceRefs, Style, WIDTH,
};

/// A value as pretty JSON with a final newline, as every JSON report is written.
pub fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

/// A value as pretty JSON to sit `depth` spaces in inside an enclosing
/// document that is written in parts (streamed reports): every line after
/// the first is indented. Safe because pretty JSON escapes newlines in strings.
pub fn json_at<T: serde::Serialize>(value: &T, depth: usize) -> anyhow::Result<String> {
    let mut out = Vec::new();
    push_json_at(&mut out, value, depth)?;
    Ok(String::from_utf8(out)?)
}

/// [`json_at`], appended to `out`: a report of many results writes them all
/// into one buffer.
pub fn push_json_at<T: serde::Serialize>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> anyhow::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, json::Nested::new(depth));
    value.serialize(&mut ser)?;
    Ok(())
}
