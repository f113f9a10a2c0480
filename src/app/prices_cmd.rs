//! `ragfit prices`: the active price book, readable without opening YAML.

use crate::cli::{GlobalArgs, PricesArgs};
use crate::error::exit;
use crate::output;
use crate::report::prices;

/// List the tiers, retrieval prices, assumptions, defaults and sources of the
/// active price book (validated against the active rule base).
pub fn run(global: &GlobalArgs, args: &PricesArgs) -> anyhow::Result<i32> {
    super::guard_output(global, args.output.as_deref(), &[], &[])?;
    let (_, book) = super::load_priced(global)?;
    let color = args.output.is_none() && output::use_color(global.color);
    let style = output::text_style(color, args.output.is_some());
    let text = prices::render(&book, args.format, style)?;
    output::emit(&text, args.output.as_deref())?;
    Ok(exit::OK)
}
