//! The configuration file `.ragfit.yaml`: where a repository keeps the
//! settings its CI runs with, so that `ragfit check` with no arguments does
//! what the team agreed on.
//!
//! Found in the current directory or the nearest parent, up to and including
//! the git root (outside a git repository, only the current directory counts,
//! so a stray file above a checkout can never change a run); `--config FILE`
//! names one, `--no-config` reads none. Flags (and `RAGFIT_*` variables) win
//! over the file, the file over the defaults.
//!
//! Validated like every input: every problem at its line and column, unknown
//! keys with a "did you mean". Paths in it are relative to its directory.

mod glob;

use std::path::{Path, PathBuf};

use crate::check::{Code, FailOn};
use crate::diag::{suggest, Diagnostic, Pos};
use crate::error::Error;
use crate::rules::RuleBase;
use crate::yaml::{self, MarkedMappingNode, Node};

pub use glob::Glob;

/// The file names a configuration may have, in order of preference.
pub const FILE_NAMES: [&str; 2] = [".ragfit.yaml", ".ragfit.yml"];

const KEYS: [&str; 8] = [
    "paths",
    "exclude",
    "rules",
    "fail_on",
    "ignore",
    "min_confidence",
    "require_answers",
    "waiver_warn_days",
];

/// A validated configuration file.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file, as shown in messages (relative to the current directory when found).
    pub path: String,
    /// Its directory, as a path from the current directory (`.`, `../..`) or as given.
    pub dir: PathBuf,
    /// What `score` and `check` read when no path is given (resolved against `dir`).
    pub paths: Option<Vec<String>>,
    /// Files found in directory walks that match one of these are not read.
    pub exclude: Vec<Glob>,
    /// The rule base (resolved against `dir`).
    pub rules: Option<PathBuf>,
    /// `check --fail-on`.
    pub fail_on: Option<FailOn>,
    /// `check --ignore`.
    pub ignore: Vec<Code>,
    /// `check --min-confidence`.
    pub min_confidence: Option<f64>,
    /// `check --require-answer`: factor ids with where each is written.
    pub require_answers: Vec<(String, Pos)>,
    /// `check --waiver-warn-days`.
    pub waiver_warn_days: Option<u32>,
}

/// Whether a file name is one a configuration file may have.
pub fn is_config_name(name: &str) -> bool {
    FILE_NAMES.contains(&name)
}

/// The configuration a run uses: `--config FILE`, else the one discovered,
/// unless `--no-config`.
pub fn active(explicit: Option<&Path>, none: bool) -> Result<Option<Config>, Error> {
    if none {
        return Ok(None);
    }
    if let Some(path) = explicit {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        return load(path, &path.display().to_string(), dir).map(Some);
    }
    match discover()? {
        Some((path, dir)) => load(&path, &path.display().to_string(), dir).map(Some),
        None => Ok(None),
    }
}

/// Look for a configuration file from the current directory up to the git
/// root: `(file, its directory)`, both relative to the current directory.
fn discover() -> Result<Option<(PathBuf, PathBuf)>, Error> {
    let Ok(cwd) = std::env::current_dir() else {
        return Ok(None);
    };
    // Outside a git repository only the current directory is searched.
    let levels = cwd
        .ancestors()
        .position(|d| d.join(".git").exists())
        .unwrap_or(0);
    for (up, dir) in cwd.ancestors().take(levels + 1).enumerate() {
        let found: Vec<&str> = FILE_NAMES
            .into_iter()
            .filter(|n| dir.join(n).is_file())
            .collect();
        let rel: PathBuf = match up {
            0 => PathBuf::from("."),
            n => std::iter::repeat_n("..", n).collect(),
        };
        match found.as_slice() {
            [] => continue,
            [one] => {
                let path = if up == 0 {
                    PathBuf::from(one)
                } else {
                    rel.join(one)
                };
                return Ok(Some((path, rel)));
            }
            _ => {
                return Err(Error::Usage(format!(
                    "{} and {} are both configuration files; keep one",
                    rel.join(FILE_NAMES[0]).display(),
                    rel.join(FILE_NAMES[1]).display()
                )))
            }
        }
    }
    Ok(None)
}

