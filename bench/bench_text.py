"""Throughput of the text stage (sentences, tokens, numbers, dates) on the news corpus.

    .venv/bin/python bench/bench_text.py [--shared ../shared] [--limit N] [--runs R]

Reads ../shared/data/news/saudinewsnet.jsonl.gz once into memory (decoding is not
timed), then runs TextStage over the articles R times and prints the median rate.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

from marsad.doc import Doc
from marsad.runtime import tune_gc
from marsad.text.dates import parse_published
from marsad.text.stage import TextStage

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"


def load_articles(path: Path, limit: int | None) -> list[tuple[str, object]]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out.append((rec.get("text") or "", parse_published(rec.get("published") or "")))
            if limit and len(out) >= limit:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=None, help="the reference data directory (../shared)")
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None, help="articles to use (default: all)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="profile one run with cProfile")
    ap.add_argument("--gc", choices=("tuned", "default"), default="tuned",
                    help="garbage-collector thresholds: as `marsad analyze` sets them (tuned) or CPython's")
    args = ap.parse_args(argv)
    if args.gc == "tuned":
        tune_gc()
    if args.shared is not None:
        args.data = args.shared / "data" / "news" / "saudinewsnet.jsonl.gz"
    if not args.data.exists():
        print(f"bench_text: {args.data} not found (needs ../shared beside the repo)", file=sys.stderr)
        return 2
    articles = load_articles(args.data, args.limit)
    chars = sum(len(t) for t, _ in articles)
    stage = TextStage()
    stage(Doc(text=articles[0][0], published=articles[0][1]))   # load resources outside the timing
    if args.profile:
        import cProfile
        import pstats
        prof = cProfile.Profile()
        prof.enable()
        for text, pub in articles:
            stage(Doc(text=text, published=pub))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return 0
    rates, cpu_rates = [], []
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        for text, pub in articles:
            stage(Doc(text=text, published=pub))
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        rates.append(len(articles) / dt)
        cpu_rates.append(len(articles) / dc)
        print(f"run: {len(articles)} articles in {dt:.2f}s wall = {rates[-1]:,.0f} articles/s "
              f"({cpu_rates[-1]:,.0f}/s of CPU time)", file=sys.stderr)
    med = statistics.median(rates)
    # CPU time is what one core costs; wall time also counts waiting for a busy CPU
    print(f"text stage: {len(articles)} articles ({chars / len(articles):,.0f} chars avg), "
          f"median of {args.runs} runs: {med:,.0f} articles/s wall ({1000 / med:.3f} ms/article), "
          f"{statistics.median(cpu_rates):,.0f} articles/s per CPU-second")
    return 0


if __name__ == "__main__":
    sys.exit(main())
