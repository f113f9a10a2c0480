//! `ragfit diff` end to end, in a temporary git repository: after a commit,
//! an edit that flips one recommendation is listed with the answer that
//! caused it (text, markdown, json); exit 1 only for a new disagreement;
//! the work tree is never touched; `diff OLD NEW`; bad input exits 2.

use std::path::Path;

use assert_cmd::Command;

const SUPPORT: &str = include_str!("../examples/support.yaml");
const UNDECLARED: &str = include_str!("fixtures/check/undeclared.yaml");

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    std::fs::create_dir_all(d.join("workloads")).unwrap();
    std::fs::create_dir_all(d.join("docs")).unwrap();
    std::fs::write(d.join("workloads/support.ragfit.yaml"), SUPPORT).unwrap();
    std::fs::write(d.join("workloads/faq.ragfit.yaml"), UNDECLARED).unwrap();
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "workloads"]);
    dir
}

fn diff(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .arg("diff")
        .args(args)
        .current_dir(cwd)
        .env("RAGFIT_TODAY", "2030-05-01")
        .env_remove("RAGFIT_RULES")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// ticket-triage keeps `fine-tune` declared but loses its labelled examples.
fn flip_ticket_triage(d: &Path) {
    let path = d.join("workloads/support.ragfit.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("labeled_examples: 40000", "labeled_examples: 20   ", 1);
    assert_ne!(text, edited);
    std::fs::write(path, edited).unwrap();
}

#[test]
fn nothing_changed_nothing_listed() {
    let dir = repo();
    let (code, out, _) = diff(dir.path(), &["--base", "HEAD"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "ragfit diff: HEAD → work tree\n\n0 changed, 0 added, 0 removed, 5 unchanged; 0 new disagreements\n"
    );
}

#[test]
fn a_commit_that_flips_one_recommendation_is_listed_with_its_answer() {
    let dir = repo();
    let d = dir.path();
    flip_ticket_triage(d);
    let status_before = git(d, &["status", "--porcelain"]);
    let (code, out, _) = diff(d, &["--base", "HEAD"]);
    assert_eq!(code, 1, "the declared fine-tune now disagrees\n{out}");
    assert_eq!(
        out,
        "ragfit diff: HEAD → work tree\n\n\
         workloads/support.ragfit.yaml\n  \
         ~ ticket-triage (line 63): fine-tune → prompt-only; confidence 0.78 → 0.86; declared \
         fine-tune; agree → disagree  [new disagreement]\n      \
         answers: labeled_examples 40000 → 20\n\n\
         1 changed, 0 added, 0 removed, 4 unchanged; 1 new disagreement\n"
    );
    // Read through git only: the work tree and index are as they were.
    assert_eq!(git(d, &["status", "--porcelain"]), status_before);

    // From a subfolder, naming the directory: the same change.
    let (code, out, _) = diff(&d.join("docs"), &["--base", "HEAD", "../workloads"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("../workloads/support.ragfit.yaml\n  ~ ticket-triage"),
        "{out}"
    );

    // Markdown, for a PR comment.
    let (_, md, err) = diff(d, &["--base", "HEAD", "-f", "markdown"]);
    assert!(
        md.starts_with("## ragfit diff\n\n`HEAD` → work tree: 1 changed"),
        "{md}"
    );
    assert!(
        md.contains(
            "| ❌ **new disagreement** | `ticket-triage` | `workloads/support.ragfit.yaml:63` | \
         `fine-tune` → `prompt-only` | 0.78 → 0.86 | `fine-tune` | agree → disagree | \
         `labeled_examples`: 40000 → 20 |"
        ),
        "{md}"
    );
    assert!(err.contains("ragfit diff: 1 changed"), "{err}");

    // JSON.
    let (_, json, _) = diff(d, &["--base", "HEAD", "-f", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["base"], "HEAD");
    let c = &v["changes"][0];
    assert_eq!(c["component"], "ticket-triage");
    assert_eq!(c["before"]["recommendation"], "fine-tune");
    assert_eq!(c["after"]["recommendation"], "prompt-only");
    assert_eq!(c["answers"][0]["factor"], "labeled_examples");
    assert_eq!(c["new_disagreement"], true);
    assert_eq!(v["summary"]["new_disagreements"], 1);

    // Once committed with a matching declaration, the next diff agrees again: exit 0.
    git(d, &["commit", "-qam", "fewer examples"]);
    let path = d.join("workloads/support.ragfit.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "architecture: fine-tune             # small model",
            "architecture: prompt-only           # small model",
            1,
        ),
    )
    .unwrap();
    let (code, out, _) = diff(d, &["--base", "HEAD"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("disagree → agree"), "{out}");
}

#[test]
fn added_and_removed_files_and_components() {
    let dir = repo();
    let d = dir.path();
    std::fs::remove_file(d.join("workloads/faq.ragfit.yaml")).unwrap();
    std::fs::write(
        d.join("workloads/new.ragfit.yaml"),
        "workload: n\ncomponents:\n  - name: bot\n    architecture: fine-tune\n    answers:\n      \
         knowledge_volatility: weekly\n      knowledge_size_docs: 3000\n      deletion_required: true\n",
    )
    .unwrap();
    let (code, out, _) = diff(d, &["--base", "HEAD"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("workloads/faq.ragfit.yaml\n  - faq: was prompt-only"),
        "{out}"
    );
    assert!(
        out.contains("workloads/new.ragfit.yaml\n  + bot (line 4): rag"),
        "{out}"
    );
    assert!(
        out.contains("0 changed, 1 added, 1 removed, 4 unchanged; 1 new disagreement"),
        "{out}"
    );
}

#[test]
fn two_paths_and_bad_input() {
    let dir = repo();
    let d = dir.path();
    std::fs::create_dir_all(d.join("new")).unwrap();
    std::fs::write(
        d.join("new/support.ragfit.yaml"),
        SUPPORT.replacen("architecture: fine-tune ", "architecture: rag       ", 1),
    )
    .unwrap();
    let (code, out, _) = diff(
        d,
        &["workloads/support.ragfit.yaml", "new/support.ragfit.yaml"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("ragfit diff: workloads/support.ragfit.yaml → new/support.ragfit.yaml\n")
    );
    assert!(out.contains("~ ticket-triage (line 63): fine-tune; confidence 0.78; declared fine-tune → rag; agree → disagree"), "{out}");
    // Directories pair their files by relative path.
    let (_, out, _) = diff(d, &["workloads", "new"]);
    assert!(out.contains("workloads/faq.ragfit.yaml\n  - faq"), "{out}");
    // Bad input: exit 2.
    let (code, _, err) = diff(d, &["--base", "no-such-rev"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("error: --base no-such-rev: not a revision of this repository"),
        "{err}"
    );
    let (code, _, err) = diff(d, &["only-one"]);
    assert_eq!(code, 2);
    assert!(err.contains("ragfit diff OLD NEW"), "{err}");
    std::fs::write(
        d.join("new/support.ragfit.yaml"),
        "workload: x\ncomponents: 3\n",
    )
    .unwrap();
    let (code, _, err) = diff(
        d,
        &["workloads/support.ragfit.yaml", "new/support.ragfit.yaml"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("error: new/support.ragfit.yaml:2:13: `components` must be a list"),
        "{err}"
    );
    let outside = tempfile::tempdir().unwrap();
    let (code, _, err) = diff(outside.path(), &["--base", "HEAD"]);
    assert_eq!(code, 2);
    assert!(err.contains("not inside a git repository"), "{err}");
}
