"""Geoparsing throughput on SaudiNewsNet articles (one core), and gazetteer load time.

    .venv/bin/python bench/bench_geo.py [--shared ../shared] [--n 3000]

Reports wall-clock and CPU-time rates; on a busy shared machine the CPU-time rate is
what one dedicated core would do. The text stage is not timed: the geo stage reads the text itself. Load time is measured in a
fresh interpreter so the cache is cold.
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--n", type=int, default=3000)
    args = ap.parse_args()
    news = args.shared / "data" / "news" / "saudinewsnet.jsonl.gz"
    if not news.exists():
        print(f"bench_geo skipped: needs {news}")
        return 0
    load = subprocess.run([sys.executable, "-c",
                           "import time; t=time.perf_counter(); from marsad.geo.gazetteer import load_gazetteer;"
                           " load_gazetteer(); print(time.perf_counter()-t)"],
                          capture_output=True, text=True, check=True)
    load_s = float(load.stdout.strip())
    from marsad.doc import Doc
    from marsad.geo.gazetteer import load_gazetteer
    from marsad.geo.stage import geoparse
    gaz = load_gazetteer()
    texts = []
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for line in f:
            t = json.loads(line).get("text") or ""
            if t:
                texts.append(t)
            if len(texts) >= args.n:
                break
    docs = [Doc(text=t) for t in texts]
    chars = sum(len(t) for t in texts)
    t0, c0 = time.perf_counter(), time.process_time()
    places = 0
    for d in docs:
        places += len(geoparse(d, gaz).places)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"gazetteer load (cold, incl. import): {load_s:.3f} s")
    print(f"geoparse: {len(docs)} articles, {chars / len(docs):.0f} chars avg, {places} places, "
          f"{dt:.2f} s wall -> {len(docs) / dt:.0f} articles/s; {cpu:.2f} s CPU -> "
          f"{len(docs) / cpu:.0f} articles/s per core (CPU time: fair on a shared machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
