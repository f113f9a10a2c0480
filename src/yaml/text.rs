//! Control characters in the text of a rule base or price book.

use super::{pos, Node, YamlError};

/// Refuse a key or value holding a character that must not reach a terminal
/// raw ([`crate::printable::is_unsafe`]; line breaks in text are fine): a
/// rule base's texts are printed by `explain`, `rules` and every report, so
/// one from an untrusted file could otherwise drive the terminal or forge a
/// CI log line. The first such scalar in document order is reported.
pub fn check_printable(node: &Node) -> Result<(), YamlError> {
    let bad = |s: &str| {
        s.chars()
            .find(|&c| c != '\n' && crate::printable::is_unsafe(c))
    };
    let refuse = |at, c: char| YamlError {
        pos: Some(at),
        message: format!("contains the control character U+{:04X}", c as u32),
        hint: Some(
            "remove it: this text is printed to terminals and CI logs, where control \
             characters can rewrite what is shown"
                .into(),
        ),
    };
    match node {
        Node::Scalar(s) => match bad(s.as_str()) {
            Some(c) => Err(refuse(pos(s.span()), c)),
            None => Ok(()),
        },
        Node::Sequence(seq) => seq.iter().try_for_each(check_printable),
        Node::Mapping(map) => map.iter().try_for_each(|(k, v)| {
            if let Some(c) = bad(k.as_str()) {
                return Err(refuse(pos(k.span()), c));
            }
            check_printable(v)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    #[test]
    fn the_first_unsafe_scalar_is_refused_where_it_is() {
        let ok = super::super::parse("a: \"two\\nlines\"\nb: [x, \"ünï ✓\"]\n").unwrap();
        assert!(check_printable(&ok).is_ok());
        let esc = super::super::parse("a: ok\nb:\n  - \"x\\e[31m\"\n").unwrap();
        let e = check_printable(&esc).unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(3, 5)));
        assert!(e.message.contains("U+001B"), "{}", e.message);
        let bidi = super::super::parse("\"k\\u202E\": 1\n").unwrap();
        assert_eq!(
            check_printable(&bidi).unwrap_err().pos,
            Some(Pos::new(1, 1))
        );
    }
}
