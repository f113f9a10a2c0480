//! Reviewing one component: how its declaration compares with the
//! recommendation, and the findings that follow (see the module docs of
//! [`super`] for the waiver semantics).

use super::*;
use crate::result::{self, AnswerValue};

/// Review one component: its status and its findings, in a fixed order
/// (mismatch, waiver, borderline agreement, undeclared, no answers, required
/// answers, low confidence, contradictions, unanswered factors in rule-base
/// order), less the ignored codes.
pub fn review_component<'a>(
    rb: &'a RuleBase,
    w: &'a Workload,
    c: &'a Component,
    a: &Assessment,
    opts: &Options,
) -> ComponentCheck<'a> {
    let result = result::component_result(rb, w, c, a, result::Texts::Omitted);
    let anchor = c.anchor();
    let recommended = a.outcome();
    let waiver = c.waiver.as_ref().map(|wv| WaiverInfo {
        reason: wv.reason.clone(),
        expires: wv.expires.to_string(),
        expired: wv.expires < opts.today,
    });
    let finding = |code: Code, severity: Severity, message: String| Finding {
        code,
        name: code.name(),
        severity,
        path: w.path.clone(),
        line: anchor.line,
        column: anchor.column,
        workload: w.name.clone(),
        component: c.name.clone(),
        factor: None,
        message,
        waiver: None,
        // Set for the whole file by `FileCheck::locate`.
        fingerprint: String::new(),
    };
    let mut found = Vec::new();
    let valid_waiver = waiver.as_ref().filter(|wv| !wv.expired);

    let status = match c.architecture {
        None => Status::Undeclared,
        Some(declared) if declared == recommended => Status::Agree,
        Some(declared) => {
            let one_answer_away = a.alternatives.iter().any(|alt| alt.outcome == declared);
            let code = if a.borderline && one_answer_away {
                Code::BorderlineMismatch
            } else {
                Code::Mismatch
            };
            let what = mismatch_text(rb, c, declared, recommended, a, code);
            match valid_waiver {
                Some(wv) => {
                    let mut f = finding(
                        Code::WaivedMismatch,
                        Severity::Note,
                        format!(
                            "{what}; waived until {}: {}",
                            wv.expires,
                            one_line(&wv.reason)
                        ),
                    );
                    f.waiver = Some(wv.clone());
                    found.push(f);
                    Status::Waived
                }
                None => {
                    found.push(finding(code, code.default_severity(), what));
                    Status::Disagree
                }
            }
        }
    };

    match &waiver {
        Some(wv) if wv.expired && status == Status::Disagree => {
            let mut f = finding(
                Code::ExpiredWaiver,
                Severity::Error,
                format!(
                    "`{}`: the waiver has expired (its last day was {}; reason given: {})",
                    c.name,
                    wv.expires,
                    one_line(&wv.reason)
                ),
            );
            f.waiver = Some(wv.clone());
            found.push(f);
        }
        Some(wv) if status != Status::Waived => {
            let why = match c.architecture {
                Some(d) => format!("declared `{d}` matches the recommendation"),
                None => "no architecture is declared".to_string(),
            };
            // Expired with nothing left to waive: the mismatch was resolved
            // and the waiver forgotten. Stale, worth removing, not a failure.
            let message = if wv.expired {
                format!(
                    "`{}`: the waiver is stale: it expired on {} and waives nothing: {why}; remove it",
                    c.name, wv.expires
                )
            } else {
                format!(
                    "`{}`: the waiver (until {}) waives nothing: {why}",
                    c.name, wv.expires
                )
            };
            let mut f = finding(Code::UnusedWaiver, Severity::Warning, message);
            f.waiver = Some(wv.clone());
            found.push(f);
        }
        Some(wv) => {
            // Covering a mismatch: announce the expiry before it fails the build.
            let days = c
                .waiver
                .as_ref()
                .and_then(|w| opts.today.until(w.expires).ok())
                .map_or(i64::MAX, |span| i64::from(span.get_days()));
            if days < opts.waiver_warn_days {
                let when = match days {
                    0 => "today, its last day".to_string(),
                    1 => "tomorrow".to_string(),
                    n => format!("in {n} days"),
                };
                let mut f = finding(
                    Code::ExpiringWaiver,
                    Code::ExpiringWaiver.default_severity(),
                    format!(
                        "`{}`: the waiver expires on {} ({when}); after that the mismatch fails the \
                         build: move to `{recommended}` or renew the waiver",
                        c.name, wv.expires
                    ),
                );
                f.waiver = Some(wv.clone());
                found.push(f);
            }
        }
        None => {}
    }

    if a.borderline && status == Status::Agree {
        let alternatives: Vec<String> = a
            .alternatives
            .iter()
            .map(|alt| {
                format!(
                    "`{}` if {} were {}",
                    alt.outcome,
                    rb.factors[alt.factor].id,
                    AnswerValue::of(rb, alt.factor, Some(alt.value))
                )
            })
            .collect();
        let alternatives = if alternatives.is_empty() {
            "no single answer change gives another outcome".to_string()
        } else {
            format!("it would be {}", alternatives.join("; "))
        };
        found.push(finding(
            Code::BorderlineAgreement,
            Severity::Note,
            format!(
                "`{}` agrees with `{recommended}`, but the recommendation is borderline (confidence {:.2}): {alternatives}",
                c.name, a.confidence
            ),
        ));
    }

    if status == Status::Undeclared {
        let severity = if opts.require_declared {
            Severity::Error
        } else {
            Severity::Warning
        };
        found.push(finding(
            Code::Undeclared,
            severity,
            format!(
                "`{}` declares no architecture (recommended: `{recommended}`)",
                c.name
            ),
        ));
    }

    // The decision's own questions: the price book's cost factors are
    // optional extras, and answering only them leaves the advice on nothing.
    let decision = || rb.factors.iter().enumerate().filter(|(_, f)| !f.cost);
    let answered = decision()
        .filter(|&(fi, _)| c.answers.0.get(fi).is_some_and(Option::is_some))
        .count();
    let no_answers = answered == 0 && decision().next().is_some();
    if no_answers {
        let ids: Vec<&str> = decision().map(|(_, f)| f.id.as_str()).collect();
        found.push(finding(
            Code::NoAnswers,
            Code::NoAnswers.default_severity(),
            format!(
                "`{}` answers none of its {} questions, so `{recommended}` rests on nothing: \
                 fill in `answers:` (replace `unknown` with a value for {}), or run \
                 `ragfit ask --from {}`",
                c.name,
                ids.len(),
                ids.join(", "),
                w.path
            ),
        ));
    }

    for &fi in &opts.require_answers {
        if c.answers.0.get(fi).is_some_and(Option::is_none) {
            let factor = &rb.factors[fi];
            let mut f = finding(
                Code::MissingRequiredAnswer,
                Code::MissingRequiredAnswer.default_severity(),
                format!(
                    "`{}`: `{}` must be answered but is unknown: {} ({})",
                    c.name,
                    factor.id,
                    one_line(&factor.question),
                    one_line(&factor.expected())
                ),
            );
            f.factor = Some(factor.id.clone());
            found.push(f);
        }
    }

    if let Some(min) = opts.min_confidence {
        // Compared as shown: a component reported at 0.50 is not below 0.50.
        let shown = (a.confidence * 100.0).round() / 100.0;
        if shown < min {
            let unanswered: Vec<&str> = a
                .unanswered
                .iter()
                .map(|&fi| rb.factors[fi].id.as_str())
                .collect();
            let how = if unanswered.is_empty() {
                format!(
                    "the answers sit close to a threshold: `ragfit explain {} --component {}` shows what would settle it",
                    w.path, c.name
                )
            } else {
                format!("answer `{}` to raise it", unanswered.join("`, `"))
            };
            found.push(finding(
                Code::LowConfidence,
                Code::LowConfidence.default_severity(),
                format!(
                    "`{}`: the confidence of `{recommended}` is {shown:.2}, below the minimum {min:.2}; {how}",
                    c.name
                ),
            ));
        }
    }

    for &ci in &a.conflicts {
        let f = finding(
            Code::ContradictoryAnswers,
            Code::ContradictoryAnswers.default_severity(),
            format!(
                "`{}`: contradictory answers: {}",
                c.name, rb.conflicts[ci].text
            ),
        );
        found.push(f);
    }

    // With no answers at all, RF012 says it once; a warning per factor would
    // bury it.
    for &fi in a.unanswered.iter().filter(|_| !no_answers) {
        let factor = &rb.factors[fi];
        let flips: Vec<String> = a
            .alternatives
            .iter()
            .filter(|alt| alt.factor == fi)
            .map(|alt| {
                format!(
                    "`{}` if it were {}",
                    alt.outcome,
                    AnswerValue::of(rb, fi, Some(alt.value))
                )
            })
            .collect();
        let gates: Vec<&str> = a
            .unsettled_by
            .iter()
            .filter(|&&gi| rb.gate_factors[gi].contains(&fi))
            .map(|&gi| rb.gates[gi].id.as_str())
            .collect();
        let mut message = format!("`{}`: `{}` is unanswered", c.name, factor.id);
        match gates.as_slice() {
            [] => {}
            [one] => message.push_str(&format!(" and decides gate `{one}`, which may apply")),
            more => message.push_str(&format!(
                " and decides gates `{}`, which may apply",
                more.join("`, `")
            )),
        }
        if flips.is_empty() {
            message.push_str(&format!(
                "; answering it settles whether `{recommended}` holds"
            ));
        } else {
            message.push_str(&format!(
                "; the recommendation `{recommended}` would be {}",
                flips.join(", or ")
            ));
        }
        let mut f = finding(Code::UnansweredFactor, Severity::Warning, message);
        f.factor = Some(factor.id.clone());
        found.push(f);
    }

    let before = found.len();
    found.retain(|f| !opts.ignore.contains(&f.code));
    ComponentCheck {
        result,
        status,
        line: anchor.line,
        column: anchor.column,
        waiver,
        ignored: before - found.len(),
        baselined: 0,
        findings: found,
    }
}

fn mismatch_text(
    rb: &RuleBase,
    c: &Component,
    declared: Outcome,
    recommended: Outcome,
    a: &Assessment,
    code: Code,
) -> String {
    let mut s = format!(
        "`{}` declares `{declared}` but ragfit recommends `{recommended}` (confidence {:.2})",
        c.name, a.confidence
    );
    if code == Code::BorderlineMismatch {
        if let Some(alt) = a.alternatives.iter().find(|alt| alt.outcome == declared) {
            s.push_str(&format!(
                "; borderline: it would be `{declared}` if {} were {}",
                rb.factors[alt.factor].id,
                AnswerValue::of(rb, alt.factor, Some(alt.value))
            ));
        }
    }
    s
}

/// Waiver reasons may be block scalars; findings are one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
