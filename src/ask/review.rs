//! Review before finishing: inquire has no back-navigation, so the user gets a
//! menu to edit a component, change one answer, add or remove a component;
//! then where to save.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::workload::Workload;

use super::flow::{Questionnaire, UNSAVED};
use super::{ConfirmPrompt, Prompter, SelectPrompt, TextPrompt};

/// The review menu, in the order shown; `Done` first so Enter finishes.
const MENU: [(&str, Action); 5] = [
    ("done — finish and save", Action::Done),
    ("edit a component (all its answers)", Action::Edit),
    ("change one answer", Action::Change),
    ("add a component", Action::Add),
    ("remove a component", Action::Remove),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Done,
    Edit,
    Change,
    Add,
    Remove,
}

impl Questionnaire<'_> {
    /// Show the full report, then loop on the review menu until "done".
    ///
    /// Every change returns to the top of the loop, which shows the full
    /// report again; so changes do not show their component's row as well
    /// (it would print the same table twice in a row).
    pub(super) fn review(&mut self, w: &mut Workload) -> Result<(), Error> {
        loop {
            self.show_report(w);
            let pick = self.p.select(&SelectPrompt {
                message: "Review: what next?".into(),
                help: Some("Change anything before saving; Esc cancels without saving.".into()),
                options: MENU.iter().map(|(label, _)| label.to_string()).collect(),
                start: 0,
            })?;
            match MENU.get(pick).map_or(Action::Done, |m| m.1) {
                Action::Done => return Ok(()),
                Action::Edit => {
                    let ci = self.pick_component(w, "Edit which component?")?;
                    w.components[ci] =
                        self.component(Some(&w.components[ci]), &w.components, ci)?;
                }
                Action::Change => self.change_answer(w)?,
                Action::Add => {
                    let c = self.component(None, &w.components, w.components.len())?;
                    w.components.push(c);
                }
                Action::Remove => self.remove(w)?,
            }
        }
    }

    fn pick_component(&mut self, w: &Workload, message: &str) -> Result<usize, Error> {
        if w.components.len() == 1 {
            return Ok(0);
        }
        self.p.select(&SelectPrompt {
            message: message.into(),
            help: None,
            options: w.components.iter().map(|c| c.name.clone()).collect(),
            start: 0,
        })
    }

    /// Change one answer: the declared architecture (first, since a team
    /// often only corrects that) or one factor; then offer a waiver if the
    /// declaration now differs from the recommendation.
    fn change_answer(&mut self, w: &mut Workload) -> Result<(), Error> {
        let ci = self.pick_component(w, "Change an answer of which component?")?;
        let c = &w.components[ci];
        let declared = c.architecture.map_or("none declared", |o| o.id());
        let options = std::iter::once(format!("architecture: {declared}"))
            .chain(self.rb.factors.iter().enumerate().map(|(fi, f)| {
                let v = c.answers.0.get(fi).copied().flatten();
                format!("{}: {}", f.id, f.format_value(v))
            }))
            .collect();
        let pick = self.p.select(&SelectPrompt {
            message: format!("Which answer of `{}`?", c.name),
            help: None,
            options,
            start: 0,
        })?;
        if pick == 0 {
            let current = c.architecture;
            let arch = self.architecture(current)?;
            let c = &mut w.components[ci];
            if arch != current {
                // A waiver accepted the old declaration, not this one.
                c.waiver = None;
            }
            c.architecture = arch;
        } else {
            let fi = pick - 1;
            if fi >= self.rb.factors.len() {
                return Ok(());
            }
            let current = c.answers.0.get(fi).copied().flatten();
            let v = self.factor(fi, current, None)?;
            let c = &mut w.components[ci];
            c.answers.0.resize(self.rb.factors.len(), None);
            c.answers.0[fi] = v;
        }
        let mut c = w.components[ci].clone();
        self.offer_waiver(&mut c)?;
        w.components[ci] = c;
        Ok(())
    }

    fn remove(&mut self, w: &mut Workload) -> Result<(), Error> {
        if w.components.len() == 1 {
            self.p.show(
                "A workload needs at least one component: add another before removing this one.\n",
            );
            return Ok(());
        }
        let ci = self.pick_component(w, "Remove which component?")?;
        let sure = self.p.confirm(&ConfirmPrompt {
            message: format!("Remove `{}` and its answers?", w.components[ci].name),
            help: None,
            default: false,
        })?;
        if sure {
            w.components.remove(ci);
        }
        Ok(())
    }
}

