//! Benchmark: score 10,000 generated workload files.
//!
//! Run with `cargo bench --bench score`. It is not a test: it prints figures.
//!
//! Three measurements over the same files, all parallel (rayon) as `score` is:
//! - **parse**: expand the directory, read, and validate every file
//!   (`pipeline::parse_paths`);
//! - **parse + assess**: the same plus the engine (scores, gates, near misses,
//!   the exhaustive alternatives search) — the cost of *scoring*;
//! - **score**: the full `score --format json` path — parse, assess, build the
//!   report and render it (~5 KB of JSON per component), output discarded.
//!
//! A quick median-of-N pass prints files/s and the ratios to parse-only (the
//! target for scoring is <= 1.5); criterion then measures all three with its
//! usual statistics. `RAGFIT_BENCH_QUICK=1` stops after the quick pass.

// A benchmark reports on stdout; the library-wide print lint is for the library.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use ragfit::report::score::{self as report, ScoreFormat, ScoreReport};
use ragfit::rules::RuleBase;
use ragfit::{pipeline, rules};

const FILES: usize = 10_000;
const QUICK_RUNS: usize = 7;

/// The contract factors and the values the generator picks from.
const FACTORS: &[(&str, &[&str])] = &[
    (
        "knowledge_volatility",
        &[
            "static",
            "yearly",
            "quarterly",
            "monthly",
            "weekly",
            "daily",
            "realtime",
        ],
    ),
    ("citations", &["none", "helpful", "required", "audited"]),
    ("latency_budget_ms", &["150", "300", "800", "2500", "10000"]),
    ("daily_requests", &["0", "200", "5000", "40000", "250000"]),
    (
        "task_shape",
        &[
            "open-ended-qa",
            "conversation",
            "classification",
            "extraction",
            "structured-generation",
            "summarization",
            "creative-generation",
            "code-generation",
            "agentic-tool-use",
        ],
    ),
    ("output_consistency", &["low", "medium", "high"]),
    ("labeled_examples", &["0", "30", "300", "5000"]),
    ("knowledge_size_docs", &["0", "40", "1800", "120000"]),
    ("deletion_required", &["true", "false"]),
    ("shared_across_teams", &["true", "false"]),
    ("data_sensitivity", &["public", "internal", "regulated"]),
];

/// A small deterministic generator (xorshift64*): same files every run, no extra crate.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

fn workload_text(rng: &mut Rng, i: usize) -> String {
    let mut s = format!(
        "# generated workload {i}\nworkload: bench-{i}\ndescription: generated for the score benchmark\ncomponents:\n"
    );
    for c in 0..3 + rng.below(3) {
        s.push_str(&format!("  - name: component-{c}\n"));
        if rng.below(2) == 0 {
            let arch = ["rag", "fine-tune", "hybrid", "prompt-only"][rng.below(4)];
            s.push_str(&format!("    architecture: {arch}\n"));
        }
        s.push_str("    answers:\n");
        for (factor, values) in FACTORS {
            // Leave about one answer in ten out or unknown, as real files do.
            match rng.below(20) {
                0 => continue,
                1 => s.push_str(&format!("      {factor}: unknown\n")),
                _ => s.push_str(&format!(
                    "      {factor}: {}\n",
                    values[rng.below(values.len())]
                )),
            }
        }
    }
    s
}

fn generate(dir: &Path) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..FILES {
        // 100 sub-directories, like a repository of services; exercises the walk too.
        let sub = dir.join(format!("team-{:02}", i % 100));
        std::fs::create_dir_all(&sub).expect("create bench dir");
        std::fs::write(
            sub.join(format!("w{i:05}.yaml")),
            workload_text(&mut rng, i),
        )
        .expect("write bench file");
    }
}

fn parse_only(rb: &RuleBase, paths: &[String]) -> usize {
    let (workloads, problems) = pipeline::parse_paths(rb, paths);
    assert!(
        problems.is_empty(),
        "generated files must be valid: {problems:?}"
    );
    black_box(workloads).len()
}

