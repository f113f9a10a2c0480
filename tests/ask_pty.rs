//! `ragfit ask` on a real pseudo-terminal: keys in, workload file out.
//!
//! Every key is sent only after the prompt it answers is on screen, and
//! timeouts are generous, so a slow machine makes the test slower, not flaky.

use std::path::Path;

use predicates::prelude::*;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use rexpect::process::WaitStatus;
use rexpect::session::{spawn_command, PtySession};

const TIMEOUT_MS: u64 = 15_000;
const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const BACKSPACE: &str = "\x7f";

/// Start `ragfit ask ARGS` in `dir` on an 80x30 pseudo-terminal (a fresh pty
/// has no size, which no real terminal reports).
fn spawn_ask(dir: &Path, args: &str) -> PtySession {
    let bin = Command::cargo_bin("ragfit").unwrap();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(r#"stty cols 80 rows 30 && exec "$0" ask {args}"#))
        .arg(bin.get_program())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("RAGFIT_RULES");
    spawn_command(cmd, Some(TIMEOUT_MS)).unwrap()
}

/// Wait for `prompt`, then type `keys`.
fn answer(s: &mut PtySession, prompt: &str, keys: &str) {
    s.exp_string(prompt)
        .unwrap_or_else(|e| panic!("waiting for `{prompt}`: {e}"));
    s.send(keys).unwrap();
    s.flush().unwrap();
}

/// From "What does it do?" to the end of a component, Enter at every prompt:
/// no description, no declaration, all fourteen factors unknown, no cost
/// questions, no further component.
fn rest_of_one_component_unanswered(s: &mut PtySession) {
    answer(s, "What does it do?", ENTER);
    answer(s, "Current or planned architecture", ENTER);
    for i in 1..=14 {
        answer(s, &format!("[{i}/14]"), ENTER);
    }
    answer(s, "Estimate what each option costs?", ENTER); // default: no
    answer(s, "Add another component?", ENTER);
}

fn down(n: usize) -> String {
    format!("{}{ENTER}", DOWN.repeat(n))
}

#[test]
fn a_full_questionnaire_saves_a_file_that_scores_as_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pty-demo");
    std::fs::create_dir(&dir).unwrap();
    let mut s = spawn_ask(&dir, "--output triage.yaml");

    answer(&mut s, "Workload name", ENTER); // keeps the directory's name
    answer(
        &mut s,
        "Describe the system",
        &format!("Support inbox{ENTER}"),
    );
    answer(&mut s, "Component name", &format!("triage{ENTER}"));
    answer(&mut s, "What does it do?", ENTER);
    answer(&mut s, "Current or planned architecture", &down(2)); // fine-tune
    answer(&mut s, "[1/14]", &down(1)); // static
    answer(&mut s, "[2/14]", &down(1)); // citations: none
                                        // An invalid number is refused inline and asked again.
    answer(&mut s, "[3/14]", &format!("fast{ENTER}"));
    answer(
        &mut s,
        "takes a number, not `fast`",
        &format!("{}500{ENTER}", BACKSPACE.repeat(4)),
    );
    answer(&mut s, "[4/14]", &format!("25000{ENTER}"));
    answer(&mut s, "[5/14]", &down(3)); // classification
    answer(&mut s, "[6/14]", &down(3)); // output consistency: high
    answer(&mut s, "[7/14]", &format!("40000{ENTER}"));
    answer(&mut s, "[8/14]", &format!("0{ENTER}"));
    answer(&mut s, "[9/14]", &down(2)); // no
    answer(&mut s, "[10/14]", &down(2)); // no
    answer(&mut s, "[11/14]", &down(2)); // internal
    answer(&mut s, "[12/14]", &down(3)); // what fails today: behaviour
    answer(&mut s, "[13/14]", &down(1)); // fine-tuning available: yes
    answer(&mut s, "[14/14]", &down(2)); // beyond the base model: no
    answer(
        &mut s,
        "Estimate what each option costs?",
        &format!("y{ENTER}"),
    );
    answer(&mut s, "[cost 1/6]", &format!("400{ENTER}")); // prompt tokens
    answer(&mut s, "[cost 2/6]", &format!("5{ENTER}")); // output tokens
    answer(&mut s, "[cost 3/6]", ENTER); // context tokens: unknown
    answer(&mut s, "[cost 4/6]", &format!("200{ENTER}")); // tokens per example
    answer(&mut s, "[cost 5/6]", ENTER); // tokens per document: unknown
    answer(&mut s, "[cost 6/6]", &down(3)); // model tier: llama-3.1-8b-lora
    answer(&mut s, "Add another component?", ENTER); // default: no
    answer(&mut s, "Review: what next?", ENTER); // done
    s.exp_string("wrote triage.yaml").unwrap();
    s.exp_eof().unwrap();
    let status = s.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");

    let file = dir.join("triage.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("workload: pty-demo\n"), "{text}");
    assert!(text.contains("    latency_budget_ms: 500\n"), "{text}");
    // Cost answers are written when given, left out when not.
    assert!(text.contains("    prompt_tokens: 400\n"), "{text}");
    assert!(
        text.contains("    model_tier: llama-3.1-8b-lora\n"),
        "{text}"
    );
    assert!(!text.contains("context_tokens"), "{text}");
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .args(["score", "--format", "json"])
        .arg(&file)
        .env_remove("RAGFIT_RULES")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &json["results"][0];
    assert_eq!(r["component"], "triage");
    // examples/README.md: a static, high-volume, labelled classification task is fine-tune.
    assert_eq!(r["recommendation"], "fine-tune");
    assert_eq!(r["architecture"], "fine-tune");
    assert_eq!(r["matches"], true);
    assert_eq!(r["unanswered"], serde_json::json!([]));
}

#[test]
fn ctrl_c_mid_way_exits_130_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = spawn_ask(tmp.path(), "--output out.yaml");
    answer(&mut s, "Workload name", ENTER);
    answer(&mut s, "Describe the system", ENTER);
    answer(&mut s, "Component name", &format!("triage{ENTER}"));
    answer(&mut s, "What does it do?", ENTER);
    answer(&mut s, "Current or planned architecture", ENTER);
    answer(&mut s, "[1/14]", &down(1));
    s.exp_string("[2/14]").unwrap();
    s.send_control('c').unwrap();
    s.exp_string("cancelled").unwrap();
    s.exp_eof().unwrap();
    let status = s.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "nothing is written: {left:?}");
}

