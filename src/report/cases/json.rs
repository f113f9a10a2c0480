//! `rules test --format json`: the serde serialization of [`super::TestReport`].

use super::TestReport;

/// The report as pretty JSON.
pub fn render(report: &TestReport) -> anyhow::Result<String> {
    crate::report::style::json(report)
}
