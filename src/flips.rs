//! What a change to workload files does to the recommendations: the pure
//! comparison behind `ragfit diff`. Components are matched by file (as
//! paired by the caller) and name; a component is reported when it was added
//! or removed, or when its recommendation, confidence band, declared
//! architecture or agreement changed, with the answers that changed with it.

use serde::Serialize;

use crate::check::{self, Options, Status};
use crate::engine::Assessment;
use crate::result::AnswerValue;
use crate::rules::{Outcome, RuleBase};
use crate::workload::{Component, Workload};

/// How a component changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with a different result.
    Changed,
}

/// Confidence, in the two bands the rule base defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    /// Below the rule base's `borderline_below`: one answer could change it.
    Borderline,
    /// At or above it.
    Clear,
}

/// A component's result on one side of the change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    /// The recommendation.
    pub recommendation: Outcome,
    /// Its confidence.
    pub confidence: f64,
    /// Its band.
    pub band: Band,
    /// The declared architecture.
    pub architecture: Option<Outcome>,
    /// How the declaration compares (`check`'s status).
    pub status: Status,
}

/// One answer that differs between the sides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnswerChange {
    /// The factor.
    pub factor: String,
    /// Before (`unknown` when unanswered).
    pub before: String,
    /// After.
    pub after: String,
}

/// One component that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComponentDiff {
    /// The file (new side's name, else the old side's).
    pub path: String,
    /// The workload.
    pub workload: String,
    /// The component.
    pub component: String,
    /// Added, removed or changed.
    pub change: Kind,
    /// What changed, for `Changed`: `recommendation`, `confidence band`,
    /// `architecture`, `agreement`.
    pub what: Vec<&'static str>,
    /// The old result.
    pub before: Option<Side>,
    /// The new result.
    pub after: Option<Side>,
    /// The answers that differ.
    pub answers: Vec<AnswerChange>,
    /// Whether the change makes the component disagree (it did not, or did not exist).
    pub new_disagreement: bool,
    /// 1-based line of the component in the new version (else the old).
    pub line: usize,
}

/// One file's changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FileDiff {
    /// The file.
    pub path: String,
    /// The components that changed, in new-file order, then removed ones in old order.
    pub components: Vec<ComponentDiff>,
    /// Components present on both sides with the same result.
    pub unchanged: usize,
}

/// Counts over a whole diff.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    /// Files compared.
    pub files: usize,
    /// Components added.
    pub added: usize,
    /// Components removed.
    pub removed: usize,
    /// Components whose result changed.
    pub changed: usize,
    /// Components unchanged.
    pub unchanged: usize,
    /// Components that disagree because of the change.
    pub new_disagreements: usize,
    /// Files that could not be read or are invalid.
    pub input_errors: usize,
}

impl DiffSummary {
    /// Count one file.
    pub fn add(&mut self, f: &FileDiff) {
        self.files += 1;
        self.unchanged += f.unchanged;
        for c in &f.components {
            match c.change {
                Kind::Added => self.added += 1,
                Kind::Removed => self.removed += 1,
                Kind::Changed => self.changed += 1,
            }
            self.new_disagreements += usize::from(c.new_disagreement);
        }
    }

    /// "N changed, N added, N removed, N unchanged; N new disagreements".
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} changed, {} added, {} removed, {} unchanged; {} new disagreement{}",
            self.changed,
            self.added,
            self.removed,
            self.unchanged,
            self.new_disagreements,
            if self.new_disagreements == 1 { "" } else { "s" }
        );
        if self.input_errors > 0 {
            s.push_str(&format!(
                "; {} input problem{}",
                self.input_errors,
                if self.input_errors == 1 { "" } else { "s" }
            ));
        }
        s
    }
}

/// A workload with its assessments, one per component.
pub type Assessed<'a> = (&'a Workload, &'a [Assessment]);

