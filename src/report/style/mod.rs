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

/// [`json_at`], appended to `out`.
fn push_json_at<T: serde::Serialize>(
    out: &mut Vec<u8>,
    value: &T,
    depth: usize,
) -> anyhow::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, json::Nested::new(depth));
    value.serialize(&mut ser)?;
    Ok(())
}

/// Array items for a JSON document written in parts, each on a line of its
/// own, `depth` spaces in, compact, comma-separated (the first starts with a
/// newline, the caller closes the array). The reports write their records
/// this way — one result, component, workload or SARIF result per line — so that a report
/// diffs and greps a record at a time; written pretty they were half as big
/// again (3.0 KB a result instead of 2.0) and writing them cost 4% more CPU.
/// `jq .` shows one pretty.
pub fn json_lines<T: serde::Serialize>(
    items: impl IntoIterator<Item = T>,
    depth: usize,
) -> anyhow::Result<String> {
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'\n');
        out.resize(out.len() + depth, b' ');
        serde_json::to_writer(&mut out, &item)?;
    }
    Ok(String::from_utf8(out)?)
}

#[cfg(test)]
mod tests {
    use super::json_lines;

    /// Each item is one line (a newline inside a string stays escaped), and
    /// the lines between brackets read back as the items.
    #[test]
    fn json_lines_writes_an_item_per_line_that_reads_back() {
        let items = vec![
            serde_json::json!({"a": [1, {"b": "x\ny"}], "c": {}}),
            serde_json::json!("two\nlines"),
            serde_json::json!([]),
        ];
        let body = json_lines(&items, 4).unwrap();
        let lines: Vec<&str> = body.split('\n').collect();
        assert_eq!(lines[0], "", "the first item starts on a new line");
        assert_eq!(lines.len(), items.len() + 1, "{body}");
        for line in &lines[1..] {
            assert!(
                line.starts_with("    ") && !line.starts_with("     "),
                "{line:?}"
            );
        }
        let back: Vec<serde_json::Value> = serde_json::from_str(&format!("[{body}\n]")).unwrap();
        assert_eq!(back, items);
        assert_eq!(json_lines(Vec::<u8>::new(), 4).unwrap(), "");
    }
}
