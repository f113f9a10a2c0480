//! The knowledge × behaviour quadrant: what every chart shows, whatever it
//! is drawn with. [`Quadrant`] holds the rule base's two axes with their
//! thresholds, the range a chart shows and the outcome of each region;
//! [`markers`] turns one workload's results into the points to plot. The
//! terminal chart ([`term`]) and the SVG chart ([`svg`], shared by the HTML
//! and SVG reports) draw from the same data, so they always agree.

mod place;
pub mod svg;
pub mod term;

use crate::result::ComponentResult;
use crate::rules::{Outcome, RuleBase};

/// One axis of the chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Axis {
    /// The axis id (`knowledge`, `behavior`).
    pub id: String,
    /// A score at or above this is high.
    pub threshold: i64,
    /// The lowest score the chart shows (lower scores sit at this edge).
    pub lo: i64,
    /// The highest score the chart shows (higher scores sit at this edge).
    pub hi: i64,
}

impl Axis {
    /// The score where it is drawn: clamped to the range shown.
    pub fn shown(&self, score: i64) -> i64 {
        score.clamp(self.lo, self.hi)
    }

    /// Whether a score lies outside the range shown.
    pub fn off_chart(&self, score: i64) -> bool {
        self.shown(score) != score
    }

    /// Where a score sits across the axis, from 0.0 (`lo`) to 1.0 (`hi`),
    /// clamped.
    pub fn fraction(&self, score: i64) -> f64 {
        (self.shown(score) - self.lo) as f64 / (self.hi - self.lo).max(1) as f64
    }
}

/// The quadrant of a rule base with two axes: the first axis across, the
/// second up, each region labelled with the outcome its decision-table row
/// gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quadrant {
    /// Across (the rule base's first axis: knowledge).
    pub x: Axis,
    /// Up (the second axis: behaviour).
    pub y: Axis,
    /// The outcome of each region, indexed `[x high][y high]`.
    regions: [[Outcome; 2]; 2],
}

impl Quadrant {
    /// The quadrant of a rule base, or `None` unless it has exactly two axes
    /// (a chart of one axis or of three has no quadrants to draw).
    ///
    /// Each axis shows its threshold ± the confidence's `margin_cap`: beyond
    /// that distance a score changes nothing the report says (the margin is
    /// counted up to the cap), so a marker at the edge loses no information
    /// the legend does not give back with the true score.
    pub fn of(rb: &RuleBase) -> Option<Quadrant> {
        let [x, y] = &rb.axes[..] else {
            return None;
        };
        let span = rb.confidence.margin_cap.max(2);
        let axis = |a: &crate::rules::Axis| Axis {
            id: a.id.clone(),
            threshold: a.threshold,
            lo: a.threshold - span,
            hi: a.threshold + span,
        };
        // A complete decision table (the loader insists on one) has a row
        // for each of the four combinations.
        let mut regions = [[Outcome::PromptOnly; 2]; 2];
        for (levels, outcome) in &rb.decision.table {
            if let [xh, yh] = levels[..] {
                regions[usize::from(xh)][usize::from(yh)] = *outcome;
            }
        }
        Some(Quadrant {
            x: axis(x),
            y: axis(y),
            regions,
        })
    }

    /// The outcome of the region where the x level is `x_high` and the y level `y_high`.
    pub fn region(&self, x_high: bool, y_high: bool) -> Outcome {
        self.regions[usize::from(x_high)][usize::from(y_high)]
    }
}

/// One component on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// The short key that stands for it on a terminal chart (`1`…`9`, `A`…).
    pub key: char,
    /// The component's name.
    pub name: String,
    /// Its recommendation (which may differ from its region's outcome when
    /// a gate excluded that one).
    pub outcome: Outcome,
    /// Its confidence.
    pub confidence: f64,
    /// Whether the result is borderline.
    pub borderline: bool,
    /// Its true score across.
    pub x: i64,
    /// Its true score up.
    pub y: i64,
}

impl Marker {
    /// Whether either score lies outside the range the chart shows.
    pub fn off_chart(&self, q: &Quadrant) -> bool {
        q.x.off_chart(self.x) || q.y.off_chart(self.y)
    }

    /// `knowledge 11, behavior 0`: the true scores.
    pub fn scores(&self, q: &Quadrant) -> String {
        format!("{} {}, {} {}", q.x.id, self.x, q.y.id, self.y)
    }
}

/// The keys of the terminal chart: digits, then capitals, then small letters
/// (a workload has far fewer components); past those, `*`.
fn key(i: usize) -> char {
    const KEYS: &str = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    KEYS.chars().nth(i).unwrap_or('*')
}

/// The markers of one workload's results, in component order. Scores are
/// read by axis id, so a result scored under another rule base's axes (never
/// the case within one run) would plot at 0.
pub fn markers(q: &Quadrant, results: &[ComponentResult]) -> Vec<Marker> {
    let score = |r: &ComponentResult, axis: &str| {
        r.scores
            .0
            .iter()
            .find(|(a, _)| *a == axis)
            .map_or(0, |(_, s)| *s)
    };
    results
        .iter()
        .enumerate()
        .map(|(i, r)| Marker {
            key: key(i),
            name: r.component.to_string(),
            outcome: r.recommendation,
            confidence: r.confidence,
            borderline: r.borderline,
            x: score(r, &q.x.id),
            y: score(r, &q.y.id),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_quadrant_has_the_decision_tables_regions() {
        let rb = crate::rules::load_default().unwrap();
        let q = Quadrant::of(&rb).unwrap();
        assert_eq!(q.x.id, "knowledge");
        assert_eq!(q.y.id, "behavior");
        assert_eq!(q.region(true, true), Outcome::Hybrid);
        assert_eq!(q.region(true, false), Outcome::Rag);
        assert_eq!(q.region(false, true), Outcome::FineTune);
        assert_eq!(q.region(false, false), Outcome::PromptOnly);
        assert_eq!((q.x.lo, q.x.threshold, q.x.hi), (-8, 4, 16));
    }

    #[test]
    fn scores_outside_the_range_are_drawn_at_the_edge() {
        let rb = crate::rules::load_default().unwrap();
        let q = Quadrant::of(&rb).unwrap();
        assert_eq!(q.x.shown(40), 16);
        assert_eq!(q.x.shown(-40), -8);
        assert!(q.x.off_chart(17) && !q.x.off_chart(16));
        assert_eq!(q.x.fraction(4), 0.5);
    }

    #[test]
    fn no_quadrant_without_exactly_two_axes() {
        let mut rb = crate::rules::load_default().unwrap();
        rb.axes.pop();
        assert!(Quadrant::of(&rb).is_none());
    }

    #[test]
    fn keys_run_out_gracefully() {
        assert_eq!(key(0), '1');
        assert_eq!(key(9), 'A');
        assert_eq!(key(60), 'z');
        assert_eq!(key(61), '*');
    }
}
