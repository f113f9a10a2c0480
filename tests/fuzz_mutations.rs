//! Mutation fuzzing on stable Rust (issue 14): thousands of byte and line
//! mutations of every example workload and of `rules/default.yaml`, run
//! through the library in-process (most cases) and the binary (a sample).
//!
//! Properties, for every case:
//! - no panic, and no case takes longer than [`CASE_LIMIT`];
//! - the light YAML tree workloads are loaded into reads the text exactly as
//!   `marked-yaml` does (nodes, quoting, positions, or the same error);
//! - every problem the parser or validator reports carries a line and a
//!   column inside the file (never `FILE:0:0`, never a bare `FILE:`), and no
//!   message leaks a Rust type name;
//! - the binary exits 0, 1 or 2 only; every `error:` line it prints for the
//!   mutated file carries `FILE:LINE:COL`, unless it is about the file as a
//!   whole (empty, not UTF-8 text); and `score -f json` stdout always parses.
//!
//! Deterministic: a seeded xorshift generator, so a finding reproduces with
//! the same seed and case number. `RAGFIT_FUZZ_CASES` and `RAGFIT_FUZZ_SEED`
//! change the run; `RAGFIT_FUZZ_SECONDS` bounds its time (default 40 s);
//! `RAGFIT_FUZZ_SAVE=DIR` writes each finding's input there.
//! Each finding so far is kept in `tests/fixtures/fuzz/` and replayed by
//! [`fixtures_stay_fixed`]; `cargo fuzz` (see `fuzz/`) runs longer.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use ragfit::diag::Diagnostic;
use ragfit::rules::{self, RuleBase};

mod rng;
use rng::Rng;

mod yaml_trees;
use yaml_trees::trees_disagree;

/// Longest a single case may take (the issue's "no hang" bound).
const CASE_LIMIT: Duration = Duration::from_secs(2);

/// YAML punctuation and hostile tokens to insert.
const TOKENS: &[&str] = &[
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!tag ",
    "|",
    ">",
    "'",
    "\"",
    "#",
    "\n---\n",
    "\n...\n",
    "%YAML 9.9\n",
    "\t",
    "~",
    "\u{feff}",
    "\u{85}",
    "\u{202e}",
    "\\",
    "\n  ",
    "\r",
    "\x1b[31m",
];

/// Numbers that break naive arithmetic or parsing.
const NUMBERS: &[&str] = &[
    "99999999999999999999",
    "-9223372036854775808",
    "9223372036854775807",
    "9007199254740993",
    "1e309",
    "-1e309",
    ".nan",
    "NaN",
    "inf",
    "-.inf",
    "0x7fffffffffffffff",
    "-0",
    "1.5",
    "''",
    "",
];

