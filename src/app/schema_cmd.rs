//! `ragfit schema`: the JSON Schema of workload files (or, with `--cases`,
//! of rule-base test case files) for the active rule base.

use crate::cli::{GlobalArgs, SchemaArgs};
use crate::error::exit;
use crate::report::schema;

use crate::output;

/// Print (or write) the workload-file or case-file schema derived from the active rule base.
pub fn run(global: &GlobalArgs, args: &SchemaArgs) -> anyhow::Result<i32> {
    super::guard_output(global, args.output.as_deref(), &[], &[])?;
    let rb = super::load_rules(global)?;
    let text = if args.cases {
        schema::cases::render(&rb)
    } else {
        schema::render(&rb)
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(exit::OK)
}
