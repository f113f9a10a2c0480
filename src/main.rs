//! The `ragfit` binary: parse arguments, run, exit with the documented code.

#![forbid(unsafe_code)]

use clap::Parser;

// glibc's allocator is a fifth of batch scoring's CPU (many small strings
// freed on other threads); mimalloc's thread-local free lists cut that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = ragfit::cli::Cli::parse();
    std::process::exit(ragfit::app::main(cli));
}