/// One mutation of `text`, by kind; the text stays valid UTF-8 except where
/// a byte flip makes it otherwise (that goes through the byte path).
fn mutate(rng: &mut Rng, text: &str) -> Vec<u8> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let n = lines.len();
    match rng.below(11) {
        0 => {
            lines.remove(rng.below(n));
        }
        1 => {
            let i = rng.below(n);
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        2 => {
            let (i, j) = (rng.below(n), rng.below(n));
            lines.swap(i, j);
        }
        3 => {
            // Flip a byte: anything, including invalid UTF-8 and NUL.
            let mut b = text.as_bytes().to_vec();
            if !b.is_empty() {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            return b;
        }
        4 => {
            let i = rng.below(n);
            let at = rng.below(lines[i].len() + 1);
            let at = (0..=at)
                .rev()
                .find(|&k| lines[i].is_char_boundary(k))
                .unwrap_or(0);
            let token = *rng.pick(TOKENS);
            lines[i].insert_str(at, token);
        }
        5 => {
            let cut = rng.below(text.len() + 1);
            let cut = (0..=cut)
                .rev()
                .find(|&k| text.is_char_boundary(k))
                .unwrap_or(0);
            return text.as_bytes()[..cut].to_vec();
        }
        6 => {
            let ending = if rng.below(2) == 0 { "\r" } else { "\r\n" };
            return lines.join(ending).into_bytes();
        }
        7 => {
            // Replace a number anywhere (flow mappings included) with a hostile one.
            let b = text.as_bytes();
            let starts: Vec<usize> = (0..b.len())
                .filter(|&i| b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()))
                .collect();
            if let Some(&i) = starts.get(rng.below(starts.len())) {
                let end = (i..b.len())
                    .find(|&j| !b[j].is_ascii_digit())
                    .unwrap_or(b.len());
                let value = *rng.pick(NUMBERS);
                return format!("{}{value}{}", &text[..i], &text[end..]).into_bytes();
            }
        }
        8 => {
            // Replace the value of some `key: value` line with a hostile number.
            let with_value: Vec<usize> = (0..n).filter(|&i| lines[i].contains(": ")).collect();
            if let Some(&i) = with_value.get(rng.below(with_value.len())) {
                let at = lines[i].rfind(": ").unwrap() + 2;
                let value = *rng.pick(NUMBERS);
                lines[i].truncate(at);
                lines[i].push_str(value);
            }
        }
        9 => {
            // Indent or dedent a line.
            let i = rng.below(n);
            if rng.below(2) == 0 {
                lines[i].insert_str(0, "  ");
            } else {
                lines[i] = lines[i].trim_start().to_string();
            }
        }
        _ => {
            // Empty a value.
            let i = rng.below(n);
            if let Some(at) = lines[i].find(": ") {
                lines[i].truncate(at + 1);
            }
        }
    }
    lines.join("\n").into_bytes()
}

/// What is wrong with a list of diagnostics for `text` named `name`.
fn check_positions(name: &str, text: &str, problems: &[Diagnostic]) -> Option<String> {
    let lines = text.split(['\n', '\r']).count() + 1;
    for d in problems {
        if d.path != name {
            continue;
        }
        match d.pos {
            None => return Some(format!("no position: {d}")),
            Some(p) if p.line == 0 || p.column == 0 || p.line > lines => {
                return Some(format!("position outside the file: {d}"));
            }
            _ => {}
        }
        if d.message.contains("struct ") || d.message.contains("Raw") {
            return Some(format!("leaks a type name: {d}"));
        }
    }
    None
}

/// Run one case in-process: the text as a workload under `rb`, or as a
/// rule base scoring `workloads`. `Err` is a finding.
fn in_process(
    rb: &RuleBase,
    workloads: &[(String, String)],
    as_rules: bool,
    bytes: &[u8],
) -> Result<(), String> {
    // What input.rs refuses before parsing is covered by the binary sample.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    if text.trim().is_empty() || text.contains('\0') {
        return Ok(());
    }
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if let Some(f) = trees_disagree(text) {
            return Some(f);
        }
        if as_rules {
            match rules::load_str(text, "r.yaml") {
                Err(e) => check_positions("r.yaml", text, e.diagnostics()),
                // One example per case, in turn: loading the rule base is most of
                // the cost, and every example still meets every kind of mutant.
                Ok(custom) => {
                    let (name, w) = &workloads[text.len() % workloads.len()];
                    score_text(&custom, name, w)
                        .err()
                        .map(|e| format!("{name}: {e}"))
                }
            }
        } else {
            score_text(rb, "w.yaml", text).err()
        }
    }));
    let took = started.elapsed();
    match outcome {
        Err(p) => Err(format!(
            "panic: {}",
            p.downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default()
        )),
        Ok(Some(f)) => Err(f),
        Ok(None) if took > CASE_LIMIT => Err(format!("took {took:?}")),
        Ok(None) => Ok(()),
    }
}

/// Parse and assess a workload; problems must be positioned.
fn score_text(rb: &RuleBase, name: &str, text: &str) -> Result<(), String> {
    match ragfit::workload::parse(rb, name, text) {
        Err(problems) => check_positions(name, text, &problems).map_or(Ok(()), Err),
        Ok(w) => {
            for c in &w.components {
                let a = ragfit::engine::assess(rb, &c.answers);
                if !(0.0..=1.0).contains(&a.confidence) {
                    return Err(format!("confidence {} out of range", a.confidence));
                }
                if let Some(d) = ragfit::pipeline::nothing_allowed(rb, name, c, &a) {
                    check_positions(name, text, std::slice::from_ref(&d)).map_or(Ok(()), Err)?;
                }
            }
            Ok(())
        }
    }
}

