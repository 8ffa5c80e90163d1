"""Ingest benchmark: time `marsad ingest` on the news file into a fresh store, then again.

    .venv/bin/python bench/bench_ingest.py [--limit N] [--stages text,entities,...] [--workers 2]
        [--db URL] [--shared ../shared]

The store is rebuilt at bench/out/corpus_bench.db (kept for bench_search.py) unless --db
names another one (which must be empty).

The first run analyzes and stores every article; the second must add 0 rows and take
≤ 10% of the first (bar of issue 7). Prints one JSON line with both timings. Runs the
real CLI in a subprocess, so the numbers include start-up, reading and the summary.
Each run also reports `cpu_seconds` (user + system of the CLI and its workers) and the
load average when it ended: on a shared machine wall time counts other jobs too.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS_REL = Path("data") / "news" / "saudinewsnet.jsonl.gz"
DEFAULT_DB = REPO / "bench" / "out" / "corpus_bench.db"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--input", default=None, help="news JSONL(.gz) (default: the SaudiNewsNet file in --shared)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--stages", default=None, help="pipeline stages (default: all)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--db", default=None, help="store URL (default: a fresh SQLite file in a temp dir)")
    args = ap.parse_args()
    args.input = args.input or str(Path(args.shared) / NEWS_REL)
    if not Path(args.input).exists():
        print(f"bench_ingest: {args.input} not found (needs ../shared)", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    src = args.input
    if args.limit:
        src = str(tmp / "input.jsonl")
        with gzip.open(args.input, "rt", encoding="utf-8") as f, open(src, "w", encoding="utf-8") as out:
            for i, line in enumerate(f):
                if i >= args.limit:
                    break
                out.write(line)
    if args.db:
        db = args.db
    else:
        DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(DEFAULT_DB) + suffix).unlink(missing_ok=True)
        db = f"sqlite:///{DEFAULT_DB}"
    cmd = [sys.executable, "-m", "marsad", "ingest", src, "--db", db, "--workers", str(args.workers),
           "--no-progress", "--json"]
    if args.stages:
        cmd += ["--stages", args.stages]
    runs = []
    for _ in range(2):
        t0 = time.perf_counter()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        summary = json.loads(done.stdout.strip().splitlines()[-1])
        summary.pop("failures", None)
        runs.append({"wall_seconds": round(wall, 1), "cpu_seconds": round(cpu, 1),
                     "loadavg_at_end": [round(x, 2) for x in os.getloadavg()], **summary})
    out = {"input": args.input, "limit": args.limit, "stages": args.stages or "all", "workers": args.workers,
           "db": db, "first": runs[0], "second": runs[1],
           "second_over_first": round(runs[1]["wall_seconds"] / runs[0]["wall_seconds"], 3),
           "cpus": os.cpu_count(), "loadavg": os.getloadavg()}
    print(json.dumps(out, ensure_ascii=False))
    for p in tmp.iterdir():
        p.unlink()
    tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
