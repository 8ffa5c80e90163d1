"""`make models`: rebuild every committed resource under src/marsad/resources/ from ../shared/data.

Runs each builder in order (each is reproducible, with a fixed seed where it learns).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["build_vocab.py", "build_gazetteer.py", "train_ner.py", "build_docfreq.py", "train_tag_ranker.py"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    a = ap.parse_args()
    if not (Path(a.shared) / "data").exists():
        print(f"models: needs the reference data in {a.shared}/data", file=sys.stderr)
        return 2
    for name in ORDER:
        script = HERE / name
        if not script.exists():
            continue
        print(f"\n$ python training/{name}", flush=True)
        t = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"[{name}: exit {rc}, {time.perf_counter() - t:.0f}s]", flush=True)
        if rc:
            return rc
    return 0


if __name__ == "__main__":
    sys.exit(main())
