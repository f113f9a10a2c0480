//! A light YAML tree for workload files, the one YAML that is read by the
//! ten thousand: the same documents, errors and positions as `marked-yaml`'s
//! loader (which reads the rule base, price book and configuration, where
//! serde is wanted), without its costs. `marked-yaml` keeps each mapping in
//! a hashed, linked map and each position as a full marker; here a mapping
//! is a vector of pairs in document order and a position is a line and a
//! column. On the benchmark corpus, per component: the parser's events alone
//! take 5.5 µs, `marked-yaml`'s tree 8.2 µs, this one 6.4 µs.
//!
//! The events come from `yaml-rust2`, the parser under `marked-yaml`, so the
//! grammar, the scanner's errors and their positions are the same.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::YamlError;
use crate::diag::Pos;

/// A node of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// A string (every scalar is one; see [`Scalar::may_coerce`]).
    Scalar(Scalar),
    /// A mapping, its keys in document order.
    Mapping(Mapping),
    /// A sequence.
    Sequence(Sequence),
}

/// A scalar and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scalar {
    text: String,
    pos: Pos,
    plain: bool,
}

/// A mapping and where it starts; keys are unique (duplicates are an error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    entries: Vec<(Scalar, Node)>,
    pos: Pos,
}

/// A sequence and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sequence {
    items: Vec<Node>,
    pos: Pos,
}

impl Node {
    /// Where the node starts.
    pub fn span(&self) -> &Pos {
        match self {
            Node::Scalar(s) => &s.pos,
            Node::Mapping(m) => &m.pos,
            Node::Sequence(s) => &s.pos,
        }
    }

    /// The node as a mapping, if it is one.
    pub fn as_mapping(&self) -> Option<&Mapping> {
        match self {
            Node::Mapping(m) => Some(m),
            _ => None,
        }
    }
}

impl Scalar {
    /// The text, as written (quotes and escapes resolved).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the scalar was written plain (unquoted), so that YAML would
    /// read `300` as a number and `true` as a boolean; quoted, it is a string.
    pub fn may_coerce(&self) -> bool {
        self.plain
    }

    /// Where the scalar starts.
    pub fn span(&self) -> &Pos {
        &self.pos
    }
}

impl Mapping {
    /// The value under `key`.
    pub fn get_node(&self, key: &str) -> Option<&Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(_, v)| v)
    }

    /// The value under `key`, if it is a scalar.
    pub fn get_scalar(&self, key: &str) -> Option<&Scalar> {
        match self.get_node(key)? {
            Node::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// Keys and values in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&Scalar, &Node)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// Keys in document order.
    pub fn keys(&self) -> impl Iterator<Item = &Scalar> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// Whether the mapping has no keys.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Where the mapping starts.
    pub fn span(&self) -> &Pos {
        &self.pos
    }
}

impl Sequence {
    /// The items in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Node> {
        self.items.iter()
    }

    /// Whether the sequence has no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Where the sequence starts.
    pub fn span(&self) -> &Pos {
        &self.pos
    }
}

/// Mappings with more keys than this check for duplicates through a hash
/// set rather than by comparing with every earlier key (workload mappings
/// have a dozen keys; a hostile file may have a hundred thousand).
const LINEAR_KEYS: usize = 16;

enum State {
    Key(Mapping, Option<std::collections::HashSet<String>>),
    Value(Mapping, Option<std::collections::HashSet<String>>, Scalar),
    Items(Sequence),
}

/// What went wrong while loading, in `marked-yaml`'s terms (so that both
/// loaders say the same).
enum Problem {
    TopLevelNotMapping(Pos),
    Anchor(Pos),
    Tag(Pos),
    KeyNotScalar(Pos),
    Duplicate { first: Pos, again: Pos, key: String },
}

struct Loader {
    stack: Vec<State>,
    started: bool,
    done: Option<Node>,
    problem: Option<Problem>,
}

fn pos_of(m: &Marker) -> Pos {
    Pos::new(m.line(), m.col() + 1)
}

impl Loader {
    /// Attach a finished node to what encloses it.
    fn attach(&mut self, node: Node) {
        match self.stack.pop() {
            None => self.done = Some(node),
            Some(State::Items(mut seq)) => {
                seq.items.push(node);
                self.stack.push(State::Items(seq));
            }
            Some(State::Key(map, seen)) => match node {
                Node::Scalar(key) => self.stack.push(State::Value(map, seen, key)),
                // Not reached: `open` refuses a collection where a key is
                // expected, at its start, before anything inside it is read.
                other => self.problem = Some(Problem::KeyNotScalar(*other.span())),
            },
            Some(State::Value(mut map, mut seen, key)) => {
                let fresh = seen
                    .as_mut()
                    .is_some_and(|set| set.insert(key.text.clone()));
                let first = if fresh {
                    None
                } else {
                    map.entries
                        .iter()
                        .find(|(k, _)| k.text == key.text)
                        .map(|(k, _)| k.pos)
                };
                if let Some(first) = first {
                    self.problem = Some(Problem::Duplicate {
                        first,
                        again: key.pos,
                        key: key.text,
                    });
                    return;
                }
                map.entries.push((key, node));
                if seen.is_none() && map.entries.len() > LINEAR_KEYS {
                    seen = Some(map.entries.iter().map(|(k, _)| k.text.clone()).collect());
                }
                self.stack.push(State::Key(map, seen));
            }
        }
    }

    /// Where a collection opens: at the top it must be a mapping.
    fn open(&mut self, state: State, at: Pos, is_mapping: bool) {
        if self.stack.is_empty() && !is_mapping {
            self.problem = Some(Problem::TopLevelNotMapping(at));
        } else if matches!(self.stack.last(), Some(State::Key(..))) {
            self.problem = Some(Problem::KeyNotScalar(at));
        } else {
            self.stack.push(state);
        }
    }
}

