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
///
/// `COLUMNS`, when set to a number, stands for the terminal's width, as it
/// does for most command-line tools (and for `--help`): a way to ask for
/// output of a given width, piped or not. Shells do not export it by default,
/// so piped output still depends on nothing unless the user says so.
pub fn terminal_width() -> Option<u16> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
        .filter(|&w| w > 0);
    columns
        .or_else(|| comfy_table::Table::new().width())
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
    let mut sink = Sink::open(Some(path), false)?;
    sink.write(text)?;
    sink.finish()
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

/// Where a streamed report goes: stdout, or a temporary file beside the
/// destination that replaces it atomically when the run is done (so an
/// interrupted run leaves the old file, never half a new one). With
/// `hold`, nothing is written until [`Sink::finish`] (a run that may still
/// turn out to be a usage error must not have printed a partial report).
pub struct Sink {
    to: Target,
    held: Option<Vec<u8>>,
    /// The reader went away (`| head`): stop producing, exit normally.
    closed: bool,
}

enum Target {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File {
        path: std::path::PathBuf,
        tmp: std::io::BufWriter<tempfile::NamedTempFile>,
    },
}

impl Sink {
    /// A sink for stdout (`to` is `None`) or a file written atomically.
    pub fn open(to: Option<&Path>, hold: bool) -> anyhow::Result<Sink> {
        let to = match to {
            None => Target::Stdout(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            )),
            Some(path) => {
                let fail = |e: std::io::Error| {
                    anyhow::anyhow!("cannot write {}: {}", path.display(), describe(&e))
                };
                if path.is_dir() {
                    anyhow::bail!("cannot write {}: it is a directory", path.display());
                }
                let dir = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".ragfit-")
                    .tempfile_in(dir)
                    .map_err(fail)?;
                Target::File {
                    path: path.to_path_buf(),
                    tmp: std::io::BufWriter::with_capacity(1 << 16, tmp),
                }
            }
        };
        Ok(Sink {
            to,
            held: hold.then(Vec::new),
            closed: false,
        })
    }

    /// Write `text`; `Ok(false)` when the reader has gone (stop producing).
    pub fn write(&mut self, text: &str) -> anyhow::Result<bool> {
        self.write_bytes(text.as_bytes())
    }

    /// Write bytes (a spooled part of the report); as [`Sink::write`].
    pub fn write_bytes(&mut self, bytes: &[u8]) -> anyhow::Result<bool> {
        if self.closed {
            return Ok(false);
        }
        if let Some(held) = &mut self.held {
            held.extend_from_slice(bytes);
            return Ok(true);
        }
        self.write_through(bytes)
    }

    fn write_through(&mut self, bytes: &[u8]) -> anyhow::Result<bool> {
        match &mut self.to {
            Target::Stdout(out) => match out.write_all(bytes) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                    self.closed = true;
                    Ok(false)
                }
                other => other.map(|_| true).context("cannot write to stdout"),
            },
            Target::File { path, tmp } => {
                tmp.write_all(bytes).map_err(|e| {
                    anyhow::anyhow!("cannot write {}: {}", path.display(), describe(&e))
                })?;
                Ok(true)
            }
        }
    }

    /// Flush, and for a file put it in place of the destination.
    pub fn finish(mut self) -> anyhow::Result<()> {
        if let Some(held) = self.held.take() {
            self.write_through(&held)?;
        }
        match self.to {
            Target::Stdout(mut out) => match out.flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("cannot write to stdout"),
            },
            Target::File { path, tmp } => {
                let fail = |e: std::io::Error| {
                    anyhow::anyhow!("cannot write {}: {}", path.display(), describe(&e))
                };
                let tmp = tmp.into_inner().map_err(|e| fail(e.into_error()))?;
                persist(tmp, &path)
            }
        }
    }
}

/// Put a finished temporary file in place of `path`: synced to disk first,
/// with the permissions of the file it replaces (or `rw-r--r--` when new — a
/// temporary file is private by default, which would make shared workload
/// files and CI artifacts unreadable to others).
fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> anyhow::Result<()> {
    let fail =
        |e: std::io::Error| anyhow::anyhow!("cannot write {}: {}", path.display(), describe(&e));
    tmp.as_file().sync_all().map_err(fail)?;
    let permissions = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => new_file_permissions(tmp.as_file())?,
    };
    tmp.as_file().set_permissions(permissions).map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// A part of a report that must come after parts not yet written (the
