//! Finding and reading input files: paths, directories, stdin.
//!
//! Everything that can go wrong with a file before YAML parsing — missing,
//! unreadable, a directory loop, too large, binary, not UTF-8, empty — becomes
//! a [`Diagnostic`] naming the file, so one bad file never hides the others.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Pos};

/// Largest input file ragfit reads, in bytes (1 MiB).
///
/// Workload files are a few kilobytes. The YAML parser needs seconds on
/// multi-megabyte pathological input, so larger files are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The name stdin goes by in messages and reports.
pub const STDIN_NAME: &str = "<stdin>";

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file named on the command line, with the path as shown to the user.
    File(PathBuf),
    /// A file found by walking the directory `root` (as the user named it):
    /// YAML files that are clearly not workloads are skipped, not rejected.
    Found {
        /// The file.
        path: PathBuf,
        /// The directory argument it was found under.
        root: String,
    },
}

impl Source {
    /// The name used in output and messages.
    pub fn display(&self) -> String {
        match self {
            Source::Stdin => STDIN_NAME.to_string(),
            Source::File(p) | Source::Found { path: p, .. } => p.display().to_string(),
        }
    }

    /// Sort key: by path, a file named explicitly before the same file found in a walk.
    fn key(&self) -> (Option<&Path>, bool) {
        match self {
            Source::Stdin => (None, false),
            Source::File(p) => (Some(p), false),
            Source::Found { path, .. } => (Some(path), true),
        }
    }

    /// Read the source as text, applying every input check.
    pub fn read(&self) -> Result<String, Diagnostic> {
        match self {
            Source::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .lock()
                    .take(MAX_FILE_BYTES + 1)
                    .read_to_end(&mut buf)
                    .map_err(|e| Diagnostic::file(STDIN_NAME, format!("cannot read: {e}")))?;
                decode(buf, STDIN_NAME)
            }
            Source::File(p) => read_text(p, &p.display().to_string()),
            Source::Found { path, .. } => read_found(path, &path.display().to_string()),
        }
    }
}

/// Whether a path names a workload file by its extension.
fn is_workload_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// What a directory walk leaves out besides hidden entries and non-YAML files.
#[derive(Default)]
pub struct Filter<'a> {
    /// Files found in a walk for which this is true are excluded (the
    /// configuration's `exclude`); files named explicitly never are.
    pub exclude: Option<&'a (dyn Fn(&Path) -> bool + Sync)>,
    /// The configuration file in use, if any: found in a walk, it is not
    /// mentioned (any other configuration file found is).
    pub config: Option<&'a Path>,
}

/// Paths expanded into sources, and what the expansion noticed.
#[derive(Debug, Default)]
pub struct Expanded {
    /// The files to read, sorted by path, each once.
    pub sources: Vec<Source>,
    /// Missing paths, loops, directories with no workload files.
    pub problems: Vec<Diagnostic>,
    /// Files found in walks that the filter excluded.
    pub excluded: usize,
    /// Configuration files found in walks other than the one in use: never
    /// read as workloads, and never silently passed over.
    pub other_configs: Vec<String>,
}

/// Expand command-line paths into sources: files as given, directories
/// recursively (`*.yaml`/`*.yml`, hidden entries skipped), `-` as stdin.
///
/// Sources come back sorted by path and de-duplicated, so output order does
/// not depend on argument order or the file system. Problems (missing paths,
/// loops, empty directories) come back as diagnostics next to the sources found.
pub fn expand(paths: &[String]) -> (Vec<Source>, Vec<Diagnostic>) {
    let e = expand_with(paths, &Filter::default());
    (e.sources, e.problems)
}

