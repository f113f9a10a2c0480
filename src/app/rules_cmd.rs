//! `ragfit rules`: the active rule base, readable without opening YAML.

use crate::cli::{GlobalArgs, RulesArgs};
use crate::error::exit;
use crate::report::rulebase::{self, RulesFormat};

use crate::output;

/// List axes, factors, rules, gates, notes and the decision of the active rule base.
pub fn run(global: &GlobalArgs, args: &RulesArgs) -> anyhow::Result<i32> {
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
