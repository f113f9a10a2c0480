//! The questionnaire driven by a scripted prompter: answers in, workload out.

mod names;
mod prompts;
mod script;
mod waivers;

use std::path::{Path, PathBuf};

use super::{
    destination, run, writer, ConfirmPrompt, Existing, Prompter, SelectPrompt, Start, TextPrompt,
};
use crate::diag::Pos;
use crate::engine;
use crate::error::Error;
use crate::rules::{self, Outcome, RuleBase};
use crate::workload::{self, Workload};

use script::{Reply, Reply::*, Script};

fn rb() -> RuleBase {
    rules::load_default().unwrap()
}

fn start() -> Start {
    Start {
        default_name: "my-dir".into(),
        from: None,
        today: jiff::civil::date(2030, 1, 1),
    }
}

/// Name, description, architecture and all fourteen factors of a ticket-triage
/// component like the one in examples/support.yaml (the three optional ones
/// last, as the rule base lists them).
fn triage() -> Vec<Reply> {
    vec![
        Type("triage"),
        Type("labels each ticket with a queue"),
        Pick("fine-tune"),
        Pick("static"),
        Pick("none"),
        Type("500"),
        Type("25,000"),
        Pick("classification"),
        Pick("high"),
        Type("40000"),
        Type("0"),
        Pick("no"),
        Pick("no"),
        Pick("internal"),
        Pick("behaviour"),
        Pick("yes"),
        Pick("no"),
    ]
}

fn script(parts: &[&[Reply]]) -> Script {
    Script::new(parts.iter().flat_map(|p| p.iter().cloned()).collect())
}

fn answer(rb: &RuleBase, w: &Workload, comp: usize, factor: &str) -> String {
    let fi = rb.factor_index(factor).unwrap();
    rb.factors[fi].format_value(w.components[comp].answers.0[fi])
}

/// The workload without source positions, which edited components do not have.
fn strip(mut w: Workload) -> Workload {
    for c in &mut w.components {
        c.name_pos = Pos::default();
        c.architecture_pos = None;
        if let Some(wv) = &mut c.waiver {
            wv.pos = Pos::default();
        }
    }
    w
}

fn support() -> Workload {
    let text = include_str!("../../../examples/support.yaml");
    workload::parse(&rb(), "examples/support.yaml", text).unwrap()
}

/// Re-opening `w` (`ask --from`), on a fixed day.
fn editing(w: Workload) -> Start {
    Start {
        default_name: String::new(),
        from: Some(w),
        today: jiff::civil::date(2030, 1, 1),
    }
}

