//! The few git commands `ragfit diff --base` needs, through the `git` CLI:
//! check a revision, list the files under some paths at it, read one. Only
//! read commands: the work tree and the index are never touched.

use std::process::{Command, Output};

use crate::error::Error;

fn git(args: &[&str]) -> Result<Output, Error> {
    Command::new("git")
        .args(args)
        .output()
        .map_err(|e| Error::Usage(format!("--base needs git, which could not be run: {e}")))
}

fn stderr_line(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr)
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches("fatal: ")
        .to_string()
}

/// Check that `rev` names a commit of the repository around the current directory.
pub fn verify(rev: &str) -> Result<(), Error> {
    let inside = git(&["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        return Err(Error::Usage(format!(
            "--base {rev}: not inside a git repository ({})",
            stderr_line(&inside)
        )));
    }
    let spec = format!("{rev}^{{commit}}");
    let o = git(&["rev-parse", "--verify", "--quiet", &spec])?;
    if o.status.success() {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "--base {rev}: not a revision of this repository (try HEAD, a branch such as origin/main, or a commit)"
        )))
    }
}

/// The files under `paths` at `rev`, relative to the current directory as
/// git prints them (`../w/a.yaml` from a subfolder), sorted.
pub fn files_at(rev: &str, paths: &[String]) -> Result<Vec<String>, Error> {
    let mut args = vec!["ls-tree", "-r", "-z", "--name-only", rev, "--"];
    args.extend(paths.iter().map(String::as_str));
    let o = git(&args)?;
    if !o.status.success() {
        return Err(Error::Usage(format!(
            "--base {rev}: git ls-tree failed: {}",
            stderr_line(&o)
        )));
    }
    let mut names: Vec<String> = o
        .stdout
        .split(|&b| b == 0)
        .filter(|n| !n.is_empty())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    names.sort();
    Ok(names)
}

/// The bytes of `path` (relative to the current directory) at `rev`.
pub fn show(rev: &str, path: &str) -> Result<Vec<u8>, String> {
    // `REV:./p` and `REV:../p` are relative to the current directory.
    let rel = if path.starts_with("./") || path.starts_with("../") {
        path.to_string()
    } else {
        format!("./{path}")
    };
    let o = Command::new("git")
        .args(["show", &format!("{rev}:{rel}")])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if o.status.success() {
        Ok(o.stdout)
    } else {
        Err(stderr_line(&o))
    }
}
