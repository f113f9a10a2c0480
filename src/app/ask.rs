//! `ragfit ask`: the interactive questionnaire, on a real terminal.

use std::io::IsTerminal;
use std::path::Path;

use crate::ask::{self, terminal::TerminalPrompter, writer, Existing, Start};
use crate::cli::{AskArgs, GlobalArgs};
use crate::error::{exit, Error};
use crate::workload::{self, Workload};

use crate::output;

/// Why `ask` refuses to run without a terminal, and what to do instead.
const NEEDS_TERMINAL: &str = "`ragfit ask` is interactive and needs a terminal: \
stdin and stdout must be a TTY (without one, write a workload file with `ragfit init` \
and score it with `ragfit score FILE`)";

/// Ask, show the recommendations, then save the workload file.
/// Nothing is written unless the user reaches the end: Esc/Ctrl-C exits 130.
pub fn run(global: &GlobalArgs, args: &AskArgs) -> anyhow::Result<i32> {
    if args.no_input || !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::Usage(NEEDS_TERMINAL.into()).into());
    }
    if let Some(out) = &args.output {
        // Saving over the file being edited (`--from`) is the point; over
        // the rule base it never is.
        super::guard_output(global, Some(out), &[], &[])?;
        check_output(out)?;
    }
    let rb = super::load_rules(global)?;
    let from = args
        .from
        .as_deref()
        .map(|p| read_workload(&rb, p))
        .transpose()?;
    let color = output::use_color(global.color);
    let mut prompter = TerminalPrompter::new(color);
    let start = Start {
        default_name: current_dir_name(),
        from,
        today: super::today(None)?,
    };
    let w = ask::run(&rb, &mut prompter, start, color)?;
    let text = writer::to_yaml(&rb, &w)?;
    let existing = |p: &Path| existing(p, &text);
    let mut target = args.output.as_deref();
    loop {
        let Some(path) = ask::destination(&mut prompter, &w, target, &existing)? else {
            output::message("not saved");
            return Ok(exit::OK);
        };
        // A failed write must not throw the answers away: say why, offer again.
        match output::write_atomic(&path, &text) {
            Ok(()) => {
                output::message(&format!(
                    "wrote {p} — score it with: ragfit score {p}",
                    p = path.display()
                ));
                return Ok(exit::OK);
            }
            Err(e) => {
                output::error(&format!("{e:#}"));
                target = None;
            }
        }
    }
}

/// What saving to `path` would replace. A file that cannot be read as text
/// still exists (the confirmation is what matters); it just has no comments
/// we could count.
fn existing(path: &Path, new_text: &str) -> Existing {
    if !path.exists() {
        return Existing::Nothing;
    }
    // Only a regular file is read: a FIFO would wait for a writer forever.
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    let lost_comments = regular
        .then(|| std::fs::read_to_string(path).ok())
        .flatten()
        .map(|old| writer::lost_comments(&old, new_text))
        .unwrap_or(0);
    Existing::File { lost_comments }
}

/// Fail before the first question, not after the last, when `--output`
/// cannot be written: not a directory or FIFO, its directory must exist and
/// take a new file (which is how the file is written: atomically, beside it),
/// and an existing file must not be read-only.
fn check_output(path: &Path) -> Result<(), Error> {
    let refuse = |why: String| {
        Err(Error::Usage(format!(
            "cannot save to {}: {why}",
            path.display()
        )))
    };
    if let crate::destination::Kind::Refused(why) = crate::destination::kind(path) {
        return refuse(why);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return refuse(format!("directory {} does not exist", dir.display()));
    }
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return refuse("the file is read-only".into());
    }
    if let Err(e) = tempfile::Builder::new().prefix(".ragfit-").tempfile_in(dir) {
        return refuse(format!("cannot create a file in {}: {e}", dir.display()));
    }
    Ok(())
}

fn read_workload(rb: &crate::rules::RuleBase, path: &Path) -> Result<Workload, Error> {
    let name = path.display().to_string();
    let text = crate::input::read_text(path, &name).map_err(|d| Error::Input(vec![d]))?;
    workload::parse(rb, &name, &text).map_err(Error::Input)
}

/// The current directory's name: a sensible default for the workload's name.
fn current_dir_name() -> String {
    std::env::current_dir()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default()
}
