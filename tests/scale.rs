//! Batch runs at scale, counted rather than timed: every format of `score`
//! (with and without `--cost`), `cost`, `check`, `diff` and `rules diff` runs
//! in this process over a corpus and over one four times its size, under an
//! allocator that counts. Two properties follow:
//!
//! - **flat memory**: the peak of live heap bytes does not grow with the
//!   number of files (files stream through a bounded window; nothing holds
//!   the corpus, so a renderer that collects every result fails here);
//! - **linear work**: allocations and bytes allocated grow in proportion to
//!   the corpus (a format whose sections each walk every result, as table
//!   and markdown once did, or that re-renders what it wrote, grows faster).
//!
//! Counting makes the test exact and independent of the machine's speed,
//! which is what a timed test cannot be.

// The counting allocator below is the only unsafe code in the package: a
// `GlobalAlloc` impl is unsafe by definition. (dhat would count too, but it
// records a backtrace per allocation, far too slow for a test of this size.)
#![allow(unsafe_code)]
// The figures are the point of a failing run: print them for the reader.
#![allow(clippy::print_stderr)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

use clap::Parser;

/// The system allocator, counting allocations, bytes allocated, and the
/// live bytes and their peak.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; the counters are
// plain atomics and never affect what is returned.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_alloc(layout.size());
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        LIVE.fetch_sub(layout.size(), Relaxed);
        count_alloc(new);
        System.realloc(ptr, layout, new)
    }
}

