//! Building one component's explanation from its assessment: the answers,
//! axes, fired and near-miss rules, gates, decision, confidence and what
//! would settle an open gate.

use super::*;
use crate::engine::{self, eval, Assessment, Truth};
use crate::overrides::Change;
use crate::result::{component_result, AnswerValue, OrderedMap};
use crate::rules::{sources_text, IfUnknown, Outcome, RuleBase};
use crate::workload::{Component, Workload};

/// A fired rule's entry.
pub fn rule_entry(rb: &RuleBase, ri: usize) -> RuleEntry {
    let r = &rb.rules[ri];
    RuleEntry {
        rule: r.id.clone(),
        condition: rb.show(&r.when).to_string(),
        points: OrderedMap(
            r.add
                .iter()
                .map(|&(ax, p)| (rb.axes[ax].id.clone(), p))
                .collect(),
        ),
        because: r.because.clone(),
        source: sources_text(&r.sources),
        sources: r.sources.clone(),
    }
}

/// Build one component's explanation. `changes` are the `--set` changes of
/// this workload (all components; this one's are picked by index).
pub fn component_explain<'a>(
    rb: &'a RuleBase,
    w: &'a Workload,
    ci: usize,
    a: &Assessment,
    changes: &[Change],
) -> ComponentExplain<'a> {
    let c: &Component = &w.components[ci];
    let result = component_result(rb, w, c, a, crate::result::Texts::Included);
    let d = &a.decided;
    let changed = |fi: usize| {
        changes
            .iter()
            .find(|ch| ch.component == ci && ch.factor == fi)
    };
    // Cost answers are shown with the costs, beside the values assumed for them.
    let answers = (0..rb.factors.len())
        .filter(|&fi| !rb.factors[fi].cost)
        .map(|fi| {
            let v = c.answers.0[fi];
            AnswerEntry {
                factor: rb.factors[fi].id.clone(),
                value: AnswerValue::of(rb, fi, v),
                answered: v.is_some(),
                sensitive: a.unanswered.contains(&fi)
                    || a.alternatives.iter().any(|alt| alt.factor == fi),
                file_value: changed(fi).map(|ch| AnswerValue::of(rb, fi, ch.from)),
            }
        })
        .collect();
    let changes = changes
        .iter()
        .filter(|ch| ch.component == ci)
        .map(|ch| ChangeEntry {
            factor: rb.factors[ch.factor].id.clone(),
            from: AnswerValue::of(rb, ch.factor, ch.from),
            to: AnswerValue::of(rb, ch.factor, ch.to),
        })
        .collect();
    let levels: Vec<bool> = rb
        .axes
        .iter()
        .zip(&d.scores)
        .map(|(ax, s)| *s >= ax.threshold)
        .collect();
    let axes = rb
        .axes
        .iter()
        .zip(&d.scores)
        .zip(&levels)
        .map(|((ax, s), high)| AxisEntry {
            axis: ax.id.clone(),
            description: ax.description.clone(),
            score: *s,
            threshold: ax.threshold,
            level: Level::of(*high),
        })
        .collect();
    let near_miss_rules = a
        .near_misses
        .iter()
        .map(|n| NearMissRule {
            rule: rule_entry(rb, n.rule),
            unanswered: n.unknown,
            would_be: n.would_be,
            margin_left: n.margin_left,
        })
        .collect();
    let gates = rb
        .gates
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let status = match eval(&g.when, &c.answers) {
                Truth::True => GateStatus::Applies,
                Truth::False => GateStatus::DoesNotApply,
                Truth::Unknown => GateStatus::Unknown,
            };
            GateEntry {
                gate: g.id.clone(),
                condition: rb.show(&g.when).to_string(),
                status,
                excludes: g.exclude.clone(),
                if_unknown: g.if_unknown,
                unsettles: a.unsettled_by.contains(&gi),
                unanswered: if status == GateStatus::Unknown {
                    rb.gate_factors[gi]
                        .iter()
                        .filter(|&&fi| c.answers.0[fi].is_none())
                        .map(|&fi| rb.factors[fi].id.clone())
                        .collect()
                } else {
                    Vec::new()
                },
                reason: g.reason.clone(),
                source: sources_text(&g.sources),
                sources: g.sources.clone(),
            }
        })
        .collect();
    let decision = DecisionStep {
        levels: OrderedMap(
            rb.axes
                .iter()
                .zip(&levels)
                .map(|(ax, h)| (ax.id.clone(), Level::of(*h)))
                .collect(),
        ),
        table_outcome: d.table_outcome,
        table_excluded_by: gate_excluding(rb, a, d.table_outcome),
        fallbacks: fallbacks(rb, a),
        min_support: rb.decision.min_support,
        all_excluded: d.all_excluded,
    };
    let why = &a.why;
    // Scoring keeps only the worst margin; the answers behind it are found here.
    let worst = engine::worst_case_of(rb, &c.answers);
    let confidence_detail = ConfidenceDetail {
        confidence: a.confidence,
        margin: why.worst.margin,
        margin_cap: rb.confidence.margin_cap,
        worst_if: OrderedMap(
            worst
                .answers
                .iter()
                .map(|&(fi, v)| (rb.factors[fi].id.clone(), AnswerValue::of(rb, fi, Some(v))))
                .collect(),
        ),
        worst_shift: worst.shift.map(|(axis, points)| AxisShift {
            axis: rb.axes[axis].id.clone(),
            points,
            from: worst_score(rb, c, &worst, axis),
        }),
        margin_scale: rb.confidence.margin_scale,
        margin_confidence: why.margin_confidence,
        penalized: why.penalized,
        unanswered_penalty: rb.confidence.unanswered_penalty,
        penalty: why.penalty,
        unsettled_by: a
            .unsettled_by
            .iter()
            .map(|&gi| rb.gates[gi].id.clone())
            .collect(),
        cap: rb.confidence.unsettled_cap(),
        capped: why.capped,
        borderline_below: rb.confidence.borderline_below,
        borderline: a.borderline,
    };
    ComponentExplain {
        description: c.description.clone(),
        answers,
        changes,
        axes,
        fired_rules: a.fired.iter().map(|&ri| rule_entry(rb, ri)).collect(),
        near_miss_rules,
        gates,
        decision,
        confidence_detail,
        open_gates: open_gates(rb, c, a),
        note_details: a
            .notes
            .iter()
            .map(|&ni| NoteEntry {
                note: rb.notes[ni].id.clone(),
                text: rb.notes[ni].text.clone(),
                source: sources_text(&rb.notes[ni].sources),
                sources: rb.notes[ni].sources.clone(),
            })
            .collect(),
        result,
    }
}

