//! `ragfit completions SHELL`: a completion script generated from the same
//! clap definition the binary parses with, so it never drifts from the CLI.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::exit;
use crate::output;

/// Print the completion script for a shell.
pub fn run(args: &CompletionsArgs) -> anyhow::Result<i32> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "ragfit", &mut out);
    output::stdout(&String::from_utf8(out)?)?;
    Ok(exit::OK)
}