#[test]
fn text_prompts_edit_with_readline_keys_not_letters() {
    const CTRL_U: &str = "\x15";
    const CTRL_W: &str = "\x17";
    const CTRL_A: &str = "\x01";
    const CTRL_K: &str = "\x0b";
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("keys");
    std::fs::create_dir(&dir).unwrap();
    let mut s = spawn_ask(&dir, "--output out.yaml");
    // Ctrl-U deletes what was typed: the name is `support`, not `ujunksupport`.
    answer(
        &mut s,
        "Workload name",
        &format!("junk{CTRL_U}support{ENTER}"),
    );
    // Ctrl-W deletes the word before the cursor; Ctrl-A then Ctrl-K the whole line.
    answer(
        &mut s,
        "Describe the system",
        &format!("old{CTRL_A}{CTRL_K}inbox triage{CTRL_W}assistant{ENTER}"),
    );
    answer(&mut s, "Component name", &format!("faq{ENTER}"));
    rest_of_one_component_unanswered(&mut s);
    answer(&mut s, "Review: what next?", ENTER);
    s.exp_string("wrote out.yaml").unwrap();
    s.exp_eof().unwrap();
    let text = std::fs::read_to_string(dir.join("out.yaml")).unwrap();
    assert!(text.contains("workload: support\n"), "{text}");
    assert!(text.contains("description: inbox assistant\n"), "{text}");
}

#[test]
fn esc_in_the_review_menu_exits_130_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = spawn_ask(tmp.path(), "--output out.yaml");
    answer(&mut s, "Workload name", ENTER);
    answer(&mut s, "Describe the system", ENTER);
    answer(&mut s, "Component name", &format!("faq{ENTER}"));
    rest_of_one_component_unanswered(&mut s);
    answer(&mut s, "Review: what next?", "\x1b");
    s.exp_string("cancelled").unwrap();
    s.exp_eof().unwrap();
    let status = s.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}");
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
}

#[test]
fn a_bad_from_file_is_reported_with_its_position_and_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("bad.yaml"),
        "workload: w\ncomponents:\n  - name: a\n    answers:\n      citations: sometimes\n",
    )
    .unwrap();
    let mut s = spawn_ask(tmp.path(), "--from bad.yaml");
    s.exp_string("error: bad.yaml:5:18: `sometimes` is not a value of `citations`")
        .unwrap();
    s.exp_eof().unwrap();
    let status = s.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 2)), "{status:?}");
}

#[test]
fn without_a_terminal_ask_exits_2_and_points_to_init_and_score() {
    let expect = predicates::str::contains("needs a terminal")
        .and(predicates::str::contains("ragfit init"))
        .and(predicates::str::contains("ragfit score FILE"));
    // stdin and stdout are pipes here.
    assert_cmd::Command::cargo_bin("ragfit")
        .unwrap()
        .arg("ask")
        .write_stdin("")
        .assert()
        .code(2)
        .stdout("")
        .stderr(expect);
    // --no-input refuses even on a terminal.
    let tmp = tempfile::tempdir().unwrap();
    let mut s = spawn_ask(tmp.path(), "--no-input");
    s.exp_string("needs a terminal").unwrap();
    s.exp_eof().unwrap();
    let status = s.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 2)), "{status:?}");
}