#[test]
fn one_component_questionnaire_builds_the_workload_and_shows_its_recommendation() {
    let rb = rb();
    let mut p = script(&[
        &[Enter, Type("Support bot")],
        &triage(),
        &[No, Pick("done")],
    ]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    assert_eq!(w.name, "my-dir", "Enter keeps the directory name");
    assert_eq!(w.description.as_deref(), Some("Support bot"));
    assert_eq!(w.components.len(), 1);
    let c = &w.components[0];
    assert_eq!(c.name, "triage");
    assert_eq!(c.architecture, Some(Outcome::FineTune));
    assert_eq!(
        answer(&rb, &w, 0, "daily_requests"),
        "25000",
        "40,000-style commas are accepted"
    );
    assert_eq!(answer(&rb, &w, 0, "task_shape"), "classification");
    assert_eq!(answer(&rb, &w, 0, "deletion_required"), "false");
    assert!(
        c.answers.0.iter().all(Option::is_some),
        "every factor was answered"
    );
    // examples/README.md: a ticket-triage component like this one is fine-tune.
    assert_eq!(
        engine::assess(&rb, &c.answers).decided.outcome,
        Outcome::FineTune
    );
    // The one-row table after the component, then the full report with the system line.
    assert!(p.shown.contains("│ triage"), "{}", p.shown);
    assert!(
        p.shown.contains("system: fine-tune for triage"),
        "{}",
        p.shown
    );
    assert!(p.replies.is_empty(), "every scripted reply was used");
}

#[test]
fn questions_come_from_the_rule_base_with_progress_help_choices_unit_and_range() {
    let rb = rb();
    let mut p = script(&[&[Enter, Enter], &triage(), &[No, Pick("done")]]);
    run(&rb, &mut p, start(), false).unwrap();
    let n = rb.factors.len();
    for (i, f) in rb.factors.iter().enumerate() {
        let prefix = format!("[{}/{n}] {}", i + 1, f.question);
        let asked = p.asked(&prefix);
        assert_eq!(asked.len(), 1, "factor {} asked once as `{prefix}`", f.id);
        assert!(asked[0].help.as_deref().unwrap_or("").contains(&f.help));
        if let rules::FactorKind::Choice { values, .. } = &f.kind {
            let labels: Vec<&str> = values.iter().map(|c| c.label.as_str()).collect();
            let offered: Vec<&str> = asked[0]
                .options
                .iter()
                .skip(1)
                .map(String::as_str)
                .collect();
            assert_eq!(offered, labels, "choices of {} with their labels", f.id);
            assert!(asked[0].options[0].starts_with("unknown"));
        }
    }
    let latency = p.asked(&format!("[3/{n}]"));
    assert!(
        latency[0].message.ends_with("(ms, ≥ 1)"),
        "{}",
        latency[0].message
    );
}

#[test]
fn invalid_numbers_are_asked_again_with_a_message() {
    let rb = rb();
    let mut answers = triage();
    // latency_budget_ms (min 1): a word, then zero, then 1.5, then a valid value.
    answers.splice(5..6, [Type("fast"), Type("0"), Type("1.5"), Type("800")]);
    let mut p = script(&[&[Enter, Enter], &answers, &[No, Pick("done")]]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    assert_eq!(answer(&rb, &w, 0, "latency_budget_ms"), "800");
    assert_eq!(p.errors.len(), 3, "{:?}", p.errors);
    assert!(
        p.errors[0].contains("takes a number, not `fast`"),
        "{}",
        p.errors[0]
    );
    assert!(p.errors[1].contains("outside the range"), "{}", p.errors[1]);
    assert!(p.errors[2].contains("whole number"), "{}", p.errors[2]);
    assert!(p
        .errors
        .iter()
        .all(|e| e.contains("expected a whole number >= 1")));
}

#[test]
fn empty_answers_mean_unknown_and_are_written_as_unknown() {
    let rb = rb();
    let mut replies = vec![Type("faq"), Enter, Enter];
    replies.extend(std::iter::repeat_n(Enter, rb.factors.len()));
    let mut p = script(&[&[Type("docs-bot"), Enter], &replies, &[No, Pick("done")]]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    let c = &w.components[0];
    assert!(c.answers.0.iter().all(Option::is_none));
    assert_eq!((c.description.as_deref(), c.architecture), (None, None));
    let text = writer::to_yaml(&rb, &w).unwrap();
    assert_eq!(
        text.matches(": unknown\n").count(),
        rb.factors.len(),
        "{text}"
    );
    assert!(
        !text.contains("architecture:"),
        "no architecture key when none declared"
    );
}

#[test]
fn duplicate_and_empty_component_names_are_asked_again() {
    let rb = rb();
    let mut second = triage();
    second.splice(0..1, [Type("triage"), Type("  "), Type("routing")]);
    let mut p = script(&[
        &[Enter, Enter],
        &triage(),
        &[Yes],
        &second,
        &[No, Pick("done")],
    ]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    let names: Vec<&str> = w.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["triage", "routing"]);
    assert_eq!(p.errors.len(), 2, "{:?}", p.errors);
    assert!(p.errors[0].contains("`triage` is already a component"));
}

#[test]
fn esc_at_any_prompt_cancels() {
    let rb = rb();
    for cut in [0, 1, 3, 6, 10] {
        let mut replies: Vec<Reply> = [&[Enter, Enter][..], &triage()].concat();
        replies.truncate(cut);
        replies.push(Esc);
        let mut p = Script::new(replies);
        let err = run(&rb, &mut p, start(), false).unwrap_err();
        assert!(
            matches!(err, Error::Cancelled),
            "after {cut} replies: {err:?}"
        );
        assert_eq!(err.exit_code(), 130);
    }
    // In the review menu, and when asked where to save.
    let mut p = script(&[&[Enter, Enter], &triage(), &[No, Esc]]);
    assert!(matches!(
        run(&rb, &mut p, start(), false),
        Err(Error::Cancelled)
    ));
    let mut p = Script::new(vec![Esc]);
    let never = |_: &Path| Existing::Nothing;
    assert!(matches!(
        destination(&mut p, &support(), None, &never),
        Err(Error::Cancelled)
    ));
}

#[test]
fn from_file_answers_are_the_defaults_and_enter_keeps_them() {
    let rb = rb();
    let original = support();
    let mut edit = vec![Pick("edit"), Pick("ticket-triage")];
    edit.extend(std::iter::repeat_n(Enter, 3 + rb.factors.len()));
    let mut p = script(&[&[Enter, Enter], &edit, &[Pick("done")]]);
    // The file's name wins over the directory's.
    let from = Start {
        default_name: "ignored".into(),
        ..editing(original.clone())
    };
    let w = run(&rb, &mut p, from, false).unwrap();
    assert_eq!(
        strip(w),
        strip(original),
        "pressing Enter everywhere changes nothing"
    );
    // The defaults offered were the file's answers.
    assert_eq!(
        p.asked("Workload name")[0].default.as_deref(),
        Some("acme-support")
    );
    let n = rb.factors.len();
    assert_eq!(
        p.asked(&format!("[3/{n}]"))[0].initial.as_deref(),
        Some("500")
    );
    let shape = p.asked(&format!("[5/{n}]"))[0];
    assert_eq!(
        shape.options[shape.start],
        "classification / routing / labelling"
    );
    let arch = p.asked("Current or planned")[0];
    assert!(arch.options[arch.start].starts_with("fine-tune"));
    assert!(p.shown.contains("Loaded 4 components"));
}

#[test]
fn review_changes_one_answer() {
    let rb = rb();
    let original = support();
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
    let from = editing(original.clone());
    let w = run(&rb, &mut p, from, false).unwrap();
    assert_eq!(answer(&rb, &w, 0, "citations"), "audited");
    let ci = rb.factor_index("citations").unwrap();
    let mut expected = original;
    expected.components[0].answers.0[ci] = w.components[0].answers.0[ci];
    assert_eq!(strip(w), strip(expected), "nothing else changed");
}

#[test]
fn review_adds_edits_and_removes_components() {
    let rb = rb();
    let mut faq = vec![Type("faq"), Enter, Enter];
    faq.extend(std::iter::repeat_n(Enter, rb.factors.len()));
    let mut renamed = vec![
        Pick("edit"),
        Pick("faq"),
        Type("faq-bot"),
        Type("answers FAQs"),
        Pick("rag"),
    ];
    renamed.extend(std::iter::repeat_n(Enter, rb.factors.len()));
    let mut p = script(&[
        &[Enter, Enter],
        &triage(),
        &[No],
        &[Pick("remove")], // refused: the only component
        &[Pick("add")],
        &faq,
        &renamed,
        &[No],                                 // declared rag, recommended otherwise: no waiver
        &[Pick("remove"), Pick("triage"), No], // asked to confirm: keep it
        &[Pick("remove"), Pick("triage"), Yes],
        &[Pick("done")],
    ]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    assert_eq!(w.components.len(), 1);
    let c = &w.components[0];
    assert_eq!(c.name, "faq-bot");
    assert_eq!(c.description.as_deref(), Some("answers FAQs"));
    assert_eq!(c.architecture, Some(Outcome::Rag));
    assert!(p.shown.contains("at least one component"));
    assert!(p.replies.is_empty());
}

#[test]
fn a_factor_added_to_a_custom_rule_base_is_asked_and_saved() {
    let extra = "  - id: team_has_ml_engineers\n    question: Does the team have engineers who have trained a model before?\n    help: Fine-tuning needs someone to run and evaluate training.\n    kind: boolean\n";
    let text = rules::DEFAULT_RULES.replacen("\nrules:\n", &format!("{extra}\nrules:\n"), 1);
    let rb = rules::load_str(&text, "custom.yaml").unwrap();
    assert_eq!(rb.factors.len(), 15);
    let mut replies = triage();
    replies.push(Pick("yes"));
    let mut p = script(&[&[Enter, Enter], &replies, &[No, Pick("done")]]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    let asked = p.asked("[15/15] Does the team have engineers who have trained a model before?");
    assert_eq!(asked.len(), 1);
    assert!(asked[0]
        .help
        .as_deref()
        .unwrap()
        .starts_with("Fine-tuning needs someone"));
    assert_eq!(answer(&rb, &w, 0, "team_has_ml_engineers"), "true");
    let yaml = writer::to_yaml(&rb, &w).unwrap();
    assert!(
        yaml.contains("    beyond_base_model: false\n    team_has_ml_engineers: true\n"),
        "{yaml}"
    );
}

#[test]
fn gates_that_together_exclude_everything_are_a_warning_not_a_recommendation() {
    // Two gates, each fine alone, that together leave nothing for `citations: none`.
    let gates =
        "gates:\n  - id: no-cite-no-retrieval\n    when: { factor: citations, is: none }\n    \
                 exclude: [rag, hybrid]\n    reason: test\n    source: test\n  \
                 - id: no-cite-no-weights\n    when: { factor: citations, is: none }\n    \
                 exclude: [fine-tune, prompt-only]\n    reason: test\n    source: test\n";
    let text = rules::DEFAULT_RULES.replacen("gates:\n", gates, 1);
    let contradicting = rules::load_str(&text, "contradicting.yaml").unwrap();
    let mut p = script(&[&[Enter, Enter], &triage(), &[No, Pick("done")]]);
    run(&contradicting, &mut p, start(), false).unwrap();
    let warning = "warning: component `triage`: the rule base's gates `no-cite-no-retrieval`, \
                   `no-cite-no-weights` exclude every outcome for these answers";
    // Once under the component's table, once under the full report.
    assert_eq!(p.shown.matches(warning).count(), 2, "{}", p.shown);
    // The default rule base gives no such warning for the same answers.
    let mut p = script(&[&[Enter, Enter], &triage(), &[No, Pick("done")]]);
    run(&rb(), &mut p, start(), false).unwrap();
    assert!(!p.shown.contains("exclude every outcome"), "{}", p.shown);
}

#[test]
fn the_written_file_parses_back_to_the_same_workload_in_factor_order() {
    let rb = rb();
    let original = support();
    let text = writer::to_yaml(&rb, &original).unwrap();
    let back = workload::parse(&rb, "examples/support.yaml", &text).unwrap();
    for (b, o) in back.components.iter().zip(&original.components) {
        assert_eq!(
            (&b.name, &b.description, b.architecture),
            (&o.name, &o.description, o.architecture)
        );
        assert_eq!(b.answers, o.answers);
        assert_eq!(
            b.waiver.as_ref().map(|x| (&x.reason, x.expires)),
            o.waiver.as_ref().map(|x| (&x.reason, x.expires))
        );
    }
    assert_eq!((back.name, back.owner), (original.name, original.owner));
    // Factor keys appear in rule-base order in every component.
    let first = text.split("\n- name:").nth(1).unwrap();
    let positions: Vec<usize> = rb
        .factors
        .iter()
        .map(|f| first.find(&format!("    {}: ", f.id)).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{first}");
    assert!(text.starts_with("# ragfit workload file"));
}

#[test]
fn the_written_file_for_one_component_reads_well() {
    let rb = rb();
    let mut p = script(&[
        &[Type("demo-support"), Type("Support bot")],
        &triage(),
        &[No, Pick("done")],
    ]);
    let w = run(&rb, &mut p, start(), false).unwrap();
    insta::assert_snapshot!(writer::to_yaml(&rb, &w).unwrap());
}

#[test]
fn save_destination_asks_before_replacing_and_suggests_a_name() {
    let w = Workload {
        name: "Acme support/v2".into(),
        ..support()
    };
    let w = Workload {
        path: super::flow::UNSAVED.into(),
        ..w
    };
    let taken = |p: &Path| {
        if p == Path::new("taken.yaml") || p == Path::new("Acme-support-v2.ragfit.yaml") {
            Existing::File { lost_comments: 0 }
        } else {
            Existing::Nothing
        }
    };
    // --output to a free path: no question at all.
    let mut p = Script::new(vec![]);
    let got = destination(&mut p, &w, Some(Path::new("new.yaml")), &taken).unwrap();
    assert_eq!(got, Some(PathBuf::from("new.yaml")));
    // --output to an existing file: refuse to replace, then pick another name.
    let mut p = Script::new(vec![No, Type("other.yaml")]);
    let got = destination(&mut p, &w, Some(Path::new("taken.yaml")), &taken).unwrap();
    assert_eq!(got, Some(PathBuf::from("other.yaml")));
    // No --output: the suggested name is the workload's, and replacing needs a yes.
    let mut p = Script::new(vec![Enter, Enter, Yes]);
    let got = destination(&mut p, &w, None, &taken).unwrap();
    assert_eq!(got, Some(PathBuf::from("Acme-support-v2.ragfit.yaml")));
    assert_eq!(
        p.asked("Save to")[0].default.as_deref(),
        Some("Acme-support-v2.ragfit.yaml")
    );
    // Declining to save.
    let mut p = Script::new(vec![No]);
    assert_eq!(destination(&mut p, &w, None, &taken).unwrap(), None);
    // A re-opened file is suggested under its own path.
    let mut p = Script::new(vec![Enter, Enter]);
    let got = destination(&mut p, &support(), None, &|_: &Path| Existing::Nothing).unwrap();
    assert_eq!(got, Some(PathBuf::from("examples/support.yaml")));
}

#[test]
fn narrow_terminals_get_blocks_that_fit() {
    struct Narrow(Script);
    impl Prompter for Narrow {
        fn text(&mut self, p: &TextPrompt<'_>) -> Result<String, Error> {
            self.0.text(p)
        }
        fn select(&mut self, p: &SelectPrompt) -> Result<usize, Error> {
            self.0.select(p)
        }
        fn confirm(&mut self, p: &ConfirmPrompt) -> Result<bool, Error> {
            self.0.confirm(p)
        }
        fn show(&mut self, text: &str) {
            self.0.show(text)
        }
        fn width(&self) -> Option<u16> {
            Some(60)
        }
    }
    let rb = rb();
    let mut p = Narrow(script(&[&[Enter, Enter], &triage(), &[No, Pick("done")]]));
    run(&rb, &mut p, start(), false).unwrap();
    let shown = &p.0.shown;
    let widest = shown.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 60, "{shown}");
    assert!(shown.contains("│ recommendation ┆ fine-tune"), "{shown}");
    assert!(
        !shown.contains('\u{1b}'),
        "no colour codes when colour is off"
    );
}
