#!/usr/bin/env python3
"""Measure batch scoring end to end: every format of `score` and `check`, on
generated corpora, against the CPU baseline in benches/baseline.rs.

    python3 benches/measure.py                 # 1k, 10k and 30k files, 3 runs each
    python3 benches/measure.py --sizes 1000 --runs 1

For each command it prints wall-clock files/s, CPU seconds (user + system,
of the process and its threads), the CPU ratio to the baseline on the same
corpus (each run paired with a baseline run just before it; the median of
the pairs' ratios), peak RSS, and the size of the report. Figures come from wait4(2):
the median CPU of the runs and the largest peak RSS. Reports are written
with `--output` to a file, as a CI job would, so the whole user-facing path
is measured (read, parse, assess, render, write atomically).

The corpora are generated deterministically (same files every time) into
--dir, ~3.5 components per file in 100 team directories, with about one
answer in ten left out or `unknown`, as real files are. It is a benchmark,
not a test: nothing here asserts; the README quotes its output.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

FACTORS = [
    ("knowledge_volatility", ["static", "yearly", "quarterly", "monthly", "weekly", "daily", "realtime"]),
    ("citations", ["none", "helpful", "required", "audited"]),
    ("latency_budget_ms", ["150", "300", "800", "2500", "10000"]),
    ("daily_requests", ["0", "200", "5000", "40000", "250000"]),
    ("task_shape", ["open-ended-qa", "conversation", "classification", "extraction",
                    "structured-generation", "summarization", "creative-generation",
                    "code-generation", "agentic-tool-use"]),
    ("output_consistency", ["low", "medium", "high"]),
    ("labeled_examples", ["0", "30", "300", "5000"]),
    ("knowledge_size_docs", ["0", "40", "1800", "120000"]),
    ("deletion_required", ["true", "false"]),
    ("shared_across_teams", ["true", "false"]),
    ("data_sensitivity", ["public", "internal", "regulated"]),
    ("what_fails_today", ["not-tried", "facts", "behavior", "both"]),
    ("fine_tuning_available", ["true", "false"]),
    ("beyond_base_model", ["true", "false"]),
]
OUTCOMES = ["rag", "fine-tune", "hybrid", "prompt-only"]
TIME = "/usr/bin/time"  # GNU time (apt-get install time): the command's own peak RSS


class Rng:
    """xorshift64*: the same corpus on every machine and Python version."""

    def __init__(self, seed):
        self.s = seed

    def below(self, n):
        mask = 0xFFFFFFFFFFFFFFFF
        s = self.s
        s ^= s >> 12
        s ^= (s << 25) & mask
        s ^= s >> 27
        self.s = s
        return (((s * 0x2545F4914F6CDD1D) & mask) >> 33) % n


def workload(rng, i):
    out = [f"# generated workload {i}\n",
           f"workload: bench-{i}\n",
           "description: generated for benches/measure.py\n",
           "components:\n"]
    for c in range(2 + rng.below(4)):  # 2..5 components: 3.5 on average
        out.append(f"  - name: component-{c}\n")
        if rng.below(2) == 0:
            out.append(f"    architecture: {OUTCOMES[rng.below(4)]}\n")
        out.append("    answers:\n")
        for factor, values in FACTORS:
            r = rng.below(20)
            if r == 0:
                continue
            value = "unknown" if r == 1 else values[rng.below(len(values))]
            out.append(f"      {factor}: {value}\n")
    return "".join(out)


def corpus(base, files):
    """The directory of `files` generated workloads (generated once)."""
    root = os.path.join(base, f"corpus-{files}")
    done = os.path.join(root, ".complete")
    if os.path.exists(done):
        return root
    rng = Rng(0x9E3779B97F4A7C15)
    for i in range(files):
        sub = os.path.join(root, f"team-{i % 100:02}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"w{i:05}.yaml"), "w") as f:
            f.write(workload(rng, i))
    open(done, "w").close()
    return root


def build():
    """Build ragfit and the baseline; return their paths."""
    subprocess.run(["cargo", "build", "--release", "--quiet"], check=True)
    out = subprocess.run(
        ["cargo", "bench", "--bench", "baseline", "--no-run", "--message-format=json"],
        check=True, capture_output=True, text=True).stdout
    baseline = None
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == "baseline" \
                and msg.get("executable"):
            baseline = msg["executable"]
    meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version=1", "--no-deps"],
                                     check=True, capture_output=True, text=True).stdout)
    ragfit = os.path.join(meta["target_directory"], "release", "ragfit")
    if not baseline:
        sys.exit("could not find the baseline benchmark executable")
    return ragfit, baseline


def run_once(argv, stdout_path):
    """Run argv under /usr/bin/time; return (wall s, CPU s, peak RSS MB, exit code).

    CPU comes from wait4 on `time` (microseconds; it includes the command,
    which `time` reaps, and `time`'s own negligible share). Peak RSS comes
    from `time`'s report of the command alone: wait4's own figure would
    include the memory of this Python process, which the child shares until
    it execs.
    """
    env = dict(os.environ, NO_COLOR="1")
    env.pop("GITHUB_STEP_SUMMARY", None)
    rss_file = stdout_path + ".rss"
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        p = subprocess.Popen([TIME, "-f", "%M %x", "-o", rss_file, *argv],
                             stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, _, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
    with open(rss_file) as f:
        kb, code = f.read().split()[-2:]
    os.remove(rss_file)
    return wall, ru.ru_utime + ru.ru_stime, int(kb) / 1024, int(code)


def measure(argv, report, runs, paired=None):
    """Run argv `runs` times. With `paired` (the baseline's argv), each run
    follows a run of the baseline, and the CPU ratio is the median of the
    runs' own ratios: on a shared machine, whose speed drifts from one
    minute to the next, a pair sees the same machine, a run minutes later
    need not."""
    results, ratios = [], []
    for _ in range(runs):
        if paired:
            base = run_once(paired, report + ".base")
            os.remove(report + ".base")
        r = run_once(argv, report + ".stdout")
        results.append(r)
        if paired:
            ratios.append(r[1] / base[1])
    code = results[0][3]
    size = 0
    for path in (report, report + ".stdout"):
        if os.path.exists(path):
            size += os.path.getsize(path)
            os.remove(path)
    return {
        "wall": statistics.median(r[0] for r in results),
        "cpu": statistics.median(r[1] for r in results),
        "rss": max(r[2] for r in results),
        "code": code,
        "mb": size / 1e6,
        "ratio": statistics.median(ratios) if ratios else 1.0,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,30000", help="corpus sizes in files")
    ap.add_argument("--runs", type=int, default=3, help="runs per command (median CPU)")
    ap.add_argument("--dir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "ragfit-bench"))
    ap.add_argument("--only", default="", help="comma-separated labels to run (e.g. 'score -f json')")
    ap.add_argument("--json", help="also write the figures as JSON to this file")
    args = ap.parse_args()

    if not os.access(TIME, os.X_OK):
        sys.exit(f"{TIME} (GNU time) is needed for peak RSS: apt-get install time")
    ragfit, baseline = build()
    commands = [("baseline", None)]
    for f in ["table", "json", "jsonl", "yaml", "markdown", "csv"]:
        commands.append((f"score -f {f}", ["score", "-f", f]))
    for f in ["text", "json", "sarif", "junit", "github", "markdown"]:
        commands.append((f"check -f {f}", ["check", "-f", f, "--today", "2030-01-01"]))
    only = [o.strip() for o in args.only.split(",") if o.strip()]

    figures = []
    print("| command | files | components | files/s | CPU s | CPU / baseline | peak RSS MB | report MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for files in [int(s) for s in args.sizes.split(",")]:
        root = corpus(args.dir, files)
        components = sum(open(os.path.join(d, f)).read().count("  - name:")
                         for d, _, fs in os.walk(root) for f in fs if f.endswith(".yaml"))
        for label, cmd in commands:
            if only and label not in only and label != "baseline":
                continue
            report = os.path.join(args.dir, "report.out")
            if cmd is None:
                argv = [baseline, root]
            else:
                argv = [ragfit, *cmd, root, "--output", report]
            m = measure(argv, report, args.runs, None if cmd is None else [baseline, root])
            ratio = m["ratio"]
            m.update(label=label, files=files, components=components)
            figures.append(m)
            print(f"| `{label}` | {files:,} | {components:,} | {files / m['wall']:,.0f} | "
                  f"{m['cpu']:.2f} | {ratio:.2f}x | {m['rss']:.0f} | {m['mb']:.1f} |", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)


if __name__ == "__main__":
    main()