/// Messages about a file as a whole, which have no line to point at.
fn whole_file(line: &str) -> bool {
    [
        "file is empty",
        "file is larger than",
        "file is UTF-16 text",
        "file is UTF-32 text",
        "the rule base is invalid",
        "invalid input",
    ]
    .iter()
    .any(|m| line.contains(m))
}

/// Run the binary on one case, in a temporary directory. `Err` is a finding.
fn binary(bytes: &[u8], as_rules: bool, examples: &Path) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.yaml");
    std::fs::write(&file, bytes).unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("ragfit").unwrap();
    cmd.current_dir(dir.path())
        .env_remove("RAGFIT_RULES")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1")
        .timeout(CASE_LIMIT * 3);
    if as_rules {
        cmd.args(["--rules", "m.yaml", "score", "-f", "json"])
            .arg(examples);
    } else {
        cmd.args(["score", "-f", "json", "m.yaml"]);
    }
    let started = Instant::now();
    let out = cmd.output().map_err(|e| format!("cannot run: {e}"))?;
    let took = started.elapsed();
    let code = out.status.code();
    if !matches!(code, Some(0..=2)) {
        return Err(format!("exit {code:?} after {took:?}"));
    }
    if took > CASE_LIMIT * 2 {
        // The binary pays process start-up on top of the case itself.
        return Err(format!("took {took:?}"));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    if serde_json::from_str::<serde_json::Value>(&stdout).is_err() && code != Some(2) {
        return Err(format!("stdout is not JSON: {stdout:.200}"));
    }
    for line in String::from_utf8_lossy(&out.stderr).lines() {
        let Some(rest) = line.strip_prefix("error: m.yaml") else {
            continue;
        };
        let positioned = rest.split(':').take(3).collect::<Vec<_>>();
        let numbers = positioned.len() == 3
            && positioned[1].parse::<usize>().is_ok_and(|l| l > 0)
            && positioned[2].parse::<usize>().is_ok_and(|c| c > 0);
        if !numbers && !whole_file(line) && !rest.contains("not valid UTF-8") {
            return Err(format!("no FILE:LINE:COL: {line}"));
        }
    }
    Ok(())
}

/// The seeds to mutate: every example workload and the default rule base.
fn corpus() -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    for p in names {
        let text = std::fs::read_to_string(&p).unwrap();
        out.push((p.display().to_string(), text, false));
    }
    out.push((
        "rules/default.yaml".into(),
        rules::DEFAULT_RULES.into(),
        true,
    ));
    out
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn mutations_never_panic_hang_or_lose_their_position() {
    // Run where the pipeline runs files: a worker thread's 2 MiB stack.
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(run_mutations)
        .unwrap()
        .join()
        .unwrap();
}

