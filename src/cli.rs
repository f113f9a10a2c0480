//! The command-line interface (clap). Only definitions live here; `app` runs them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::{Code, FailOn};
use crate::report::cases::TestFormat;
use crate::report::check::CheckFormat;
use crate::report::cost::CostFormat;
use crate::report::diff::DiffFormat;
use crate::report::explain::ExplainFormat;
use crate::report::flips::DiffFormat as FlipsFormat;
use crate::report::prices::PricesFormat;
use crate::report::rulebase::RulesFormat;
use crate::report::score::ScoreFormat;

/// `--help` of `--set` (score, check, explain): what it does and how rival
/// sets resolve, since a silent choice would be a silent result.
const SET_HELP: &str = "What-if: override an answer, for every component (FACTOR=VALUE) or one \
(COMPONENT.FACTOR=VALUE); repeatable, `unknown` allowed.

A component's own --set wins over a global one for the same factor, whatever their order \
(a global one that every component overrides is noted on stderr); the same answer set twice \
is an error. Component names may hold dots (factor ids may not): FACTOR is the factor id \
the left-hand side ends with (`my.comp.citations=none` sets `citations` of `my.comp`).";

/// Recommends, per component of an LLM system, RAG, fine-tuning, both
/// (hybrid) or neither yet (prompt-only) — and says why.
#[derive(Debug, Parser)]
#[command(name = "ragfit", version, about, max_term_width = 100)]
#[command(
    after_help = "Examples:\n  ragfit init my-system.yaml\n  ragfit score examples/\n  \
ragfit check --format github services/\n  ragfit explain examples/support.yaml -c reply-drafting\n\n\
Exit codes: 0 success, 1 check findings at or above --fail-on (rules test: a case failed), \
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
#[derive(Clone, Debug, Args)]
pub struct GlobalArgs {
    /// Rule base to use instead of the embedded default (overrides the configuration's `rules`)
    /// [env: RAGFIT_RULES; empty is unset].
    // Read from the environment by `app::configured`, not by clap: clap takes
    // `RAGFIT_RULES=` (empty) as a missing value and refuses every command.
    #[arg(long, global = true, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Price book to use instead of the embedded default (`ragfit prices` lists it)
    /// [env: RAGFIT_PRICES; empty is unset].
    // Read from the environment by `app::configured`, as `--rules` is.
    #[arg(long, global = true, value_name = "FILE")]
    pub prices: Option<PathBuf>,
    /// Configuration file to use instead of the `.ragfit.yaml` found in the current
    /// directory or its nearest parent (up to the git root).
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long, global = true)]
    pub no_config: bool,
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
    /// Which recommendations a change flips: a git revision against the work tree, or OLD NEW.
    Diff(DiffArgs),
    /// Show the full reasoning behind recommendations.
    Explain(ExplainArgs),
    /// List the active rule base; test it against expected outcomes; diff two rule bases.
    Rules(RulesArgs),
    /// Interactive questionnaire that builds a workload file.
    Ask(AskArgs),
    /// Write a commented starter workload file.
    Init(InitArgs),
    /// Print the JSON Schema of workload files, derived from the active rule base.
    Schema(SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of ragfit and all its commands.
    Man(ManArgs),
    /// What each outcome would cost per component, and where fine-tuning breaks even.
    Cost(CostArgs),
    /// List the active price book: model tiers, retrieval, assumptions, defaults, sources.
    Prices(PricesArgs),
}

// ---- check (issue 4) --------------------------------------------------------

/// `ragfit check`.
#[derive(Debug, Args)]
#[command(
    // Both forms: PATH is required except with `--list-codes`, which takes none.
    override_usage = "ragfit check [OPTIONS] [PATH]...\n       ragfit check --list-codes",
    after_help = "Examples:\n  ragfit check\n  ragfit check examples/\n  ragfit check --format sarif -o ragfit.sarif services/\n  \
ragfit check --fail-on warning --require-declared services/\n  \
ragfit check --write-baseline baseline.json\n  ragfit check --baseline baseline.json\n  \
ragfit check --list-codes\n\n\
Exit codes: 0 no finding at or above --fail-on, 1 findings at or above \
--fail-on, 2 unusable input (a missing path, a directory with no workload files, an invalid file) \
— whatever could be checked is still reported.\n\n\
Settings come from, first to last: flags (and RAGFIT_* variables), the configuration file \
(.ragfit.yaml, or --config FILE), the defaults shown."
)]
pub struct CheckArgs {
    /// Workload files or directories (searched recursively for *.yaml, *.yml); `-` reads stdin.
    /// Default: the configuration's `paths`, else the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format [default: from the extension of -o FILE (.json, .sarif, .xml, .md,
    /// .html), else text].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<CheckFormat>,
    /// Lowest severity that fails the run (exit 1) [default: error].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Drop findings of this code, e.g. RF003 or undeclared-architecture (repeatable or
    /// comma-separated; replaces the configuration's `ignore`).
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = parse_code)]
    pub ignore: Vec<Code>,
    /// A component whose confidence is below X (0 to 1) is an error (RF010).
    #[arg(long, value_name = "X", value_parser = parse_confidence)]
    pub min_confidence: Option<f64>,
    /// This factor must be answered in every component, else an error (RF011; repeatable or
    /// comma-separated; replaces the configuration's `require_answers`).
    #[arg(long = "require-answer", value_name = "FACTOR", value_delimiter = ',')]
    pub require_answers: Vec<String>,
    /// Warn (RF013) when a waiver covering a mismatch expires within N days [default: 30].
    #[arg(long, value_name = "N")]
    pub waiver_warn_days: Option<u32>,
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
    #[arg(long = "set", value_name = "[COMPONENT.]FACTOR=VALUE", long_help = SET_HELP)]
    pub set: Vec<String>,
    /// Fail only on findings not in this baseline (written by --write-baseline, or a
    /// `check --format json` report); baseline entries that no longer occur are reported.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every finding of this run in FILE (atomically) as the baseline to adopt; the run
    /// then fails only on unusable input.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Project root that SARIF URIs (`%SRCROOT%`) and baseline fingerprints are relative to
    /// [default: the git root, else the current directory].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Judge waivers as of this date instead of today (for reproducible runs)
    /// [env: RAGFIT_TODAY; empty is unset].
    // Read from the environment by `app::today`: clap refuses an empty one.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<jiff::civil::Date>,
}