/// What is already at a path the workload may be saved to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Nothing: saving there replaces nothing.
    Nothing,
    /// A file; `lost_comments` of its comment lines are not in the text `ask`
    /// writes (see [`super::writer::lost_comments`]), so replacing drops them.
    File {
        /// Comment lines the new text would not keep.
        lost_comments: usize,
    },
}

/// Decide where to save. With `--output`, that file (asking before replacing
/// an existing one); otherwise offer to save under a suggested name. `None`
/// means the user chose not to save. `existing` is injected so tests need no files.
pub fn destination(
    p: &mut dyn Prompter,
    w: &Workload,
    output: Option<&Path>,
    existing: &dyn Fn(&Path) -> Existing,
) -> Result<Option<PathBuf>, Error> {
    let mut initial = match output {
        Some(path) => path.to_path_buf(),
        None => {
            let save = p.confirm(&ConfirmPrompt {
                message: "Save these answers as a workload file?".into(),
                help: Some("`ragfit score`, `check` and `explain` read it.".into()),
                default: true,
            })?;
            if !save {
                return Ok(None);
            }
            suggested_path(w)
        }
    };
    // With --output, a file that does not exist yet is written without a question.
    let mut ask_name = output.is_none();
    loop {
        let path = if ask_name {
            let check = |s: &str| {
                if s.trim().is_empty() {
                    Err("enter a file name".to_string())
                } else {
                    Ok(())
                }
            };
            PathBuf::from(
                p.text(&TextPrompt {
                    message: "Save to:".into(),
                    help: None,
                    initial: None,
                    placeholder: None,
                    default: Some(initial.display().to_string()),
                    validate: Some(&check),
                })?
                .trim(),
            )
        } else {
            initial.clone()
        };
        let lost = match existing(&path) {
            Existing::Nothing => return Ok(Some(path)),
            Existing::File { lost_comments } => lost_comments,
        };
        // `ask` writes the file anew from the answers: say so before a
        // replace would silently drop what the user wrote by hand.
        // Short, so it fits a 60-column terminal; the help says why.
        let message = if lost == 0 {
            format!("{} already exists. Replace it?", path.display())
        } else {
            format!(
                "Replace {} and lose its {lost} comment line{}?",
                path.display(),
                if lost == 1 { "" } else { "s" }
            )
        };
        let help = (lost > 0).then(|| {
            "The file is written anew from your answers: its comments will not be kept. \
             Answer no to save under another name."
                .to_string()
        });
        let replace = p.confirm(&ConfirmPrompt {
            message,
            help,
            default: false,
        })?;
        if replace {
            return Ok(Some(path));
        }
        initial = path;
        ask_name = true;
    }
}

/// The file the workload came from (`--from`), else `<workload name>.yaml`.
fn suggested_path(w: &Workload) -> PathBuf {
    if w.path != UNSAVED && !w.path.is_empty() && w.path != "-" {
        return PathBuf::from(&w.path);
    }
    let slug: String = w
        .name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches(|c| c == '-' || c == '.');
    let slug = if slug.is_empty() { "workload" } else { slug };
    // `NAME.ragfit.yaml`: the naming convention `init` (`ragfit.yaml`) and
    // the pre-commit hook share, so a saved file is checked on commit.
    PathBuf::from(format!("{slug}.ragfit.yaml"))
}
