//! The formulas against figures computed by hand, for three components, with
//! the arithmetic written out. Prices are the default price book's:
//!
//! | tier | base in / out | training | tuned in / out | hosting |
//! |---|---|---|---|---|
//! | gpt-4o-mini | 0.15 / 0.60 | 3.00 | 0.30 / 1.20 | — |
//! | llama-3.1-8b-lora | 0.20 / 0.20 | 0.50 | 0.20 / 0.20 | — |
//! | llama-3.1-8b-dedicated | 0.20 / 0.20 | 0.50 | 0 / 0 | 3.89 / h |
//!
//! (USD per 1M tokens); embedding 0.02 per 1M; vector store 50 a month plus
//! 4 per 1M queries; 30.4 days a month; 3 epochs; a tuned prompt keeps 0.5 of
//! the prompt; every tuned model retrains at least 0.0833 times a month.

use super::*;
use crate::prices;
use crate::rules::{self, Outcome::*};

fn book_and_rules() -> (PriceBook, crate::rules::RuleBase) {
    let mut rb = rules::load_default().unwrap();
    let book = prices::load_default(&mut rb).unwrap();
    (book, rb)
}

fn close(got: f64, want: f64, what: &str) {
    let tolerance = 1e-9 * want.abs().max(1.0);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, computed by hand {want}"
    );
}

fn inputs(book: &PriceBook, tier: &str) -> Inputs {
    Inputs {
        daily_requests: 0.0,
        labeled_examples: 0.0,
        knowledge_size_docs: 0.0,
        volatility: "static".into(),
        changes_per_month: 0.0,
        prompt_tokens: 0.0,
        output_tokens: 0.0,
        context_tokens: 0.0,
        tokens_per_example: 0.0,
        tokens_per_document: 0.0,
        tier: book.tier_index(tier).unwrap(),
    }
}

#[test]
fn ticket_triage_on_gpt_4o_mini_never_pays_back_against_prompt_only() {
    let (book, _) = book_and_rules();
    let x = Inputs {
        daily_requests: 30_000.0,
        labeled_examples: 20_000.0,
        volatility: "quarterly".into(),
        changes_per_month: 0.3333,
        prompt_tokens: 400.0,
        output_tokens: 5.0,
        context_tokens: 2000.0,
        tokens_per_example: 200.0,
        tokens_per_document: 1000.0,
        ..inputs(&book, "gpt-4o-mini")
    };
    let e = estimate(&book, &x, 12, &[]);
    // 30,000 × 30.4 = 912,000 requests a month.
    close(e.requests_per_month, 912_000.0, "requests a month");
    // prompt-only: (400 × 0.15 + 5 × 0.60) / 1e6 = 63e-6 a request; no corpus.
    close(
        e.of(PromptOnly).per_request,
        63e-6,
        "prompt-only per request",
    );
    close(
        e.of(PromptOnly).monthly(),
        912_000.0 * 63e-6,
        "prompt-only monthly",
    ); // 57.456
    close(e.of(PromptOnly).one_off(), 0.0, "prompt-only one-off");
    // rag: ((400 + 2000) × 0.15 + 5 × 0.60 + 400 × 0.02 + 4) / 1e6 = 375e-6;
    // a month: 912,000 × 375e-6 = 342 + the store's 50 (nothing to re-embed).
    close(e.of(Rag).per_request, 375e-6, "rag per request");
    close(e.of(Rag).monthly(), 392.0, "rag monthly");
    // fine-tune: (0.5 × 400 × 0.30 + 5 × 1.20) / 1e6 = 66e-6 a request;
    // training 20,000 × 200 × 3 = 12M tokens × 3.00 / 1e6 = 36, retrained
    // max(0.3333, 0.0833) = 0.3333 times a month: 11.9988.
    close(e.of(FineTune).per_request, 66e-6, "fine-tune per request");
    close(e.of(FineTune).one_off(), 36.0, "fine-tune one-off");
    close(e.of(FineTune).retraining, 11.9988, "fine-tune retraining");
    close(
        e.of(FineTune).monthly(),
        60.192 + 11.9988,
        "fine-tune monthly",
    );
    // hybrid: ((200 + 2000) × 0.30 + 5 × 1.20 + 400 × 0.02 + 4) / 1e6 = 678e-6;
    // a month: 618.336 + 50 + 0.0833 × 36 (= 2.9988).
    close(e.of(Hybrid).monthly(), 618.336 + 52.9988, "hybrid monthly");
    // 12 months: prompt-only 689.472 is the cheapest.
    close(
        e.of(PromptOnly).cumulative(12.0),
        689.472,
        "prompt-only over 12 months",
    );
    close(
        e.of(FineTune).cumulative(12.0),
        36.0 + 12.0 * 72.1908,
        "fine-tune over 12 months",
    );
    assert_eq!(e.cheapest, PromptOnly);
    // Against prompt-only: fine-tune costs 11.9988 more a month fixed and
    // 3e-6 more a request: cheaper at no volume, never paid back.
    let b = e.break_even;
    assert_eq!(b.against, PromptOnly);
    assert_eq!(b.fine_tune_cheaper, Cheaper::Never);
    assert_eq!((b.requests_per_day, b.days), (None, None));
}

