//! `ragfit rules`: the active rule base, readable without opening YAML; its
//! subcommands test it ([`super::rules_test`]) and compare two ([`super::rules_diff`]).

use crate::cli::{GlobalArgs, RulesAction, RulesArgs};
use crate::error::exit;
use crate::report::rulebase::{self, RulesFormat};

use crate::output;

/// List the rule base, or run the subcommand given.
pub fn run(global: &GlobalArgs, args: &RulesArgs) -> anyhow::Result<i32> {
    match &args.action {
        Some(RulesAction::Test(test)) => super::rules_test::run(global, test),
        Some(RulesAction::Diff(diff)) => super::rules_diff::run(global, diff),
        None => list(global, args),
    }
}

/// List axes, factors, rules, gates, notes and the decision of the active rule base.
fn list(global: &GlobalArgs, args: &RulesArgs) -> anyhow::Result<i32> {
    super::guard_output(global, args.output.as_deref(), &[], &[])?;
    // The rule base as written: the price book's cost factors are listed by `ragfit prices`.
    let rb = super::load_rule_base(global)?;
    let report = rulebase::build(&rb);
    let color = args.output.is_none() && output::use_color(global.color);
    let text = match args.format {
        RulesFormat::Table => {
            rulebase::text::render(&report, output::text_style(color, args.output.is_some()))
        }
        RulesFormat::Markdown => rulebase::markdown::render(&report),
        RulesFormat::Json => crate::report::style::json(&report)?,
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(exit::OK)
}
