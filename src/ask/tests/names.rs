//! Names and text that would not read back from the file are refused at the
//! prompt, which asks again; the prompt and the loader agree on every string.

use proptest::prelude::*;

use super::*;
use crate::ask::flow;
use crate::rules::Answers;
use crate::workload::Component;

/// Loaded once: the properties below run thousands of cases.
static RB: std::sync::LazyLock<RuleBase> = std::sync::LazyLock::new(rb);

/// Fourteen Enters: every factor left unknown.
fn unknowns() -> Vec<Reply> {
    vec![Enter; rb().factors.len()]
}

#[test]
fn a_name_with_nel_or_csi_is_refused_at_the_prompt_and_asked_again() {
    let rb = rb();
    let mut p = script(&[
        &[Type("acme\u{85}support"), Type("acme-support"), Enter],
        &[Type("tri\u{9b}age"), Type("abc\u{202E}fed"), Type("triage")],
        &[Type("labels\u{2028}tickets"), Type("labels tickets"), Enter],
        &unknowns(),
        &[No, Pick("done")],
    ]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    assert_eq!(w.name, "acme-support");
    assert_eq!(w.components[0].name, "triage");
    assert_eq!(
        w.components[0].description.as_deref(),
        Some("labels tickets")
    );
    assert_eq!(
        p.errors,
        [
            "the workload name contains the control character U+0085: remove it \
             (control characters can rewrite what a terminal or CI log shows)",
            "the component name contains the control character U+009B: remove it \
             (control characters can rewrite what a terminal or CI log shows)",
            "the component name contains the bidirectional control U+202E: remove it \
             (it makes text display in an order other than the one it is stored in)",
            "the text contains the separator U+2028: remove it \
             (YAML would read it back as a line break)",
        ]
    );
    // Each refusal re-asked the same question.
    assert_eq!(p.asked("Workload name").len(), 2);
    assert_eq!(p.asked("Component name").len(), 3);
    // What was accepted is saved and reads back.
    writer::to_yaml(&rb, &w).expect("the file ask writes parses back");
}

#[test]
fn a_waiver_reason_with_a_control_character_is_refused() {
    let rb = rb();
    let mut p = script(&[
        &[Enter, Enter, Type("faq"), Enter, Pick("fine-tune")],
        &unknowns(),
        &[Yes, Type("moving\u{1b}[2J"), Type("moving later"), Enter],
        &[No, Pick("done")],
    ]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    assert_eq!(
        w.components[0].waiver.as_ref().unwrap().reason,
        "moving later"
    );
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert!(p.errors[0].contains("U+001B"), "{:?}", p.errors);
}

/// A YAML double-quoted scalar that holds exactly `s`: everything outside
/// printable ASCII escaped, so the YAML reader sees the very characters.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Whether the loader accepts a file with this component name and description.
fn loads(name: &str, description: &str) -> bool {
    let text = format!(
        "workload: w\ncomponents:\n  - name: {}\n    description: {}\n",
        quoted(name),
        quoted(description)
    );
    workload::parse(&RB, "w.yaml", &text).is_ok()
}

/// What `ask` would save: the name and description as typed, trimmed.
fn saved(name: &str, description: &str) -> Workload {
    Workload {
        path: "w.yaml".into(),
        name: "w".into(),
        description: None,
        owner: None,
        components: vec![Component {
            name: name.into(),
            description: Some(description.into()),
            architecture: None,
            answers: Answers(vec![None; RB.factors.len()]),
            waiver: None,
            name_pos: Pos::default(),
            architecture_pos: None,
        }],
    }
}

/// Characters that tend to break things, mixed with ordinary ones.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => proptest::sample::select(
            " -:#&*!|>'\"%@`,[]{}?~\\".chars().collect::<Vec<_>>()
        ),
        2 => proptest::char::range('\u{0}', '\u{1f}'),
        2 => proptest::char::range('\u{7f}', '\u{a0}'),
        1 => proptest::sample::select(vec![
            '\u{2028}', '\u{2029}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}',
            '\u{200B}', '\u{200E}', '\u{FEFF}', '\u{FFFE}', '\u{FFFF}', '\u{10FFFF}',
            'é', '名', '😀',
        ]),
        1 => any::<char>(),
    ]
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(tricky_char(), 1..10)
            .prop_map(|v| v.into_iter().collect::<String>()),
        1 => proptest::sample::select(vec![
            "null", "~", "true", "no", "1e3", "0x1F", "0x", "0o", "0o8", "- x", "? x", "x: y", "#x", "&a", "*a",
            "!tag", "---", "...", "'", "\"", "[x]", "{x}", "%YAML", "@x", "`x`",
        ])
        .prop_map(str::to_string),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// The prompt accepts a name exactly when the loader does, and what it
    /// accepts is saved in a file that reads back with the same name.
    #[test]
    fn the_prompt_and_the_loader_agree_on_every_name(raw in tricky_string()) {
        let at_prompt = flow::name(&raw, "empty", "component name").is_ok();
        let typed = raw.trim();
        prop_assert_eq!(at_prompt, !typed.is_empty() && loads(typed, "d"), "{:?}", raw);
        if at_prompt {
            let back = writer::to_yaml(&RB, &saved(typed, "d"));
            prop_assert!(back.is_ok(), "{:?}: {:?}", raw, back.err());
        }
    }

    /// The same for free text (a description).
    #[test]
    fn the_prompt_and_the_loader_agree_on_every_description(raw in tricky_string()) {
        let at_prompt = flow::free_text(&raw).is_ok();
        let typed = raw.trim();
        // An empty description is no description: nothing to check.
        prop_assume!(!typed.is_empty());
        prop_assert_eq!(at_prompt, loads("c", typed), "{:?}", raw);
        if at_prompt {
            let back = writer::to_yaml(&RB, &saved("c", typed));
            prop_assert!(back.is_ok(), "{:?}: {:?}", raw, back.err());
        }
    }
}