#[test]
fn a_lora_on_a_small_open_model_pays_back_within_a_day() {
    let (book, _) = book_and_rules();
    let x = Inputs {
        daily_requests: 50_000.0,
        labeled_examples: 5000.0,
        prompt_tokens: 1500.0,
        output_tokens: 100.0,
        context_tokens: 2000.0,
        tokens_per_example: 500.0,
        tokens_per_document: 1000.0,
        ..inputs(&book, "llama-3.1-8b-lora")
    };
    let e = estimate(&book, &x, 12, &[]);
    // 50,000 × 30.4 = 1,520,000 requests a month.
    // prompt-only: (1500 × 0.20 + 100 × 0.20) / 1e6 = 320e-6; a month 486.4.
    close(e.of(PromptOnly).monthly(), 486.4, "prompt-only monthly");
    // rag: (3500 × 0.20 + 100 × 0.20 + 1500 × 0.02 + 4) / 1e6 = 754e-6;
    // a month 1,146.08 + 50.
    close(e.of(Rag).monthly(), 1196.08, "rag monthly");
    // fine-tune: (750 × 0.20 + 100 × 0.20) / 1e6 = 170e-6, a month 258.4;
    // training 5,000 × 500 × 3 = 7.5M × 0.50 / 1e6 = 3.75; static knowledge
    // retrains at the floor: 0.0833 × 3.75 = 0.312375.
    close(e.of(FineTune).one_off(), 3.75, "fine-tune one-off");
    close(e.of(FineTune).monthly(), 258.712375, "fine-tune monthly");
    assert_eq!(e.cheapest, FineTune);
    // Against prompt-only (12 months: 5,836.8 < rag's 14,352.96):
    // ΔF = 0.312375, Δu = 320e-6 − 170e-6 = 150e-6,
    // D* = 0.312375 / (30.4 × 150e-6) = 68.5033 requests a day.
    let b = e.break_even;
    assert_eq!(b.against, PromptOnly);
    assert_eq!(b.fine_tune_cheaper, Cheaper::Above);
    close(
        b.requests_per_day.unwrap(),
        0.312375 / (30.4 * 150e-6),
        "break-even volume",
    );
    // At 50,000 a day it saves (486.4 − 258.712375) / 30.4 = 7.4897 a day:
    // its 3.75 up front is back in 3.75 / 7.4897 = 0.5007 days.
    close(
        b.days.unwrap(),
        3.75 / ((486.4 - 258.712375) / 30.4),
        "days to pay back",
    );
}

