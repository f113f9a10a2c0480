//! Where the CPU of batch scoring goes, stage by stage, single-threaded:
//! read, parse and validate, assess, build results, render (per format).
//!
//! `cargo bench --bench stages -- DIR` (a corpus from `benches/measure.py`,
//! e.g. `/tmp/ragfit-bench/corpus-10000`). It is a benchmark, not a test: it
//! prints microseconds per component for each stage.

// A benchmark reports on stdout; the library-wide print lint is for the library.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::hint::black_box;
use std::time::Instant;

use ragfit::pipeline::{self, Assessed};
use ragfit::report::score::{self, FileScore, ScoreFormat};
use ragfit::{engine, input, rules};

fn main() {
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench stages -- DIR");
        std::process::exit(2);
    };
    let rb = rules::load_default().expect("default rules");
    let (sources, _) = input::expand(&[dir]);

    let t = Instant::now();
    let texts: Vec<String> = sources
        .iter()
        .map(|s| s.read().expect("readable"))
        .collect();
    let read = t.elapsed();

    let t = Instant::now();
    for text in &texts {
        black_box(ragfit::yaml::parse_tree(text).ok());
    }
    let tree = t.elapsed();

    let t = Instant::now();
    for text in &texts {
        black_box(ragfit::yaml::parse(text).ok());
    }
    let marked = t.elapsed();

    let t = Instant::now();
    for text in &texts {
        let v: Option<serde_yaml::Value> = serde_yaml::from_str(text).ok();
        black_box(v);
    }
    let serde_value = t.elapsed();

    let t = Instant::now();
    let workloads: Vec<_> = sources
        .iter()
        .zip(&texts)
        .filter_map(|(s, text)| ragfit::workload::parse(&rb, &s.display(), text).ok())
        .collect();
    let parse = t.elapsed();
    let comps: usize = workloads.iter().map(|w| w.components.len()).sum();

    // `RAGFIT_STAGE_REPEAT=N`: assess N extra times first, so that a profiler
    // run (`perf record`) sees mostly the engine.
    let repeat: usize = std::env::var("RAGFIT_STAGE_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    for _ in 0..repeat {
        for w in &workloads {
            for c in &w.components {
                black_box(engine::assess(&rb, &c.answers));
            }
        }
    }
    let t = Instant::now();
    for w in &workloads {
        for c in &w.components {
            black_box(engine::decide(&rb, &c.answers));
        }
    }
    let decide = t.elapsed();
    let t = Instant::now();
    for w in &workloads {
        for c in &w.components {
            black_box(engine::worst_case_of(&rb, &c.answers));
        }
    }
    let worst = t.elapsed();

    let t = Instant::now();
    let assessed: Vec<Assessed> = workloads
        .into_iter()
        .map(|w| Assessed {
            assessments: w
                .components
                .iter()
                .map(|c| engine::assess(&rb, &c.answers))
                .collect(),
            workload: w,
            changes: Vec::new(),
        })
        .collect();
    let assess = t.elapsed();

    let t = Instant::now();
    let files: Vec<FileScore> = assessed.iter().map(|a| FileScore::of(&rb, a)).collect();
    let results = t.elapsed();

    let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / comps as f64;
    println!(
        "{} files, {comps} components (µs per component)",
        sources.len()
    );
    println!("  read      {:7.2}", per(read));
    println!(
        "  parse     {:7.2}  (YAML tree alone {:.2}; marked-yaml's tree {:.2}; yaml_serde to a Value {:.2})",
        per(parse),
        per(tree),
        per(marked),
        per(serde_value)
    );
    println!(
        "  assess    {:7.2}  (of which about: decide {:.2}, worst case {:.2})",
        per(assess),
        per(decide),
        per(worst)
    );
    println!("  results   {:7.2}", per(results));
    for format in [
        ScoreFormat::Json,
        ScoreFormat::Jsonl,
        ScoreFormat::Csv,
        ScoreFormat::Table,
        ScoreFormat::Markdown,
        ScoreFormat::Yaml,
    ] {
        let r = score::renderer(&rb, format, false, None, false, false);
        let t = Instant::now();
        let bytes: usize = files
            .iter()
            .map(|f| {
                let s = r.file(f).expect("renders");
                s.main.len() + s.later.iter().map(String::len).sum::<usize>()
            })
            .sum();
        println!(
            "  render {:<9?} {:7.2}  ({:.0} bytes per component)",
            format,
            per(t.elapsed()),
            bytes as f64 / comps as f64
        );
        black_box(bytes);
    }
    let _ = pipeline::threads_for(1);
}
