//! `ragfit rules test`: run case files against the active rule base and say
//! which cases hold, and why those that do not got what they got.

use crate::cases;
use crate::cli::{GlobalArgs, RulesTestArgs};
use crate::diag::Diagnostic;
use crate::error::{exit, Error};
use crate::input::{self, Source};
use crate::output;
use crate::report::cases::{json, junit, text, TestFormat, TestReport};

/// Judge every case file; exit 2 if one could not be read (after testing the
/// others), else 1 if a case failed, else 0.
pub fn run(global: &GlobalArgs, args: &RulesTestArgs) -> anyhow::Result<i32> {
    let rb = super::load_rules(global)?;
    let (sources, problems) = input::expand(&args.cases);
    let mut errors: Vec<Diagnostic> = problems.into_iter().map(for_cases).collect();
    for d in &errors {
        output::error(&d.to_string());
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for source in &sources {
        let name = source.display();
        let parsed = source.read().map_err(|d| vec![d]).and_then(|text| {
            // In a directory walk, YAML that is not a case file (workloads
            // beside the cases, CI files) is skipped, not an error.
            if matches!(source, Source::Found { .. }) && !cases::looks_like_cases(&text) {
                return Ok(None);
            }
            cases::parse(&rb, &name, &text).map(Some)
        });
        match parsed {
            Ok(Some(file)) => files.push(cases::judge(&rb, &file)),
            Ok(None) => skipped.push(name),
            Err(d) => {
                d.iter().for_each(|p| output::error(&p.to_string()));
                errors.extend(d);
            }
        }
    }
    if !skipped.is_empty() {
        output::note(&format!(
            "skipped {} without a `cases:` key: {}",
            output::describe_count(skipped.len(), "YAML file", "YAML files"),
            skipped.join(", ")
        ));
    }
    if files.is_empty() && errors.is_empty() {
        return Err(Error::Usage(
            "no case files found: pass files with a top-level `cases:` list".into(),
        )
        .into());
    }
    let report = TestReport::new(rb.origin.clone(), files, errors);
    let color = args.output.is_none() && output::use_color(global.color);
    let rendered = match args.format {
        TestFormat::Text => text::render(&report, color),
        TestFormat::Json => json::render(&report)?,
        TestFormat::Junit => junit::render(&report)?,
    };
    output::emit(&rendered, args.output.as_deref())?;
    // The text report ends with the summary; other formats, and reports
    // saved to a file, say it on stderr so that a CI log shows it.
    if args.format != TestFormat::Text || args.output.is_some() {
        output::message(&report.summary_line());
    }
    Ok(if !report.errors.is_empty() {
        exit::INVALID
    } else if report.summary.failed > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// The path problems `input::expand` reports, worded for case files.
fn for_cases(mut d: Diagnostic) -> Diagnostic {
    if d.message.starts_with("directory holds no workload files") {
        d.message = "directory holds no case files (*.yaml, *.yml)".into();
        d.hint = None;
    } else if d
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("workload file"))
    {
        d.hint =
            Some("check the path; pass a case file, a directory of them, or - for stdin".into());
    }
    d
}
