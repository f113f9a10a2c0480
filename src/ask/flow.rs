//! The questionnaire: workload, then components, each with every factor of the
//! rule base; then the review menu ([`super::review`]).

use crate::diag::Pos;
use crate::engine;
use crate::error::Error;
use crate::rules::{Answers, Factor, FactorKind, Outcome, RuleBase, Value};
use crate::workload::text::{self, Field};
use crate::workload::{Component, Workload};

use super::{ConfirmPrompt, Prompter, SelectPrompt, TextPrompt};

/// The path shown in report titles until the workload is saved.
pub const UNSAVED: &str = "unsaved";

/// How an unanswered question reads, everywhere: the file, the review, the prompt.
const UNKNOWN: &str = "unknown";

/// The option that leaves a choice unanswered; first, so Enter skips a question.
const UNKNOWN_OPTION: &str = "unknown — skip this question";

/// Where a questionnaire starts.
#[derive(Clone, Debug, Default)]
pub struct Start {
    /// The workload name offered when there is none (the current directory's name).
    pub default_name: String,
    /// A workload re-opened with `--from`: its answers are the defaults.
    pub from: Option<Workload>,
    /// Today, for waivers: an expiry date must not have passed (`check`
    /// fails on an expired waiver), and the one offered is 90 days on.
    pub today: jiff::civil::Date,
}

/// How long an offered waiver lasts: long enough to migrate, short enough
/// to be looked at again.
const WAIVER_DAYS: i64 = 90;

/// Run the whole questionnaire and return the workload the user confirmed.
pub fn run(
    rb: &RuleBase,
    p: &mut dyn Prompter,
    start: Start,
    color: bool,
) -> Result<Workload, Error> {
    let mut q = Questionnaire {
        rb,
        p,
        color,
        today: start.today,
    };
    let mut w = start.from.unwrap_or_else(|| Workload {
        path: UNSAVED.into(),
        name: String::new(),
        description: None,
        owner: None,
        components: Vec::new(),
    });
    let initial_name = if w.name.is_empty() {
        start.default_name
    } else {
        w.name.clone()
    };
    w.name = q.workload_name(&initial_name)?;
    w.description = q.optional_text(
        "Describe the system in one line (optional):",
        None,
        w.description.as_deref(),
    )?;
    if w.components.is_empty() {
        loop {
            let c = q.component(None, &w.components, w.components.len())?;
            q.show_component(&w, &c);
            w.components.push(c);
            let more = q.p.confirm(&ConfirmPrompt {
                message: "Add another component?".into(),
                help: Some(
                    "A component is one LLM-backed part of the system, e.g. triage or answers."
                        .into(),
                ),
                default: false,
            })?;
            if !more {
                break;
            }
        }
    } else {
        let n = w.components.len();
        q.p.show(&format!(
            "Loaded {n} component{} from {}: review or change them below.\n",
            if n == 1 { "" } else { "s" },
            w.path
        ));
    }
    q.review(&mut w)?;
    Ok(w)
}

/// The state of one run: the rule base, the prompter and how to render.
pub(super) struct Questionnaire<'a> {
    pub(super) rb: &'a RuleBase,
    pub(super) p: &'a mut dyn Prompter,
    pub(super) color: bool,
    pub(super) today: jiff::civil::Date,
}

