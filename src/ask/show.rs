//! What the questionnaire shows between questions: a component's
//! recommendation as soon as it is answered, the full report at the review,
//! and a warning when the rule base's gates leave nothing to recommend.

use crate::engine;
use crate::pipeline::Assessed;
use crate::report::score::{fit, ScoreReport};
use crate::result;
use crate::workload::{Component, Workload};

use super::flow::Questionnaire;

impl Questionnaire<'_> {
    /// Show one component's recommendation as a one-row table.
    pub(super) fn show_component(&mut self, w: &Workload, c: &Component) {
        let a = engine::assess(self.rb, &c.answers);
        let r = result::component_result(self.rb, w, c, &a, result::Texts::Omitted);
        self.p.show(&format!(
            "{}\n",
            fit::component(&r, self.color, self.p.width())
        ));
        self.warn_if_nothing_allowed(w, c, &a);
    }

    /// The rule base's gates may together exclude every outcome for these
    /// answers: say so, as `score` does (an error there), rather than let the
    /// outcome a gate ruled out pass for a recommendation.
    fn warn_if_nothing_allowed(&mut self, w: &Workload, c: &Component, a: &engine::Assessment) {
        if let Some(d) = crate::pipeline::nothing_allowed(self.rb, &w.path, c, a) {
            let hint = d.hint.map(|h| format!(" ({h})")).unwrap_or_default();
            self.p.show(&format!("warning: {}{hint}\n", d.message));
        }
    }

    /// The full report, as `ragfit score` renders it, with the system summary.
    pub(super) fn show_report(&mut self, w: &Workload) {
        let assessed = Assessed {
            assessments: w
                .components
                .iter()
                .map(|c| engine::assess(self.rb, &c.answers))
                .collect(),
            workload: w.clone(),
            changes: Vec::new(),
        };
        let report = ScoreReport::build(self.rb, std::slice::from_ref(&assessed), Vec::new());
        self.p.show(&format!(
            "\n{}",
            fit::report(&report, self.color, self.p.width())
        ));
        for (c, a) in w.components.iter().zip(&assessed.assessments) {
            self.warn_if_nothing_allowed(w, c, a);
        }
    }
}