/// Compare the old and new versions of one file (either may be absent).
pub fn compare(
    rb: &RuleBase,
    path: &str,
    old: Option<Assessed<'_>>,
    new: Option<Assessed<'_>>,
    opts: &Options,
) -> FileDiff {
    let side = |(w, a): Assessed<'_>, i: usize| {
        let c = &w.components[i];
        let review = check::review_component(rb, w, c, &a[i], opts);
        Side {
            recommendation: a[i].outcome(),
            confidence: a[i].confidence,
            band: if a[i].borderline {
                Band::Borderline
            } else {
                Band::Clear
            },
            architecture: c.architecture,
            status: review.status,
        }
    };
    let mut out = FileDiff {
        path: path.to_string(),
        ..FileDiff::default()
    };
    let find = |s: Option<Assessed<'_>>, name: &str| {
        s.and_then(|(w, _)| w.components.iter().position(|c| c.name == name))
    };
    if let Some(n @ (nw, _)) = new {
        for (i, c) in nw.components.iter().enumerate() {
            let after = side(n, i);
            let before = old.zip(find(old, &c.name));
            let (before_side, answers) = match before {
                Some((o, j)) => (Some(side(o, j)), answer_changes(rb, &o.0.components[j], c)),
                None => (None, Vec::new()),
            };
            let what = match &before_side {
                Some(b) => changes(b, &after),
                None => Vec::new(),
            };
            if before_side.is_some() && what.is_empty() {
                out.unchanged += 1;
                continue;
            }
            let was_disagreeing = before_side
                .as_ref()
                .is_some_and(|b| b.status == Status::Disagree);
            out.components.push(ComponentDiff {
                path: path.to_string(),
                workload: nw.name.clone(),
                component: c.name.clone(),
                change: if before_side.is_some() {
                    Kind::Changed
                } else {
                    Kind::Added
                },
                what,
                new_disagreement: after.status == Status::Disagree && !was_disagreeing,
                before: before_side,
                after: Some(after),
                answers,
                line: c.anchor().line,
            });
        }
    }
    if let Some(o @ (ow, _)) = old {
        for (j, c) in ow.components.iter().enumerate() {
            if find(new, &c.name).is_some() {
                continue;
            }
            out.components.push(ComponentDiff {
                path: path.to_string(),
                workload: ow.name.clone(),
                component: c.name.clone(),
                change: Kind::Removed,
                what: Vec::new(),
                before: Some(side(o, j)),
                after: None,
                answers: Vec::new(),
                new_disagreement: false,
                line: c.anchor().line,
            });
        }
    }
    out
}

/// What differs between two results of one component.
fn changes(b: &Side, a: &Side) -> Vec<&'static str> {
    let mut what = Vec::new();
    if b.recommendation != a.recommendation {
        what.push("recommendation");
    }
    if b.band != a.band {
        what.push("confidence band");
    }
    if b.architecture != a.architecture {
        what.push("architecture");
    }
    if b.status != a.status {
        what.push("agreement");
    }
    what
}

/// The answers that differ, in rule-base order.
fn answer_changes(rb: &RuleBase, old: &Component, new: &Component) -> Vec<AnswerChange> {
    (0..rb.factors.len())
        .filter_map(|fi| {
            let (b, a) = (old.answers.0.get(fi)?, new.answers.0.get(fi)?);
            (b != a).then(|| AnswerChange {
                factor: rb.factors[fi].id.clone(),
                before: AnswerValue::of(rb, fi, *b).to_string(),
                after: AnswerValue::of(rb, fi, *a).to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::FailOn;
    use crate::rules;

    fn assessed(rb: &RuleBase, yaml: &str) -> (Workload, Vec<Assessment>) {
        let w = crate::workload::parse(rb, "w.yaml", yaml).unwrap();
        let a = w
            .components
            .iter()
            .map(|c| crate::engine::assess(rb, &c.answers))
            .collect();
        (w, a)
    }

    const BASE: &str = "workload: w\ncomponents:\n  - name: hr\n    architecture: rag\n    answers:\n      \
        knowledge_volatility: monthly\n      citations: required\n      latency_budget_ms: 5000\n      \
        daily_requests: 1500\n      task_shape: conversation\n      output_consistency: medium\n      \
        labeled_examples: 200\n      knowledge_size_docs: 900\n      deletion_required: true\n      \
        shared_across_teams: true\n      data_sensitivity: regulated\n";

    #[test]
    fn a_changed_answer_that_flips_the_recommendation_is_reported_with_the_answer() {
        let rb = rules::load_default().unwrap();
        let opts = Options::new("2030-01-01".parse().unwrap(), FailOn::Error);
        let (ow, oa) = assessed(&rb, BASE);
        let same = compare(&rb, "w.yaml", Some((&ow, &oa)), Some((&ow, &oa)), &opts);
        assert!(same.components.is_empty());
        assert_eq!(same.unchanged, 1);
        let changed_text = BASE
            .replace("architecture: rag", "architecture: fine-tune")
            .replace("labeled_examples: 200", "labeled_examples: 300");
        let (nw, na) = assessed(&rb, &changed_text);
        let d = compare(&rb, "w.yaml", Some((&ow, &oa)), Some((&nw, &na)), &opts);
        let c = &d.components[0];
        assert_eq!(c.change, Kind::Changed);
        assert!(c.what.contains(&"architecture") && c.what.contains(&"agreement"));
        assert!(c.new_disagreement);
        assert_eq!(
            c.answers,
            [AnswerChange {
                factor: "labeled_examples".into(),
                before: "200".into(),
                after: "300".into()
            }]
        );
        // Added and removed.
        let added = compare(&rb, "w.yaml", None, Some((&nw, &na)), &opts);
        assert_eq!(added.components[0].change, Kind::Added);
        assert!(added.components[0].new_disagreement);
        let removed = compare(&rb, "w.yaml", Some((&ow, &oa)), None, &opts);
        assert_eq!(removed.components[0].change, Kind::Removed);
    }
}