impl Questionnaire<'_> {
    fn workload_name(&mut self, initial: &str) -> Result<String, Error> {
        let check = |s: &str| name(s, "the workload needs a name", "workload name");
        let name = self.p.text(&TextPrompt {
            message: "Workload name:".into(),
            help: Some("A name for the whole system, e.g. acme-support.".into()),
            initial: None,
            placeholder: Some(example("acme-support")).filter(|_| initial.is_empty()),
            default: Some(initial.to_string()).filter(|s| !s.is_empty()),
            validate: Some(&check),
        })?;
        Ok(name.trim().to_string())
    }

    /// Free text where empty means "none".
    pub(super) fn optional_text(
        &mut self,
        message: &str,
        help: Option<&str>,
        initial: Option<&str>,
    ) -> Result<Option<String>, Error> {
        let text = self.p.text(&TextPrompt {
            message: message.into(),
            help: help.map(str::to_string),
            initial: initial.map(str::to_string),
            placeholder: None,
            default: None,
            validate: Some(&free_text),
        })?;
        let text = text.trim();
        Ok((!text.is_empty()).then(|| text.to_string()))
    }

    /// Ask everything about one component. `existing` supplies the defaults
    /// (when editing); `others` are the components whose names are taken.
    pub(super) fn component(
        &mut self,
        existing: Option<&Component>,
        others: &[Component],
        index: usize,
    ) -> Result<Component, Error> {
        let title = match existing {
            Some(c) => format!("Editing component `{}`", c.name),
            None => format!("Component {}", index + 1),
        };
        self.p.show(&format!("\n── {title} ──\n"));
        let taken: Vec<&str> = others
            .iter()
            .filter(|o| existing.is_none_or(|e| e.name != o.name))
            .map(|o| o.name.as_str())
            .collect();
        let check = |s: &str| {
            name(s, "the component needs a name", "component name")?;
            if taken.contains(&s.trim()) {
                return Err(format!(
                    "`{}` is already a component of this workload",
                    s.trim()
                ));
            }
            Ok(())
        };
        let name = self.p.text(&TextPrompt {
            message: "Component name:".into(),
            help: Some("One LLM-backed part of the system, unique in this workload.".into()),
            initial: existing.map(|c| c.name.clone()),
            placeholder: Some(example("policy-answers")),
            default: None,
            validate: Some(&check),
        })?;
        let description = self.optional_text(
            "What does it do? (optional):",
            None,
            existing.and_then(|c| c.description.as_deref()),
        )?;
        let architecture = self.architecture(existing.and_then(|c| c.architecture))?;
        let total = self.rb.factors.len();
        let mut answers = existing
            .map(|c| c.answers.clone())
            .unwrap_or_else(|| Answers(vec![None; total]));
        answers.0.resize(total, None);
        // The rule base's questions, then — only if the user wants costs —
        // the price book's optional cost questions, numbered apart.
        let (rule, cost): (Vec<usize>, Vec<usize>) =
            (0..total).partition(|&fi| !self.rb.factors[fi].cost);
        for (i, &fi) in rule.iter().enumerate() {
            answers.0[fi] = self.factor(fi, answers.0[fi], Some((i + 1, rule.len())))?;
        }
        if !cost.is_empty() && self.wants_costs(&cost, &answers)? {
            for (i, &fi) in cost.iter().enumerate() {
                let progress = format!("[cost {}/{}] ", i + 1, cost.len());
                answers.0[fi] = self.ask_factor(fi, answers.0[fi], &progress)?;
            }
        }
        let mut c = Component {
            name: name.trim().to_string(),
            description,
            architecture,
            answers,
            waiver: existing.and_then(|c| c.waiver.clone()),
            name_pos: Pos::default(),
            architecture_pos: None,
        };
        self.offer_waiver(&mut c)?;
        Ok(c)
    }

    /// When the declared architecture differs from the recommendation and
    /// nothing accepts the difference yet, offer a waiver: without one,
    /// `ragfit check` fails on this component.
    pub(super) fn offer_waiver(&mut self, c: &mut Component) -> Result<(), Error> {
        let Some(declared) = c.architecture else {
            return Ok(());
        };
        let recommended = engine::assess(self.rb, &c.answers).outcome();
        if declared == recommended || c.waiver.is_some() {
            return Ok(());
        }
        let add = self.p.confirm(&ConfirmPrompt {
            message: format!(
                "`{}` declares {declared}, ragfit recommends {recommended}. Add a waiver?",
                c.name
            ),
            help: Some(
                "A waiver lets `ragfit check` accept the difference until a date, with a reason \
                 (a migration under way, a constraint the answers do not show)."
                    .into(),
            ),
            default: false,
        })?;
        if !add {
            return Ok(());
        }
        let check_reason = |s: &str| {
            non_empty(s, "say why the difference is accepted")?;
            free_text(s)
        };
        let reason = self.p.text(&TextPrompt {
            message: "Why is the difference accepted?".into(),
            help: Some("Shown in `ragfit check` output while the waiver holds.".into()),
            initial: None,
            placeholder: Some(example("migrating to hybrid in Q3")),
            default: None,
            validate: Some(&check_reason),
        })?;
        let today = self.today;
        let check_date = |s: &str| parse_expiry(s, today).map(|_| ());
        let offered = today
            .checked_add(jiff::Span::new().days(WAIVER_DAYS))
            .unwrap_or(today);
        let expires = self.p.text(&TextPrompt {
            message: "Waiver expires on (YYYY-MM-DD):".into(),
            help: Some(
                "After this day `ragfit check` fails again until the waiver is renewed.".into(),
            ),
            initial: None,
            placeholder: None,
            default: Some(offered.to_string()),
            validate: Some(&check_date),
        })?;
        c.waiver = Some(crate::workload::Waiver {
            reason: reason.trim().to_string(),
            expires: parse_expiry(&expires, today).unwrap_or(offered),
            pos: Pos::default(),
        });
        Ok(())
    }

    pub(super) fn architecture(
        &mut self,
        current: Option<Outcome>,
    ) -> Result<Option<Outcome>, Error> {
        let mut options = vec!["none declared".to_string()];
        options.extend(
            Outcome::ALL
                .iter()
                .map(|o| architecture_label(*o).to_string()),
        );
        let start = current
            .and_then(|o| Outcome::ALL.iter().position(|x| *x == o))
            .map_or(0, |i| i + 1);
        let pick = self.p.select(&SelectPrompt {
            message: "Current or planned architecture (optional):".into(),
            help: Some(
                "What the team runs or plans; `ragfit check` compares it with the recommendation."
                    .into(),
            ),
            options,
            start,
        })?;
        Ok(pick
            .checked_sub(1)
            .and_then(|i| Outcome::ALL.get(i).copied()))
    }

    /// Whether to ask the cost questions: yes by default when some are answered.
    fn wants_costs(&mut self, cost: &[usize], answers: &Answers) -> Result<bool, Error> {
        let answered = cost.iter().any(|&fi| answers.0[fi].is_some());
        self.p.confirm(&ConfirmPrompt {
            message: format!(
                "Estimate what each option costs? ({} optional questions)",
                cost.len()
            ),
            help: Some(
                "Tokens per request, per example and per document, and the model tier: \
                 `ragfit cost` uses them; left out, typical values are assumed."
                    .into(),
            ),
            default: answered,
        })
    }

    /// Ask one factor's question; `None` is `unknown`.
    pub(super) fn factor(
        &mut self,
        fi: usize,
        current: Option<Value>,
        progress: Option<(usize, usize)>,
    ) -> Result<Option<Value>, Error> {
        let prefix = progress.map_or(String::new(), |(i, n)| format!("[{i}/{n}] "));
        self.ask_factor(fi, current, &prefix)
    }

    /// Ask one factor's question after `prefix` (its place in the list).
    fn ask_factor(
        &mut self,
        fi: usize,
        current: Option<Value>,
        prefix: &str,
    ) -> Result<Option<Value>, Error> {
        let f = &self.rb.factors[fi];
        let help = match (f.optional, f.help.is_empty()) {
            (true, true) => Some("Optional.".to_string()),
            (true, false) => Some(format!("Optional. {}", f.help)),
            (false, false) => Some(f.help.clone()),
            (false, true) => None,
        };
        // Choices and booleans are the same question: pick one labelled value,
        // with "unknown" first.
        let choices: Vec<(String, Value)> = match &f.kind {
            FactorKind::Choice { values, .. } => values
                .iter()
                .enumerate()
                .map(|(i, c)| (c.label.clone(), Value::Choice(i)))
                .collect(),
            FactorKind::Boolean => vec![
                ("yes".into(), Value::Bool(true)),
                ("no".into(), Value::Bool(false)),
            ],
            FactorKind::Number { .. } => return self.number(f, prefix, current),
        };
        let options = std::iter::once(UNKNOWN_OPTION.to_string())
            .chain(choices.iter().map(|(label, _)| label.clone()))
            .collect();
        let start = current
            .and_then(|cur| choices.iter().position(|(_, v)| *v == cur))
            .map_or(0, |i| i + 1);
        let pick = self.p.select(&SelectPrompt {
            message: format!("{prefix}{}", f.question),
            help,
            options,
            start,
        })?;
        Ok(pick
            .checked_sub(1)
            .and_then(|i| choices.get(i))
            .map(|(_, v)| *v))
    }

    fn number(
        &mut self,
        f: &Factor,
        prefix: &str,
        current: Option<Value>,
    ) -> Result<Option<Value>, Error> {
        let check = |s: &str| parse_number(f, s).map(|_| ());
        let mut help = f.help.clone();
        if !help.is_empty() {
            help.push(' ');
        }
        help.push_str("Leave empty if unknown.");
        let unit = number_hint(f);
        let message = format!("{prefix}{}{unit}", f.question);
        let prompt = TextPrompt {
            message,
            help: Some(help),
            initial: current.map(|v| f.format_value(Some(v))),
            placeholder: None,
            // A real default: Enter on an empty input answers `unknown`, and
            // the answered prompt then reads `unknown` rather than blank.
            default: Some(UNKNOWN.into()),
            validate: Some(&check),
        };
        // The prompter only returns valid text; re-ask defensively if one does not.
        loop {
            if let Ok(v) = parse_number(f, &self.p.text(&prompt)?) {
                return Ok(v);
            }
        }
    }
}

