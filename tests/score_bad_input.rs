//! Bad input, end to end through the real binary.
//!
//! Every bad input is scored next to a good file (`tests/fixtures/good/tiny.yaml`)
//! with `--format json`, and every case must: exit 2; print one
//! `error: <file>[:line:col]: ...` line per problem on stderr, naming the file;
//! never panic; and still score and print the good file on stdout, whose JSON
//! lists the same problems under `errors`. Inputs that cannot sensibly be
//! committed (huge, deep, binary, unreadable, symlinks) are generated into a
//! temporary directory.

mod bad_input;
use bad_input::*;
use serde_json::Value;
use std::path::Path;

// ---- unreadable or unparseable files ----------------------------------------

#[test]
fn malformed_yaml() {
    assert_problems(
        "malformed.yaml",
        &["5:1: invalid YAML: while parsing a flow mapping, did not find expected ',' or '}'"],
    );
    assert_problems(
        "tab-indent.yaml",
        &["3:11: invalid YAML: while scanning a plain scalar, found a tab"],
    );
    assert_problems(
        "top-level-list.yaml",
        &["1:1: the top level must be a mapping of keys to values \
           (start the file with `workload: NAME`; `ragfit init` writes a starter file)"],
    );
}

#[test]
fn alias_bomb_is_refused_at_the_first_anchor() {
    assert_problems(
        "alias-bomb.yaml",
        &[
            "2:7: YAML anchors and aliases (`&name`, `*name`) are not supported \
           (write the values out in full)",
        ],
    );
}

#[test]
fn non_utf8_points_at_the_bad_byte() {
    assert_problems(
        "latin1.yaml",
        &["1:14: file is not valid UTF-8 (save the file as UTF-8)"],
    );
}

#[test]
fn empty_and_comment_only_files() {
    let path = bad("empty.yaml");
    assert_eq!(
        score_with_good(&[&path]),
        [format!(
            "error: {path}: file is empty (`ragfit init FILE` writes a starter workload)"
        )]
    );
    assert_problems(
        "comment-only.yaml",
        &[
            "3:1: the workload file is missing `workload:` (add `workload: ...`)",
            "3:1: the workload file is missing `components:` \
             (list at least one component with `- name: ...`)",
        ],
    );
}

#[test]
fn missing_path() {
    let lines = score_with_good(&["tests/fixtures/bad/no-such-file.yaml"]);
    assert_eq!(
        lines,
        [
            "error: tests/fixtures/bad/no-such-file.yaml: no such file or directory \
          (check the path; pass a workload file, a directory, or - for stdin)"
        ]
    );
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.yaml");
    let mut bytes = b"workload: x\n".to_vec();
    bytes.extend((0u8..=255).cycle().take(4096));
    std::fs::write(&path, bytes).unwrap();
    let p = path.display().to_string();
    assert_eq!(
        score_with_good(&[&p]),
        [format!(
            "error: {p}:2:1: binary file (contains a NUL byte) (ragfit reads YAML text files)"
        )]
    );
}

#[test]
fn files_over_the_size_cap_are_refused_before_parsing() {
    let cap = ragfit::input::MAX_FILE_BYTES as usize;
    let dir = tempfile::tempdir().unwrap();
    // Valid YAML padded with a comment, so only the size can be wrong.
    let body = std::fs::read_to_string(GOOD).unwrap();
    let padded = |len: usize| format!("{body}#{}\n", "x".repeat(len - body.len() - 2));
    let over = dir.path().join("over.yaml");
    std::fs::write(&over, padded(cap + 1)).unwrap();
    let p = over.display().to_string();
    assert_eq!(
        score_with_good(&[&p]),
        [format!(
            "error: {p}: file is larger than the 1024 KiB limit \
             (workload files are small; split it into several files)"
        )]
    );
    // Exactly at the cap is still read.
    let at = dir.path().join("at.yaml");
    std::fs::write(&at, padded(cap)).unwrap();
    ragfit()
        .args(["score", "--format", "csv"])
        .arg(&at)
        .assert()
        .success();
}

#[test]
fn deep_flow_nesting_hits_the_parser_limit_without_overflow() {
    let dir = tempfile::tempdir().unwrap();
    for (name, open, close) in [("brackets.yaml", "[", "]"), ("braces.yaml", "{a: ", "}")] {
        let path = dir.path().join(name);
        let text = format!(
            "workload: deep\ncomponents: {}1{}\n",
            open.repeat(100_000),
            close.repeat(100_000)
        );
        std::fs::write(&path, text).unwrap();
        let p = path.display().to_string();
        let lines = score_with_good(&[&p]);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with(&format!("error: {p}:2:"))
                && lines[0].ends_with(": invalid YAML: recursion limit exceeded"),
            "{lines:?}"
        );
    }
}

