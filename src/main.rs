//! The `ragfit` binary: parse arguments, run, exit with the documented code.

#![forbid(unsafe_code)]

use clap::Parser;

fn main() {
    let cli = ragfit::cli::Cli::parse();
    std::process::exit(ragfit::app::main(cli));
}
