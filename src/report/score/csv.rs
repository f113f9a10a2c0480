//! CSV output: one row per component, for spreadsheets and scripts.

use super::ScoreReport;

/// Render the report as CSV with a header row. Lists are `;`-separated.
pub fn render(report: &ScoreReport) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // From the rule base, not the first result: the columns must not change
    // when every file failed.
    let axes = &report.axes;
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
    header.extend(axes.iter().map(|a| format!("{a}_score")));
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
    w.write_record(&header)?;
    for r in &report.results {
        let mut row = vec![
            r.path.clone(),
            r.workload.clone(),
            r.component.clone(),
            r.recommendation.to_string(),
            format!("{:.2}", r.confidence),
            r.borderline.to_string(),
        ];
        row.extend(axes.iter().map(|a| {
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
                .map(|a| {
                    let (f, v) = &a.change.0[0];
                    format!("{}:{f}={v}", a.outcome)
                })
                .collect::<Vec<_>>()
                .join(";"),
        );
        row.push(r.unanswered.join(";"));
        w.write_record(&row)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
