//! The configuration file `.ragfit.yaml` end to end, in real temporary git
//! repositories: discovery from a subfolder (stopping at the git root),
//! `--config`, `--no-config`, flags over the file, validation, `exclude`,
//! default paths for `score` and `check`, and a `.ragfit.yaml` that is never
//! read as a workload.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const CLEAN: &str = include_str!("fixtures/check/clean.yaml");
const MISMATCH: &str = include_str!("fixtures/check/mismatch.yaml");
const UNDECLARED: &str = include_str!("fixtures/check/undeclared.yaml");

/// A temporary git repository: `workloads/` with a clean file and one with a
/// warning only (undeclared), and an empty `sub/dir/`.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let git = std::process::Command::new("git")
            .args(["init", "-q"])
            .current_dir(dir.path())
            .status()
            .unwrap();
        assert!(git.success());
        let r = Repo { dir };
        r.write("workloads/clean.ragfit.yaml", CLEAN);
        r.write("workloads/faq.ragfit.yaml", UNDECLARED);
        std::fs::create_dir_all(r.path("sub/dir")).unwrap();
        r
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// `ragfit ARGS` run in `cwd` (relative to the repository).
    fn ragfit(&self, cwd: &str, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("ragfit").unwrap();
        cmd.args(args)
            .current_dir(self.path(cwd))
            .env("RAGFIT_TODAY", "2030-05-01")
            .env_remove("RAGFIT_RULES")
            .env_remove("GITHUB_STEP_SUMMARY");
        cmd
    }
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn found_from_a_subfolder_with_paths_relative_to_the_file() {
    let repo = Repo::new();
    repo.write(".ragfit.yaml", "paths: [workloads/]\nfail_on: warning\n");
    // From two levels down, no path: the configuration's paths, shown from here.
    let (code, out, err) = run(&mut repo.ragfit("sub/dir", &["check"]));
    assert_eq!(code, 1, "fail_on: warning fails on RF003\n{out}{err}");
    assert!(
        out.contains("../../workloads/faq.ragfit.yaml:4:5: warning[RF003]"),
        "{out}"
    );
    assert!(
        out.contains("../../workloads/clean.ragfit.yaml (clean)"),
        "{out}"
    );
    // A flag wins over the file.
    let (code, ..) = run(&mut repo.ragfit("sub/dir", &["check", "--fail-on", "error"]));
    assert_eq!(code, 0);
    // --no-config: the file is not read, so no paths either: `.` has no workloads.
    repo.ragfit("sub/dir", &["check", "--no-config"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: .: directory holds no workload files",
        ));
    // `score` reads the same paths.
    let (code, out, _) = run(&mut repo.ragfit("sub", &["score", "-f", "csv"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("../workloads/clean.ragfit.yaml,clean,"),
        "{out}"
    );
}

#[test]
fn the_search_stops_at_the_git_root() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join(".ragfit.yaml"), "fail_on: nonsense\n").unwrap();
    let inner = outer.path().join("repo");
    std::fs::create_dir_all(inner.join("w")).unwrap();
    assert!(std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(&inner)
        .status()
        .unwrap()
        .success());
    std::fs::write(inner.join("w/ragfit.yaml"), CLEAN).unwrap();
    // The invalid file above the repository is never read.
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.args(["check", "ragfit.yaml"])
        .current_dir(inner.join("w"))
        .env("RAGFIT_TODAY", "2030-05-01");
    cmd.assert().code(0);
    // Outside a git repository only the current directory is searched.
    let mut cmd = Command::cargo_bin("ragfit").unwrap();
    cmd.args(["check", "ragfit.yaml"])
        .current_dir(&inner)
        .env("RAGFIT_TODAY", "2030-05-01");
    std::fs::remove_dir_all(inner.join(".git")).unwrap();
    std::fs::copy(inner.join("w/ragfit.yaml"), inner.join("ragfit.yaml")).unwrap();
    cmd.assert().code(0);
}

#[test]
fn every_key_is_validated_at_its_place_with_suggestions() {
    let repo = Repo::new();
    repo.write(
        ".ragfit.yaml",
        "paths: [workloads/]\nfail-on: warning\nignore: [RF03]\nmin_confidence: high\n\
         require_answers: [citation]\nwaiver_warn_days: -1\nexclude: [\"/abs\"]\n",
    );
    let (code, out, err) = run(&mut repo.ragfit("sub", &["check"]));
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "error: ../.ragfit.yaml:2:1: unknown key `fail-on` in the configuration (did you mean `fail_on`?)\n\
         error: ../.ragfit.yaml:3:10: `RF03` is not a finding code (did you mean `RF003`?)\n\
         error: ../.ragfit.yaml:4:17: `min_confidence` takes a number, not `high`\n\
         error: ../.ragfit.yaml:6:19: `waiver_warn_days` must be a whole number of days >= 0, not -1\n\
         error: ../.ragfit.yaml:7:11: `/abs`: a pattern is relative to the configuration's directory; drop the leading `/`\n"
    );
    // Factor ids are checked against the rule base, at their place too.
    repo.write(".ragfit.yaml", "require_answers: [citation]\n");
    repo.ragfit("", &["check", "workloads"])
        .assert()
        .code(2)
        .stderr(predicate::str::diff(
            "error: .ragfit.yaml:1:19: unknown factor `citation` (did you mean `citations`?)\n",
        ));
}

