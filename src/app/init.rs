//! `ragfit init`: write a commented starter workload.

use std::path::Path;

use crate::cli::{GlobalArgs, InitArgs};
use crate::error::{exit, Error};
use crate::rules::RuleBase;

use crate::output;

/// The starter workload; a test checks it scores cleanly with the default rules.
pub const STARTER: &str = include_str!("starter.yaml");

/// Write the starter file, refusing to overwrite without `--force`.
///
/// With `--rules`, the starter is generated from that rule base instead, so
/// that its factors (not the default ones) are the answers to fill in.
pub fn run(global: &GlobalArgs, args: &InitArgs) -> anyhow::Result<i32> {
    let custom;
    let text = match super::rules_path(global) {
        None => STARTER,
        Some(_) => {
            custom = starter_for(&super::load_rules(global)?);
            custom.as_str()
        }
    };
    if args.file == "-" {
        output::stdout(text)?;
        return Ok(exit::OK);
    }
    let path = Path::new(&args.file);
    if path.exists() && !args.force {
        return Err(Error::Usage(format!(
            "{} already exists (pass --force to overwrite it)",
            path.display()
        ))
        .into());
    }
    output::write_atomic(path, text)?;
    output::message(&format!(
        "wrote {} — edit the answers, then run: ragfit score {}",
        path.display(),
        path.display()
    ));
    Ok(exit::OK)
}

/// A starter workload for any rule base: one component, every factor
/// `unknown`, each with its question and accepted values as a comment.
pub fn starter_for(rb: &RuleBase) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = format!(
        "# ragfit workload file (generated for the rule base {}).\n\
         # Replace `unknown` with your answers; any answer may stay `unknown`.\n\
         #   ragfit --rules RULES score THIS-FILE\n\
         workload: my-system\n\
         description: What the system does, in one line\n\
         components:\n  \
           - name: my-component\n    \
             description: what this component does\n    \
             # architecture: rag   # optional: rag, fine-tune, hybrid, prompt-only\n    \
             answers:\n",
        one_line(&rb.origin)
    );
    for f in &rb.factors {
        out.push_str(&format!(
            "      # {} ({})\n      {}: unknown\n",
            one_line(&f.question),
            one_line(&f.expected()),
            f.id
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_starter_is_a_valid_workload_for_its_rule_base() {
        let extra = crate::rules::DEFAULT_RULES.replace(
            "\nrules:\n",
            "  - id: fine_tuning_offered\n    question: Does your platform offer fine-tuning?\n    \
             help: Some hosted models cannot be fine-tuned.\n    kind: boolean\n\nrules:\n",
        );
        let rb = crate::rules::load_str(&extra, "custom.yaml").unwrap();
        let text = starter_for(&rb);
        let w = crate::workload::parse(&rb, "starter.yaml", &text).unwrap();
        assert_eq!(w.components.len(), 1);
        assert_eq!(w.components[0].answers.0.len(), 15);
        assert!(w.components[0].answers.0.iter().all(Option::is_none));
        assert!(text.contains("fine_tuning_offered: unknown"), "{text}");
        assert!(text.contains(
            "# Does your platform offer fine-tuning? (expected true or false, or unknown)"
        ));
    }
}
