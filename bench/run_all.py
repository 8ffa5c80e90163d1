"""`make bench`: run every benchmark script in bench/ in turn and print their reports.

Each bench_*.py is a standalone script that takes `--shared DIR` where it needs the
reference data; their output is what README's tables quote.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["bench_text.py", "bench_ner.py", "bench_geo.py", "bench_pipeline.py", "bench_batch.py",
         "bench_ingest.py", "bench_search.py", "bench_web.py"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("only", nargs="*", help="run only these (e.g. bench_text.py)")
    a = ap.parse_args()
    if not (Path(a.shared) / "data").exists():
        print(f"bench: needs the reference data in {a.shared}/data", file=sys.stderr)
        return 2
    scripts = [HERE / s for s in (a.only or ORDER) if (HERE / s).exists()]
    failed = []
    for script in scripts:
        print(f"\n$ python bench/{script.name}", flush=True)
        t = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"[{script.name}: exit {rc}, {time.perf_counter() - t:.0f}s]", flush=True)
        if rc:
            failed.append(script.name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
