//! `ragfit explain`: the full reasoning behind recommendations, or one rule.

use crate::cli::{ExplainArgs, GlobalArgs};
use crate::diag::suggest;
use crate::error::{exit, Error};
use crate::report::explain::ExplainFormat;
use crate::report::explain::{self, ExplainReport};
use crate::report::rulebase;
use crate::report::style::Style;
use crate::result::cost::Costing;
use crate::rules::RuleBase;

use crate::output;
use crate::pipeline::Assessed;

/// Explain every component of a file (or one), or one rule with `--rule`.
pub fn run(global: &GlobalArgs, args: &ExplainArgs) -> anyhow::Result<i32> {
    let paths: Vec<String> = args.file.iter().cloned().collect();
    super::guard_output(global, args.output.as_deref(), &paths, &[])?;
    let (rb, book) = super::load_priced(global)?;
    let color = args.output.is_none() && output::use_color(global.color);
    let style = output::text_style(color, args.output.is_some());
    if let Some(id) = &args.rule {
        let text = explain_rule(&rb, id, args.format, style)?;
        output::emit(&text, args.output.as_deref())?;
        return Ok(exit::OK);
    }
    let Some(file) = &args.file else {
        return Err(Error::Usage("explain needs a FILE or --rule RULE_ID".into()).into());
    };
    let overrides = crate::overrides::parse(&rb, &args.set)?;
    let batch = super::assess_paths(&rb, std::slice::from_ref(file), &overrides)?;
    if !batch.problems.is_empty() {
        return Err(Error::Input(batch.problems).into());
    }
    let assessed = batch.assessed;
    if let Some(name) = &args.component {
        check_component(&assessed, name, file)?;
    }
    let costing = Costing {
        book: &book,
        months: args.months,
    };
    let report = build(
        &rb,
        &assessed,
        args.component.as_deref(),
        args.set.clone(),
        Some(costing),
    );
    let text = explain::render(&report, args.format, style)?;
    output::emit(&text, args.output.as_deref())?;
    Ok(exit::OK)
}

/// `--component NAME` must name a component of the file.
fn check_component(assessed: &[Assessed], name: &str, file: &str) -> Result<(), Error> {
    let names = assessed
        .iter()
        .flat_map(|a| a.workload.components.iter().map(|c| c.name.as_str()));
    if names.clone().any(|n| n == name) {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "--component {name}: no component named `{name}` in {file} ({})",
        suggest(name, names)
    )))
}

/// Build the report for every assessed file, or only the component named.
pub fn build<'a>(
    rb: &'a RuleBase,
    assessed: &'a [Assessed],
    component: Option<&str>,
    overrides: Vec<String>,
    costing: Option<Costing>,
) -> ExplainReport<'a> {
    let mut components = Vec::new();
    for asd in assessed {
        let w = &asd.workload;
        for (ci, (c, a)) in w.components.iter().zip(&asd.assessments).enumerate() {
            if component.is_none_or(|name| name == c.name) {
                let mut e = explain::component_explain(rb, w, ci, a, &asd.changes);
                if let Some(costing) = &costing {
                    costing.add_to(&mut e.result, &c.answers);
                }
                components.push(e);
            }
        }
    }
    ExplainReport {
        schema_version: explain::SCHEMA_VERSION,
        rule_base: rb.origin.clone(),
        overrides,
        components,
        chart: crate::report::chart::Quadrant::of(rb),
        prices: costing.map(|c| explain::cost::PricesUsed::of(c.book, c.months)),
    }
}

/// `explain --rule RULE_ID`: one rule, gate or note; an unknown id is a usage error.
fn explain_rule(
    rb: &RuleBase,
    id: &str,
    format: ExplainFormat,
    style: Style,
) -> anyhow::Result<String> {
    let Some(report) = rulebase::lookup(rb, id) else {
        let ids = rulebase::ids(rb);
        return Err(Error::Usage(format!(
            "--rule {id}: no rule, gate or note `{id}` in {} ({})",
            rb.origin,
            suggest(id, ids.iter().copied())
        ))
        .into());
    };
    Ok(match format {
        ExplainFormat::Text => rulebase::text::render_item(&report, style),
        ExplainFormat::Markdown => rulebase::markdown::render_item(&report),
        ExplainFormat::Json => crate::report::style::json(&report)?,
    })
}