/// For each gate that keeps the result unsettled, an answer under which it
/// holds and one under which it does not, with the recommendation for each.
fn open_gates(rb: &RuleBase, c: &Component, a: &Assessment) -> Vec<OpenGate> {
    a.unsettled_by
        .iter()
        .map(|&gi| {
            let g = &rb.gates[gi];
            let unknown: Vec<usize> = rb.gate_factors[gi]
                .iter()
                .copied()
                .filter(|&fi| c.answers.0[fi].is_none())
                .collect();
            let find = |want: Truth| -> Option<(Vec<(usize, crate::rules::Value)>, Outcome)> {
                let mut trial = c.answers.clone();
                let lists: Vec<Vec<crate::rules::Value>> = unknown
                    .iter()
                    .map(|&fi| engine::unanswered_candidates(rb, fi))
                    .collect();
                let mut idx = vec![0usize; unknown.len()];
                loop {
                    for (k, &fi) in unknown.iter().enumerate() {
                        trial.0[fi] = lists[k].get(idx[k]).copied();
                    }
                    if eval(&g.when, &trial) == want {
                        let answers = unknown
                            .iter()
                            .filter_map(|&fi| trial.0[fi].map(|v| (fi, v)))
                            .collect();
                        return Some((answers, engine::decide(rb, &trial).outcome));
                    }
                    let mut k = 0;
                    loop {
                        if k == unknown.len() {
                            return None;
                        }
                        idx[k] += 1;
                        if idx[k] < lists[k].len() {
                            break;
                        }
                        idx[k] = 0;
                        k += 1;
                    }
                }
            };
            let map = |found: &Option<(Vec<(usize, crate::rules::Value)>, Outcome)>| {
                OrderedMap(
                    found
                        .iter()
                        .flat_map(|(answers, _)| answers.iter())
                        .map(|&(fi, v)| {
                            (rb.factors[fi].id.clone(), AnswerValue::of(rb, fi, Some(v)))
                        })
                        .collect(),
                )
            };
            let holds = find(Truth::True);
            let fails = find(Truth::False);
            OpenGate {
                gate: g.id.clone(),
                unanswered: unknown
                    .iter()
                    .map(|&fi| rb.factors[fi].id.clone())
                    .collect(),
                treated_as: match g.if_unknown {
                    IfUnknown::Exclude => "excluded",
                    IfUnknown::Flag => "flagged",
                },
                holds_if: map(&holds),
                then: holds.as_ref().map(|(_, o)| *o),
                fails_if: map(&fails),
                otherwise: fails.as_ref().map(|(_, o)| *o),
            }
        })
        .collect()
}

/// The gate that excludes an outcome for this component, if any.
fn gate_excluding(rb: &RuleBase, a: &Assessment, o: Outcome) -> Option<String> {
    a.decided
        .excluded
        .iter()
        .find(|e| e.outcome == o)
        .map(|e| rb.gates[e.gate].id.clone())
}

/// The outcomes a fallback chose among, when the table's outcome is excluded.
fn fallbacks(rb: &RuleBase, a: &Assessment) -> Vec<FallbackEntry> {
    let d = &a.decided;
    if gate_excluding(rb, a, d.table_outcome).is_none() {
        return Vec::new();
    }
    engine::fallback_options(rb, &d.scores, d.mask())
        .into_iter()
        .map(|f| FallbackEntry {
            outcome: f.outcome,
            distance: f.distance,
            supported: f.supported,
            excluded_by: gate_excluding(rb, a, f.outcome),
        })
        .collect()
}

/// The score of an axis in the worst-case world: the answers as given plus
/// the worst-case answers to the unanswered factors.
fn worst_score(rb: &RuleBase, c: &Component, worst: &engine::WorstCase, axis: usize) -> i64 {
    let mut answers = c.answers.clone();
    for &(fi, v) in &worst.answers {
        answers.0[fi] = Some(v);
    }
    engine::decide(rb, &answers).scores[axis]
}
