//! Prompt wording and what the terminal shows: placeholders, skipped numbers,
//! tables after a review change, comments lost on replace, help wrapping.

use std::path::{Path, PathBuf};

use super::script::{Reply::*, Script};
use super::{answer, editing, rb, run, script, start, support, triage, Existing, Start};
use crate::ask::terminal::wrap_help;
use crate::ask::{destination, writer};

#[test]
fn placeholders_read_as_examples_and_never_as_defaults() {
    let rb = rb();
    // No directory name to offer: the workload name shows an example instead.
    let bare = Start {
        default_name: String::new(),
        from: None,
        today: jiff::civil::date(2030, 1, 1),
    };
    let mut p = script(&[&[Type("demo"), Enter], &triage(), &[No, Pick("done")]]);
    run(&rb, &mut p, bare, false).unwrap();
    let with_placeholder: Vec<_> = p.asked.iter().filter(|a| a.placeholder.is_some()).collect();
    assert_eq!(with_placeholder.len(), 2, "workload and component names");
    for a in with_placeholder {
        let ph = a.placeholder.as_deref().unwrap();
        assert!(ph.starts_with("e.g. "), "`{}` shows `{ph}`", a.message);
        assert_eq!(a.default, None, "an example is not a default");
    }
    // With a directory name, that is a real default and no example is shown.
    let mut p = script(&[&[Enter, Enter], &triage(), &[No, Pick("done")]]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    let name = p.asked("Workload name")[0];
    assert_eq!(name.default.as_deref(), Some("my-dir"));
    assert_eq!(name.placeholder, None);
    assert_eq!(w.name, "my-dir");
}

#[test]
fn a_skipped_number_is_answered_unknown_not_blank() {
    let rb = rb();
    let mut replies = triage();
    replies[5] = Enter; // latency_budget_ms, the first number question
    let mut p = script(&[&[Enter, Enter], &replies, &[No, Pick("done")]]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    assert_eq!(answer(&rb, &w, 0, "latency_budget_ms"), "unknown");
    // Every number question offers `unknown` as its default, so the answered
    // prompt reads `unknown` (inquire shows the default it submitted).
    let numbers: Vec<_> = rb
        .factors
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind, crate::rules::FactorKind::Number { .. }))
        .collect();
    assert!(!numbers.is_empty());
    for (i, f) in numbers {
        let asked = p.asked(&format!("[{}/{}] {}", i + 1, rb.factors.len(), f.question));
        assert_eq!(asked[0].default.as_deref(), Some("unknown"), "{}", f.id);
    }
}

#[test]
fn changing_one_answer_shows_the_score_table_once() {
    let rb = rb();
    let replies = [
        Enter,
        Enter,
        Pick("change"),
        Pick("policy-answers"),
        Pick("citations: required"),
        Pick("audited"),
        Pick("done"),
    ];
    let mut p = script(&[&replies]);
    let from = editing(support());
    run(&rb, &mut p, from, false).unwrap();
    // Two full reports (before and after the change), each with one
    // policy-answers row; no extra one-row table in between.
    let rows = p.shown.matches("│ policy-answers").count();
    assert_eq!(rows, 2, "{}", p.shown);
    let systems = p.shown.matches("system: ").count();
    assert_eq!(systems, 2, "{}", p.shown);
}

#[test]
fn replacing_a_file_with_comments_says_they_will_not_be_kept() {
    let w = support();
    let target = Path::new("examples/support.yaml");
    let commented = |_: &Path| Existing::File { lost_comments: 3 };
    let mut p = Script::new(vec![No, Type("copy.yaml")]);
    let never_copy = |p: &Path| {
        if p == Path::new("copy.yaml") {
            Existing::Nothing
        } else {
            commented(p)
        }
    };
    let got = destination(&mut p, &w, Some(target), &never_copy).unwrap();
    assert_eq!(got, Some(PathBuf::from("copy.yaml")));
    let asked = p.asked("Replace examples/support.yaml");
    assert_eq!(asked.len(), 1);
    assert_eq!(
        asked[0].message,
        "Replace examples/support.yaml and lose its 3 comment lines?"
    );
    let help = asked[0].help.as_deref().unwrap();
    assert!(help.contains("comments will not be kept"), "{help}");
    // Without comments to lose, the question stays short.
    let mut p = Script::new(vec![Yes]);
    let plain = |_: &Path| Existing::File { lost_comments: 0 };
    destination(&mut p, &w, Some(target), &plain).unwrap();
    assert!(
        !p.asked[0].message.contains("comment"),
        "{}",
        p.asked[0].message
    );
}

#[test]
fn lost_comments_counts_the_comments_ask_would_drop() {
    let rb = rb();
    let w = support();
    let new = writer::to_yaml(&rb, &w).unwrap();
    // A file ask wrote itself loses nothing: its header is written again.
    assert_eq!(writer::lost_comments(&new, &new), 0);
    // examples/support.yaml is commented by hand.
    let old = include_str!("../../../examples/support.yaml");
    let expected = old
        .lines()
        .filter(|l| l.trim_start().starts_with('#'))
        .count();
    assert!(expected > 0);
    assert!(writer::lost_comments(old, &new) >= expected);
}

#[test]
fn comments_are_found_outside_quotes_and_block_scalars() {
    let text = "\
# top
workload: a#b # trailing
description: \"not # a comment\" # but this is
owner: 'it''s # text'
notes: |
  # text inside a block scalar
  more text
components: # list
- name: don't # plain apostrophe
";
    assert_eq!(
        writer::comments(text),
        [
            "# top",
            "# trailing",
            "# but this is",
            "# list",
            "# plain apostrophe"
        ]
    );
}

#[test]
fn help_wraps_on_word_boundaries_to_the_terminal_width() {
    let help = "Fine-tuning needs enough labelled examples of the behaviour you want; \
        retrieval needs documents that contain the answers. Leave empty if unknown.";
    let wrapped = wrap_help(help, Some(60));
    assert!(wrapped.lines().count() > 1, "{wrapped}");
    for line in wrapped.lines() {
        // inquire adds `[` and `]` around the help.
        assert!(line.chars().count() + 2 <= 60, "`{line}`");
    }
    // Only spaces became line breaks: no word was split.
    assert_eq!(wrapped.replace('\n', " "), help);
    // Unknown width (not a terminal): unchanged.
    assert_eq!(wrap_help(help, None), help);
}
