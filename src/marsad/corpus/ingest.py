"""Ingest: read inputs, skip what is stored, analyze in parallel, store each article.

Duplicates (same id, else same text) are recognised BEFORE analysis from the ids
and text hashes already in the store, so a re-run costs a read of the inputs and
nothing more. Analysis runs in a process pool (one Pipeline per worker); the
parent is the only writer and stores a batch of whole articles per transaction (in
bulk, see Store.write_batch), so `kill -9` at any moment loses at most the articles
in flight and the batch being written, and running the same command again stores
exactly those.
"""
from __future__ import annotations

import ctypes
import gzip
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..limits import DEFAULT_ARTICLE_TIMEOUT
from ..record import stable_id
from .store import Store, StoreError, content_hash, prepare

IN_FLIGHT = 256          # articles read ahead of the writer (bounded memory)
BATCH = 32               # articles per write transaction (all-or-nothing per article)
BATCH_SECONDS = 1.0      # ...or whatever arrived within this time


@dataclass
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    read: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)    # (where, reason)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "duplicates": self.duplicates, "failed": self.failed,
                "read": self.read, "seconds": round(self.seconds, 2),
                "articles_per_second": round(self.read / self.seconds, 1) if self.seconds else None,
                "failures": [{"where": w, "reason": r} for w, r in self.failures]}


def iter_sources(paths: Iterable[str], input_format: str = "auto", max_bytes: int | None = None):
    """InputResults from files, directories, '-' and http(s) feed URLs, in order."""
    from ..ingest.reader import DEFAULT_MAX_BYTES, read_inputs
    from .feeds import read_feed_url
    for p in paths:
        if p.startswith(("http://", "https://")):
            yield from read_feed_url(p)
        else:
            yield from read_inputs([p], input_format, max_bytes or DEFAULT_MAX_BYTES)


