//! Where a report may be written: never onto what the run reads.
//!
//! `ragfit score w.yaml -o w.yaml` used to replace the workload with its own
//! report. Every command with `-o` checks its destination against its inputs
//! (the paths it reads, the directories it walks, the rule base) before it
//! reads anything, and refuses with exit 2 and a message naming both.

use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// Whether `out` is `-`: standard output, as for inputs.
pub fn is_stdout(out: &Path) -> bool {
    out.as_os_str() == "-"
}

/// What kind of thing a destination is, as far as writing it goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Kind {
    /// A regular file, or nothing yet: written atomically.
    File,
    /// A symbolic link: the file it names is written atomically, the link stays.
    Link(PathBuf),
    /// A character or block device (`/dev/null`): written in place.
    Device,
    /// Not writable as a report, and why.
    Refused(String),
}

/// What writing a report to `out` would replace.
pub fn kind(out: &Path) -> Kind {
    let link = std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
    let real = if link {
        real_target(out)
    } else {
        Some(out.to_path_buf())
    };
    let Some(real) = real else {
        return Kind::File; // its directory is missing: creating the file says so
    };
    let Ok(meta) = std::fs::metadata(&real) else {
        return if link { Kind::Link(real) } else { Kind::File };
    };
    if meta.is_dir() {
        return Kind::Refused("it is a directory".into());
    }
    if let Some(what) = special(&meta) {
        return match what {
            Special::Device => Kind::Device,
            Special::Fifo | Special::Socket => Kind::Refused(format!(
                "it is {}, not a regular file (redirect stdout to it instead: `ragfit ... > {}`)",
                what.describe(),
                out.display()
            )),
        };
    }
    if link {
        Kind::Link(real)
    } else {
        Kind::File
    }
}

/// A file that is not a regular file or a directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    /// A named pipe: opening it waits for the other end.
    Fifo,
    /// A Unix socket.
    Socket,
    /// A character or block device.
    Device,
}

impl Special {
    /// In words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Special::Fifo => "a FIFO (named pipe)",
            Special::Socket => "a socket",
            Special::Device => "a device",
        }
    }
}

/// Whether `meta` describes a FIFO, socket or device.
pub fn special(meta: &std::fs::Metadata) -> Option<Special> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some(Special::Fifo);
        }
        if t.is_socket() {
            return Some(Special::Socket);
        }
        if t.is_char_device() || t.is_block_device() {
            return Some(Special::Device);
        }
    }
    let _ = meta;
    None
}

/// The file `out` would replace, with symbolic links and `..` resolved:
/// `None` when its directory does not exist (writing then fails on its own,
/// with its own message).
fn real_target(out: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(out) {
        return Some(p);
    }
    // A dangling symlink names the file it would create.
    let out = match std::fs::read_link(out) {
        Ok(link) => match out.parent() {
            Some(dir) => dir.join(link),
            None => link,
        },
        Err(_) => out.to_path_buf(),
    };
    let name = out.file_name()?;
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(name))
}

/// Whether a directory walk from `root` would read `file` (a `*.yaml` /
/// `*.yml` file below it, with no hidden directory or name on the way: the
/// walk's own rules, see `input::expand`).
fn walk_reads(root: &Path, file: &Path) -> bool {
    let Ok(rest) = file.strip_prefix(root) else {
        return false;
    };
    let yaml = matches!(
        file.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    let hidden = rest.components().any(|c| match c {
        Component::Normal(n) => n.to_string_lossy().starts_with('.'),
        _ => false,
    });
    yaml && !hidden
}

/// Refuse to write `out` when the run reads it: it is one of `paths` (files
/// or walked directories, as typed on the command line) or one of `files`
/// (the rule base, a file being re-opened).
///
/// Errors: [`Error::Usage`] naming the output and the input it would destroy.
pub fn check_not_input(out: &Path, paths: &[String], files: &[&Path]) -> Result<(), Error> {
    if is_stdout(out) {
        return Ok(());
    }
    let Some(target) = real_target(out) else {
        return Ok(());
    };
    let refuse = |what: String| {
        Err(Error::Usage(format!(
            "refusing to write the report to {}: {what}, and would be destroyed \
             (write the report elsewhere, e.g. -o report.txt, or outside the scanned directory)",
            out.display()
        )))
    };
    for p in paths.iter().filter(|p| *p != "-" && !p.is_empty()) {
        let Ok(real) = std::fs::canonicalize(p) else {
            continue;
        };
        if real == target {
            return refuse(format!("it is the input {p}"));
        }
        if real.is_dir() && walk_reads(&real, &target) {
            return refuse(format!("it would be read as a workload file from {p}"));
        }
    }
    for f in files {
        if std::fs::canonicalize(f).is_ok_and(|real| real == target) {
            return refuse(format!("it is the input {}", f.display()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walked_files_are_yaml_below_the_root_and_not_hidden() {
        let root = Path::new("/r");
        assert!(walk_reads(root, Path::new("/r/a/w.yaml")));
        assert!(walk_reads(root, Path::new("/r/w.yml")));
        assert!(!walk_reads(root, Path::new("/r/w.json")));
        assert!(!walk_reads(root, Path::new("/r/.cache/w.yaml")));
        assert!(!walk_reads(root, Path::new("/r/.w.yaml")));
        assert!(!walk_reads(root, Path::new("/other/w.yaml")));
    }

    #[test]
    fn outputs_that_are_inputs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let w = dir.path().join("w.yaml");
        std::fs::write(&w, "workload: x\n").unwrap();
        let ws = w.display().to_string();
        let d = dir.path().display().to_string();
        // The same file, named another way.
        let dotted = dir.path().join(".").join("w.yaml");
        assert!(check_not_input(&dotted, std::slice::from_ref(&ws), &[]).is_err());
        // A new YAML file inside a walked directory; a report that is not YAML is fine.
        assert!(
            check_not_input(&dir.path().join("r.yaml"), std::slice::from_ref(&d), &[]).is_err()
        );
        assert!(check_not_input(&dir.path().join("r.json"), std::slice::from_ref(&d), &[]).is_ok());
        // The rule base.
        assert!(check_not_input(&w, &[], &[w.as_path()]).is_err());
        // A symlink to an input.
        #[cfg(unix)]
        {
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink(&w, &link).unwrap();
            assert!(check_not_input(&link, std::slice::from_ref(&ws), &[]).is_err());
        }
        assert!(check_not_input(Path::new("-"), &[ws], &[]).is_ok());
    }
}
