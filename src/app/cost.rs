//! `ragfit cost`: what each outcome would cost per component, streamed
//! exactly as `score` is (the same pipeline, other renderers).

use crate::cli::{CostArgs, GlobalArgs};
use crate::config::Config;
use crate::output;
use crate::report::cost;
use crate::result::cost::Costing;

use super::score::{report, Report};

/// Cost every component of every path (the configuration's `exclude`
/// globs apply, as they do to `score`).
pub fn run(global: &GlobalArgs, args: &CostArgs, config: Option<&Config>) -> anyhow::Result<i32> {
    super::guard_output(global, args.output.as_deref(), &args.paths, &[])?;
    let (rb, book) = super::load_priced(global)?;
    let color = args.output.is_none() && output::use_color(global.color);
    let style = output::text_style(color, args.output.is_some());
    let renderer = cost::renderer(&book, args.format, style, args.months);
    let costing = Costing {
        book: &book,
        months: args.months,
    };
    let job = Report {
        paths: &args.paths,
        set: &args.set,
        output: args.output.as_deref(),
        config,
    };
    report(&rb, job, renderer.as_ref(), Some(costing))
}
