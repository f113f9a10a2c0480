//! The shipped CI examples run `ragfit check` with options that exist: every
//! `ragfit check ...` command in them is run here against `examples/`.

use assert_cmd::Command;

const FILES: [&str; 3] = [
    "examples/ci/.github/workflows/ragfit.yml",
    "examples/ci/.gitlab-ci.yml",
    ".pre-commit-hooks.yaml",
];

/// The `ragfit check` command lines of a file, as argument lists.
fn commands(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.contains("name:"))
        .filter_map(|l| {
            let at = l.find("ragfit check ")?;
            let rest = &l[at + "ragfit check ".len()..];
            Some(rest.split_whitespace().map(str::to_string).collect())
        })
        .collect()
}

#[test]
fn ci_examples_use_real_options() {
    let mut seen = 0;
    for file in FILES {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        for args in commands(&text) {
            seen += 1;
            let dir = tempfile::tempdir().unwrap();
            let args: Vec<String> = args
                .into_iter()
                .map(|a| match a.as_str() {
                    "$WORKLOADS" => "examples/".to_string(),
                    "ragfit.sarif" | "ragfit-junit.xml" => {
                        dir.path().join(&a).display().to_string()
                    }
                    _ => a,
                })
                .collect();
            let out = Command::cargo_bin("ragfit")
                .unwrap()
                .arg("check")
                .args(&args)
                .env_remove("GITHUB_STEP_SUMMARY")
                .env_remove("RAGFIT_TODAY")
                .output()
                .unwrap();
            let code = out.status.code();
            // examples/ holds a deliberate mismatch: 1, or 0 with --fail-on never.
            let expected = if args.iter().any(|a| a == "never") {
                0
            } else {
                1
            };
            assert_eq!(
                code,
                Some(expected),
                "{file}: ragfit check {}\n{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    // The GitHub workflow has two invocations and the GitLab job one.
    assert_eq!(seen, 3);
}

#[test]
fn the_pre_commit_hook_is_named_ragfit_check() {
    let text = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    assert!(text.contains("- id: ragfit-check\n"));
    assert!(text.contains("entry: ragfit check\n"));
}

/// The hook's `files:` pattern (pre-commit applies it with Python's
/// `re.search`; this pattern means the same under the `regex` crate).
fn hook_pattern() -> regex::Regex {
    let text = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let hooks = ragfit::yaml::to_json_value(&format!("hooks:\n{}", indent(&text))).unwrap();
    let files = hooks["hooks"][0]["files"].as_str().unwrap().to_string();
    regex::Regex::new(&files).unwrap()
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

#[test]
fn the_pre_commit_hook_matches_what_init_and_ask_write_and_not_the_config() {
    let re = hook_pattern();
    // What `init` writes by default: run it and match the file it wrote.
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("ragfit")
        .unwrap()
        .arg("init")
        .current_dir(dir.path())
        .env_remove("RAGFIT_RULES")
        .assert()
        .success();
    let written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, ["ragfit.yaml"]);
    // `ask` suggests WORKLOAD.ragfit.yaml (unit-tested in src/ask/tests).
    for name in [
        "ragfit.yaml",
        "acme-support.ragfit.yaml",
        "workloads/acme-support.ragfit.yaml",
        "a/b/ragfit.yml",
    ] {
        assert!(re.is_match(name), "{name} should be checked");
    }
    // The configuration file, hidden files and other YAML are not workloads.
    for name in [
        ".ragfit.yaml",
        "sub/.ragfit.yaml",
        ".github/workflows/ragfit.yml.bak",
        "ci.yaml",
        "notragfit.yaml",
    ] {
        assert!(!re.is_match(name), "{name} should not be checked");
    }
}
