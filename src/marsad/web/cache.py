"""A response cache for the read API: the store changes only on ingest, while a dashboard
asks the same few questions (the landing page, common searches, filter presets) again and
again. Entries live `ttl` seconds (so writes by another process show up within that time)
and are all dropped at once when this app writes (POST /analyze?store=true).

Only GET 200 responses of the API paths are kept, keyed by path, query string and
whether the client accepts gzip; the dashboard's static files are not cached here.
"""
from __future__ import annotations

import time
from collections import OrderedDict

CACHED_PATHS = ("/articles", "/events", "/incidents", "/search", "/timeline", "/health")


class ResponseCache:
    def __init__(self, app, ttl: float = 30.0, max_entries: int = 4096, max_body: int = 1_000_000):
        self.app = app
        self.ttl = ttl
        self.max_entries = max_entries
        self.max_body = max_body
        self.entries: OrderedDict[tuple, tuple[float, dict, bytes]] = OrderedDict()

    def clear(self) -> None:
        self.entries.clear()

    async def __call__(self, scope, receive, send):
        if (self.ttl <= 0 or scope["type"] != "http" or scope["method"] != "GET"
                or not scope["path"].startswith(CACHED_PATHS)):
            return await self.app(scope, receive, send)
        gzip_ok = any(n == b"accept-encoding" and b"gzip" in v for n, v in scope.get("headers", ()))
        key = (scope["path"], scope.get("query_string", b""), gzip_ok)
        hit = self.entries.get(key)
        now = time.monotonic()
        if hit is not None and hit[0] > now:
            self.entries.move_to_end(key)
            await send(hit[1])
            await send({"type": "http.response.body", "body": hit[2]})
            return
        start: dict | None = None
        chunks: list[bytes] = []
        size = 0

        async def capture(message):
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start is not None and size <= self.max_body:
                body = message.get("body", b"")
                chunks.append(body)
                size += len(body)
                if not message.get("more_body") and start["status"] == 200 and size <= self.max_body:
                    self.entries[key] = (time.monotonic() + self.ttl, start, b"".join(chunks))
                    if len(self.entries) > self.max_entries:
                        self.entries.popitem(last=False)
            await send(message)

        await self.app(scope, receive, capture)