/// Read and validate a configuration file.
pub fn load(path: &Path, name: &str, dir: PathBuf) -> Result<Config, Error> {
    let text = match crate::input::read_text(path, name) {
        Ok(t) => t,
        // An empty configuration is a valid one: every setting at its default.
        Err(d) if d.message == "file is empty" => String::new(),
        Err(d) => {
            let d = if d.message == "no such file or directory" {
                d.with_hint("--config names a configuration file; `--no-config` reads none")
            } else {
                d
            };
            return Err(Error::Input(vec![d]));
        }
    };
    parse(&text, name, dir).map_err(Error::Input)
}

/// Parse and validate a configuration's text.
pub fn parse(text: &str, name: &str, dir: PathBuf) -> Result<Config, Vec<Diagnostic>> {
    let mut c = Config {
        path: name.to_string(),
        dir,
        ..Config::default()
    };
    let only_comments = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if only_comments {
        return Ok(c);
    }
    let node = yaml::parse(text).map_err(|e| {
        let hint = if e.is_top_level_not_mapping() {
            Some("write settings as `key: value`, e.g. `fail_on: warning`".into())
        } else {
            e.hint.clone()
        };
        vec![Diagnostic {
            path: name.to_string(),
            pos: e.pos,
            message: e.message,
            hint,
        }]
    })?;
    let Node::Mapping(map) = &node else {
        return Err(vec![Diagnostic::file(
            name,
            "expected a mapping of settings",
        )]);
    };
    let mut v = Validator {
        name,
        problems: Vec::new(),
    };
    v.keys(map);
    for (key, value) in map.iter() {
        let at = yaml::pos(value.span());
        match key.as_str() {
            "paths" => {
                c.paths = v
                    .strings(value, "paths")
                    .map(|l| l.into_iter().map(|(p, _)| resolve(&c.dir, &p)).collect())
            }
            "exclude" => {
                for (g, pos) in v.strings(value, "exclude").unwrap_or_default() {
                    match Glob::new(&g) {
                        Ok(g) => c.exclude.push(g),
                        Err(e) => v.problem(pos, format!("`{g}`: {e}"), None),
                    }
                }
            }
            "rules" => c.rules = v.string(value, "rules").map(|p| resolve(&c.dir, &p).into()),
            "fail_on" => {
                if let Some(s) = v.string(value, "fail_on") {
                    c.fail_on = match s.as_str() {
                        "error" => Some(FailOn::Error),
                        "warning" => Some(FailOn::Warning),
                        "never" => Some(FailOn::Never),
                        other => {
                            let hint = suggest(other, ["error", "warning", "never"]);
                            v.problem(at, format!("`{other}` is not a severity"), Some(hint));
                            None
                        }
                    }
                }
            }
            "ignore" => {
                for (s, pos) in v.strings(value, "ignore").unwrap_or_default() {
                    match s.parse::<Code>() {
                        Ok(code) => c.ignore.push(code),
                        Err(e) => v.problem(pos, e, None),
                    }
                }
            }
            "min_confidence" => {
                c.min_confidence = v.number(value, "min_confidence").and_then(|x| {
                    if (0.0..=1.0).contains(&x) {
                        Some(x)
                    } else {
                        v.problem(
                            at,
                            format!("{x} is not a confidence"),
                            Some("a confidence is from 0 to 1, e.g. 0.5".into()),
                        );
                        None
                    }
                })
            }
            "require_answers" => {
                c.require_answers = v.strings(value, "require_answers").unwrap_or_default()
            }
            "waiver_warn_days" => {
                c.waiver_warn_days = v.number(value, "waiver_warn_days").and_then(|x| {
                    if x >= 0.0 && x.fract() == 0.0 && x <= f64::from(u32::MAX) {
                        Some(x as u32)
                    } else {
                        v.problem(
                            at,
                            format!(
                                "`waiver_warn_days` must be a whole number of days >= 0, not {x}"
                            ),
                            None,
                        );
                        None
                    }
                })
            }
            _ => {} // reported by `keys`
        }
    }
    if v.problems.is_empty() {
        Ok(c)
    } else {
        v.problems.sort_by_key(|d| d.pos);
        Err(v.problems)
    }
}

