//! The project root: the directory that SARIF URIs (`%SRCROOT%`) and finding
//! fingerprints are relative to, so that a run from a subfolder, or with
//! absolute paths, reports the same locations as a run from the top.
//!
//! It is `--root DIR` when given, else the git root of the current directory
//! (the nearest ancestor with a `.git` entry: a directory, or a file in a
//! worktree or submodule), else the current directory.

use std::path::{Path, PathBuf};

/// A project root, held as an absolute, canonical path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    abs: PathBuf,
}

/// The nearest ancestor of `dir` (itself included) that holds `.git`.
pub fn git_root(dir: &Path) -> Option<&Path> {
    dir.ancestors().find(|d| d.join(".git").exists())
}

impl Root {
    /// `--root DIR`, else the git root of the current directory, else the
    /// current directory; `None` only when none of them can be resolved.
    pub fn find(explicit: Option<&Path>) -> Option<Root> {
        let dir = match explicit {
            Some(d) => d.to_path_buf(),
            None => {
                let cwd = std::env::current_dir().ok()?;
                git_root(&cwd).map(Path::to_path_buf).unwrap_or(cwd)
            }
        };
        let abs = std::fs::canonicalize(dir).ok()?;
        Some(Root { abs })
    }

    /// `path` (as shown to the user: relative to the current directory, or
    /// absolute) relative to the root, `/`-separated, when it lies under it.
    pub fn relative(&self, path: &str) -> Option<String> {
        let abs = std::fs::canonicalize(path).ok()?;
        let rel = abs.strip_prefix(&self.abs).ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    }

    /// The root as a `file:` URI ending in `/`, as SARIF's
    /// `originalUriBaseIds` wants it.
    pub fn uri(&self) -> String {
        let mut u = crate::report::check::sarif::uri(&self.abs.display().to_string());
        if !u.ends_with('/') {
            u.push('/');
        }
        u
    }
}
