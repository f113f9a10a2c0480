//! Where bytes go: results to stdout (or an atomically written file),
//! messages to stderr. The only module that prints.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Context;

use crate::cli::ColorChoice;
use crate::report::style::Style;

/// Whether to colour output that goes to stdout.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// The width of the terminal on stdout, minus one column so the last border
/// never triggers the terminal's own wrap; `None` when stdout is not a terminal
/// (then output does not depend on any terminal).
pub fn terminal_width() -> Option<u16> {
    comfy_table::Table::new()
        .width()
        .map(|w| w.saturating_sub(1).max(20))
}

/// How text reports are drawn: colour, and the terminal's width unless the
/// report goes to a file (files never depend on the terminal).
pub fn text_style(color: bool, to_file: bool) -> Style {
    Style::new(color, if to_file { None } else { terminal_width() })
}

/// Write results to stdout. A closed pipe (`| head`) is not an error.
pub fn stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to stdout"),
    }
}

/// Write `text` to `path` atomically: a temporary file in the same directory,
/// renamed into place, so an interrupted run never leaves half a file.
///
/// The file gets the permissions of the file it replaces, or `rw-r--r--` when
/// new (a temporary file is private by default, which would make shared
/// workload files and CI artifacts unreadable to others).
pub fn write_atomic(path: &Path, text: &str) -> anyhow::Result<()> {
    let fail =
        |e: std::io::Error| anyhow::anyhow!("cannot write {}: {}", path.display(), describe(&e));
    if path.is_dir() {
        return Err(anyhow::anyhow!(
            "cannot write {}: it is a directory",
            path.display()
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".ragfit-")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(text.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(fail)?;
    let permissions = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => new_file_permissions(tmp.as_file())?,
    };
    tmp.as_file().set_permissions(permissions).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions(_: &std::fs::File) -> anyhow::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions(f: &std::fs::File) -> anyhow::Result<std::fs::Permissions> {
    Ok(f.metadata()?.permissions())
}

/// An I/O error in words, without the OS error number or a temporary path.
fn describe(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "it is a directory".into(),
        ReadOnlyFilesystem => "the file system is read-only".into(),
        StorageFull => "no space left on the device".into(),
        kind => kind.to_string(),
    }
}

/// Results to a file when one is named, else stdout.
pub fn emit(text: &str, to: Option<&Path>) -> anyhow::Result<()> {
    match to {
        Some(path) => write_atomic(path, text),
        None => stdout(text),
    }
}

/// An error line on stderr: `error: ...`.
pub fn error(msg: &str) {
    let _ = writeln!(std::io::stderr(), "error: {msg}");
}

/// A warning line on stderr.
pub fn warning(msg: &str) {
    let _ = writeln!(std::io::stderr(), "warning: {msg}");
}

/// A note on stderr: something the user should know that is not a problem.
pub fn note(msg: &str) {
    let _ = writeln!(std::io::stderr(), "note: {msg}");
}

/// A plain message on stderr (progress, summaries).
pub fn message(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// Append `text` to a file, creating it if needed (for `$GITHUB_STEP_SUMMARY`,
/// which several steps write to in turn).
pub fn append(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}
