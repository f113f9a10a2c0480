//! Unit tests of the configuration file: discovery, parsing, validation.

use super::*;

fn parse_ok(text: &str) -> Config {
    parse(text, ".ragfit.yaml", PathBuf::from("..")).unwrap()
}

fn problems(text: &str) -> Vec<String> {
    parse(text, ".ragfit.yaml", PathBuf::from("."))
        .unwrap_err()
        .iter()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn every_key_is_read_and_paths_resolve_against_the_directory() {
    let c = parse_ok(
        "paths: [workloads/, /abs/x.yaml]\nexclude: [\"drafts/**\"]\nrules: r.yaml\n\
         fail_on: warning\nignore: [RF003, unanswered-factor]\nmin_confidence: 0.5\n\
         require_answers: [citations]\nwaiver_warn_days: 14\n",
    );
    assert_eq!(c.paths.unwrap(), ["../workloads/", "/abs/x.yaml"]);
    assert_eq!(c.rules.unwrap(), PathBuf::from("../r.yaml"));
    assert_eq!(c.fail_on, Some(FailOn::Warning));
    assert_eq!(c.ignore, [Code::Undeclared, Code::UnansweredFactor]);
    assert_eq!(c.min_confidence, Some(0.5));
    assert_eq!(c.require_answers[0].0, "citations");
    assert_eq!(c.waiver_warn_days, Some(14));
    assert_eq!(c.exclude.len(), 1);
    // Empty and comment-only files are valid.
    assert!(parse_ok("# nothing yet\n").paths.is_none());
}

#[test]
fn every_problem_is_reported_at_its_place() {
    assert_eq!(
        problems(
            "fail_on: warnings\nignore: [RF03, RF004]\nmin_confidence: 2\npath: [x]\n\
             waiver_warn_days: \"30\"\nexclude: x\n"
        ),
        [
            ".ragfit.yaml:1:10: `warnings` is not a severity (did you mean `warning`?)",
            ".ragfit.yaml:2:10: `RF03` is not a finding code (did you mean `RF003`?)",
            ".ragfit.yaml:3:17: 2 is not a confidence (a confidence is from 0 to 1, e.g. 0.5)",
            ".ragfit.yaml:4:1: unknown key `path` in the configuration (did you mean `paths`?)",
            ".ragfit.yaml:5:19: `waiver_warn_days` takes an unquoted number, not the string \"30\" (remove the quotes)",
            ".ragfit.yaml:6:10: `exclude` must be a list (write it as `exclude: [\"drafts/**\"]`)",
        ]
    );
}

#[test]
fn a_workload_in_the_configuration_file_is_named_for_what_it_is() {
    let p = problems("workload: w\ncomponents: []\n");
    assert_eq!(p.len(), 2);
    assert!(
        p[0].starts_with(".ragfit.yaml:1:1: `workload` is a workload key, but .ragfit.yaml is ragfit's configuration file"),
        "{p:?}"
    );
}

#[test]
fn lexical_paths() {
    assert_eq!(lexical(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
}
