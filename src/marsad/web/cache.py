"""A response cache for the read API: the store changes only on ingest, while a dashboard
asks the same few questions (the landing page, common searches, filter presets) again and
again, and a store call costs 5–30 ms of CPU that 50 clients on 2 cores cannot afford twice.

- Entries are the finished response (status line, headers, already-encoded and possibly
  gzipped bytes), keyed by path, the *normalized* query (sorted, blank values dropped) and
  whether the client accepts gzip.
- Invalidation is by store generation, not by time: a write through this app clears the
  cache, and `generation()` (for SQLite, the database and WAL files' size and mtime, looked
  at once a second) notices writes by other processes (`marsad ingest`). `ttl` stays as a
  backstop for stores without a generation (Postgres).
- Misses are single-flight (concurrent identical requests wait for the first) and bounded
  by a semaphore, so a burst of distinct misses queues fairly (FIFO) for a few store
  slots instead of thrashing 40 threads on 2 cores, while hits never wait behind them.
- `x-cache: hit|miss|shared` on every cached-path answer, and `stats()` counts them.

Only GET 200 responses of the API paths are kept; the dashboard's static files are not.
"""
from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from typing import Callable
from urllib.parse import parse_qsl, urlencode

CACHED_PATHS = ("/articles", "/events", "/incidents", "/search", "/timeline", "/health")


def normalized_query(raw: bytes) -> bytes:
    """`b=2&a=1&c=` and `a=1&b=2` ask the same question."""
    if not raw:
        return b""
    pairs = [(k, v.strip()) for k, v in parse_qsl(raw.decode("latin-1"), keep_blank_values=True) if v.strip()]
    return urlencode(sorted(pairs)).encode("latin-1")


class ResponseCache:
    def __init__(self, app, ttl: float = 30.0, max_entries: int = 4096, max_body: int = 2_000_000,
                 concurrency: int = 2, generation: Callable[[], object] | None = None):
        self.app = app
        self.ttl = ttl
        self.max_entries = max_entries
        self.max_body = max_body
        self.concurrency = max(1, concurrency)
        self.generation = generation
        self.entries: OrderedDict[tuple, tuple[float, dict, bytes]] = OrderedDict()
        self.inflight: dict[tuple, asyncio.Future] = {}
        self.counts = {"hit": 0, "miss": 0, "shared": 0}
        self._slots: asyncio.Semaphore | None = None
        self._gen: object = None
        self._gen_checked = 0.0

    def clear(self) -> None:
        self.entries.clear()

    def stats(self) -> dict:
        total = sum(self.counts.values())
        return {**self.counts, "entries": len(self.entries),
                "hit_rate": round((self.counts["hit"] + self.counts["shared"]) / total, 3) if total else None}

    def _check_generation(self, now: float) -> None:
        if self.generation is None or now - self._gen_checked < 1.0:
            return
        self._gen_checked = now
        gen = self.generation()
        if gen != self._gen:
            self._gen = gen
            self.entries.clear()

    async def __call__(self, scope, receive, send):
        if (self.ttl <= 0 or scope["type"] != "http" or scope["method"] != "GET"
                or not scope["path"].startswith(CACHED_PATHS)):
            return await self.app(scope, receive, send)
        gzip_ok = any(n == b"accept-encoding" and b"gzip" in v for n, v in scope.get("headers", ()))
        key = (scope["path"], normalized_query(scope.get("query_string", b"")), gzip_ok)
        now = time.monotonic()
        self._check_generation(now)
        hit = self.entries.get(key)
        if hit is not None and hit[0] > now:
            self.entries.move_to_end(key)
            self.counts["hit"] += 1
            return await self._replay(send, hit[1], hit[2], b"hit")
        pending = self.inflight.get(key)
        if pending is not None:                 # someone is already computing this answer
            try:
                start, body = await asyncio.shield(pending)
            except Exception:  # noqa: BLE001 - the first caller failed: compute our own
                start = None
            if start is not None:
                self.counts["shared"] += 1
                return await self._replay(send, start, body, b"shared")
        self.counts["miss"] += 1
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        self.inflight[key] = future
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.concurrency)
        start_msg: dict | None = None
        chunks: list[bytes] = []
        size = 0

        async def capture(message):
            nonlocal start_msg, size
            if message["type"] == "http.response.start":
                start_msg = {**message, "headers": [*message.get("headers", []), (b"x-cache", b"miss")]}
                message = start_msg
            elif message["type"] == "http.response.body" and start_msg is not None and size <= self.max_body:
                body = message.get("body", b"")
                chunks.append(body)
                size += len(body)
            await send(message)

        try:
            async with self._slots:
                await self.app(scope, receive, capture)
        finally:
            self.inflight.pop(key, None)
            ok = start_msg is not None and start_msg["status"] == 200 and size <= self.max_body
            if ok:
                body = b"".join(chunks)
                self.entries[key] = (time.monotonic() + self.ttl, start_msg, body)
                if len(self.entries) > self.max_entries:
                    self.entries.popitem(last=False)
                future.set_result((start_msg, body))
            else:
                future.set_result((None, b""))

    @staticmethod
    async def _replay(send, start: dict, body: bytes, how: bytes) -> None:
        headers = [h for h in start.get("headers", []) if h[0] != b"x-cache"]
        await send({**start, "headers": [*headers, (b"x-cache", how)]})
        await send({"type": "http.response.body", "body": body})


def sqlite_generation(store) -> Callable[[], object] | None:
    """For a SQLite store: a token that changes whenever any process writes to it."""
    import os
    url = str(getattr(store, "url", "") or "")
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return None
    path = url[len("sqlite:///"):].split("?")[0]

    def generation() -> object:
        out = []
        for p in (path, path + "-wal"):
            try:
                st = os.stat(p)
                out.append((st.st_size, st.st_mtime_ns))
            except OSError:
                out.append(None)
        return tuple(out)
    return generation
