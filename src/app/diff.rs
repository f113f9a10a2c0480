//! `ragfit diff`: which recommendations a change flips. `--base REV`
//! compares the workload files at a git revision (read with `git show`, the
//! work tree untouched) with the work tree; `diff OLD NEW` compares two
//! files or two directories. Files are paired by path and compared one pair
//! at a time, so memory stays flat; only the counts are kept.

use std::collections::BTreeMap;
use std::path::Path;

use crate::check::{FailOn, Options};
use crate::cli::{DiffArgs, GlobalArgs};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::engine::{self, Assessment};
use crate::error::{exit, Error};
use crate::flips::{self, DiffSummary};
use crate::input::{self, Source};
use crate::output::{self, Out, Sink, Spool};
use crate::report::flips::{self as render, DiffTotals, Sides};
use crate::rules::RuleBase;
use crate::workload::{self, Workload};

use super::git;

/// Where one side of a file comes from.
enum From {
    /// A file on disk (the work tree, or under OLD / NEW).
    Disk(Source),
    /// A file at a git revision, as named relative to the current directory.
    Git {
        rev: String,
        path: String,
        /// Found under a directory (then non-workload YAML is skipped).
        found: bool,
    },
}

impl From {
    /// The file as reports show it (without the revision).
    fn shown(&self) -> String {
        match self {
            From::Disk(s) => s.display(),
            From::Git { path, .. } => path.clone(),
        }
    }

    /// The file as messages name it (`REV:path` for git).
    fn name(&self) -> String {
        match self {
            From::Disk(s) => s.display(),
            From::Git { rev, path, .. } => format!("{rev}:{path}"),
        }
    }

    /// Read and validate; `Ok(None)` for YAML found in a walk that is not a workload.
    fn read(&self, rb: &RuleBase) -> Result<Option<Workload>, Vec<Diagnostic>> {
        match self {
            From::Disk(s) => crate::pipeline::parse_source(rb, s),
            From::Git { rev, path, found } => {
                let name = self.name();
                let bytes = git::show(rev, path).map_err(|e| vec![Diagnostic::file(&name, e)])?;
                let text = input::decode(bytes, &name).map_err(|d| vec![d])?;
                if *found {
                    workload::parse_found(rb, &name, &text)
                } else {
                    workload::parse(rb, &name, &text).map(Some)
                }
            }
        }
    }
}