/// findings list after the table, a summary that is known only at the end),
/// kept in an anonymous temporary file rather than in memory, so that memory
/// stays flat however long the report; the file vanishes with the process.
pub struct Spool {
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl Spool {
    /// An empty spool; the temporary file is created on the first write.
    pub fn new() -> Self {
        Spool { file: None }
    }

    /// Append text.
    pub fn write(&mut self, text: &str) -> anyhow::Result<bool> {
        if text.is_empty() {
            return Ok(true);
        }
        let file = match &mut self.file {
            Some(f) => f,
            None => {
                let f = tempfile::tempfile().context("cannot create a temporary file")?;
                self.file
                    .insert(std::io::BufWriter::with_capacity(1 << 16, f))
            }
        };
        file.write_all(text.as_bytes())
            .context("cannot write a temporary file")?;
        Ok(true)
    }

    /// Hand everything written so far, in order, to `put` in chunks; stops
    /// early when `put` returns `Ok(false)`.
    pub fn drain(self, mut put: impl FnMut(&[u8]) -> anyhow::Result<bool>) -> anyhow::Result<bool> {
        use std::io::{Read, Seek};
        let Some(file) = self.file else {
            return Ok(true);
        };
        let mut file = file
            .into_inner()
            .map_err(|e| e.into_error())
            .context("cannot write a temporary file")?;
        file.rewind().context("cannot read a temporary file")?;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = file
                .read(&mut buf)
                .context("cannot read a temporary file")?;
            if n == 0 {
                return Ok(true);
            }
            if !put(&buf[..n])? {
                return Ok(false);
            }
        }
    }
}

impl Default for Spool {
    fn default() -> Self {
        Self::new()
    }
}

/// Where a streamed report's parts go: the [`Sink`] itself, or a [`Spool`]
/// that is copied into it later.
pub trait Out {
    /// Write text; `Ok(false)` when the reader has gone.
    fn put(&mut self, text: &str) -> anyhow::Result<bool>;
}

impl Out for Sink {
    fn put(&mut self, text: &str) -> anyhow::Result<bool> {
        self.write(text)
    }
}

impl Out for Spool {
    fn put(&mut self, text: &str) -> anyhow::Result<bool> {
        self.write(text)
    }
}

/// Results to a file when one is named, else stdout.
pub fn emit(text: &str, to: Option<&Path>) -> anyhow::Result<()> {
    match to {
        Some(path) => write_atomic(path, text),
        None => stdout(text),
    }
}

/// `1 file` / `3 files`: a count with the right noun.
pub fn describe_count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
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
    let mut file = Appender::open(path)?;
    file.write(text.as_bytes())?;
    file.finish()
}

/// A file opened for appending, written in parts (see [`append`]).
pub struct Appender {
    path: std::path::PathBuf,
    file: std::io::BufWriter<std::fs::File>,
}

impl Appender {
    /// Open `path` for appending, creating it if needed.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        Ok(Appender {
            path: path.to_path_buf(),
            file: std::io::BufWriter::with_capacity(1 << 16, file),
        })
    }

    /// Append bytes.
    pub fn write(&mut self, bytes: &[u8]) -> anyhow::Result<bool> {
        self.file
            .write_all(bytes)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        Ok(true)
    }

    /// Flush what is buffered.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.file
            .flush()
            .with_context(|| format!("cannot write {}", self.path.display()))
    }
}

/// Progress of a long batch run on stderr: shown only when stderr is a
/// terminal, the run is not under CI, and it has taken more than a second,
/// so that short runs, pipes and CI logs never see it.
pub struct Progress {
    total: u64,
    done: u64,
    started: std::time::Instant,
    bar: Option<indicatif::ProgressBar>,
    enabled: bool,
}

/// How long a run goes before its progress is shown.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

impl Progress {
    /// Progress over `total` files.
    pub fn new(total: usize) -> Self {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        Progress {
            total: total as u64,
            done: 0,
            started: std::time::Instant::now(),
            bar: None,
            enabled: !ci && std::io::stderr().is_terminal(),
        }
    }

    /// One more file done.
    pub fn tick(&mut self) {
        self.done += 1;
        if !self.enabled {
            return;
        }
        match &self.bar {
            Some(bar) => bar.set_position(self.done),
            None if self.started.elapsed() >= PROGRESS_AFTER => {
                let bar = indicatif::ProgressBar::with_draw_target(
                    Some(self.total),
                    indicatif::ProgressDrawTarget::stderr(),
                );
                if let Ok(style) = indicatif::ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} files, {per_sec}, {eta} left",
                ) {
                    bar.set_style(style);
                }
                bar.set_position(self.done);
                self.bar = Some(bar);
            }
            None => {}
        }
    }

    /// Print a message on stderr without tearing the bar (it is hidden
    /// while the message is written, then drawn again below it).
    pub fn say(&self, print: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// The run is over: the bar goes away, leaving stderr as it was.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