impl Config {
    /// The `require_answers` factors as rule-base indices; an unknown factor
    /// is an error at its place in the file.
    pub fn require_answers(&self, rb: &RuleBase) -> Result<Vec<usize>, Error> {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for (id, pos) in &self.require_answers {
            match rb.factor_index(id) {
                Some(i) => out.push(i),
                None => problems.push(
                    Diagnostic::at(&self.path, *pos, format!("unknown factor `{id}`"))
                        .with_hint(suggest(id, rb.factors.iter().map(|f| f.id.as_str()))),
                ),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(Error::Input(problems))
        }
    }

    /// Whether a file found in a directory walk is excluded: `exclude` globs
    /// are matched against its path relative to the configuration's directory.
    pub fn excludes(&self, file: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let Some(rel) = relative_to(file, &self.dir) else {
            return false;
        };
        self.exclude.iter().any(|g| g.matches_path(&rel))
    }
}

/// `p` from the configuration, as a path from the current directory.
fn resolve(dir: &Path, p: &str) -> String {
    if Path::new(p).is_absolute() || dir == Path::new(".") {
        p.to_string()
    } else {
        dir.join(p).display().to_string()
    }
}

/// `file` relative to `dir` (both relative to the current directory or
/// absolute), `/`-separated, when it lies inside `dir`.
fn relative_to(file: &Path, dir: &Path) -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let file = lexical(&cwd.join(file));
    let dir = lexical(&cwd.join(dir));
    let rel = file.strip_prefix(&dir).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// A path with `.` and `..` resolved without touching the file system.
pub fn lexical(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

struct Validator<'a> {
    name: &'a str,
    problems: Vec<Diagnostic>,
}

impl Validator<'_> {
    fn problem(&mut self, pos: Pos, message: String, hint: Option<String>) {
        self.problems
            .push(Diagnostic::at(self.name, pos, message).with_opt_hint(hint));
    }

    fn keys(&mut self, map: &MarkedMappingNode) {
        for key in map.keys() {
            let k = key.as_str();
            if KEYS.contains(&k) {
                continue;
            }
            let at = yaml::pos(key.span());
            if matches!(k, "workload" | "components") {
                self.problem(
                    at,
                    format!("`{k}` is a workload key, but {} is ragfit's configuration file, not a workload", self.name),
                    Some("name workload files ragfit.yaml or NAME.ragfit.yaml; configuration keys are: paths, exclude, rules, fail_on, ignore, min_confidence, require_answers, waiver_warn_days".into()),
                );
            } else {
                self.problem(
                    at,
                    format!("unknown key `{k}` in the configuration"),
                    Some(suggest(k, KEYS)),
                );
            }
        }
    }

    fn string(&mut self, node: &Node, key: &str) -> Option<String> {
        match node {
            Node::Scalar(s) if s.as_str().trim().is_empty() => {
                self.problem(yaml::pos(s.span()), format!("`{key}` is empty"), None);
                None
            }
            Node::Scalar(s) => Some(s.as_str().to_string()),
            other => {
                self.problem(
                    yaml::pos(other.span()),
                    format!("`{key}` takes one value, not a list or mapping"),
                    None,
                );
                None
            }
        }
    }

    /// A list of non-empty strings, each with its position.
    fn strings(&mut self, node: &Node, key: &str) -> Option<Vec<(String, Pos)>> {
        let Node::Sequence(seq) = node else {
            let example = match key {
                "paths" => "paths: [workloads/]",
                "exclude" => "exclude: [\"drafts/**\"]",
                "ignore" => "ignore: [RF003]",
                _ => "require_answers: [citations, deletion_required]",
            };
            self.problem(
                yaml::pos(node.span()),
                format!("`{key}` must be a list"),
                Some(format!("write it as `{example}`")),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in seq.iter() {
            match item {
                Node::Scalar(s) if !s.as_str().trim().is_empty() => {
                    out.push((s.as_str().to_string(), yaml::pos(s.span())))
                }
                other => self.problem(
                    yaml::pos(other.span()),
                    format!("each entry of `{key}` must be a non-empty value"),
                    None,
                ),
            }
        }
        Some(out)
    }

    fn number(&mut self, node: &Node, key: &str) -> Option<f64> {
        let Node::Scalar(s) = node else {
            self.problem(
                yaml::pos(node.span()),
                format!("`{key}` takes a number"),
                None,
            );
            return None;
        };
        if !s.may_coerce() {
            self.problem(
                yaml::pos(s.span()),
                format!(
                    "`{key}` takes an unquoted number, not the string \"{}\"",
                    s.as_str()
                ),
                Some("remove the quotes".into()),
            );
            return None;
        }
        match s.as_str().parse::<f64>() {
            Ok(x) if x.is_finite() => Some(x),
            _ => {
                self.problem(
                    yaml::pos(s.span()),
                    format!("`{key}` takes a number, not `{}`", s.as_str()),
                    None,
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests;
