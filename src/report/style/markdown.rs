//! Markdown markup every Markdown report shares: escaped cells, inline code
//! that survives backticks, tables, and source links.

/// Escape text for a Markdown table cell.
pub fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Inline code for a table cell, with `|` escaped for the table.
pub fn code_cell(s: &str) -> String {
    code(&cell(s))
}

/// A Markdown table. Cells are written as given: escape free text with [`cell`]
/// (or [`code_cell`]) first, so that formatting the caller chose (backticks, bold) stays.
pub fn table<R>(headers: &[&str], rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = String>,
{
    let mut out = format!(
        "| {} |\n|{}\n",
        headers.join(" | "),
        "---|".repeat(headers.len())
    );
    for row in rows {
        let cells: Vec<String> = row.into_iter().collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Inline code that survives backticks in the text (messages quote ids in backticks):
/// the fence is one backtick longer than the longest run inside, as CommonMark allows.
pub fn code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{s}{fence}")
    } else {
        format!("{fence} {s} {fence}")
    }
}

/// Sources as Markdown links (`[cite](url) — claim`), for a table cell or a list.
pub fn sources(sources: &[crate::rules::Source]) -> String {
    if sources.is_empty() {
        return "—".into();
    }
    sources
        .iter()
        .map(|s| {
            let mut out = match s.link() {
                // Brackets in a citation would end the link text early.
                Some(link) => format!("[{}]({link})", cell(&s.cite).replace(['[', ']'], "")),
                None => cell(&s.cite),
            };
            if let Some(claim) = &s.claim {
                out.push_str(&format!(" — {}", cell(claim)));
            }
            out
        })
        .collect::<Vec<_>>()
        .join("; ")
}