// ---- diff (issue 10) ---------------------------------------------------------

/// `ragfit diff`.
#[derive(Debug, Args)]
#[command(
    override_usage = "ragfit diff --base <REV> [PATH]...\n       ragfit diff <OLD> <NEW>",
    after_help = "Lists components added, removed, and whose recommendation, confidence band, declared \
architecture or agreement changed, with the answers that changed.\n\n\
Examples:\n  ragfit diff --base origin/main\n  ragfit diff --base HEAD~1 workloads/ -f markdown\n  \
ragfit diff old/support.yaml new/support.yaml\n\n\
Exit codes: 0 no new disagreement, 1 the change makes a component disagree with its \
recommendation, 2 invalid input or usage."
)]
pub struct DiffArgs {
    /// With --base: workload files or directories in the work tree (default: the
    /// configuration's `paths`, else the current directory). Without: OLD and NEW, two files or
    /// two directories.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Compare with the workload files at this git revision (read with `git show`; the work tree
    /// is not touched).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = FlipsFormat::Text)]
    pub format: FlipsFormat,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Judge waivers as of this date instead of today (for reproducible runs)
    /// [env: RAGFIT_TODAY; empty is unset].
    // Read from the environment by `app::today`: clap refuses an empty one.
    #[arg(long, value_name = "YYYY-MM-DD")]
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
    #[arg(long = "set", value_name = "[COMPONENT.]FACTOR=VALUE", long_help = SET_HELP)]
    pub set: Vec<String>,
    /// Horizon of the cumulative costs in the cost section, in months.
    #[arg(long, value_name = "N", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(1..=600))]
    pub months: u32,
}

/// `ragfit rules`: list the rule base, or test or diff rule bases.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  ragfit rules\n  ragfit rules --rules my-rules.yaml -f markdown -o RULES.md\n  \
ragfit rules test rules/cases/\n  ragfit rules diff default my-rules.yaml services/",
    args_conflicts_with_subcommands = true,
    override_usage = "ragfit rules [OPTIONS]\n       ragfit rules test [OPTIONS] <CASES>...\n       \
ragfit rules diff [OPTIONS] <OLD> <NEW> <PATH>..."
)]
pub struct RulesArgs {
    /// Test or compare rule bases instead of listing one.
    #[command(subcommand)]
    pub action: Option<RulesAction>,
    /// Output format of the listing.
    #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
    /// Write the listing to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// What `ragfit rules` does besides listing.
#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Run test cases (components with expected outcomes) against the active rule base.
    Test(RulesTestArgs),
    /// List the components whose recommendation or confidence band two rule bases disagree on.
    Diff(RulesDiffArgs),
}

/// `ragfit rules test`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  ragfit rules test rules/cases/acme-support.yaml\n  \
ragfit rules test --rules my-rules.yaml -f junit -o rules-test.xml rules/cases/\n  \
ragfit schema --cases -o cases.schema.json\n\n\
Exit codes: 0 every case passed, 1 a case failed, 2 a case file \
could not be read or is invalid (the other files are still tested)."
)]
pub struct RulesTestArgs {
    /// Case files, or directories searched recursively for *.yaml, *.yml; `-` reads stdin.
    #[arg(required = true, value_name = "CASES")]
    pub cases: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = TestFormat::Text)]
    pub format: TestFormat,
    /// Write the report to FILE (atomically); the summary still goes to stderr.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `ragfit rules diff`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  ragfit rules diff default my-rules.yaml services/\n  \
