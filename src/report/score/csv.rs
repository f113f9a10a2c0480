//! CSV output: one row per component, for spreadsheets and scripts.

use super::FileScore;
use crate::report::Section;

/// The CSV format: a header row, then a row per component. Lists are `;`-separated.
pub struct Csv {
    /// Axis ids of the rule base, in order: the columns must not change when
    /// every file failed, so they come from the rule base, not a result.
    axes: Vec<String>,
}

impl Csv {
    /// The CSV format for a rule base's axes.
    pub fn new(rb: &crate::rules::RuleBase) -> Self {
        Csv {
            axes: rb.axes.iter().map(|a| a.id.clone()).collect(),
        }
    }
}

impl super::Renderer for Csv {
    fn begin(&self) -> anyhow::Result<String> {
        let mut header: Vec<String> = [
            "path",
            "workload",
            "component",
            "recommendation",
            "confidence",
            "borderline",
        ]
        .map(String::from)
        .to_vec();
        header.extend(self.axes.iter().map(|a| format!("{a}_score")));
        header.extend(
            [
                "architecture",
                "matches",
                "excluded",
                "alternatives",
                "unanswered",
            ]
            .map(String::from),
        );
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&header)?;
        Ok(String::from_utf8(w.into_inner()?)?)
    }

    fn file(&self, f: &FileScore) -> anyhow::Result<Section> {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in &f.results {
            let mut row = vec![
                r.path.clone(),
                r.workload.clone(),
                r.component.clone(),
                r.recommendation.to_string(),
                format!("{:.2}", r.confidence),
                r.borderline.to_string(),
            ];
            row.extend(self.axes.iter().map(|a| {
                r.scores
                    .0
                    .iter()
                    .find(|(id, _)| id == a)
                    .map(|(_, s)| s.to_string())
                    .unwrap_or_default()
            }));
            row.push(r.architecture.map(|a| a.to_string()).unwrap_or_default());
            row.push(r.matches.map(|m| m.to_string()).unwrap_or_default());
            row.push(
                r.excluded
                    .iter()
                    .map(|e| e.outcome.to_string())
                    .collect::<Vec<_>>()
                    .join(";"),
            );
            row.push(
                r.alternatives
                    .iter()
                    .flat_map(|a| {
                        a.change
                            .0
                            .iter()
                            .map(move |(f, v)| format!("{}:{f}={v}", a.outcome))
                    })
                    .collect::<Vec<_>>()
                    .join(";"),
            );
            row.push(r.unanswered.join(";"));
            w.write_record(&row)?;
        }
        Ok(String::from_utf8(w.into_inner()?)?.into())
    }
}
