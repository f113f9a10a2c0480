//! The README's console examples are real: every ```console block that runs
//! one `ragfit` command and is not abridged (`…`) must print exactly what the
//! README shows, so the documentation cannot drift from the binary.

use assert_cmd::Command;

struct Example {
    line: usize,
    args: Vec<String>,
    expected: String,
}

fn examples() -> Vec<Example> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut out = Vec::new();
    let mut lines = readme.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        if line != "```console" {
            continue;
        }
        let block: Vec<&str> = lines
            .by_ref()
            .map(|(_, l)| l)
            .take_while(|l| *l != "```")
            .collect();
        let Some(command) = block.first().and_then(|l| l.strip_prefix("$ ragfit ")) else {
            continue;
        };
        let body = &block[1..];
        if body.iter().any(|l| l.starts_with("$ ") || l.contains('…')) {
            continue; // several commands, or abridged output
        }
        out.push(Example {
            line: i + 1,
            args: command.split_whitespace().map(String::from).collect(),
            expected: body.iter().map(|l| format!("{l}\n")).collect(),
        });
    }
    out
}

#[test]
fn console_examples_match_the_binary() {
    let examples = examples();
    assert!(
        examples.len() >= 5,
        "found only {} runnable examples",
        examples.len()
    );
    for ex in examples {
        let output = Command::cargo_bin("ragfit")
            .unwrap()
            .env_remove("COLUMNS")
            .args(&ex.args)
            .env("NO_COLOR", "1")
            .env_remove("RAGFIT_RULES")
            .env_remove("RAGFIT_PRICES")
            .env_remove("GITHUB_STEP_SUMMARY")
            .output()
            .unwrap();
        // Each example prints to one stream only, so concatenating is deterministic.
        let got = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            got,
            ex.expected,
            "README.md line {}: `ragfit {}` prints something else",
            ex.line,
            ex.args.join(" ")
        );
    }
}