ragfit rules diff rules-main.yaml rules-pr.yaml services/ -f markdown >> \"$GITHUB_STEP_SUMMARY\"\n\n\
OLD and NEW are rule-base files; `default` names the embedded \
rule base (write `./default` for a file of that name). --rules is not used.\n\n\
Exit codes: 0 the diff was made (whether or not anything changed), 2 a rule base or \
workload file could not be read or is invalid."
)]
pub struct RulesDiffArgs {
    /// The rule base before the change (a file, or `default`).
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The rule base after the change (a file, or `default`).
    #[arg(value_name = "NEW")]
    pub new: String,
    /// Workload files or directories (searched recursively for *.yaml, *.yml); `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

// ---- ask (issue 3) ----------------------------------------------------------

/// `ragfit ask`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  ragfit ask\n  ragfit ask -o support.yaml\n  \
ragfit ask --from examples/support.yaml\n\n\
Keys: arrows and Enter pick; in text: Ctrl-A/Ctrl-E start/end, Ctrl-U/Ctrl-K delete to \
start/end, Ctrl-W the word before; Esc or Ctrl-C cancels (exit 130, nothing written)."
)]
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
#[command(
    after_help = "Examples:\n  ragfit score examples/\n  ragfit score -f json -o scores.json services/\n  \
ragfit score examples/support.yaml --set ticket-triage.labeled_examples=20\n  \
cat workload.yaml | ragfit score -"
)]
pub struct ScoreArgs {
    /// Workload files or directories (searched recursively for *.yaml, *.yml); `-` reads stdin.
    /// Default: the configuration's `paths`, else the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format [default: from the extension of -o FILE (.json, .jsonl, .yaml, .md,
    /// .csv, .html, .svg), else table].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ScoreFormat>,
    /// Draw each workload's knowledge × behaviour quadrant under its table (table format).
    #[arg(long)]
    pub chart: bool,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What-if: override an answer, for every component or one (repeatable; `unknown` allowed).
    #[arg(long = "set", value_name = "[COMPONENT.]FACTOR=VALUE", long_help = SET_HELP)]
    pub set: Vec<String>,
    /// Add what each outcome would cost (columns in tables and CSV, `cost` in JSON and YAML).
    #[arg(long)]
    pub cost: bool,
    /// Horizon of the cumulative costs, in months.
    #[arg(long, value_name = "N", default_value_t = 12, requires = "cost",
          value_parser = clap::value_parser!(u32).range(1..=600))]
    pub months: u32,
}

/// `ragfit init`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  ragfit init\n  ragfit init services/search.yaml\n  \
ragfit init - | less"
)]
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
#[command(after_help = "Examples:\n  ragfit schema -o ragfit.schema.json\n  \
then start each workload file with\n  \
# yaml-language-server: $schema=./ragfit.schema.json")]
pub struct SchemaArgs {
    /// The schema of `rules test` case files instead of workload files.
    #[arg(long)]
    pub cases: bool,
    /// Write the schema to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

// ---- shell integration --------------------------------------------------------

/// `ragfit completions`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
ragfit completions bash > ~/.local/share/bash-completion/completions/ragfit\n  \
ragfit completions zsh > ~/.zfunc/_ragfit\n  \
ragfit completions fish > ~/.config/fish/completions/ragfit.fish\n  \
ragfit completions powershell | Out-String | Invoke-Expression")]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `ragfit man`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  ragfit man | man -l -\n  \
ragfit man > ~/.local/share/man/man1/ragfit.1")]
pub struct ManArgs {}

// ---- prices and cost (issue 11) ---------------------------------------------

/// `ragfit prices`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  ragfit prices\n  \
ragfit prices -f json | jq '.tiers[].id'\n  \
ragfit --prices my-prices.yaml prices")]
pub struct PricesArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = PricesFormat::Table)]
    pub format: PricesFormat,
    /// Write the listing to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `ragfit cost`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  ragfit cost examples/support.yaml\n  \
ragfit cost examples/ --months 24 -f csv -o costs.csv\n  \
ragfit cost examples/support.yaml --set ticket-triage.daily_requests=200000")]
pub struct CostArgs {
    /// Workload files or directories (searched recursively for *.yaml, *.yml); `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = CostFormat::Table)]
    pub format: CostFormat,
    /// Horizon of the cumulative costs, in months.
    #[arg(long, value_name = "N", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(1..=600))]
    pub months: u32,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What-if: override an answer, for every component or one (repeatable; `unknown` allowed).
    #[arg(long = "set", value_name = "[COMPONENT.]FACTOR=VALUE")]
    pub set: Vec<String>,
}

/// `--ignore`: a finding code by id or name.
fn parse_code(s: &str) -> Result<Code, String> {
    s.parse()
}

/// `--min-confidence`: a number from 0 to 1.
fn parse_confidence(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        Ok(_) => Err("a confidence is from 0 to 1, e.g. 0.5".into()),
        Err(_) => Err("expected a number from 0 to 1, e.g. 0.5".into()),
    }
}
