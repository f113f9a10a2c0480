//! `ragfit init`: write a commented starter workload.

use std::path::Path;

use anyhow::Context;

use crate::cli::InitArgs;
use crate::error::{exit, Error};

use super::output;

/// The starter workload; a test checks it scores cleanly with the default rules.
pub const STARTER: &str = include_str!("starter.yaml");

/// Write the starter file, refusing to overwrite without `--force`.
pub fn run(args: &InitArgs) -> anyhow::Result<i32> {
    if args.file == "-" {
        output::stdout(STARTER)?;
        return Ok(exit::OK);
    }
    let path = Path::new(&args.file);
    if path.exists() && !args.force {
        return Err(Error::Usage(format!(
            "{} already exists (pass --force to overwrite it)",
            path.display()
        ))
        .into());
    }
    output::write_atomic(path, STARTER)
        .with_context(|| format!("cannot write {}", path.display()))?;
    output::message(&format!(
        "wrote {} — edit the answers, then run: ragfit score {}",
        path.display(),
        path.display()
    ));
    Ok(exit::OK)
}