fn run_mutations() {
    let cases = env_number("RAGFIT_FUZZ_CASES", 5_000);
    let seed = env_number("RAGFIT_FUZZ_SEED", 0x5EED_1400);
    let budget = Duration::from_secs(env_number("RAGFIT_FUZZ_SECONDS", 40));
    let binary_every = env_number("RAGFIT_FUZZ_BINARY_EVERY", 50);
    let rb = rules::load_default().unwrap();
    let seeds = corpus();
    let workloads: Vec<(String, String)> = seeds
        .iter()
        .filter(|(_, _, r)| !r)
        .map(|(n, t, _)| (n.clone(), t.clone()))
        .collect();
    let examples = std::fs::canonicalize("examples").unwrap();
    let started = Instant::now();
    let mut findings: Vec<String> = Vec::new();
    let (mut ran, mut in_binary) = (0u64, 0u64);
    let mut spent = [Duration::ZERO; 2];
    for case in 0..cases {
        if started.elapsed() > budget {
            break;
        }
        let mut rng = Rng(seed ^ case.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let (name, text, as_rules) = &seeds[(case % seeds.len() as u64) as usize];
        let mut bytes = mutate(&mut rng, text);
        for _ in 0..rng.below(3) {
            match String::from_utf8(bytes.clone()) {
                Ok(t) => bytes = mutate(&mut rng, &t),
                Err(_) => break,
            }
        }
        let t0 = Instant::now();
        let mut result = in_process(&rb, &workloads, *as_rules, &bytes);
        spent[usize::from(*as_rules)] += t0.elapsed();
        if result.is_ok() && case % binary_every == 0 {
            in_binary += 1;
            result = binary(&bytes, *as_rules, &examples);
        }
        ran += 1;
        if let Err(f) = result {
            // RAGFIT_FUZZ_SAVE=DIR keeps each finding's input, to turn into a fixture.
            if let Ok(dir) = std::env::var("RAGFIT_FUZZ_SAVE") {
                let kind = if *as_rules { "rules.yaml" } else { "yaml" };
                std::fs::write(Path::new(&dir).join(format!("case-{case}.{kind}")), &bytes)
                    .unwrap();
            }
            findings.push(format!(
                "case {case} (seed {seed:#x}) of {name}: {f}\n    input: {:?}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
            ));
        }
    }
    // Straight to stderr, past the test harness's capture: CI logs show the
    // count and the findings on every run, not only when the test fails.
    let mut report = format!(
        "fuzz: {ran} cases ({in_binary} through the binary) in {:.1?} \
         (in-process: workloads {:.1?}, rule bases {:.1?}), {} findings\n",
        started.elapsed(),
        spent[0],
        spent[1],
        findings.len()
    );
    for f in &findings {
        report.push_str(&format!("  {f}\n"));
    }
    std::io::stderr().write_all(report.as_bytes()).unwrap();
    assert!(
        ran >= 1_000.min(cases),
        "too few cases ran in the time budget: {ran}"
    );
    assert!(
        findings.is_empty(),
        "{} findings (listed above)",
        findings.len()
    );
}

/// Every case the harness ever found, replayed: `*.rules.yaml` as a rule base,
/// the rest as workloads, both in-process and through the binary.
#[test]
fn fixtures_stay_fixed() {
    let rb = rules::load_default().unwrap();
    let workloads: Vec<(String, String)> = corpus()
        .into_iter()
        .filter(|(_, _, r)| !r)
        .map(|(n, t, _)| (n, t))
        .collect();
    let examples = std::fs::canonicalize("examples").unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir("tests/fixtures/fuzz").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".yaml") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let as_rules = name.ends_with(".rules.yaml");
        let found = in_process(&rb, &workloads, as_rules, &bytes)
            .and_then(|()| binary(&bytes, as_rules, &examples));
        assert_eq!(found, Ok(()), "{name}");
        seen += 1;
    }
    assert!(seen > 0, "no fixtures in tests/fixtures/fuzz");
}

/// Valid constructs mutations rarely build whole, read alike by both YAML
/// loaders (the refusals are unit tests of `src/yaml/tree.rs`).
#[test]
fn both_yaml_loaders_read_every_construct_alike() {
    let many_keys: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
    for text in [
        "a: 1\n",
        "---\na: 1\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: {b: 1, c: [x, 'y', \"z\"]}\n",
        "a: [1, [2, [3]], {}]\n",
        "a:\nb: ~\nc: null\nd: ''\n",
        "'quoted key': 1\n\"double\": 2\n",
        "? complex\n: value\n",
        "a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n",
        "a: plain\n  continued\n  lines\n",
        "# only a comment\n",
        "a: 1 # trailing comment\n# between\nb: 2\n",
        "list:\n- a\n- - b\n  - c\n- {d: e}\n",
        "a:\n  - name: x\n    answers:\n      citations: required\n",
        "a: \"esc\\u00e9\\n\"\nb: 'it''s'\n",
        "a:\t1\n",
        "\u{feff}a: 1\n",
        "a: 1\r\nb: 2\r\n",
        &many_keys,
    ] {
        assert_eq!(trees_disagree(text), None, "{text:?}");
    }
}