impl MarkedEventReceiver for Loader {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.problem.is_some() || self.done.is_some() && !matches!(ev, Event::StreamEnd) {
            return;
        }
        let at = pos_of(&mark);
        match ev {
            Event::StreamStart | Event::DocumentStart | Event::DocumentEnd | Event::Nothing => {}
            Event::StreamEnd => {
                if !self.started && self.done.is_none() {
                    // A document of comments only: an empty mapping.
                    self.done = Some(Node::Mapping(Mapping {
                        entries: Vec::new(),
                        pos: at,
                    }));
                }
            }
            Event::Alias(_) => self.problem = Some(Problem::Anchor(at)),
            Event::MappingStart(anchor, tag) | Event::SequenceStart(anchor, tag)
                if tag.is_some() || anchor != 0 =>
            {
                self.problem = Some(if tag.is_some() {
                    Problem::Tag(at)
                } else {
                    Problem::Anchor(at)
                });
            }
            Event::MappingStart(..) => {
                self.started = true;
                let map = Mapping {
                    entries: Vec::new(),
                    pos: at,
                };
                self.open(State::Key(map, None), at, true);
            }
            Event::SequenceStart(..) => {
                self.started = true;
                let seq = Sequence {
                    items: Vec::new(),
                    pos: at,
                };
                self.open(State::Items(seq), at, false);
            }
            Event::MappingEnd => {
                if let Some(State::Key(map, _)) = self.stack.pop() {
                    self.attach(Node::Mapping(map));
                }
            }
            Event::SequenceEnd => {
                if let Some(State::Items(seq)) = self.stack.pop() {
                    self.attach(Node::Sequence(seq));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.started = true;
                if anchor != 0 {
                    self.problem = Some(Problem::Anchor(at));
                } else if tag.is_some() {
                    self.problem = Some(Problem::Tag(at));
                } else if self.stack.is_empty() {
                    self.problem = Some(Problem::TopLevelNotMapping(at));
                } else {
                    self.attach(Node::Scalar(Scalar {
                        text,
                        pos: at,
                        plain: style == TScalarStyle::Plain,
                    }));
                }
            }
        }
    }
}

/// Load one YAML document, whose top level must be a mapping, as a [`Node`]
/// tree. The text has passed [`super`]'s guards (nesting, one document,
/// directives) before it gets here.
pub(super) fn load(text: &str) -> Result<Node, YamlError> {
    let mut loader = Loader {
        stack: Vec::new(),
        started: false,
        done: None,
        problem: None,
    };
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut loader, false) {
        return Err(super::scan_error(pos_of(e.marker()), &e.to_string()));
    }
    match (loader.problem, loader.done) {
        (Some(problem), _) => Err(match problem {
            Problem::TopLevelNotMapping(at) => super::top_level_not_mapping(at),
            Problem::Anchor(at) => super::anchor_error(at),
            Problem::Tag(at) => super::tag_error(at),
            Problem::KeyNotScalar(at) => super::key_not_scalar(at),
            Problem::Duplicate { first, again, key } => super::duplicate_key(&key, again, first),
        }),
        (None, Some(node)) => Ok(node),
        // The parser ended without closing the document: it reports that as
        // a scan error, so this is not reached; say so plainly if it is.
        (None, None) => Err(YamlError {
            pos: None,
            message: "invalid YAML: the document is incomplete".into(),
            hint: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every refusal says what `marked-yaml` says, at the same place.
    #[test]
    fn refuses_what_marked_yaml_refuses_in_the_same_words() {
        let many: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !tag 1\n",
            "a: !tag {b: 1}\n",
            "&m {a: 1}\n",
            "a: 1\nb: 2\na: 3\n",
            "a:\n  b: 1\n  b: {c: 2}\n",
            &format!("{many}k7: again\n"),
            "- a\n- b\n",
            "just text\n",
            "---\n",
            "? {a: 1}\n: x\n",
            "? [a]\n: x\n",
            "a: [1, 2\n",
            "a: 'open\n",
            "a: *nowhere\n",
            "a: 1\n---\nb: 2\n",
        ] {
            let marked = super::super::parse(text).map(|_| ());
            let light = super::super::parse_tree(text).map(|_| ());
            assert!(marked.is_err(), "{text:?}");
            assert_eq!(light, marked, "{text:?}");
        }
    }

    #[test]
    fn reads_positions_quoting_and_order() {
        let text = "# c\nb: '1'\na:\n  - x\n  - {y: 2}\n";
        let Node::Mapping(m) = super::super::parse_tree(text).unwrap() else {
            panic!("a mapping");
        };
        let keys: Vec<_> = m.keys().map(|k| (k.as_str(), *k.span())).collect();
        assert_eq!(keys, [("b", Pos::new(2, 1)), ("a", Pos::new(3, 1))]);
        let b = m.get_scalar("b").unwrap();
        assert!(!b.may_coerce() && b.as_str() == "1");
        let Some(Node::Sequence(items)) = m.get_node("a") else {
            panic!("a list");
        };
        assert_eq!(*items.span(), Pos::new(4, 3));
        let y = items.iter().nth(1).and_then(Node::as_mapping).unwrap();
        assert!(y.get_scalar("y").unwrap().may_coerce());
        // Comments only: an empty mapping, as marked-yaml reads it.
        let empty = super::super::parse_tree("# nothing\n").unwrap();
        assert!(empty.as_mapping().is_some_and(Mapping::is_empty));
    }
}
