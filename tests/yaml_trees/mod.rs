//! The light tree workload files are loaded into (`yaml::parse_tree`) must
//! read every text as `marked-yaml` does (`yaml::parse`): the same nodes,
//! texts, quoting and positions, or the same error at the same place. The
//! fuzz harness checks it on every mutated text.

use ragfit::yaml;

/// A flattening of one tree type into text: both trees have the same
/// shape and method names, so one body serves both.
macro_rules! flatten {
    ($name:ident, $($tree:ident)::+) => {
        fn $name(n: &$($tree)::+::Node, out: &mut String) {
            use $($tree)::+::Node;
            let p = yaml::pos(n.span());
            match n {
                Node::Scalar(s) => {
                    *out += &format!("S{}:{}{}{:?} ", p.line, p.column, s.may_coerce(), s.as_str())
                }
                Node::Sequence(q) => {
                    *out += &format!("Q{}:{}[ ", p.line, p.column);
                    q.iter().for_each(|n| $name(n, out));
                    *out += "] ";
                }
                Node::Mapping(m) => {
                    *out += &format!("M{}:{}{{ ", p.line, p.column);
                    for (k, v) in m.iter() {
                        $name(&Node::Scalar(k.clone()), out);
                        $name(v, out);
                    }
                    *out += "} ";
                }
            }
        }
    };
}

flatten!(marked, ragfit::yaml);
flatten!(light, ragfit::yaml::tree);

/// `Some(finding)` when the two loaders read `text` differently.
pub fn trees_disagree(text: &str) -> Option<String> {
    let a = yaml::parse(text).map(|n| {
        let mut s = String::new();
        marked(&n, &mut s);
        s
    });
    let b = yaml::parse_tree(text).map(|n| {
        let mut s = String::new();
        light(&n, &mut s);
        s
    });
    (a != b)
        .then(|| format!("the YAML trees disagree:\n    marked-yaml {a:?}\n    light tree  {b:?}"))
}
