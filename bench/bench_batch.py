"""Spark local[2] vs the local process pool on the same articles and the same 2 cores.

    python bench/bench_batch.py --limit 5000 --rounds 2      # 0 = the whole 30k file
Runs the two engines interleaved (local, spark, local, spark, ...) because the machine may
be shared, each in a fresh child process (so every Spark run starts its own JVM, and a
copy of this file under another tree benchmarks that tree's src/), and prints per run: wall seconds, articles/s, the CPU seconds of the whole process
tree (workers, JVM, Python daemons), and for Spark the JVM/context start separately. Then
medians, and checks that Spark's records, events and errors equal the local pool's and that
the records of --check articles spread over the input equal single-process `Pipeline.analyze`.
"""
from __future__ import annotations

import argparse
import glob
import gzip
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")


class TreeCPU:
    """CPU seconds of this process's descendants (polled from /proc: the JVM and the Python
    workers Spark forks are not waited for by us, so rusage of children would miss them)."""

    def __init__(self, interval: float = 0.2):
        self.cpu: dict[int, float] = {}
        self.name: dict[int, str] = {}
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        procs = {}
        for p in os.listdir("/proc"):
            if p.isdigit():
                try:
                    with open(f"/proc/{p}/stat") as f:
                        stat = f.read()
                except OSError:
                    continue
                fields = stat.rsplit(")", 1)[1].split()
                procs[int(p)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS)
                self.name[int(p)] = stat[stat.find("(") + 1:stat.rfind(")")]   # bash execs java: last name
        tree, grew = {os.getpid()}, True
        while grew:
            new = {pid for pid, (ppid, _) in procs.items() if ppid in tree and pid not in tree}
            tree |= new
            grew = bool(new)
        for pid in tree - {os.getpid()}:
            if pid in procs:
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), procs[pid][1])

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self):
        self._t0 = time.process_time()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._sample()
        self._stop.set()
        self._thread.join()
        self.total = sum(self.cpu.values()) + time.process_time() - self._t0
        self.by_name: dict[str, float] = {}
        for pid, sec in self.cpu.items():
            self.by_name[self.name[pid]] = self.by_name.get(self.name[pid], 0.0) + sec


def read_parts(folder: str) -> list[str]:
    out = []
    for part in sorted(glob.glob(os.path.join(folder, "part-*"))):
        with open(part, encoding="utf-8") as f:
            out.extend(line.rstrip("\n") for line in f if line.strip())
    return out


def by_id(lines: list[str]) -> dict[str, str]:
    return {json.loads(line)["id"]: line for line in lines}


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def one(engine: str, inp: str, dest: str, partitions: int | None, plan: str) -> int:
    """Child: run one engine, print its counts and timings as JSON."""
    timings: dict = {}
    if engine == "local":
        from marsad.batch.local import run_local
        counts = run_local(inp, dest, workers=2)
    else:
        from marsad.batch.spark import run_spark
        counts = run_spark(inp, dest, master="local[2]", partitions=partitions,
                           direct=False if plan == "jvm" else None, timings=timings)
    print(json.dumps(dict(counts, **timings)))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--one", nargs=3, metavar=("ENGINE", "INPUT", "OUTPUT"), help=argparse.SUPPRESS)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--limit", type=int, default=3000, help="first N articles; 0 = all")
    ap.add_argument("--rounds", type=int, default=1, help="interleaved local/spark pairs")
    ap.add_argument("--partitions", type=int, help="Spark partitions (default: its own)")
    ap.add_argument("--plan", choices=("auto", "jvm"), default="auto",
                    help="jvm: force Spark's own readers/writers (the cluster plan)")
    ap.add_argument("--check", type=int, default=300, help="articles checked against one process")
    a = ap.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    if a.one:
        return one(*a.one, partitions=a.partitions, plan=a.plan)
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))   # children and Spark's workers too

    src = Path(a.shared) / "data/news/saudinewsnet.jsonl.gz"
    tmp = tempfile.mkdtemp(prefix="marsad-bench-batch-")
    try:
        inp = os.path.join(tmp, "in.jsonl")       # one plain file read by both engines
        with gzip.open(src, "rt", encoding="utf-8") as f, open(inp, "w", encoding="utf-8") as out:
            for line in itertools.islice(f, a.limit or None):
                out.write(line)
        print(f"before: {uptime()}")
        runs: dict[str, list[dict]] = {"local": [], "spark": []}
        for rnd in range(a.rounds):
            for engine in ("local", "spark"):
                dest = os.path.join(tmp, engine)
                shutil.rmtree(dest, ignore_errors=True)
                cmd = [sys.executable, __file__, "--one", engine, inp, dest, "--plan", a.plan]
                if a.partitions:
                    cmd += ["--partitions", str(a.partitions)]
                with TreeCPU() as cpu:
                    t = time.perf_counter()
                    done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, text=True, check=True)
                    wall = time.perf_counter() - t
                r = dict(json.loads(done.stdout.strip().splitlines()[-1]), wall=wall, cpu=cpu.total,
                         java_cpu=cpu.by_name.get("java", 0.0))
                runs[engine].append(r)
                extra = (f", start {r['start_s']:.1f}s, run {r['run_s']:.1f}s → "
                         f"{r['records'] / r['run_s']:.1f}/s after start") if "start_s" in r else ""
                print(f"round {rnd + 1} {engine:5}: {r['records']} records {r['errors']} errors, "
                      f"{wall:.1f}s → {r['records'] / wall:.1f} articles/s, cpu {r['cpu']:.1f}s "
                      f"(java {r['java_cpu']:.1f}s){extra}")
            print(f"  {uptime()}")
        med = {e: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for e, rs in runs.items()}
        lo, sp = med["local"], med["spark"]
        print(f"median local pool (2 workers): {lo['records'] / lo['wall']:.1f} articles/s "
              f"({lo['wall']:.1f}s, cpu {lo['cpu']:.1f}s)")
        print(f"median spark local[2] ({a.plan}): {sp['records'] / sp['wall']:.1f} articles/s "
              f"({sp['wall']:.1f}s incl. start {sp['start_s']:.1f}s, cpu {sp['cpu']:.1f}s)")
        print(f"spark / local throughput: {lo['wall'] / sp['wall']:.2f} incl. JVM start, "
              f"{lo['wall'] / sp['run_s']:.2f} excl.; cpu local / spark: {lo['cpu'] / sp['cpu']:.2f}")

        same = all(sorted(read_parts(os.path.join(tmp, "local", s))) == sorted(read_parts(os.path.join(tmp, "spark", s)))
                   for s in ("records", "events", "errors"))
        spark_recs = by_id(read_parts(os.path.join(tmp, "spark", "records")))
        from marsad.batch.records import analyze_items
        from marsad.pipeline import Pipeline
        with open(inp, encoding="utf-8") as f:
            lines = [(f"{inp}:{n}", line) for n, line in enumerate(f, start=1) if line.strip()]
        step = max(1, len(lines) // max(1, a.check))
        single = [json.loads(p) for k, p in analyze_items(Pipeline(), lines[::step][:a.check]) if k == "record"]
        single_same = all(spark_recs.get(r["id"]) == json.dumps(r, ensure_ascii=False) for r in single)
        print(f"spark == local pool (records, events, errors): {same}; "
              f"spark == single process on {len(single)} articles: {single_same}")
        print(f"after: {uptime()}")
        return 0 if same and single_same else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
