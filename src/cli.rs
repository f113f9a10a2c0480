//! The command-line interface (clap). Only definitions live here; `app` runs them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::FailOn;
use crate::report::check::CheckFormat;
use crate::report::explain::ExplainFormat;
use crate::report::rulebase::RulesFormat;
use crate::report::score::ScoreFormat;

/// Recommends, per component of an LLM system, RAG, fine-tuning, both
/// (hybrid) or neither yet (prompt-only) — and says why.
#[derive(Debug, Parser)]
#[command(name = "ragfit", version, about, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 success, 1 check findings at or above --fail-on, \
2 invalid input or usage, 130 interrupted."
)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Rule base to use instead of the embedded default [env: RAGFIT_RULES; empty is unset].
    // Read from the environment by `app::rules_path`, not by clap: clap takes
    // `RAGFIT_RULES=` (empty) as a missing value and refuses every command.
    #[arg(long, global = true, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// When to colour output (NO_COLOR is honoured under `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// When to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score workload files and recommend an approach per component.
    Score(ScoreArgs),
    /// CI review: compare each component's declared architecture with the recommendation.
    Check(CheckArgs),
    /// Show the full reasoning behind recommendations.
    Explain(ExplainArgs),
    /// List the active rule base: factors, rules, gates, notes, decision.
    Rules(RulesArgs),
    /// Interactive questionnaire that builds a workload file.
    Ask(AskArgs),
    /// Write a commented starter workload file.
    Init(InitArgs),
    /// Print the JSON Schema of workload files, derived from the active rule base.
    Schema(SchemaArgs),
}

// ---- check (issue 4) --------------------------------------------------------

/// `ragfit check`.
#[derive(Debug, Args)]
#[command(
    // Both forms: PATH is required except with `--list-codes`, which takes none.
    override_usage = "ragfit check [OPTIONS] <PATH>...\n       ragfit check --list-codes",
    after_help = "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above \
--fail-on, 2 unusable input (a missing path, a directory with no workload files, an invalid file) \
— whatever could be checked is still reported."
)]
pub struct CheckArgs {
    /// Workload files or directories (searched recursively for *.yaml, *.yml); `-` reads stdin.
    // `required` rather than `required_unless_present`: clap shows the latter
    // as optional (`[PATH]...`) in help while rejecting a run without it.
    // `--list-codes` conflicts with PATH, and clap waives a required argument
    // that conflicts with one given, so `check --list-codes` still runs.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "SEVERITY")]
    pub fail_on: FailOn,
    /// A component without `architecture:` is an error, not a warning.
    #[arg(long)]
    pub require_declared: bool,
    /// Write the report to FILE (atomically); the summary still goes to stderr.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// List the finding codes with their meaning and help, then exit.
    #[arg(long, conflicts_with = "paths")]
    pub list_codes: bool,
    /// What-if: override an answer, for every component or one (repeatable; `unknown` allowed).
    #[arg(long = "set", value_name = "[COMPONENT.]FACTOR=VALUE")]
    pub set: Vec<String>,
    /// Judge waivers as of this date instead of today (for reproducible runs).
    #[arg(long, env = "RAGFIT_TODAY", value_name = "YYYY-MM-DD", hide = true)]
    pub today: Option<jiff::civil::Date>,
}

// ---- explain and rules (issue 5) --------------------------------------------

/// `ragfit explain`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  ragfit explain examples/support.yaml --component reply-drafting\n  \
ragfit explain examples/support.yaml --set ticket-triage.labeled_examples=20 -f markdown\n  \
ragfit explain --rule too-few-examples"
)]
pub struct ExplainArgs {
    /// The workload file to explain; `-` reads stdin.
    #[arg(value_name = "FILE", required_unless_present = "rule")]
    pub file: Option<String>,
    /// Only this component (default: every component of FILE).
    #[arg(long, short = 'c', value_name = "NAME")]
    pub component: Option<String>,
    /// Explain one rule, gate or note of the rule base instead of a file.
    #[arg(long, value_name = "RULE_ID", conflicts_with_all = ["file", "component", "set"])]
    pub rule: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
    /// Write the explanation to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What-if: override an answer, for every component or one (repeatable; `unknown` allowed).
    #[arg(long = "set", value_name = "[COMPONENT.]FACTOR=VALUE")]
    pub set: Vec<String>,
}

/// `ragfit rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
    /// Write the listing to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

// ---- ask (issue 3) ----------------------------------------------------------

/// `ragfit ask`.
#[derive(Debug, Args)]
pub struct AskArgs {
    /// Save the workload file here (asks before overwriting an existing file).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Re-open a workload file: its answers become the defaults.
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Refuse to prompt (exit 2): for scripts that must never wait for input.
    #[arg(long)]
    pub no_input: bool,
}

// ---- init -------------------------------------------------------------------

/// `ragfit score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Workload files or directories (searched recursively for *.yaml, *.yml); `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What-if: override an answer, for every component or one (repeatable; `unknown` allowed).
    #[arg(long = "set", value_name = "[COMPONENT.]FACTOR=VALUE")]
    pub set: Vec<String>,
}

/// `ragfit init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the starter file; `-` prints it.
    #[arg(default_value = "ragfit.yaml", value_name = "FILE")]
    pub file: String,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

// ---- schema -----------------------------------------------------------------

/// `ragfit schema`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  ragfit schema -o ragfit.schema.json\n  \
then start each workload file with\n  \
# yaml-language-server: $schema=./ragfit.schema.json")]
pub struct SchemaArgs {
    /// Write the schema to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
