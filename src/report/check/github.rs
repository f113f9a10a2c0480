//! `check --format github`: GitHub Actions workflow commands, one line per
//! finding (`::error file=…,line=…,col=…,title=…::message`), which GitHub
//! shows as annotations on the pull request's diff.

use super::{CheckTotals, Section};
use crate::check::{FileCheck, Severity};

/// The GitHub Actions format.
pub struct Github;

impl super::Renderer for Github {
    fn shows_near_misses(&self) -> bool {
        false
    }

    /// One workflow command per finding.
    fn file(&self, f: &FileCheck) -> anyhow::Result<Section> {
        let mut out = String::new();
        for x in f.findings() {
            let command = match x.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let title = format!("{} {}: {}", x.code, x.name, x.component);
            out.push_str(&format!(
                "::{command} file={},line={},col={},title={}::{}\n",
                property(&x.path),
                x.line,
                x.column,
                property(&title),
                data(&x.message)
            ));
        }
        Ok(out.into())
    }

    /// One workflow command per input problem.
    fn end(&self, t: &CheckTotals) -> anyhow::Result<String> {
        let mut out = String::new();
        for d in &t.errors {
            let mut props = format!("file={}", property(&d.path));
            if let Some(pos) = d.pos {
                props.push_str(&format!(",line={},col={}", pos.line, pos.column));
            }
            props.push_str(",title=ragfit input");
            let mut message = d.message.clone();
            if let Some(hint) = &d.hint {
                message.push_str(&format!(" ({hint})"));
            }
            out.push_str(&format!("::error {props}::{}\n", data(&message)));
        }
        Ok(out)
    }
}

/// Escape a command's message, as the Actions runner's `escapeData` does.
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value, as the runner's `escapeProperty` does: also `:` and `,`,
/// which would otherwise end the value.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        // `::` inside a message is fine: only the first `::` after the properties splits.
        assert_eq!(data("a::b"), "a::b");
    }
}