/// Placeholder text that reads as an example, not as a default Enter would accept.
fn example(text: &str) -> String {
    format!("e.g. {text}")
}

/// A waiver's expiry: a date, today or later (an expired waiver fails `check`).
fn parse_expiry(text: &str, today: jiff::civil::Date) -> Result<jiff::civil::Date, String> {
    let date: jiff::civil::Date = text
        .trim()
        .parse()
        .map_err(|_| format!("`{}` is not a date: write YYYY-MM-DD", text.trim()))?;
    if date < today {
        return Err(format!(
            "{date} has passed: an expired waiver fails `ragfit check`"
        ));
    }
    Ok(date)
}

/// A name as the workload file will hold it (trimmed): not empty, and only
/// characters the loader accepts, so the saved file reads back as shown.
pub(super) fn name(s: &str, empty: &str, what: &str) -> Result<(), String> {
    non_empty(s, empty)?;
    text::check(Field::Name, s.trim()).map_err(|r| refusal(what, r))
}

/// Free text (descriptions, reasons): the loader's rule for free text.
pub(super) fn free_text(s: &str) -> Result<(), String> {
    text::check(Field::Text, s.trim()).map_err(|r| refusal("text", r))
}

/// Which character, escaped (the raw one could garble the prompt), and why.
fn refusal(what: &str, r: text::Refused) -> String {
    format!(
        "the {what} contains {}: remove it ({})",
        r.what(),
        r.reason()
    )
}