def estimate_total(paths: Iterable[str]) -> int | None:
    """Roughly how many articles the inputs hold (lines of JSONL, one per other file), for the ETA."""
    from ..ingest.reader import iter_paths
    total = 0
    for p in iter_paths(paths):
        if p == "-" or p.startswith(("http://", "https://")):
            return None
        low = p.lower()
        try:
            if low.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
                opener = gzip.open if low.endswith(".gz") else open
                with opener(p, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            else:
                total += 1
        except OSError:
            total += 1
    return total


# ---------------------------------------------------------------- worker side
_pipeline = None
_timeout: float | None = None
WORKER_HEADROOM = 2 << 30        # bytes of address space a worker may add after loading its models
MIN_HEADROOM = 256 << 20         # below this, a worker can fail to even receive its next article


def _die_with_parent() -> None:
    """Linux: a worker gets SIGKILL when the ingest process dies, so none lingers."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _address_space() -> int | None:
    """This process's mapped address space in bytes (Linux), None elsewhere."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _init_worker(stages: list[str] | None, timeout: float | None = None, memory: int | None = None) -> None:
    global _pipeline, _timeout
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # the parent handles Ctrl-C
    from ..pipeline import Pipeline
    _pipeline = Pipeline(stages)
    _timeout = timeout
    try:                       # models load lazily: load them now, before measuring the address space
        _pipeline.analyze("قال مسؤول في دمشق يوم الأحد إن ثلاثة أشخاص قتلوا في انفجار.")
    except Exception:  # noqa: BLE001 - a broken stage shows up on the first real article
        pass
    if memory:
        # the cap is on address space: counted from what the loaded models already map, so a
        # runaway article fails with MemoryError instead of taking the machine down
        from ..limits import limit_memory
        limit_memory((_address_space() or 0) + max(memory, MIN_HEADROOM))


def _analyze(job: tuple[str, dict]) -> tuple[str, bool, Any]:
    return analyze_job(_pipeline, job, _timeout)


def analyze_job(pipeline, job: tuple[str, dict], timeout: float | None = None) -> tuple[str, bool, Any]:
    """(where, True, prepared record) or (where, False, reason): all CPU work off the writer.

    An article that takes longer than `timeout` seconds (or runs out of memory) is reported
    and skipped; the worker goes on with the next one."""
    from ..limits import time_limit
    where, item = job
    try:
        item = dict(item)
        text = item.pop("text")
        with time_limit(timeout):
            rec = pipeline.analyze(text, **item)
        return where, True, prepare(rec)
    except MemoryError:
        return where, False, "MemoryError: the article needs more memory than a worker may use"
    except Exception as e:  # noqa: BLE001 - reported per article
        return where, False, f"{type(e).__name__}: {e}"


# ---------------------------------------------------------------- parent side
def ingest(paths: list[str], store: Store, workers: int = 1, input_format: str = "auto",
           stages: list[str] | None = None,
           on_progress: Callable[[IngestSummary], None] | None = None,
           max_bytes: int | None = None, timeout: float | None = DEFAULT_ARTICLE_TIMEOUT,
           memory: int | None = WORKER_HEADROOM) -> IngestSummary:
    """Ingest `paths` into `store`; returns counts and the reasons of failures.

    Limits per article: inputs over `max_bytes` are refused by the readers, analysis over
    `timeout` seconds is abandoned, and each worker process may grow by `memory` bytes; the
    article is reported and the batch goes on. Raises StoreError if the store cannot be written."""
    t0 = time.perf_counter()
    summary = IngestSummary()
    known_ids, known_hashes = store.known_keys()
    slots = threading.BoundedSemaphore(IN_FLIGHT)
    lock = threading.Lock()

    def note_failure(where: str, reason: str) -> None:
        with lock:
            summary.failed += 1
            summary.failures.append((where, reason))

    def jobs() -> Iterator[tuple[str, dict]]:
        for res in iter_sources(paths, input_format, max_bytes):
            with lock:
                summary.read += 1
            if on_progress and summary.read % 100 == 0:
                on_progress(summary)
            if not res.ok:
                note_failure(res.where, getattr(res.error, "reason", str(res.error)))
                continue
            item = res.item
            aid = item.get("id") or stable_id(item.get("url"), item["text"])
            h = content_hash(item["text"])
            if aid in known_ids or h in known_hashes:
                with lock:
                    summary.duplicates += 1
                continue
            known_ids.add(aid)
            known_hashes.add(h)
            slots.acquire()
            yield res.where, item | {"id": aid}

    batch: list[tuple[str, dict]] = []
    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal last_flush
        last_flush = time.monotonic()
        if not batch:
            return
        try:
            outcomes = store.write_batch([item for _, item in batch])
        except StoreError:
            raise                  # read-only, disk full: no later batch can do better
        except Exception as e:  # noqa: BLE001 - the database failed the whole batch
            outcomes = [e] * len(batch)
        for (where, _), outcome in zip(batch, outcomes):
            if isinstance(outcome, Exception):
                note_failure(where, f"not stored: {type(outcome).__name__}: {outcome}")
            with lock:
                if outcome is True:
                    summary.stored += 1
                elif outcome is False:
                    summary.duplicates += 1
        batch.clear()
        if on_progress:
            on_progress(summary)

    def handle(where: str, ok: bool, payload: Any) -> None:
        slots.release()
        if not ok:
            note_failure(where, payload)
        else:
            batch.append((where, payload))
        if len(batch) >= BATCH or time.monotonic() - last_flush >= BATCH_SECONDS:
            flush()

    try:
        if workers <= 1:
            pipeline = _local_pipeline(stages)
            for job in jobs():
                handle(*analyze_job(pipeline, job, timeout))
        else:
            import multiprocessing as mp
            ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
            with ctx.Pool(workers, initializer=_init_worker, initargs=(stages, timeout, memory)) as pool:
                for where, ok, payload in pool.imap_unordered(_analyze, jobs(), chunksize=4):
                    handle(where, ok, payload)
        flush()
    except StoreError as e:
        raise StoreError(f"{e}. {summary.stored} articles were stored before it, each whole; "
                         "run the same command again to finish") from None
    if summary.stored:
        store.analyze()          # fresh planner statistics: filtered queries pick the right index
    summary.seconds = time.perf_counter() - t0
    return summary


def _local_pipeline(stages: list[str] | None):
    from ..pipeline import Pipeline
    return Pipeline(stages)