#[test]
fn deep_block_nesting_is_refused_before_parsing() {
    // `- - - - …` nests one block sequence per two bytes; unguarded, the
    // recursive loader overflows the stack on a few thousand levels.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dashes.yaml");
    std::fs::write(
        &path,
        format!("workload: deep\ncomponents:\n{}x\n", "- ".repeat(400_000)),
    )
    .unwrap();
    let p = path.display().to_string();
    let col = ragfit::yaml::MAX_NESTING_COLUMN;
    assert_eq!(
        score_with_good(&[&p]),
        [format!(
            "error: {p}:3:{}: nesting is too deep (content starts past column {col}) \
             (workload files need only a few levels of indentation)",
            col + 2
        )]
    );
    // Deep indentation is refused the same way.
    let indented = dir.path().join("indented.yaml");
    let text: String = (0..300)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    std::fs::write(&indented, format!("workload: deep\n{text}")).unwrap();
    let p = indented.display().to_string();
    let lines = score_with_good(&[&p]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains(": nesting is too deep"), "{lines:?}");
}

#[test]
fn unreadable_file() {
    // As root (CI), permission bits do not stop a read, so chmod 000 proves
    // nothing there: the check below is skipped when the file stays readable.
    // /proc/self/mem is the "another way": it opens but every read at offset 0
    // fails, for root too.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.yaml");
    std::fs::copy(GOOD, &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_err() {
        let p = path.display().to_string();
        assert_eq!(
            score_with_good(&[&p]),
            [format!("error: {p}: permission denied")]
        );
    } else {
        // The test harness shows this note with --nocapture; it is not output of ragfit.
        #[allow(clippy::print_stderr)]
        let () = eprintln!("running as root: chmod 000 does not make a file unreadable; skipped");
    }
    if Path::new("/proc/self/mem").exists() {
        let lines = score_with_good(&["/proc/self/mem"]);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with("error: /proc/self/mem: cannot read: "),
            "{lines:?}"
        );
    }
}

#[test]
fn directory_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    std::fs::create_dir(&team).unwrap();
    std::fs::copy("tests/fixtures/rules/workload.yaml", team.join("w.yaml")).unwrap();
    std::os::unix::fs::symlink("..", team.join("back")).unwrap();
    let root = dir.path().display().to_string();
    let r = run(ragfit().args(["score", "--format", "csv", &root]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!("error: {root}/team/back: symbolic link loop; skipped\n")
    );
    // The loop is skipped, the file beside it is still read (and is invalid under
    // the default rules only because of its answers, which is not what we test).
    assert!(
        r.stdout.starts_with("path,workload,component"),
        "{}",
        r.stdout
    );

    // A link to itself, named like a workload file.
    let selfie = dir.path().join("self.yaml");
    std::os::unix::fs::symlink(&selfie, &selfie).unwrap();
    let p = selfie.display().to_string();
    let lines = score_with_good(&[&p]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(&format!("error: {p}: ")), "{lines:?}");
}

#[test]
fn directory_with_no_workload_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a workload").unwrap();
    let p = dir.path().display().to_string();
    assert_eq!(
        score_with_good(&[&p]),
        [format!(
            "error: {p}: directory holds no workload files (*.yaml, *.yml) \
             (`ragfit init FILE` writes a starter workload)"
        )]
    );
}

#[test]
fn bad_stdin_is_named_stdin() {
    let r = run(ragfit()
        .args(["score", "--format", "json", "-", GOOD])
        .write_stdin("workload: x\ncomponents: []\n"));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: <stdin>:2:13: `components` is empty: there is nothing to assess \
         (list at least one component with `- name: ...`)\n"
    );
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["results"].as_array().unwrap().len(), 2);
}

#[test]
fn only_bad_files_still_print_a_valid_empty_report() {
    let r = run(ragfit().args(["score", "--format", "csv", &bad("empty.yaml")]));
    assert_eq!(r.code, 2);
    // The columns do not depend on whether anything was scored.
    assert_eq!(
        r.stdout,
        "path,workload,component,recommendation,confidence,borderline,knowledge_score,\
         behavior_score,architecture,matches,excluded,alternatives,unanswered\n"
    );
    let r = run(ragfit().args(["score", "--format", "json", &bad("empty.yaml")]));
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["results"], serde_json::json!([]));
    assert_eq!(json["errors"].as_array().unwrap().len(), 1);
}
