"""`marsad batch --engine local`: the same job on a local process pool (the baseline Spark
is measured against). Output layout matches the Spark engine (single part files)."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

from ..errors import MarsadError

CHUNK = 64


def _iter_lines(path: str) -> Iterator[tuple[str, str]]:
    import gzip
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, start=1):
            if line.strip():
                yield f"{path}:{n}", line


def _chunks(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf


_pipeline = None


def _work(chunk):
    global _pipeline
    from ..pipeline import Pipeline
    from .records import output_rows
    if _pipeline is None:
        _pipeline = Pipeline()
    return list(output_rows(_pipeline, chunk))


def run_local(input_path: str, output: str, workers: int | None = None) -> dict:
    if not os.path.exists(input_path):
        raise MarsadError(f"{input_path}: no such file")
    for sub in ("records", "events", "errors"):
        os.makedirs(os.path.join(output, sub), exist_ok=True)
    counts = {"records": 0, "errors": 0}
    with open(os.path.join(output, "records", "part-00000"), "w", encoding="utf-8") as rec_f, \
            open(os.path.join(output, "events", "part-00000"), "w", encoding="utf-8") as ev_f, \
            open(os.path.join(output, "errors", "part-00000"), "w", encoding="utf-8") as err_f, \
            ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        files = {"record": rec_f, "event": ev_f, "error": err_f}
        for results in pool.map(_work, _chunks(_iter_lines(input_path), CHUNK)):
            for kind, payload in results:      # workers made every row; this process only writes
                files[kind].write(payload + "\n")
                if kind != "event":
                    counts[kind + "s"] += 1
    return counts
