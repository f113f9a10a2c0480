//! The shipped CI examples run `ragfit check` with options that exist: every
//! `ragfit check ...` command in them is run here against `examples/`.

use assert_cmd::Command;

const FILES: [&str; 4] = [
    "examples/ci/.github/workflows/ragfit.yml",
    "examples/ci/.gitlab-ci.yml",
    ".pre-commit-hooks.yaml",
    "action.yml",
];

/// The `ragfit SUBCOMMAND ...` command lines of a file, as argument lists
/// (up to a `||` or `;`), without shell expansions that name nothing
/// (`$ARGS`, `${FAIL_ON:+...}`).
fn commands(text: &str, sub: &str) -> Vec<Vec<String>> {
    let needle = format!("ragfit {sub} ");
    text.lines()
        .filter(|l| {
            !l.trim_start().starts_with('#') && !l.contains("name:") && !l.contains("description:")
        })
        .filter_map(|l| {
            let at = l.find(&needle)?;
            let rest = &l[at + needle.len()..];
            let rest = rest.split("||").next().unwrap().split(';').next().unwrap();
            let mut args: Vec<String> = Vec::new();
            let mut skip = false;
            for word in rest.split_whitespace() {
                let word = word.trim_matches('"');
                if skip {
                    skip = !word.ends_with('}');
                    continue;
                }
                if word.starts_with("${") {
                    skip = !word.ends_with('}');
                    continue;
                }
                if word == "$ARGS" {
                    continue;
                }
                args.push(word.to_string());
            }
            Some(args)
        })
        .collect()
}

/// Run `ragfit SUB ARGS` as a CI file would, with its variables filled in.
fn run_like_ci(sub: &str, args: Vec<String>) -> (Vec<String>, Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut after_base = false;
    let args: Vec<String> = args
        .into_iter()
        .map(|a| {
            let a = if after_base { "HEAD".to_string() } else { a };
            after_base = a == "--base";
            match a.as_str() {
                "$WORKLOADS" | "$PATHS" => "examples/".to_string(),
                _ if a.ends_with(".sarif") || a.ends_with(".xml") || a.ends_with(".md") => {
                    dir.path().join("out").display().to_string()
                }
                _ => a,
            }
        })
        .collect();
    let out = Command::cargo_bin("ragfit")
        .unwrap()
        .env_remove("COLUMNS")
        .arg(sub)
        .args(&args)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("RAGFIT_TODAY")
        .output()
        .unwrap();
    (
        args,
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn ci_examples_use_real_options() {
    let mut seen = 0;
    for file in FILES {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        for args in commands(&text, "check") {
            seen += 1;
            let (args, code, err) = run_like_ci("check", args);
            // examples/ holds a deliberate mismatch: 1, or 0 with --fail-on never.
            let expected = if args.iter().any(|a| a == "never") {
                0
            } else {
                1
            };
            assert_eq!(
                code,
                Some(expected),
                "{file}: ragfit check {}\n{err}",
                args.join(" ")
            );
        }
    }
    // GitHub workflow 2, GitLab 1, the action 2.
    assert_eq!(seen, 5);
}

#[test]
fn ci_examples_run_diff_with_real_options() {
    let mut seen = 0;
    for file in FILES {
        let text = std::fs::read_to_string(file).unwrap();
        for args in commands(&text, "diff") {
            seen += 1;
            let (args, code, err) = run_like_ci("diff", args);
            // Against HEAD in this repository: 0, or 1 while examples/ has
            // uncommitted edits; never a usage error.
            assert!(
                matches!(code, Some(0 | 1)),
                "{file}: ragfit diff {}\n{err}",
                args.join(" ")
            );
        }
    }
    // GitHub workflow, GitLab, the action.
    assert_eq!(seen, 3);
}

#[test]
fn the_action_is_a_composite_that_installs_from_its_own_ref_caches_and_uploads_sarif() {
    let text = std::fs::read_to_string("action.yml").unwrap();
    let action = ragfit::yaml::to_json_value(&text).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(runs
        .iter()
        .any(|r| r.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\"")));
    assert!(uses.iter().any(|u| u.starts_with("actions/cache@")));
    assert!(uses
        .iter()
        .any(|u| u.starts_with("github/codeql-action/upload-sarif@")));
    for s in steps.iter().filter(|s| s["run"].is_string()) {
        assert_eq!(s["shell"], "bash", "composite run steps need a shell: {s}");
        // Inputs reach scripts through the environment, never spliced into them.
        assert!(!s["run"].as_str().unwrap().contains("${{ inputs."), "{s}");
    }
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
