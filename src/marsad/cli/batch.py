"""`marsad batch INPUT OUTPUT --engine spark|local`: analyze a large dump into an output folder."""
from __future__ import annotations

import sys
import time


def add_parser(sub) -> None:
    p = sub.add_parser("batch", help="analyze a large JSONL/Parquet dump with Spark or a local pool",
                       description="Writes OUTPUT/records, OUTPUT/events (flat table) and OUTPUT/errors.")
    p.add_argument("input", help="JSONL, JSONL.gz or Parquet (file or directory)")
    p.add_argument("output", help="output directory")
    p.add_argument("--engine", choices=("spark", "local"), default="local")
    p.add_argument("--master", default="local[*]", help="Spark master: local[*], spark://host:7077, yarn")
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl", help="output format (spark)")
    p.add_argument("--partitions", type=int, help="number of partitions (spark)")
    p.add_argument("--workers", type=int, help="worker processes (local)")


def run(args) -> int:
    t0 = time.perf_counter()
    timings: dict = {}
    if args.engine == "spark":
        from ..batch.spark import run_spark
        counts = run_spark(args.input, args.output, master=args.master, fmt=args.format,
                           partitions=args.partitions, timings=timings)
    else:
        from ..batch.local import run_local
        counts = run_local(args.input, args.output, workers=args.workers)
    dt = time.perf_counter() - t0
    print(f"marsad: {counts['records']} records, {counts['errors']} errors in {dt:.1f}s "
          f"({counts['records'] / dt if dt else 0:.0f} articles/s"
          + (f"; Spark start {timings['start_s']:.1f}s" if timings else "") + f") → {args.output}", file=sys.stderr)
    return 1 if counts["errors"] else 0
