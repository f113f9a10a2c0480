//! Renderers: one folder per command's report (`score/`, `check/`,
//! `explain/`, `rulebase/`), the workload JSON Schema, and the styles and
//! markup they share (`style/`). Renderers read results; they never compute them.

pub mod cases;
pub mod chart;
pub mod check;
pub mod cost;
pub mod diff;
pub mod explain;
pub mod flips;
pub mod prices;
pub mod rulebase;
pub mod schema;
pub mod score;
pub mod style;

/// One workload file's part of a streamed report: `main` is written in path
/// order as the files come; each of `later` belongs in a part of the report
/// that comes after every file's main part (the JSON document's `workloads`
/// after its `results`, Markdown's findings after its table), so the run
/// spools it to a temporary file until then. `later` may be shorter than the
/// renderer's number of later parts (the rest are empty).
#[derive(Clone, Debug, Default)]
pub struct Section {
    /// Written in path order, between the beginning and the later parts.
    pub main: String,
    /// Written after every file's main part, part by part, in path order.
    pub later: Vec<String>,
}

impl From<String> for Section {
    fn from(main: String) -> Self {
        Section {
            main,
            later: Vec::new(),
        }
    }
}

/// A report's parts as a renderer lays them out, for a report assembled in
/// memory (tests, `explain`-sized runs): `main` parts joined by `separator`,
/// then for each later part its heading (`middle`) and its pieces joined by
/// `later_separator`.
#[derive(Debug, Default)]
pub struct Assembly {
    /// The main parts so far.
    pub main: String,
    /// The later parts so far.
    pub later: Vec<String>,
    wrote_main: bool,
    wrote_later: Vec<bool>,
    mains: usize,
}

impl Assembly {
    /// Add one file's section.
    pub fn add(&mut self, s: &Section, separator: &str, later_separator: &str) {
        self.add_placed(s, "", separator, later_separator);
    }

    /// How many non-empty main parts were added.
    pub fn mains(&self) -> usize {
        self.mains
    }

    /// Add one file's section, `before` ahead of its main part (a format
    /// that places parts by position: see `score`'s `Renderer::before`).
    pub fn add_placed(
        &mut self,
        s: &Section,
        before: &str,
        separator: &str,
        later_separator: &str,
    ) {
        if !s.main.is_empty() {
            if self.wrote_main {
                self.main.push_str(separator);
            }
            self.wrote_main = true;
            self.mains += 1;
            self.main.push_str(before);
            self.main.push_str(&s.main);
        }
        for (i, part) in s.later.iter().enumerate() {
            if self.later.len() <= i {
                self.later.resize(i + 1, String::new());
                self.wrote_later.resize(i + 1, false);
            }
            if part.is_empty() {
                continue;
            }
            if self.wrote_later[i] {
                self.later[i].push_str(later_separator);
            }
            self.wrote_later[i] = true;
            self.later[i].push_str(part);
        }
    }
}
