"""Throughput of the full pipeline (`marsad analyze`, all stages) on the news corpus, by stage.

    .venv/bin/python bench/bench_pipeline.py [--limit N] [--stages text,entities,...]

Reads ../shared/data/news/saudinewsnet.jsonl.gz into memory (decoding is not timed),
builds the pipeline once (resources load before timing), then runs every article
through each stage in order on one core, timing each stage, and prints articles/s
for the whole pipeline plus the time per stage.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

from marsad.pipeline import STAGES, Pipeline
from marsad.record import to_record
from marsad.runtime import tune_gc

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"


def load_items(path: Path, limit: int | None) -> list[dict]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out.append({k: rec.get(k) for k in ("id", "title", "published", "url", "source", "text")})
            if limit and len(out) >= limit:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--shared", type=Path, help="../shared directory (sets --data to its news file)")
    ap.add_argument("--limit", type=int, default=2000, help="articles to use (0: all)")
    ap.add_argument("--stages", help="comma-separated stages (default: all)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cpu", action="store_true", help="time with process CPU time instead of wall time")
    args = ap.parse_args(argv)
    tune_gc()                                  # as `marsad analyze` runs
    if args.shared:
        args.data = args.shared / "data" / "news" / "saudinewsnet.jsonl.gz"
    if not args.data.exists():
        print(f"bench_pipeline: {args.data} not found (needs ../shared beside the repo)", file=sys.stderr)
        return 2
    items = load_items(args.data, args.limit or None)
    pipe = Pipeline(args.stages.split(",") if args.stages else list(STAGES))
    comps = pipe.components
    warm = items[0]
    pipe.analyze(warm["text"], **{k: v for k, v in warm.items() if k != "text"})
    per_stage = {name: 0.0 for name, _ in comps}
    per_stage["make_doc+record"] = 0.0
    # CPU time of this process: the machine is shared, so wall time would count other jobs too
    clock = time.process_time if args.cpu else time.perf_counter
    t_all = clock()
    for it in items:
        t0 = clock()
        doc = pipe.make_doc(it["text"], **{k: v for k, v in it.items() if k != "text"})
        t1 = clock()
        per_stage["make_doc+record"] += t1 - t0
        for name, comp in comps:
            doc = comp(doc)
            t2 = clock()
            per_stage[name] += t2 - t1
            t1 = t2
        to_record(doc)
        per_stage["make_doc+record"] += clock() - t1
    total = clock() - t_all
    n = len(items)
    rate = n / total
    if args.json:
        print(json.dumps({"articles": n, "seconds": total, "articles_per_s": rate,
                          "ms_per_article_by_stage": {k: 1000 * v / n for k, v in per_stage.items()}}, indent=2))
        return 0
    what = "CPU" if args.cpu else "wall"
    print(f"full pipeline ({','.join(pipe.names)}): {n} articles in {total:.2f}s {what} = {rate:,.0f} articles/s "
          f"({1000 / rate:.2f} ms/article)")
    for name, t in per_stage.items():
        print(f"  {name:<16} {1000 * t / n:8.3f} ms/article  {100 * t / total:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
