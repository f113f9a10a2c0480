//! The stable finding codes of `ragfit check`.
//!
//! Codes are a public contract: CI configurations, SARIF viewers and
//! suppression lists refer to them. Never renumber or reuse one; add new
//! codes at the end.

use serde::{Serialize, Serializer};

/// How serious a finding is. Ordered: `Note < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information only (e.g. a waived mismatch); never fails a build.
    Note,
    /// Worth a look; fails with `--fail-on warning`.
    Warning,
    /// Fails the build by default.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.id())
    }
}

/// What a finding is about. Each kind has a stable code (`RF001`...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// Declared architecture differs from a clear recommendation.
    Mismatch,
    /// Declared architecture differs, but the result is borderline and the
    /// declared outcome is one answer away.
    BorderlineMismatch,
    /// No `architecture:` declared.
    Undeclared,
    /// An unanswered factor could change the recommendation.
    UnansweredFactor,
    /// A mismatch covered by an unexpired waiver.
    WaivedMismatch,
    /// A waiver whose `expires` date has passed.
    ExpiredWaiver,
    /// A waiver on a component with no mismatch to waive.
    UnusedWaiver,
    /// The declaration agrees, but the recommendation is borderline: a single
    /// changed answer would give another outcome.
    BorderlineAgreement,
    /// Answers that contradict each other (audited citations of no documents).
    ContradictoryAnswers,
    /// The confidence is below `--min-confidence` / `min_confidence`.
    LowConfidence,
    /// A factor named by `--require-answer` / `require_answers` is unanswered.
    MissingRequiredAnswer,
    /// The component answers no factor at all (an unedited `ragfit init` starter).
    NoAnswers,
    /// A waiver covering a mismatch expires within `waiver_warn_days`.
    ExpiringWaiver,
}

impl Code {
    /// Every code, in code order.
    pub const ALL: [Code; 13] = [
        Code::Mismatch,
        Code::BorderlineMismatch,
        Code::Undeclared,
        Code::UnansweredFactor,
        Code::WaivedMismatch,
        Code::ExpiredWaiver,
        Code::UnusedWaiver,
        Code::BorderlineAgreement,
        Code::ContradictoryAnswers,
        Code::LowConfidence,
        Code::MissingRequiredAnswer,
        Code::NoAnswers,
        Code::ExpiringWaiver,
    ];

    /// The stable code (`RF001`).
    pub fn id(self) -> &'static str {
        match self {
            Code::Mismatch => "RF001",
            Code::BorderlineMismatch => "RF002",
            Code::Undeclared => "RF003",
            Code::UnansweredFactor => "RF004",
            Code::WaivedMismatch => "RF005",
            Code::ExpiredWaiver => "RF006",
            Code::UnusedWaiver => "RF007",
            Code::BorderlineAgreement => "RF008",
            Code::ContradictoryAnswers => "RF009",
            Code::LowConfidence => "RF010",
            Code::MissingRequiredAnswer => "RF011",
            Code::NoAnswers => "RF012",
            Code::ExpiringWaiver => "RF013",
        }
    }

    /// A short kebab-case name (`architecture-mismatch`).
    pub fn name(self) -> &'static str {
        match self {
            Code::Mismatch => "architecture-mismatch",
            Code::BorderlineMismatch => "borderline-mismatch",
            Code::Undeclared => "undeclared-architecture",
            Code::UnansweredFactor => "unanswered-factor",
            Code::WaivedMismatch => "waived-mismatch",
            Code::ExpiredWaiver => "expired-waiver",
            Code::UnusedWaiver => "unused-waiver",
            Code::BorderlineAgreement => "borderline-agreement",
            Code::ContradictoryAnswers => "contradictory-answers",
            Code::LowConfidence => "low-confidence",
            Code::MissingRequiredAnswer => "missing-required-answer",
            Code::NoAnswers => "no-answers",
            Code::ExpiringWaiver => "expiring-waiver",
        }
    }

    /// The severity a finding of this code has unless an option changes it
    /// (only `--require-declared` does, for [`Code::Undeclared`]).
    pub fn default_severity(self) -> Severity {
        match self {
            Code::Mismatch
            | Code::ExpiredWaiver
            | Code::LowConfidence
            | Code::MissingRequiredAnswer
            | Code::NoAnswers => Severity::Error,
            Code::BorderlineMismatch
            | Code::Undeclared
            | Code::UnansweredFactor
            | Code::UnusedWaiver
            | Code::ContradictoryAnswers
            | Code::ExpiringWaiver => Severity::Warning,
            Code::WaivedMismatch | Code::BorderlineAgreement => Severity::Note,
        }
    }

    /// One line: what the finding means.
    pub fn description(self) -> &'static str {
        match self {
            Code::Mismatch => "declared architecture differs from the recommendation",
            Code::BorderlineMismatch => {
                "declared architecture differs from a borderline recommendation it is one answer away from"
            }
            Code::Undeclared => "component declares no architecture",
            Code::UnansweredFactor => "an unanswered factor could change the recommendation",
            Code::WaivedMismatch => "mismatch accepted by an unexpired waiver",
            Code::ExpiredWaiver => "waiver has expired and the mismatch it covered remains",
            Code::UnusedWaiver => {
                "waiver on a component with no mismatch to waive (unexpired, or stale: expired)"
            }
            Code::BorderlineAgreement => {
                "declared architecture agrees with a borderline recommendation"
            }
            Code::ContradictoryAnswers => "the component's answers contradict each other",
            Code::LowConfidence => "the recommendation's confidence is below the minimum",
            Code::MissingRequiredAnswer => "a factor that must be answered is unanswered",
            Code::NoAnswers => "the component answers none of its questions",
            Code::ExpiringWaiver => "a waiver covering a mismatch expires soon",
        }
    }

    /// How to resolve a finding of this code.
    pub fn help(self) -> &'static str {
        match self {
            Code::Mismatch => {
                "Change the component to the recommended architecture, correct the answers if they \
                 are wrong (`ragfit explain FILE --component NAME` shows the reasoning), or accept the \
                 mismatch for a while with a `waiver:` giving a reason and an `expires:` date."
            }
            Code::BorderlineMismatch => {
                "The recommendation is close to a tie and a single different answer would give the \
                 declared architecture. Check the answers named in the alternatives; answering them \
                 precisely usually settles it."
            }
            Code::Undeclared => {
                "Add `architecture: rag|fine-tune|hybrid|prompt-only` to the component so CI can \
                 review it. `--require-declared` makes this an error."
            }
            Code::UnansweredFactor => {
                "Answer the factor in the component's `answers:`; some value of it gives a different \
                 recommendation, so the current one may not hold."
            }
            Code::WaivedMismatch => {
                "Nothing to do before the waiver's expiry date; then move to the recommended \
                 architecture or renew the waiver with a new reason."
            }
            Code::ExpiredWaiver => {
                "The waiver's `expires:` date has passed. Resolve the mismatch and remove the waiver, \
                 or renew it with a new date and an up-to-date reason."
            }
            Code::UnusedWaiver => {
                "The declared architecture does not disagree with the recommendation, so the waiver \
                 waives nothing (and once expired it is stale). Remove it, so that it cannot silently \
                 cover a future mismatch."
            }
            Code::BorderlineAgreement => {
                "The declaration agrees today, but the recommendation is close to a tie: the \
                 alternatives named in the message would change it. Make sure those answers are \
                 precise before relying on the result."
            }
            Code::ContradictoryAnswers => {
                "Two or more answers cannot all be true (for example, audited citations of a \
                 component with no documents). The message names them; correct the one that is \
                 wrong, since the recommendation rests on both."
            }
            Code::LowConfidence => {
                "The configuration (`min_confidence`) or `--min-confidence` sets a minimum. Answer \
                 the unanswered factors the message names, or check the answers behind the \
                 alternatives (`ragfit explain FILE --component NAME` shows what would settle it)."
            }
            Code::MissingRequiredAnswer => {
                "The configuration (`require_answers`) or `--require-answer` says this factor must \
                 be answered. Give it a value in the component's `answers:`; the message repeats \
                 the question."
            }
            Code::NoAnswers => {
                "Every factor is `unknown` or left out, as in an unedited `ragfit init` starter, so \
                 the recommendation says nothing. Replace `unknown` under `answers:` with your \
                 answers (the starter's comments list the accepted values), or run \
                 `ragfit ask --from FILE`."
            }
            Code::ExpiringWaiver => {
                "The waiver stops covering the mismatch after the date in the message (within \
                 `waiver_warn_days`, default 30). Move to the recommended architecture, or renew \
                 the waiver with a new reason and date."
            }
        }
    }
}

