//! Changing only the declared architecture, and the waiver `ask` offers
//! when a declaration differs from the recommendation.

use super::script::Reply::*;
use super::{editing, run, script, strip, support};
use crate::rules::Outcome;
use crate::workload;

#[test]
fn review_changes_only_the_architecture_and_offers_a_waiver_for_the_difference() {
    let rb = super::rb();
    let original = support();
    let replies = [
        Enter,
        Enter,
        Pick("change"),
        Pick("ticket-triage"),
        Pick("architecture: fine-tune"),
        Pick("rag"),
        Yes,
        Type("routing moves to the new retrieval service first"),
        Type("2029-12-31"), // refused: already passed
        Enter,              // the date offered: 90 days on
        Pick("done"),
    ];
    let mut p = script(&[&replies]);
    let from = editing(original.clone());
    let w = run(&rb, &mut p, from, false).unwrap();
    let c = &w.components[2];
    assert_eq!(c.architecture, Some(Outcome::Rag));
    let waiver = c.waiver.as_ref().expect("a waiver");
    assert_eq!(
        waiver.reason,
        "routing moves to the new retrieval service first"
    );
    assert_eq!(waiver.expires, jiff::civil::date(2030, 4, 1));
    assert_eq!(
        p.errors,
        vec!["2029-12-31 has passed: an expired waiver fails `ragfit check`"]
    );
    let menu = p.asked("Which answer of `ticket-triage`?")[0];
    assert_eq!(menu.options[0], "architecture: fine-tune");
    assert_eq!(menu.options.len(), rb.factors.len() + 1);
    // Only the declaration and its waiver changed.
    let mut expected = original;
    expected.components[2].architecture = Some(Outcome::Rag);
    expected.components[2].waiver = c.waiver.clone();
    assert_eq!(strip(w.clone()), strip(expected));
    // The file written says so, and `check` accepts it with a note.
    let text = crate::ask::writer::to_yaml(&rb, &w).unwrap();
    assert!(text.contains("  waiver:\n    reason: routing moves to the new retrieval service first\n    expires: 2030-04-01\n"), "{text}");
    let back = workload::parse(&rb, "w.yaml", &text).unwrap();
    assert_eq!(
        back.components[2].waiver.as_ref().unwrap().expires,
        waiver.expires
    );
}

#[test]
fn a_declaration_that_agrees_or_a_declined_waiver_adds_none() {
    let rb = super::rb();
    let original = support();
    let replies = [
        Enter,
        Enter,
        Pick("change"),
        Pick("policy-answers"),
        Pick("architecture: rag"),
        Pick("hybrid"),
        No, // no waiver
        Pick("change"),
        Pick("ticket-triage"),
        Pick("architecture: fine-tune"),
        Pick("fine-tune"), // agrees: nothing asked
        Pick("done"),
    ];
    let mut p = script(&[&replies]);
    let from = editing(original);
    let w = run(&rb, &mut p, from, false).unwrap();
    assert_eq!(w.components[0].architecture, Some(Outcome::Hybrid));
    assert!(w.components[0].waiver.is_none());
    assert_eq!(
        p.asked("`policy-answers` declares hybrid, ragfit recommends rag. Add a waiver?")
            .len(),
        1
    );
    assert!(p.asked("`ticket-triage` declares").is_empty());
    assert!(p.replies.is_empty());
}