fn non_empty(s: &str, message: &str) -> Result<(), String> {
    if s.trim().is_empty() {
        Err(message.to_string())
    } else {
        Ok(())
    }
}

/// Parse a typed number: empty (or `unknown`) is unknown; thousands separators
/// are allowed because people type `40,000`.
pub fn parse_number(f: &Factor, text: &str) -> Result<Option<Value>, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' '))
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    f.parse_value(&cleaned)
        .map_err(|msg| format!("{msg} ({})", f.expected()))
}

/// " (ms, ≥ 1)": the unit and range of a number question.
fn number_hint(f: &Factor) -> String {
    let FactorKind::Number { min, max, .. } = &f.kind else {
        return String::new();
    };
    let fmt = crate::rules::format_number;
    let mut parts: Vec<String> = f.unit.iter().cloned().collect();
    match (min, max) {
        (Some(lo), Some(hi)) => parts.push(format!("{}–{}", fmt(*lo), fmt(*hi))),
        (Some(lo), None) => parts.push(format!("≥ {}", fmt(*lo))),
        (None, Some(hi)) => parts.push(format!("≤ {}", fmt(*hi))),
        (None, None) => {}
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// Readable labels for the architecture question; the ids stay visible
/// because they are what the file and `check` use.
fn architecture_label(o: Outcome) -> &'static str {
    match o {
        Outcome::Rag => "rag — retrieval at query time",
        Outcome::FineTune => "fine-tune — behaviour trained into the weights",
        Outcome::Hybrid => "hybrid — retrieval plus fine-tuning",
        Outcome::PromptOnly => "prompt-only — a base model and a good prompt",
    }
}
