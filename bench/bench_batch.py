"""Spark local[2] vs the local process pool on the same articles and the same 2 cores.

    python bench/bench_batch.py --limit 3000
Prints articles/s for each engine and checks the records are identical.
"""
from __future__ import annotations

import argparse
import glob
import gzip
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def read_parts(folder: str) -> dict[str, str]:
    out = {}
    for part in sorted(glob.glob(os.path.join(folder, "part-*"))):
        with open(part, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    out[json.loads(line)["id"]] = line.strip()
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--limit", type=int, default=3000)
    a = ap.parse_args()
    src = Path(a.shared) / "data/news/saudinewsnet.jsonl.gz"
    tmp = tempfile.mkdtemp(prefix="marsad-bench-batch-")
    inp = os.path.join(tmp, "in.jsonl")
    with gzip.open(src, "rt", encoding="utf-8") as f, open(inp, "w", encoding="utf-8") as out:
        for line in itertools.islice(f, a.limit):
            out.write(line)
    sys.path.insert(0, str(REPO / "src"))
    from marsad.batch.local import run_local
    from marsad.batch.spark import run_spark
    t = time.perf_counter()
    c1 = run_local(inp, os.path.join(tmp, "local"), workers=2)
    t_local = time.perf_counter() - t
    t = time.perf_counter()
    c2 = run_spark(inp, os.path.join(tmp, "spark"), master="local[2]", partitions=8)
    t_spark = time.perf_counter() - t
    same = read_parts(os.path.join(tmp, "local", "records")) == read_parts(os.path.join(tmp, "spark", "records"))
    print(f"articles: {a.limit}")
    print(f"local pool (2 workers): {c1['records'] / t_local:.0f} articles/s ({t_local:.1f}s)")
    print(f"spark local[2]:         {c2['records'] / t_spark:.0f} articles/s ({t_spark:.1f}s, incl. JVM start)")
    print(f"spark / local: {t_local / t_spark:.2f}; records identical: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
