//! Sources: the citation, link and claim behind each rule, gate and note.

use std::fmt;

use serde::Serialize;

/// Where a rule, gate, note or conflict comes from: a citation, a link a
/// reader can follow, and the claim of the source the item rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Who and what: `Anthropic, "Introducing Contextual Retrieval" (2024)`.
    pub cite: String,
    /// A URL (or `doi:` / `arXiv:` id) to follow, when the source has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What the source supports, in a few words (or "ragfit's conversion of ...").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
}

impl Source {
    /// A link a browser can open: the URL, or `doi:`/`arXiv:` ids made into one.
    pub fn link(&self) -> Option<String> {
        let url = self.url.as_deref()?;
        Some(if let Some(id) = url.strip_prefix("doi:") {
            format!("https://doi.org/{id}")
        } else if let Some(id) = url
            .strip_prefix("arXiv:")
            .or_else(|| url.strip_prefix("arxiv:"))
        {
            format!("https://arxiv.org/abs/{id}")
        } else {
            url.to_string()
        })
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.cite)?;
        if let Some(claim) = &self.claim {
            write!(f, " ({claim})")?;
        }
        if let Some(link) = self.link() {
            write!(f, " <{link}>")?;
        }
        Ok(())
    }
}

/// Sources for a terminal: one per line, the link on a line of its own so
/// that terminals can make it clickable and tables can wrap the text.
pub fn sources_lines(sources: &[Source]) -> String {
    if sources.is_empty() {
        return "(no source given)".into();
    }
    sources
        .iter()
        .map(|s| {
            let mut line = s.cite.clone();
            if let Some(claim) = &s.claim {
                line.push_str(&format!(" — {claim}"));
            }
            if let Some(link) = s.link() {
                line.push_str(&format!("\n  {link}"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sources as one line: `a <url>; b <url>`.
pub fn sources_text(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}
