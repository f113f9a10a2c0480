//! `ragfit check`: the CI architecture-review step.

use std::path::Path;

use anyhow::Context;

use crate::check::{self, CheckReport, Options};
use crate::cli::{CheckArgs, GlobalArgs};
use crate::error::{exit, Error};
use crate::report::check::{self as render, CheckFormat};

use crate::output;

/// Review every path; exit 2 if any input was unusable (after reporting what
/// could be checked), else 1 if a finding reaches `--fail-on`, else 0.
pub fn run(global: &GlobalArgs, args: &CheckArgs) -> anyhow::Result<i32> {
    if args.list_codes {
        output::stdout(&check::listing())?;
        return Ok(exit::OK);
    }
    if args.paths.is_empty() {
        return Err(
            Error::Usage("nothing to check: pass workload files or directories".into()).into(),
        );
    }
    let rb = super::load_rules(global)?;
    let overrides = crate::overrides::parse(&rb, &args.set)?;
    let batch = super::assess_paths(&rb, &args.paths, &overrides)?;
    let (assessed, problems) = (batch.assessed, batch.problems);
    for p in &problems {
        output::error(&p.to_string());
    }
    let opts = Options {
        today: args.today.unwrap_or_else(today),
        require_declared: args.require_declared,
        fail_on: args.fail_on,
    };
    let files = assessed
        .iter()
        .map(|a| (&a.workload, a.assessments.as_slice()));
    let report = check::review(&rb, files, problems, &opts);

    // As `score`: colour goes to a terminal (or `--color always`), never into
    // an `--output` report file.
    let color = args.output.is_none() && output::use_color(global.color);
    let text = render::render(&report, args.format, color)?;
    output::emit(&text, args.output.as_deref())?;
    if args.format == CheckFormat::Github {
        step_summary(&report)?;
    }
    // The text report ends with the summary; anywhere else, say it on stderr.
    if args.format != CheckFormat::Text || args.output.is_some() {
        output::message(&format!("ragfit check: {}", report.summary.line()));
    }
    Ok(exit_code(&report))
}

/// The local date. Waivers are written as calendar dates, so the team's own
/// calendar day is the one that counts.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

fn exit_code(report: &CheckReport) -> i32 {
    if !report.errors.is_empty() {
        exit::INVALID
    } else if report.summary.failing > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

/// Append the Markdown report to `$GITHUB_STEP_SUMMARY`, when set, so the
/// run's summary page shows the table.
fn step_summary(report: &CheckReport) -> anyhow::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let path = Path::new(&path);
    output::append(path, &render::markdown::render(report))
        .with_context(|| format!("cannot append to $GITHUB_STEP_SUMMARY ({})", path.display()))
}