/// Compare, render, and exit 1 if the change makes a component disagree,
/// 2 if some input could not be compared.
pub fn run(global: &GlobalArgs, args: &DiffArgs, config: Option<&Config>) -> anyhow::Result<i32> {
    let read = match &args.base {
        Some(_) => super::paths_or_default(&args.paths, config),
        None => args.paths.clone(),
    };
    super::guard_output(global, args.output.as_deref(), &read, &[])?;
    let rb = super::load_rules(global)?;
    let (sides, pairs, mut errors) = match &args.base {
        Some(rev) => {
            git::verify(rev)?;
            let paths = super::paths_or_default(&args.paths, config);
            against_revision(rev, &paths, config)?
        }
        None => match args.paths.as_slice() {
            [old, new] if old != "-" && new != "-" => two_paths(old, new, config)?,
            _ => return Err(Error::Usage(
                "diff compares --base REV with the work tree, or two paths: ragfit diff OLD NEW"
                    .into(),
            )
            .into()),
        },
    };
    for e in &errors {
        output::error(&e.to_string());
    }
    let today = super::today(args.today)?;
    let opts = Options::new(today, FailOn::Error);
    let renderer = render::renderer(args.format, sides);
    let mut sink = Sink::open(args.output.as_deref(), false)?;
    let mut held = Spool::new();
    let summary_first = renderer.summary_first();
    if !summary_first {
        sink.write(&renderer.begin(None)?)?;
    }
    let mut summary = DiffSummary::default();
    let mut wrote = false;
    for (path, (old, new)) in &pairs {
        let new_side = match new.as_ref().map(|s| assess(&rb, s)).transpose() {
            Ok(n) => n.flatten(),
            Err(d) => {
                d.iter().for_each(|p| output::error(&p.to_string()));
                errors.extend(d);
                continue;
            }
        };
        // An invalid base version cannot be compared; its components count as added.
        let old_side = match old.as_ref().map(|s| assess(&rb, s)).transpose() {
            Ok(o) => o.flatten(),
            Err(d) => {
                for p in &d {
                    output::warning(&format!("{p} (the old version is compared as absent)"));
                }
                None
            }
        };
        if old_side.is_none() && new_side.is_none() {
            continue;
        }
        // Shown as the work tree names it, or for a removed file as git does.
        let shown = match (new, old) {
            (Some(n), _) if new_side.is_some() => n.shown(),
            (_, Some(o)) => o.shown(),
            _ => path.clone(),
        };
        let f = flips::compare(
            &rb,
            &shown,
            old_side.as_ref().map(|(w, a)| (w, a.as_slice())),
            new_side.as_ref().map(|(w, a)| (w, a.as_slice())),
            &opts,
        );
        summary.add(&f);
        let section = renderer.file(&f)?;
        if section.is_empty() {
            continue;
        }
        let out: &mut dyn Out = if summary_first { &mut held } else { &mut sink };
        if wrote && !out.put(renderer.separator())? {
            break;
        }
        wrote = true;
        if !out.put(&section)? {
            break;
        }
    }
    errors.sort_by(|a, b| (a.path.as_str(), a.pos).cmp(&(b.path.as_str(), b.pos)));
    summary.input_errors = errors.len();
    let totals = DiffTotals { summary, errors };
    if summary_first {
        sink.write(&renderer.begin(Some(&totals))?)?;
        held.drain(|b| sink.write_bytes(b))?;
    }
    sink.write(&renderer.end(&totals)?)?;
    sink.finish()?;
    if args.format != render::DiffFormat::Text || args.output.is_some() {
        output::message(&format!("ragfit diff: {}", totals.summary.line()));
    }
    Ok(if !totals.errors.is_empty() {
        exit::INVALID
    } else if totals.summary.new_disagreements > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// Files paired by path: the old side and the new side of each.
type Pairs = BTreeMap<String, (Option<From>, Option<From>)>;

fn assess(
    rb: &RuleBase,
    from: &From,
) -> Result<Option<(Workload, Vec<Assessment>)>, Vec<Diagnostic>> {
    Ok(from.read(rb)?.map(|w| {
        let a = w
            .components
            .iter()
            .map(|c| engine::assess(rb, &c.answers))
            .collect();
        (w, a)
    }))
}

/// The work tree under `paths` against the same paths at `rev`.
fn against_revision(
    rev: &str,
    paths: &[String],
    config: Option<&Config>,
) -> anyhow::Result<(Sides, Pairs, Vec<Diagnostic>)> {
    let expanded = super::stream::expand(paths, config);
    let mut pairs: Pairs = BTreeMap::new();
    let mut problems = Vec::new();
    for p in expanded.problems {
        // A path that no longer exists may still hold the base's files: it
        // is a deletion, not an error, when git has files under it.
        let gone = !Path::new(&p.path).exists()
            && !git::files_at(rev, std::slice::from_ref(&p.path))?.is_empty();
        if !gone {
            problems.push(p);
        }
    }
    for s in expanded.sources {
        if s == Source::Stdin {
            return Err(Error::Usage("diff --base reads files, not stdin (-)".into()).into());
        }
        let key = s.display();
        pairs.entry(key).or_default().1 = Some(From::Disk(s));
    }
    let named: Vec<String> = paths
        .iter()
        .map(|p| p.trim_end_matches('/').to_string())
        .collect();
    for name in git::files_at(rev, paths)? {
        let found = !named.iter().any(|n| Path::new(n) == Path::new(&name));
        if !walkable(&name, found) {
            continue;
        }
        if found && config.is_some_and(|c| c.excludes(Path::new(&name))) {
            continue;
        }
        let from = From::Git {
            rev: rev.to_string(),
            path: name.clone(),
            found,
        };
        pairs.entry(name).or_default().0 = Some(from);
    }
    let sides = Sides {
        base: rev.to_string(),
        head: "work tree".to_string(),
    };
    Ok((sides, pairs, problems))
}

/// Whether a file git lists would be read by a directory walk: YAML, no
/// hidden part, not a configuration file. A file named explicitly only needs
/// to be other than a configuration file.
fn walkable(name: &str, found: bool) -> bool {
    let p = Path::new(name);
    let file = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if crate::config::is_config_name(&file) {
        return false;
    }
    if !found {
        return true;
    }
    let yaml = matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
    let hidden = p.components().any(|c| {
        let s = c.as_os_str().to_string_lossy();
        s.starts_with('.') && s != "." && s != ".."
    });
    yaml && !hidden
}

/// Two files, or two directories paired by their files' relative paths.
fn two_paths(
    old: &str,
    new: &str,
    config: Option<&Config>,
) -> anyhow::Result<(Sides, Pairs, Vec<Diagnostic>)> {
    let sides = Sides {
        base: old.to_string(),
        head: new.to_string(),
    };
    let (old_dir, new_dir) = (Path::new(old).is_dir(), Path::new(new).is_dir());
    let mut pairs: Pairs = BTreeMap::new();
    if !old_dir && !new_dir {
        let mut problems = Vec::new();
        let mut side = |p: &str| {
            if Path::new(p).exists() {
                Some(From::Disk(Source::File(p.into())))
            } else {
                problems.push(Diagnostic::file(p, "no such file or directory"));
                None
            }
        };
        let (o, n) = (side(old), side(new));
        pairs.insert(new.to_string(), (o, n));
        return Ok((sides, pairs, problems));
    }
    if old_dir != new_dir {
        return Err(Error::Usage(format!(
            "diff OLD NEW compares two files or two directories; {} is a {} and {} is not",
            if old_dir { old } else { new },
            "directory",
            if old_dir { new } else { old }
        ))
        .into());
    }
    let mut problems = Vec::new();
    for (root, is_new) in [(old, false), (new, true)] {
        let e = super::stream::expand(&[root.to_string()], config);
        problems.extend(e.problems);
        for s in e.sources {
            let Source::Found { path, .. } = &s else {
                continue;
            };
            let rel = path
                .strip_prefix(crate::config::lexical(Path::new(root)))
                .map(|r| r.display().to_string())
                .unwrap_or_else(|_| path.display().to_string());
            let entry = pairs.entry(rel).or_default();
            if is_new {
                entry.1 = Some(From::Disk(s));
            } else {
                entry.0 = Some(From::Disk(s));
            }
        }
    }
    Ok((sides, pairs, problems))
}