#[test]
fn a_dedicated_deployment_needs_a_high_volume_to_beat_rag() {
    let (book, _) = book_and_rules();
    let x = Inputs {
        daily_requests: 20_000.0,
        labeled_examples: 2000.0,
        knowledge_size_docs: 500.0,
        volatility: "weekly".into(),
        changes_per_month: 4.33,
        prompt_tokens: 800.0,
        output_tokens: 200.0,
        context_tokens: 1500.0,
        tokens_per_example: 400.0,
        tokens_per_document: 600.0,
        ..inputs(&book, "llama-3.1-8b-dedicated")
    };
    let e = estimate(&book, &x, 12, &[]);
    // 608,000 requests a month; corpus 500 × 600 = 300,000 tokens.
    // prompt-only carries the corpus: (300,800 × 0.20 + 200 × 0.20) / 1e6
    // = 0.0602 a request, 36,601.6 a month.
    close(e.of(PromptOnly).monthly(), 36_601.6, "prompt-only monthly");
    // rag: (2,300 × 0.20 + 200 × 0.20 + 800 × 0.02 + 4) / 1e6 = 520e-6,
    // a month 316.16; indexing 300,000 × 0.02 / 1e6 = 0.006 once, and
    // 4.33 × 0.006 = 0.02598 a month; store 50.
    close(e.of(Rag).one_off(), 0.006, "rag one-off");
    close(e.of(Rag).monthly(), 316.16 + 50.02598, "rag monthly");
    // fine-tune: no per-token price on the deployment; hosting
    // 3.89 × 24 × 30.4 = 2,838.144; training 2,000 × 400 × 3 × 0.50 / 1e6
    // = 1.2, retrained 4.33 times a month: 5.196.
    close(e.of(FineTune).hosting, 2838.144, "hosting");
    close(
        e.of(FineTune).monthly(),
        2838.144 + 5.196,
        "fine-tune monthly",
    );
    // hybrid: the query's embedding and store query only, 20e-6 a request
    // (12.16 a month), + store 50 + re-embedding 0.02598 + retraining at the
    // floor 0.0833 × 1.2 = 0.09996 + hosting.
    close(
        e.of(Hybrid).monthly(),
        12.16 + 50.0 + 0.02598 + 0.09996 + 2838.144,
        "hybrid monthly",
    );
    // prompt-only's request, 800 + 300,000 + 200 tokens, is over the
    // 128,000-token window: never the cheapest, never the alternative.
    assert_eq!(e.request_tokens[PromptOnly as usize], 301_000.0);
    assert_eq!(e.fits, [true, true, true, false]);
    assert_eq!(e.cheapest, Rag);
    // Against rag: ΔF = 2,843.34 − 50.02598 = 2,793.31402, Δu = 520e-6:
    // D* = 2,793.31402 / (30.4 × 520e-6) = 176,702.6 requests a day; at
    // 20,000 it costs more every day, so it is never paid back.
    let b = e.break_even;
    assert_eq!(b.against, Rag);
    assert_eq!(b.fine_tune_cheaper, Cheaper::Above);
    close(
        b.requests_per_day.unwrap(),
        2793.31402 / (30.4 * 520e-6),
        "break-even volume",
    );
    assert_eq!(b.days, None);
}

#[test]
fn gates_choose_the_alternative_and_left_out_answers_are_assumed() {
    let (book, rb) = book_and_rules();
    // Nothing answered: every input takes the price book's default.
    let r = resolve(&book, &Answers(vec![None; rb.factors.len()]));
    assert_eq!(r.assumed, Input::ALL.to_vec());
    assert_eq!(r.inputs.daily_requests, 1000.0);
    assert_eq!(r.inputs.volatility, "quarterly");
    assert_eq!(book.tiers[r.inputs.tier].id, "gpt-4o-mini");
    // Answered: taken as given, and not assumed.
    let mut a = Answers(vec![None; rb.factors.len()]);
    let fi = |id: &str| rb.factor_index(id).unwrap();
    a.0[fi("daily_requests")] = Some(Value::Number(5.0));
    a.0[fi("model_tier")] = Some(Value::Choice(2));
    a.0[fi("knowledge_volatility")] = Some(Value::Choice(4)); // weekly
    let r = resolve(&book, &a);
    assert_eq!(r.inputs.daily_requests, 5.0);
    assert_eq!(book.tiers[r.inputs.tier].id, "llama-3.1-8b-lora");
    assert_eq!(
        (r.inputs.volatility.as_str(), r.inputs.changes_per_month),
        ("weekly", 4.33)
    );
    assert!(!r.assumed.contains(&Input::DailyRequests));
    assert!(r.assumed.contains(&Input::PromptTokens));
    // With a large corpus prompt-only is dearer than rag; when a gate
    // excludes rag, fine-tune is compared with prompt-only regardless.
    let x = Inputs {
        knowledge_size_docs: 10_000.0,
        ..r.inputs
    };
    assert_eq!(estimate(&book, &x, 12, &[]).break_even.against, Rag);
    assert_eq!(
        estimate(&book, &x, 12, &[PromptOnly]).break_even.against,
        PromptOnly
    );
}