#[test]
fn an_output_in_a_missing_directory_is_refused_before_any_question() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = spawn_ask(tmp.path(), "--output nowhere/w.yaml");
    s.exp_string("error: cannot save to nowhere/w.yaml: directory nowhere does not exist")
        .unwrap();
    s.exp_eof().unwrap();
    let status = s.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 2)), "{status:?}");
}

#[test]
fn replacing_a_commented_from_file_warns_that_comments_are_not_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string("examples/support.yaml").unwrap();
    assert!(original.contains("\n#") || original.starts_with('#'));
    std::fs::write(tmp.path().join("support.yaml"), &original).unwrap();
    let mut s = spawn_ask(tmp.path(), "--from support.yaml --output support.yaml");
    answer(&mut s, "Workload name", ENTER);
    answer(&mut s, "Describe the system", ENTER);
    answer(&mut s, "Review: what next?", ENTER); // done
    answer(&mut s, "Replace support.yaml and lose its", "");
    answer(&mut s, "comments will not be kept", &format!("n{ENTER}"));
    // Declining asks for another name; Esc there leaves everything as it was.
    answer(&mut s, "Save to:", "\x1b");
    s.exp_string("cancelled").unwrap();
    s.exp_eof().unwrap();
    let status = s.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}");
    let after = std::fs::read_to_string(tmp.path().join("support.yaml")).unwrap();
    assert_eq!(after, original, "the commented file is untouched");
}

#[test]
fn a_name_that_would_not_read_back_is_refused_at_the_prompt_and_asked_again() {
    const CTRL_U: &str = "\x15";
    let tmp = tempfile::tempdir().unwrap();
    let mut s = spawn_ask(tmp.path(), "--output out.yaml");
    // U+0085 (NEL) used to pass here and fail after the last question.
    answer(
        &mut s,
        "Workload name",
        &format!("acme\u{85}support{ENTER}"),
    );
    answer(
        &mut s,
        "the workload name contains the control character U+0085: remove it",
        &format!("{CTRL_U}acme-support{ENTER}"),
    );
    answer(&mut s, "Describe the system", ENTER);
    answer(&mut s, "Component name", &format!("faq\u{202E}{ENTER}"));
    answer(
        &mut s,
        "contains the bidirectional control U+202E",
        &format!("{CTRL_U}faq{ENTER}"),
    );
    rest_of_one_component_unanswered(&mut s);
    answer(&mut s, "Review: what next?", ENTER);
    s.exp_string("wrote out.yaml").unwrap();
    s.exp_eof().unwrap();
    let status = s.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    let text = std::fs::read_to_string(tmp.path().join("out.yaml")).unwrap();
    assert!(text.contains("workload: acme-support\n"), "{text}");
    assert!(text.contains("- name: faq\n"), "{text}");
}

/// `ask ARGS` in `dir` must stop with `message` and exit 2 before asking anything.
fn refused_before_any_question(dir: &Path, args: &str, message: &str) {
    let mut s = spawn_ask(dir, args);
    let before = s
        .exp_string(message)
        .unwrap_or_else(|e| panic!("waiting for `{message}`: {e}"));
    let after = s.exp_eof().unwrap();
    assert!(
        !before.contains("Workload name") && !after.contains("Workload name"),
        "no question is asked: {before}{after}"
    );
    let status = s.process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 2)), "{status:?}");
}

#[test]
fn an_output_that_is_a_directory_or_read_only_is_refused_before_any_question() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    refused_before_any_question(
        tmp.path(),
        "-o out",
        "error: cannot save to out: it is a directory",
    );
    let locked = tmp.path().join("locked.yaml");
    std::fs::write(&locked, "workload: w\n").unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&locked, perms).unwrap();
    refused_before_any_question(
        tmp.path(),
        "--output locked.yaml",
        "error: cannot save to locked.yaml: the file is read-only",
    );
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), "workload: w\n");
}

#[test]
#[allow(clippy::print_stderr)] // a skipped check says why
fn an_output_in_an_unwritable_directory_is_refused_before_any_question() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ro");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root (or CAP_DAC_OVERRIDE) writes anyway: nothing to refuse then.
    if std::fs::write(dir.join("probe"), "").is_ok() {
        eprintln!("skipped: this user can write into a mode-555 directory (root?)");
        return;
    }
    refused_before_any_question(
        tmp.path(),
        "--output ro/w.yaml",
        "error: cannot save to ro/w.yaml: cannot create a file in ro",
    );
}