#[test]
fn every_finding_control_and_the_rule_base_come_from_the_file() {
    let repo = Repo::new();
    repo.write(
        ".ragfit.yaml",
        "paths: [workloads/]\nignore: [RF003]\nfail_on: warning\nmin_confidence: 0.99\n\
         require_answers: [what_fails_today]\nwaiver_warn_days: 0\n",
    );
    let (code, out, _) = run(&mut repo.ragfit("", &["check"]));
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("[RF003]"), "{out}");
    assert!(out.contains("error[RF010]"), "{out}");
    assert!(out.contains("error[RF011]"), "{out}");
    // `--ignore` replaces the file's list.
    let (_, out, _) = run(&mut repo.ragfit("", &["check", "--ignore", "RF010"]));
    assert!(out.contains("[RF003]") && !out.contains("[RF010]"), "{out}");
    // `rules:` is the rule base of every command, below --rules.
    repo.write(".ragfit.yaml", "rules: missing-rules.yaml\n");
    repo.ragfit("sub", &["rules"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("../missing-rules.yaml"));
    let (code, ..) = run(&mut repo.ragfit(
        "sub",
        &[
            "rules",
            "--rules",
            &std::env::current_dir()
                .unwrap()
                .join("rules/default.yaml")
                .display()
                .to_string(),
        ],
    ));
    assert_eq!(code, 0);
}

#[test]
fn config_names_a_file_and_an_empty_one_is_valid() {
    let repo = Repo::new();
    repo.write("ci/strict.yaml", "fail_on: warning\n");
    let (code, ..) =
        run(&mut repo.ragfit("", &["check", "workloads", "--config", "ci/strict.yaml"]));
    assert_eq!(code, 1);
    repo.ragfit("", &["check", "workloads", "--config", "ci/nope.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: ci/nope.yaml: no such file or directory",
        ));
    repo.write(".ragfit.yaml", "");
    repo.ragfit("", &["check", "workloads"]).assert().code(0);
    repo.write(".ragfit.yaml", "# settings to come\n");
    repo.ragfit("", &["check", "workloads"]).assert().code(0);
}

#[test]
fn exclude_leaves_out_walked_files_and_says_so() {
    let repo = Repo::new();
    repo.write("workloads/drafts/wip.ragfit.yaml", MISMATCH);
    repo.write(".ragfit.yaml", "paths: [workloads]\nexclude: [drafts]\n");
    let (code, out, err) = run(&mut repo.ragfit("", &["check"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("wip"), "{out}");
    assert!(
        err.contains("note: excluded 1 file matching `exclude` in .ragfit.yaml"),
        "{err}"
    );
    // A file named explicitly is always read.
    let (code, out, _) = run(&mut repo.ragfit("", &["check", "workloads/drafts/wip.ragfit.yaml"]));
    assert_eq!(code, 1, "{out}");
    // A directory whose workloads are all excluded is not a silent pass.
    repo.ragfit("", &["check", "workloads/drafts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: workloads/drafts: directory holds no workload files (*.yaml, *.yml) \
             (the configuration's `exclude` left out 1 file)",
        ));
}

#[test]
fn a_ragfit_yaml_is_the_configuration_never_a_workload() {
    let repo = Repo::new();
    // A workload written into .ragfit.yaml: named for what it is.
    repo.write(".ragfit.yaml", CLEAN);
    let (code, _, err) = run(&mut repo.ragfit("", &["check", "workloads"]));
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "error: .ragfit.yaml:2:1: `workload` is a workload key, but .ragfit.yaml is ragfit's \
             configuration file, not a workload (name workload files ragfit.yaml or NAME.ragfit.yaml;"
        ),
        "{err}"
    );
    // Named as a workload: refused, with the way to use it.
    repo.write(".ragfit.yaml", "fail_on: error\n");
    repo.ragfit("", &["check", ".ragfit.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: .ragfit.yaml: is ragfit's configuration file, not a workload file (pass it with --config FILE",
        ));
    // Found in a walk below: not read, and not passed over in silence.
    repo.write("workloads/team/.ragfit.yaml", "fail_on: warning\n");
    let (code, _, err) = run(&mut repo.ragfit("", &["check", "workloads"]));
    assert_eq!(code, 0);
    assert!(
        err.contains(
            "note: workloads/team/.ragfit.yaml is a configuration file, not a workload, and is not read"
        ),
        "{err}"
    );
    // The one in use is not mentioned when a walk passes it.
    let (_, _, err) = run(&mut repo.ragfit("", &["check", "."]));
    assert!(!err.contains("note: .ragfit.yaml"), "{err}");
    assert!(Path::new(&repo.path(".ragfit.yaml")).exists());
}
