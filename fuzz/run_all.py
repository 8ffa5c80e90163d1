"""Run every fuzz target with atheris for a fixed time (or number of runs) each.

    python fuzz/run_all.py --seconds 60          # make fuzz
    python fuzz/run_all.py --runs 1000000 dates  # one target, a million executions
A crash stops that target, leaves the input in fuzz/crashes/, and the exit code is 1:
turn it into a regression test.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def child(target: str, seconds: int, runs: int) -> None:
    import atheris
    sys.path.insert(0, str(HERE))
    with atheris.instrument_imports():
        import targets  # noqa: F401
        import marsad.ingest, marsad.text.stage  # noqa: F401,E401
    fn = targets.TARGETS[target]
    corpus = HERE / "corpus" / target
    corpus.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(targets.SEEDS.get(target, [])):
        (corpus / f"seed{i}").write_bytes(seed)
    crashes = HERE / "crashes"
    crashes.mkdir(exist_ok=True)
    args = [sys.argv[0], str(corpus), f"-artifact_prefix={crashes}/{target}-", "-rss_limit_mb=2048",
            "-timeout=10", "-max_len=4096"]
    args.append(f"-runs={runs}" if runs else f"-max_total_time={seconds}")
    atheris.Setup(args, fn)
    atheris.Fuzz()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("targets", nargs="*")
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--runs", type=int, default=0)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.seconds, a.runs)
        return 0
    sys.path.insert(0, str(HERE))
    import targets
    names = a.targets or list(targets.TARGETS)
    failed = []
    for name in names:
        print(f"== fuzz {name} ({a.runs or a.seconds} {'runs' if a.runs else 's'})", flush=True)
        rc = subprocess.call([sys.executable, __file__, "--child", name, "--seconds", str(a.seconds),
                              "--runs", str(a.runs)], env=dict(os.environ))
        if rc != 0:
            failed.append(name)
    print("crashed: " + ", ".join(failed) if failed else "no crashes")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