fn count_alloc(size: usize) {
    ALLOCS.fetch_add(1, Relaxed);
    ALLOCATED.fetch_add(size, Relaxed);
    let live = LIVE.fetch_add(size, Relaxed) + size;
    PEAK.fetch_max(live, Relaxed);
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What one run cost.
#[derive(Debug, Clone, Copy)]
struct Cost {
    allocs: usize,
    bytes: usize,
    /// Peak live heap above what was live when the run started.
    peak: usize,
}

/// Runs share the counters: one at a time.
static RUN: Mutex<()> = Mutex::new(());

fn run(args: &[&str]) -> (Cost, i32) {
    let _one = RUN.lock().unwrap_or_else(|e| e.into_inner());
    let mut argv = vec!["ragfit", "--color", "never"];
    argv.extend_from_slice(args);
    let cli = ragfit::cli::Cli::try_parse_from(&argv).expect("valid arguments");
    let (a0, b0, live0) = (
        ALLOCS.load(Relaxed),
        ALLOCATED.load(Relaxed),
        LIVE.load(Relaxed),
    );
    PEAK.store(live0, Relaxed);
    let code = ragfit::app::main(cli);
    let cost = Cost {
        allocs: ALLOCS.load(Relaxed) - a0,
        bytes: ALLOCATED.load(Relaxed) - b0,
        peak: PEAK.load(Relaxed).saturating_sub(live0),
    };
    (cost, code)
}

/// A corpus of `files` workloads, each with the components of one of the
/// examples (answers from real files: no conflicts to warn about), renamed.
fn corpus(dir: &std::path::Path, files: usize) {
    let examples: Vec<String> = [
        "support",
        "doc-pipeline",
        "knowledge-assistant",
        "coding-assistant",
    ]
    .iter()
    .map(|n| std::fs::read_to_string(format!("examples/{n}.yaml")).unwrap())
    .collect();
    for i in 0..files {
        let sub = dir.join(format!("team-{:02}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        let text =
            examples[i % examples.len()].replacen("workload: ", &format!("workload: w{i}-"), 1);
        std::fs::write(sub.join(format!("w{i:04}.yaml")), text).unwrap();
    }
}

const SMALL: usize = 60;
const FACTOR: usize = 4;

#[test]
fn every_format_streams_with_flat_memory_and_linear_work() {
    let small = tempfile::tempdir().unwrap();
    let large = tempfile::tempdir().unwrap();
    corpus(small.path(), SMALL);
    corpus(large.path(), SMALL * FACTOR);
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("report");
    let report = report.to_str().unwrap();
    let (small, large) = (
        small.path().to_str().unwrap(),
        large.path().to_str().unwrap(),
    );

    // A rule base with the behaviour threshold raised: `rules diff` has
    // changes to list in every file.
    let rules = std::fs::read_to_string("rules/default.yaml").unwrap();
    let at = rules.find("  - id: behavior").unwrap();
    let t = at + rules[at..].find("threshold: 4").unwrap();
    let strict = out.path().join("strict.yaml");
    std::fs::write(
        &strict,
        format!("{}threshold: 9{}", &rules[..t], &rules[t + 12..]),
    )
    .unwrap();
    let strict = strict.to_str().unwrap();

    let mut runs: Vec<Vec<&str>> = Vec::new();
    for f in [
        "table", "json", "jsonl", "yaml", "markdown", "csv", "html", "svg",
    ] {
        runs.push(vec!["score", "-f", f]);
    }
    runs.push(vec!["score", "--chart"]);
    for f in ["table", "json", "jsonl", "markdown", "csv", "html"] {
        runs.push(vec!["score", "--cost", "-f", f]);
    }
    for f in ["table", "json", "markdown", "csv"] {
        runs.push(vec!["cost", "-f", f]);
    }
    for f in [
        "text", "json", "sarif", "junit", "github", "markdown", "html",
    ] {
        runs.push(vec!["check", "--today", "2030-01-01", "-f", f]);
    }
    for f in ["text", "markdown", "json"] {
        runs.push(vec!["rules", "diff", "-f", f, "default", strict]);
    }
    // `diff` compares the corpus with itself: every file read, assessed and
    // compared on both sides.
    for f in ["text", "json", "markdown"] {
        runs.push(vec!["diff", "--today", "2030-01-01", "-f", f]);
    }
    // Warm up once-per-process costs (lazy statics, thread pool start-up).
    run(&["score", "-f", "json", small, "-o", report]);

    let mut failures = Vec::new();
    for args in &runs {
        let with = |dir: &str| {
            let mut a = args.clone();
            if args[0] == "diff" {
                a.push(dir);
            }
            a.extend([dir, "-o", report]);
            let (cost, code) = run(&a);
            assert!(
                code == 0 || (args[0] == "check" && code == 1),
                "{a:?} exit {code}"
            );
            cost
        };
        let (s, l) = (with(small), with(large));
        // The largest the reorder window's contents can be: every slot (and
        // each worker's file in hand) holding a section of the average size
        // of the large run's, at up to twice its length in capacity.
        let per_file = std::fs::metadata(report).unwrap().len() as usize / (SMALL * FACTOR);
        let threads = ragfit::pipeline::threads_for(SMALL * FACTOR);
        let window = (threads * ragfit::pipeline::WINDOW_PER_THREAD + 2 * threads) * per_file * 2;
        let growth = |f: fn(&Cost) -> usize| f(&l) as f64 / f(&s).max(1) as f64;
        let (allocs, bytes, peak) = (
            growth(|c| c.allocs),
            growth(|c| c.bytes),
            growth(|c| c.peak),
        );
        eprintln!(
            "{:<28} {SMALL} → {} files: allocations ×{allocs:.2}, bytes ×{bytes:.2}, peak heap {} → {} KB (×{peak:.2}; window ≤ {} KB)",
            args.join(" "),
            SMALL * FACTOR,
            s.peak / 1024,
            l.peak / 1024,
            window / 1024
        );
        // Linear: four times the files, at most four times the work (fixed
        // costs such as loading the rule base make it a little less).
        let linear = FACTOR as f64 * 1.1;
        if allocs > linear || bytes > linear {
            failures.push(format!(
                "{args:?}: work grew ×{allocs:.2} (allocations), ×{bytes:.2} (bytes)"
            ));
        }
        // Flat: the peak may move with the window's contents, not the corpus.
        // How full the window gets depends on thread timing; for formats
        // with large sections (html: tens of KB a file) that alone can move
        // the peak by more than 30%, so growth within one full window is
        // allowed too. A renderer that kept every file would grow by
        // (240 − 60) sections, several windows' worth.
        if peak > 1.3 && l.peak.saturating_sub(s.peak) > window {
            failures.push(format!(
                "{args:?}: peak heap grew ×{peak:.2} ({} → {} KB, more than a window of {} KB)",
                s.peak / 1024,
                l.peak / 1024,
                window / 1024
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