/// The engine path: read, validate and assess (incl. alternatives), no output.
fn assess_only(rb: &RuleBase, paths: &[String]) -> usize {
    let batch = pipeline::assess_paths(rb, paths, &[]).expect("assess");
    let (assessed, problems) = (batch.assessed, batch.problems);
    assert!(problems.is_empty());
    black_box(assessed).len()
}

fn score(rb: &RuleBase, paths: &[String]) -> usize {
    let batch = pipeline::assess_paths(rb, paths, &[]).expect("assess");
    let (assessed, problems) = (batch.assessed, batch.problems);
    assert!(problems.is_empty());
    let report = ScoreReport::build(rb, &assessed, problems);
    let text = report::render(&report, ScoreFormat::Json, false).expect("render");
    black_box(text).len()
}

/// Where the time of one full run goes (single run, after the warm-ups above).
fn stages(rb: &RuleBase, paths: &[String]) {
    let t = Instant::now();
    let batch = pipeline::assess_paths(rb, paths, &[]).expect("assess");
    let (assessed, problems) = (batch.assessed, batch.problems);
    let assess = t.elapsed();
    let t = Instant::now();
    let report = ScoreReport::build(rb, &assessed, problems);
    let build = t.elapsed();
    let t = Instant::now();
    let json = report::render(&report, ScoreFormat::Json, false).expect("render");
    let render = t.elapsed();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "  stages: read+validate+assess {:.1} ms, build report {:.1} ms, render json {:.1} ms ({} MB)",
        ms(assess),
        ms(build),
        ms(render),
        json.len() / 1_000_000
    );
}

fn median(mut f: impl FnMut()) -> Duration {
    f(); // warm the page cache and the thread pool
    let mut times: Vec<Duration> = (0..QUICK_RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[QUICK_RUNS / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    generate(dir.path());
    let rb = rules::load_default().expect("default rules");
    let paths = vec![dir.path().display().to_string()];
    let (workloads, _) = pipeline::parse_paths(&rb, &paths);
    let components: usize = workloads.iter().map(|w| w.components.len()).sum();
    assert_eq!(workloads.len(), FILES);

    let parse = median(|| {
        parse_only(&rb, &paths);
    });
    let engine = median(|| {
        assess_only(&rb, &paths);
    });
    let full = median(|| {
        score(&rb, &paths);
    });
    let rate = |d: Duration| FILES as f64 / d.as_secs_f64();
    println!(
        "ragfit score benchmark: {FILES} files, {components} components, {} threads, median of {QUICK_RUNS}",
        rayon::current_num_threads()
    );
    println!(
        "  parse only (read + validate): {:>8.1} ms  {:>9.0} files/s",
        parse.as_secs_f64() * 1e3,
        rate(parse)
    );
    println!(
        "  parse + assess (no output):   {:>8.1} ms  {:>9.0} files/s",
        engine.as_secs_f64() * 1e3,
        rate(engine)
    );
    println!(
        "  score (json, full path):      {:>8.1} ms  {:>9.0} files/s",
        full.as_secs_f64() * 1e3,
        rate(full)
    );
    println!(
        "  ratio (parse + assess) / parse: {:.2} (target <= 1.50)",
        engine.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "  ratio full json score / parse:  {:.2}",
        full.as_secs_f64() / parse.as_secs_f64()
    );
    stages(&rb, &paths);
    if std::env::var_os("RAGFIT_BENCH_QUICK").is_some() {
        return; // the quick pass only, e.g. while optimising
    }

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .configure_from_args();
    let mut group = c.benchmark_group("10k-files");
    group.throughput(Throughput::Elements(FILES as u64));
    group.bench_function("parse", |b| b.iter(|| parse_only(&rb, &paths)));
    group.bench_function("parse-assess", |b| b.iter(|| assess_only(&rb, &paths)));
    group.bench_function("score-json", |b| b.iter(|| score(&rb, &paths)));
    group.finish();
    c.final_summary();
}
