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
                .env_remove("COLUMNS")
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