/// [`expand`] with a filter for directory walks.
pub fn expand_with(paths: &[String], filter: &Filter<'_>) -> Expanded {
    // Each source with its identity for de-duplication (its canonical path).
    let mut sources: Vec<(Source, Option<PathBuf>)> = Vec::new();
    let mut problems = Vec::new();
    let mut excluded = 0;
    let mut other_configs = Vec::new();
    let active = filter.config.and_then(|p| fs::canonicalize(p).ok());
    // Asked once: a system call per file adds up over tens of thousands of them.
    let cwd = std::env::current_dir().ok();
    for arg in paths {
        if arg == "-" {
            sources.push((Source::Stdin, None));
            continue;
        }
        if arg.is_empty() {
            // An empty argument (an unset shell variable) must not mean `.`.
            problems.push(
                Diagnostic::file("''", "empty path")
                    .with_hint("pass a workload file, a directory, or - for stdin"),
            );
            continue;
        }
        let normalized = normalize(Path::new(arg), cwd.as_deref());
        let path = normalized.as_path();
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                problems.push(Diagnostic::file(arg, describe_io(&e)).with_hint(
                    "check the path; pass a workload file, a directory, or - for stdin",
                ));
                continue;
            }
        };
        if !meta.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| crate::config::is_config_name(&n.to_string_lossy()))
            {
                problems.push(
                    Diagnostic::file(arg, "is ragfit's configuration file, not a workload file")
                        .with_hint(
                            "pass it with --config FILE; name workload files ragfit.yaml or NAME.ragfit.yaml",
                        ),
                );
                continue;
            }
            if let Some(d) = unreportable_name(path) {
                problems.push(d);
                continue;
            }
            let identity = fs::canonicalize(path).ok();
            sources.push((Source::File(path.to_path_buf()), identity));
            continue;
        }
        let before = sources.len();
        let excluded_before = excluded;
        // A found file's canonical path, without resolving it (`realpath`
        // costs a system call per path component): the canonical root joined
        // with the path below it, which is exact as long as no symbolic link
        // lies on the way. The walk yields every directory before what it
        // holds, so once a link has been seen, later files are resolved.
        let canonical_root = fs::canonicalize(path).ok();
        let mut link_seen = false;
        // Hidden entries are skipped, except configuration files, which are
        // let through to be named (they are not workloads).
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                e.depth() == 0
                    || !name.starts_with('.')
                    || (crate::config::is_config_name(&name) && e.file_type().is_file())
            });
        for entry in walker {
            if let Ok(e) = &entry {
                // The root itself is resolved by `canonical_root`.
                link_seen |= e.depth() > 0 && e.path_is_symlink();
            }
            match entry {
                Ok(e)
                    if e.file_type().is_file()
                        && crate::config::is_config_name(&e.file_name().to_string_lossy()) =>
                {
                    let is_active = active.is_some() && fs::canonicalize(e.path()).ok() == active;
                    if !is_active {
                        other_configs.push(e.path().display().to_string());
                    }
                }
                Ok(e)
                    if e.file_type().is_file()
                        && is_workload_file(e.path())
                        && filter.exclude.is_some_and(|f| f(e.path())) =>
                {
                    excluded += 1;
                }
                Ok(e) if e.file_type().is_file() && is_workload_file(e.path()) => {
                    // `./a.yaml` from a walk of `.` reads `a.yaml`, as named.
                    let found = normalize(e.path(), cwd.as_deref());
                    if let Some(d) = unreportable_name(&found) {
                        problems.push(d);
                        continue;
                    }
                    let identity = match (&canonical_root, e.path().strip_prefix(path)) {
                        (Some(root), Ok(below)) if !link_seen => Some(root.join(below)),
                        _ => fs::canonicalize(e.path()).ok(),
                    };
                    sources.push((
                        Source::Found {
                            path: found,
                            root: path.display().to_string(),
                        },
                        identity,
                    ));
                }
                Ok(e) if !e.file_type().is_dir() && is_workload_file(e.path()) => {
                    // A FIFO, socket or device named like a workload: reading
                    // it could wait forever, skipping it silently would hide it.
                    let what = e
                        .metadata()
                        .ok()
                        .and_then(|m| crate::destination::special(&m))
                        .map_or("not a regular file", |s| s.describe());
                    problems.push(
                        Diagnostic::file(&e.path().display().to_string(), format!("{what}, not a workload file; skipped"))
                            .with_hint("workload files are regular files; move it out of the scanned directory"),
                    );
                }
                Ok(_) => {}
                Err(e) => {
                    let at = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| arg.clone());
                    let message = if e.loop_ancestor().is_some() {
                        "symbolic link loop; skipped".to_string()
                    } else if let Some(io) = e.io_error() {
                        describe_io(io)
                    } else {
                        e.to_string()
                    };
                    problems.push(Diagnostic::file(&at, message));
                }
            }
        }
        if sources.len() == before {
            let hint = match excluded - excluded_before {
                0 => "`ragfit init FILE` writes a starter workload".to_string(),
                n => format!(
                    "the configuration's `exclude` left out {}",
                    crate::output::describe_count(n, "file", "files")
                ),
            };
            problems.push(
                Diagnostic::file(arg, "directory holds no workload files (*.yaml, *.yml)")
                    .with_hint(hint),
            );
        }
    }
    sources.sort_by(|a, b| a.0.key().cmp(&b.0.key()));
    // One file named several ways (`a.yaml`, `./a.yaml`, an absolute path, a
    // symlink) is read once, under the first name in path order.
    let mut seen = std::collections::HashSet::new();
    let mut stdin_seen = false;
    let mut kept = Vec::with_capacity(sources.len());
    for (s, identity) in sources {
        let first = match s.key().0 {
            None => !std::mem::replace(&mut stdin_seen, true),
            Some(p) => seen.insert(identity.unwrap_or_else(|| p.to_path_buf())),
        };
        if first {
            kept.push(s);
        }
    }
    let sources = kept;
    other_configs.sort();
    other_configs.dedup();
    Expanded {
        sources,
        problems,
        excluded,
        other_configs,
    }
}

/// A file whose name reports could not show faithfully: not UTF-8 (JSON,
/// SARIF and CI annotations would carry U+FFFD, a path that does not exist)
/// or holding a control or bidi character (it would be escaped in one format
/// and raw in another). Refused with the name shown escaped (`\xff`,
/// `\u{1b}`) so the user can find and rename it.
fn unreportable_name(path: &Path) -> Option<Diagnostic> {
    let (shown, why) = match path.to_str() {
        None => (
            escaped_bytes(path.as_os_str().as_encoded_bytes()),
            "its name is not valid UTF-8",
        ),
        Some(s) if s.chars().any(crate::printable::is_unsafe) => (
            crate::printable::escape(s).into_owned(),
            "its name holds a control or bidirectional character",
        ),
        Some(_) => return None,
    };
    Some(
        Diagnostic::file(&shown, format!("{why}; not read"))
            .with_hint("reports must name files exactly (JSON, SARIF, CI annotations): rename it"),
    )
}

