//! `ragfit rules diff OLD NEW PATH...`: score workloads with two rule bases
//! and list every component whose recommendation or confidence band moves,
//! with the parts of the rule base responsible — a rule change's impact
//! before it is merged. Files stream through the pipeline's ordered workers;
//! only one file's changes are held at a time.

use std::path::Path;

use crate::cli::{GlobalArgs, RulesDiffArgs};
use crate::diag::Diagnostic;
use crate::diff::{self, Change};
use crate::engine;
use crate::error::{exit, Error};
use crate::input::{self, Source};
use crate::output::{self, Sink};
use crate::pipeline::{for_each_ordered, threads_for, Flow};
use crate::report::diff::{renderer, DiffTotals, Header};
use crate::rules::{self, RuleBase};
use crate::workload::{self, Workload};

/// The word that names the embedded rule base in place of a file.
pub const DEFAULT: &str = "default";

/// What became of one file.
enum Compared {
    /// A YAML file found in a walk that is not a workload.
    Skipped,
    /// It could not be read, or is invalid under one of the rule bases.
    Failed(Vec<Diagnostic>),
    /// Its components were compared: how many, and those that changed.
    Done(usize, Vec<Change>),
}

/// Compare every workload under PATH; exit 2 if a file could not be compared.
pub fn run(global: &GlobalArgs, args: &RulesDiffArgs) -> anyhow::Result<i32> {
    // Workload files may answer the price book's cost factors: both rule
    // bases get them, or such files would be unreadable under either.
    let old = super::priced(global, load(&args.old)?)?.0;
    let new = super::priced(global, load(&args.new)?)?.0;
    let (sources, mut errors) = input::expand(&args.paths);
    for d in &errors {
        output::error(&d.to_string());
    }
    let color = args.output.is_none() && output::use_color(global.color);
    let mut r = renderer(args.format, color);
    let mut sink = Sink::open(args.output.as_deref(), false)?;
    sink.write(&r.begin(&Header {
        old: old.origin.clone(),
        new: new.origin.clone(),
    })?)?;
    let mut totals = DiffTotals::default();
    let mut skipped = Vec::new();
    let mut failure: Option<anyhow::Error> = None;
    let mut i = 0;
    for_each_ordered(
        &sources,
        threads_for(sources.len()),
        |_, source| compare_file(&old, &new, source),
        |result| {
            let source = &sources[i];
            i += 1;
            match result {
                Compared::Skipped => skipped.push(source.display()),
                Compared::Failed(d) => {
                    d.iter().for_each(|p| output::error(&p.to_string()));
                    errors.extend(d);
                }
                Compared::Done(components, changes) => {
                    totals.files += 1;
                    totals.components += components;
                    totals.changed += changes.len();
                    totals.recommendation_changed += changes
                        .iter()
                        .filter(|c| c.old.recommendation != c.new.recommendation)
                        .count();
                    if !changes.is_empty() {
                        match r.file(&changes).and_then(|t| sink.write(&t)) {
                            Ok(true) => {}
                            Ok(false) => return Flow::Stop,
                            Err(e) => {
                                failure = Some(e);
                                return Flow::Stop;
                            }
                        }
                    }
                }
            }
            Flow::Continue
        },
    );
    if let Some(e) = failure {
        return Err(e);
    }
    if !skipped.is_empty() {
        output::note(&format!(
            "skipped {} (no `workload:` or `components:` key): {}",
            output::describe_count(
                skipped.len(),
                "YAML file that is not a workload",
                "YAML files that are not workloads"
            ),
            skipped.join(", ")
        ));
    }
    if totals.files == 0 && errors.is_empty() {
        errors.push(Diagnostic::file(
            &args.paths.join(" "),
            "no workload files to compare",
        ));
        output::error(&errors[0].to_string());
    }
    errors.sort_by(|a, b| (a.path.as_str(), a.pos).cmp(&(b.path.as_str(), b.pos)));
    totals.errors = errors;
    sink.write(&r.end(&totals)?)?;
    sink.finish()?;
    Ok(if totals.errors.is_empty() {
        exit::OK
    } else {
        exit::INVALID
    })
}

/// `default` is the embedded rule base; anything else a file.
fn load(spec: &str) -> Result<RuleBase, Error> {
    if spec == DEFAULT {
        rules::load_default()
    } else {
        rules::load_file(Path::new(spec))
    }
}

/// Read a file once, validate it under both rule bases, assess and compare
/// each component.
fn compare_file(old: &RuleBase, new: &RuleBase, source: &Source) -> Compared {
    let name = source.display();
    let text = match source.read() {
        Ok(t) => t,
        Err(d) => return Compared::Failed(vec![d]),
    };
    let parse = |rb: &RuleBase| -> Result<Option<Workload>, Vec<Diagnostic>> {
        match source {
            Source::Found { .. } => workload::parse_found(rb, &name, &text),
            _ => workload::parse(rb, &name, &text).map(Some),
        }
    };
    let (wo, wn) = match (parse(old), parse(new)) {
        (Ok(None), _) | (_, Ok(None)) => return Compared::Skipped,
        (Ok(Some(a)), Ok(Some(b))) => (a, b),
        (Err(a), Ok(_)) => return Compared::Failed(under("the old rule base", a)),
        (Ok(_), Err(b)) => return Compared::Failed(under("the new rule base", b)),
        (Err(a), Err(b)) if a == b => return Compared::Failed(a),
        (Err(a), Err(b)) => {
            let mut d = under("the old rule base", a);
            d.extend(under("the new rule base", b));
            return Compared::Failed(d);
        }
    };
    let mut changes = Vec::new();
    for (co, cn) in wo.components.iter().zip(&wn.components) {
        let (ao, an) = (
            engine::assess(old, &co.answers),
            engine::assess(new, &cn.answers),
        );
        let at = diff::Place {
            path: &wo.path,
            workload: &wo.name,
            component: &co.name,
            line: co.name_pos.line,
        };
        let side = |rb, answers, assessment| diff::Assessed {
            rb,
            answers,
            assessment,
        };
        if let Some(c) = diff::compare(
            &at,
            &side(old, &co.answers, &ao),
            &side(new, &cn.answers, &an),
        ) {
            changes.push(c);
        }
    }
    Compared::Done(wo.components.len(), changes)
}

/// Say which rule base a file is invalid under.
fn under(which: &str, problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|mut d| {
            d.message = format!("{} (under {which})", d.message);
            d
        })
        .collect()
}
