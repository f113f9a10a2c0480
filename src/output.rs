//! Where bytes go: results to stdout (or an atomically written file),
//! messages to stderr. The only module that prints.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Context;

use crate::cli::ColorChoice;
use crate::report::style::Style;

pub use crate::progress::Progress;

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

/// The width to fit tables to: `COLUMNS` when set to a number (as ripgrep,
/// gh and Python's tools honour it, so `COLUMNS=60 ragfit rules | less`
/// works), else the width of the terminal on stdout; minus one column so the
/// last border never triggers the terminal's own wrap. `None` when neither is
/// known: piped output without `COLUMNS` depends on no terminal.
pub fn terminal_width() -> Option<u16> {
    columns(std::env::var_os("COLUMNS").as_deref())
        .or_else(|| comfy_table::Table::new().width())
        .map(|w| w.saturating_sub(1).max(20))
}

/// `COLUMNS` as a width: a positive whole number, else nothing (an empty or
/// garbled value is ignored, as shells leave it).
fn columns(value: Option<&std::ffi::OsStr>) -> Option<u16> {
    let n: u32 = value?.to_str()?.trim().parse().ok()?;
    (n > 0).then(|| u16::try_from(n).unwrap_or(u16::MAX))
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
        /// Removes the temporary file if a signal ends the run first.
        _tracked: crate::interrupt::Tracked,
    },
    /// A character device (`/dev/null`, a terminal): written in place, since
    /// replacing it with a regular file would destroy it.
    Device {
        path: std::path::PathBuf,
        file: std::io::BufWriter<std::fs::File>,
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
            Some(path) if crate::destination::is_stdout(path) => Target::Stdout(
                std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            ),
            Some(named) => {
                let fail = |e: std::io::Error| {
                    anyhow::anyhow!("cannot write {}: {}", named.display(), describe(&e))
                };
                // Write through a symbolic link to the file it names, so the
                // link survives; devices are written in place; FIFOs refused.
                let path = match crate::destination::kind(named) {
                    crate::destination::Kind::Link(target) => target,
                    crate::destination::Kind::Device => {
                        let file = std::fs::OpenOptions::new()
                            .write(true)
                            .open(named)
                            .map_err(fail)?;
                        let file = std::io::BufWriter::with_capacity(1 << 16, file);
                        let path = named.to_path_buf();
                        return Ok(Sink::new(Target::Device { path, file }, hold));
                    }
                    crate::destination::Kind::Refused(why) => {
                        anyhow::bail!("cannot write {}: {why}", named.display())
                    }
                    crate::destination::Kind::File => named.to_path_buf(),
                };
                let dir = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => std::path::PathBuf::from("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".ragfit-")
                    .tempfile_in(&dir)
                    .map_err(fail)?;
                let tracked = crate::interrupt::Tracked::new(tmp.path());
                Target::File {
                    path,
                    tmp: std::io::BufWriter::with_capacity(1 << 16, tmp),
                    _tracked: tracked,
                }
            }
        };
        Ok(Sink::new(to, hold))
    }

    fn new(to: Target, hold: bool) -> Sink {
        Sink {
            to,
            held: hold.then(Vec::new),
            closed: false,
        }
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
            Target::File { path, tmp, .. } => {
                tmp.write_all(bytes).map_err(|e| {
                    anyhow::anyhow!("cannot write {}: {}", path.display(), describe(&e))
                })?;
                Ok(true)
            }
            Target::Device { path, file } => {
                file.write_all(bytes).map_err(|e| {
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
            Target::File {
                path,
                tmp,
                _tracked,
            } => {
                let fail = |e: std::io::Error| {
                    anyhow::anyhow!("cannot write {}: {}", path.display(), describe(&e))
                };
                let tmp = tmp.into_inner().map_err(|e| fail(e.into_error()))?;
                persist(tmp, &path)
            }
            Target::Device { path, mut file } => file
                .flush()
                .map_err(|e| anyhow::anyhow!("cannot write {}: {}", path.display(), describe(&e))),
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

/// An error line on stderr: `error: ...`, one line: anything unsafe in it
/// (controls, line breaks, bidi, echoed from input) is escaped.
pub fn error(msg: &str) {
    stderr_line("error: ", &crate::printable::escape(msg));
}

/// A warning line on stderr.
pub fn warning(msg: &str) {
    stderr_line("warning: ", &crate::printable::escape(msg));
}

/// A note on stderr: something the user should know that is not a problem.
pub fn note(msg: &str) {
    stderr_line("note: ", &crate::printable::escape(msg));
}

/// A plain message on stderr (progress, summaries).
pub fn message(msg: &str) {
    stderr_line("", &crate::printable::escape_lines(msg));
}

/// One line on stderr in a single write: stderr is unbuffered, and `writeln!`
/// would make three system calls of it (a run over a large corpus can print
/// thousands of warnings), and could interleave with another thread's line.
fn stderr_line(prefix: &str, msg: &str) {
    let mut line = String::with_capacity(prefix.len() + msg.len() + 1);
    line.push_str(prefix);
    line.push_str(msg);
    line.push('\n');
    let _ = std::io::stderr().write_all(line.as_bytes());
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
        // A FIFO with no reader would block the open forever.
        if let Ok(m) = std::fs::metadata(path) {
            if let Some(
                s @ (crate::destination::Special::Fifo | crate::destination::Special::Socket),
            ) = crate::destination::special(&m)
            {
                anyhow::bail!(
                    "cannot append to {}: it is {}",
                    path.display(),
                    s.describe()
                );
            }
        }
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

#[cfg(test)]
mod tests {
    use super::columns;
    use std::ffi::OsStr;

    #[test]
    fn columns_takes_positive_whole_numbers_only() {
        assert_eq!(columns(Some(OsStr::new("60"))), Some(60));
        assert_eq!(columns(Some(OsStr::new(" 120 "))), Some(120));
        assert_eq!(columns(Some(OsStr::new("100000"))), Some(u16::MAX));
        for bad in ["", "0", "-5", "wide", "6.5"] {
            assert_eq!(columns(Some(OsStr::new(bad))), None, "{bad:?}");
        }
        assert_eq!(columns(None), None);
    }
}