/// Bytes as text, each byte that is not part of valid UTF-8 as `\xNN`.
fn escaped_bytes(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(&crate::printable::escape(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// The path as reports should show it, so that `a.yaml`, `./a.yaml`, `dir//a.yaml`
/// and an absolute path under the current directory all read `a.yaml`: CI
/// fingerprints and annotations must not depend on how a path was typed.
fn normalize(path: &Path, cwd: Option<&Path>) -> PathBuf {
    use std::path::Component;
    let relative = cwd
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf());
    let cleaned: PathBuf = relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}

/// Read a file as UTF-8 text, refusing what cannot be a workload or rule base.
pub fn read_text(path: &Path, name: &str) -> Result<String, Diagnostic> {
    // Checked before opening: opening a FIFO with no writer waits forever.
    let before = fs::metadata(path).map_err(|e| Diagnostic::file(name, describe_io(&e)))?;
    if let Some(what) = crate::destination::special(&before) {
        return Err(
            Diagnostic::file(name, format!("is {}, not a file", what.describe()))
                .with_hint("pass a regular file, or pipe the text in with - (stdin)"),
        );
    }
    if before.is_dir() {
        return Err(Diagnostic::file(name, "is a directory, not a file"));
    }
    let file = fs::File::open(path).map_err(|e| Diagnostic::file(name, describe_io(&e)))?;
    read_open(file, before.len(), name)
}

/// Read a file that a directory walk found to be a regular file. The walk
/// has already looked at it, so it is opened without [`read_text`]'s look
/// first — over 10,000 files that path lookup was 3% of a run's CPU — but
/// non-blocking, so that a FIFO put in its place since cannot hang the run,
/// and the open file is checked again.
fn read_found(path: &Path, name: &str) -> Result<String, Diagnostic> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A no-op on a regular file; on a FIFO, open returns at once.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let fail = |e: std::io::Error| Diagnostic::file(name, describe_io(&e));
    let file = options.open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if !meta.is_file() {
        let what =
            crate::destination::special(&meta).map_or("not a regular file", |s| s.describe());
        return Err(
            Diagnostic::file(name, format!("{what}, not a workload file; skipped")).with_hint(
                "workload files are regular files; move it out of the scanned directory",
            ),
        );
    }
    read_open(file, meta.len(), name)
}

/// Read an open file of `len` bytes (as its metadata says) as workload text.
fn read_open(file: fs::File, len: u64, name: &str) -> Result<String, Diagnostic> {
    // Read at most one byte past the cap: the size in metadata may lie (pipes,
    // /proc). Sized from it, the read takes one call, not a doubling series.
    let mut buf = Vec::with_capacity(len.min(MAX_FILE_BYTES) as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Diagnostic::file(name, describe_io(&e)))?;
    decode(buf, name)
}

/// Bytes as workload text, with every check a file read gets (size, encoding, binary, empty).
pub fn decode(mut buf: Vec<u8>, name: &str) -> Result<String, Diagnostic> {
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::file(
            name,
            format!(
                "file is larger than the {} KiB limit",
                MAX_FILE_BYTES / 1024
            ),
        )
        .with_hint("workload files are small; split it into several files"));
    }
    // UTF-32 first: its little-endian mark starts with UTF-16's.
    let encoding = if buf.starts_with(b"\xFF\xFE\0\0") || buf.starts_with(b"\0\0\xFE\xFF") {
        Some("UTF-32")
    } else if buf.starts_with(b"\xFF\xFE") || buf.starts_with(b"\xFE\xFF") {
        Some("UTF-16")
    } else {
        None
    };
    if let Some(encoding) = encoding {
        return Err(Diagnostic::file(name, format!("file is {encoding} text"))
            .with_hint("save the file as UTF-8"));
    }
    if let Some(i) = buf.iter().position(|&b| b == 0) {
        return Err(
            Diagnostic::at(name, line_col(&buf, i), "binary file (contains a NUL byte)")
                .with_hint("ragfit reads YAML text files"),
        );
    }
    if buf.starts_with(b"\xEF\xBB\xBF") {
        buf.drain(..3);
    }
    let text = String::from_utf8(buf).map_err(|e| {
        let i = e.utf8_error().valid_up_to();
        Diagnostic::at(name, line_col(e.as_bytes(), i), "file is not valid UTF-8")
            .with_hint("save the file as UTF-8")
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::file(name, "file is empty")
            .with_hint("`ragfit init FILE` writes a starter workload"));
    }
    Ok(text)
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_col(bytes: &[u8], at: usize) -> Pos {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    Pos::new(line, column)
}

fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

#[cfg(test)]
mod tests;
