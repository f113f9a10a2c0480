//! Diagnostics: problems in user input, positioned at a file, line and column.
//!
//! Every problem a user can fix is a [`Diagnostic`]: it names where (so an editor or
//! CI can jump there), what is wrong, and — where we can tell — how to fix it.

use std::fmt;

use serde::Serialize;

/// A 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl Pos {
    /// A position at `line`, `column` (both 1-based).
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }
}

/// One problem in one input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file as the user named it (`-` reads as `<stdin>`).
    pub path: String,
    /// Where in the file, when the problem has a place.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when we can tell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem at a known place.
    pub fn at(path: &str, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            pos: Some(pos),
            message: message.into(),
            hint: None,
        }
    }

    /// A problem with the file as a whole (unreadable, too large, ...).
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            pos: None,
            message: message.into(),
            hint: None,
        }
    }

    /// Attach a fix-it hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attach a hint only if there is one.
    pub fn with_opt_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(pos) = self.pos {
            write!(f, ":{}:{}", pos.line, pos.column)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// The candidate closest to `input`, if it is close enough to be a plausible typo.
///
/// Jaro-Winkler favours shared prefixes, which is how ids in this tool are
/// usually mistyped (`knowledge_volatilty`, `fine_tune`).
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let folded = input.to_ascii_lowercase().replace('_', "-");
    candidates
        .into_iter()
        .map(|c| {
            let score = strsim::jaro_winkler(&folded, &c.to_ascii_lowercase().replace('_', "-"));
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.8)
        // Ties keep the first candidate, so suggestions are deterministic.
        .fold(None, |best: Option<(f64, &str)>, (score, c)| match best {
            Some((b, _)) if b >= score => best,
            _ => Some((score, c)),
        })
        .map(|(_, c)| c)
}

/// A "did you mean" hint, or a list of the valid choices when nothing is close.
pub fn suggest<'a, I>(input: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    match did_you_mean(input, candidates.clone()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => {
            let all: Vec<&str> = candidates.into_iter().collect();
            format!("expected one of: {}", all.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_typos_only() {
        let c = ["knowledge_volatility", "citations", "daily_requests"];
        assert_eq!(
            did_you_mean("knowledge_volatilty", c),
            Some("knowledge_volatility")
        );
        assert_eq!(did_you_mean("citation", c), Some("citations"));
        assert_eq!(did_you_mean("zzz", c), None);
    }

    #[test]
    fn display_matches_the_contract() {
        let d =
            Diagnostic::at("a.yaml", Pos::new(4, 7), "bad value").with_hint("did you mean `x`?");
        assert_eq!(d.to_string(), "a.yaml:4:7: bad value (did you mean `x`?)");
        assert_eq!(
            Diagnostic::file("b.yaml", "empty").to_string(),
            "b.yaml: empty"
        );
    }
}