impl std::str::FromStr for Code {
    type Err = String;

    /// A code by id (`RF003`, any case) or name (`undeclared-architecture`);
    /// the error is a hint naming the nearest code.
    fn from_str(s: &str) -> Result<Code, String> {
        let t = s.trim();
        Code::ALL
            .into_iter()
            .find(|c| c.id().eq_ignore_ascii_case(t) || c.name() == t)
            .ok_or_else(|| {
                let ids = Code::ALL.iter().map(|c| c.id());
                let names = Code::ALL.iter().map(|c| c.name());
                let hint = crate::diag::did_you_mean(t, ids.clone().chain(names))
                    .map(|c| format!("did you mean `{c}`?"))
                    .unwrap_or_else(|| {
                        format!(
                            "codes run from RF001 to {}; `ragfit check --list-codes` lists them",
                            Code::ALL[Code::ALL.len() - 1].id()
                        )
                    });
                format!("`{t}` is not a finding code ({hint})")
            })
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.id())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// The `--list-codes` listing: code, name, default severity, description, help.
pub fn listing() -> String {
    let mut out = String::new();
    for c in Code::ALL {
        out.push_str(&format!(
            "{}  {:<24} {:<8} {}\n",
            c.id(),
            c.name(),
            c.default_severity(),
            c.description()
        ));
        out.push_str(&format!("       {}\n", c.help()));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let ids: HashSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        let names: HashSet<_> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        assert_eq!(names.len(), Code::ALL.len());
        for c in Code::ALL {
            assert!(c.id().starts_with("RF") && c.id().len() == 5, "{}", c.id());
            assert!(!c.description().contains('\n') && !c.description().ends_with('.'));
            assert!(!c.help().is_empty());
        }
    }

    #[test]
    fn codes_are_numbered_in_order() {
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(c.id(), format!("RF{:03}", i + 1));
        }
    }

    #[test]
    fn codes_parse_by_id_or_name() {
        assert_eq!("RF003".parse::<Code>(), Ok(Code::Undeclared));
        assert_eq!("rf012".parse::<Code>(), Ok(Code::NoAnswers));
        assert_eq!("low-confidence".parse::<Code>(), Ok(Code::LowConfidence));
        let e = "undeclared-architectur".parse::<Code>().unwrap_err();
        assert!(e.contains("did you mean `undeclared-architecture`?"), "{e}");
        assert!("RF099"
            .parse::<Code>()
            .unwrap_err()
            .contains("not a finding code"));
    }

    #[test]
    fn severities_order_from_note_to_error() {
        assert!(Severity::Note < Severity::Warning && Severity::Warning < Severity::Error);
    }
}
