"""A polite, defensive HTTP client for the watcher (stdlib only).

Conditional GET (ETag / Last-Modified), timeouts, retries with exponential backoff on
network errors and 5xx, a per-host minimum interval, a clear User-Agent, a cap on
redirects and on body size (a 50 MB page is cut off and reported, not read whole).
"""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from .. import __version__

USER_AGENT = f"Marsad/{__version__} (Arabic news event monitor; +https://example.invalid/marsad)"


@dataclass
class FetchResult:
    url: str
    status: int                      # 200, 304, or 0 on failure
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    final_url: str | None = None


class FetchError(Exception):
    pass


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5
    max_repeats = 2


@dataclass
class Fetcher:
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 1.0
    min_host_interval: float = 1.0
    max_bytes: int = 5_000_000
    user_agent: str = USER_AGENT
    _last_hit: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    sleep = staticmethod(time.sleep)

    def __post_init__(self):
        self._opener = urllib.request.build_opener(_LimitedRedirects())

    def _wait_for_host(self, url: str) -> None:
        host = urllib.parse.urlsplit(url).netloc
        with self._lock:
            now = time.monotonic()
            wait = self._last_hit.get(host, 0) + self.min_host_interval - now
            self._last_hit[host] = max(now, now + wait)
        if wait > 0:
            self.sleep(wait)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("http", "https"):
            return FetchResult(url, 0, error=f"unsupported URL scheme {scheme!r}")
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        last_error = "unknown error"
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_host(url)
            try:
                req = urllib.request.Request(url, headers=headers)
                with self._opener.open(req, timeout=self.timeout) as resp:
                    body = resp.read(self.max_bytes + 1)
                    if len(body) > self.max_bytes:
                        return FetchResult(url, 0, error=f"response over {self.max_bytes // 1_000_000} MB, skipped",
                                           final_url=resp.geturl())
                    return FetchResult(url, resp.status, body, resp.headers.get("ETag"),
                                       resp.headers.get("Last-Modified"), final_url=resp.geturl())
            except urllib.error.HTTPError as e:
                if e.code == 304:
                    return FetchResult(url, 304, etag=etag, last_modified=last_modified)
                if e.code in (301, 302, 303, 307, 308):
                    return FetchResult(url, 0, error="redirect loop or too many redirects")
                last_error = f"HTTP {e.code}"
                if e.code < 500 and e.code != 429:
                    break
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as e:
                reason = getattr(e, "reason", e)
                last_error = f"network error: {reason}"
            except Exception as e:  # noqa: BLE001 - http.client raises odd things on garbage
                last_error = f"bad response: {type(e).__name__}"
        return FetchResult(url, 0, error=last_error)
