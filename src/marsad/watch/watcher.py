"""`marsad watch`: poll sources, fetch new articles, analyze and store them.

A source is an RSS/Atom feed URL, an article URL, or a local file listing such URLs one
per line. Each poll fetches every feed conditionally; each entry not stored before is
fetched (main text extracted from its HTML, falling back to the feed's own content),
analyzed and stored in its own transaction, so a stop at any moment loses nothing
already fetched. Nothing a source serves (down, garbage, redirect loops, huge pages)
stops the loop: it is logged and retried at the next poll.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

from ..record import stable_id
from .fetch import Fetcher

MAX_SEEN = 200_000          # remembered entry ids; older ones fall back to the store's idempotence


@dataclass
class PollStats:
    new: int = 0
    seen: int = 0
    errors: int = 0


@dataclass
class SourceState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    kind: str = "unknown"        # feed | article
    failures: int = 0


class BoundedSet:
    """Insertion-ordered set that forgets its oldest members past `limit`."""

    def __init__(self, limit: int = MAX_SEEN):
        self.limit = limit
        self._d: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, key: str) -> bool:
        return key in self._d

    def add(self, key: str) -> None:
        self._d[key] = None
        if len(self._d) > self.limit:
            self._d.popitem(last=False)

    def __len__(self) -> int:
        return len(self._d)


def expand_sources(sources: list[str]) -> list[str]:
    out: list[str] = []
    for s in sources:
        if "://" not in s and os.path.isfile(s):
            with open(s, encoding="utf-8", errors="replace") as f:
                out.extend(line.strip() for line in f if line.strip() and not line.startswith("#"))
        else:
            out.append(s)
    return out


@dataclass
class Watcher:
    sources: list[str]
    store: object
    interval: float = 300.0
    fetcher: Fetcher = field(default_factory=Fetcher)
    log: Callable[[str], None] = print
    pipeline: object = None
    stop_event: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        if self.pipeline is None:
            from ..pipeline import Pipeline
            self.pipeline = Pipeline()
        self.states = [SourceState(u) for u in expand_sources(self.sources)]
        self.seen = BoundedSet()

    # -- one poll -------------------------------------------------------------------------
    def poll_once(self) -> PollStats:
        stats = PollStats()
        for st in self.states:
            if self.stop_event.is_set():
                break
            res = self.fetcher.get(st.url, st.etag, st.last_modified)
            if res.status == 304:
                continue
            if res.error or res.status != 200:
                st.failures += 1
                stats.errors += 1
                self.log(f"error {st.url}: {res.error or res.status}")
                continue
            st.failures = 0
            st.etag, st.last_modified = res.etag, res.last_modified
            entries = self._feed_entries(res.body)
            if entries is None:
                st.kind = "article"
                self._store_article(st.url, res.body, {}, stats)
            else:
                st.kind = "feed"
                for entry in entries:
                    if self.stop_event.is_set():
                        break
                    self._handle_entry(entry, stats)
        return stats

    def _feed_entries(self, body: bytes) -> list[dict] | None:
        head = body[:2048].lstrip().lower()
        if not (head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head or b"<rdf" in head):
            return None
        import feedparser
        try:
            parsed = feedparser.parse(body)
        except Exception:  # noqa: BLE001 - feedparser on garbage
            return []
        if not parsed.entries and parsed.get("bozo"):
            raise_msg = str(parsed.get("bozo_exception", "not a feed"))[:120]
            self.log(f"error feed: unreadable ({raise_msg})")
            return []
        return list(parsed.entries)

    def _handle_entry(self, entry, stats: PollStats) -> None:
        link = entry.get("link") or ""
        key = entry.get("id") or link or entry.get("title") or ""
        if not key:
            return
        if key in self.seen or self._already_stored(link or key):
            self.seen.add(key)
            stats.seen += 1
            return
        fields = {"title": entry.get("title"), "published": _entry_date(entry)}
        body = b""
        if link.startswith(("http://", "https://")):
            res = self.fetcher.get(link)
            if res.status == 200:
                body = res.body
            else:
                self.log(f"error {link}: {res.error or res.status}; using the feed's own text")
        if body:
            ok = self._store_article(link, body, fields, stats, fallback=_entry_text(entry))
        else:
            ok = self._store_text(link or key, _entry_text(entry), fields, stats)
        if ok:
            self.seen.add(key)

    def _already_stored(self, url: str) -> bool:
        getter = getattr(self.store, "get_article", None)
        try:
            return bool(getter and getter(stable_id(url, "")))
        except Exception:  # noqa: BLE001
            return False

    def _store_article(self, url: str, body: bytes, fields: dict, stats: PollStats, fallback: str = "") -> bool:
        from ..errors import InputError
        from ..ingest.encoding import decode_bytes
        from ..ingest.html import parse_html_article
        try:
            html, _ = decode_bytes(body, url)
            art = parse_html_article(html, url, url=url)
            text = art["text"]
            fields = {"title": fields.get("title") or art.get("title"),
                      "published": fields.get("published") or art.get("published"),
                      "source": art.get("source")}
        except InputError as e:
            if not fallback.strip():
                stats.errors += 1
                self.log(f"error {e}")
                return False
            text = fallback
        return self._store_text(url, text, fields, stats)

    def _store_text(self, url: str, text: str, fields: dict, stats: PollStats) -> bool:
        if not text or not text.strip():
            stats.errors += 1
            self.log(f"error {url}: no article text")
            return False
        try:
            rec = self.pipeline.analyze(text, id=stable_id(url, ""), url=url if "://" in url else None,
                                        **{k: v for k, v in fields.items() if v})
            result = self.store.add_records([rec])
        except Exception as e:  # noqa: BLE001 - a bad article is logged, the loop goes on
            stats.errors += 1
            self.log(f"error {url}: {type(e).__name__}: {e}")
            return False
        stored = getattr(result, "stored", 1)
        if stored:
            stats.new += 1
            self.log(f"new {rec['id']} {url} «{(rec.get('title') or '')[:60]}» events={len(rec['events'])}")
        else:
            stats.seen += 1
        return True

    # -- the loop ----------------------------------------------------------------------------
    def run(self, max_polls: int | None = None) -> None:
        polls = 0
        while not self.stop_event.is_set():
            t0 = time.monotonic()
            stats = self.poll_once()
            polls += 1
            self.log(f"poll {polls}: {stats.new} new, {stats.seen} already stored, {stats.errors} errors")
            if max_polls is not None and polls >= max_polls:
                break
            self.stop_event.wait(max(0.0, self.interval - (time.monotonic() - t0)))

    def install_signal_handlers(self) -> None:
        def stop(signum, _frame):
            self.log(f"stopping on {signal.Signals(signum).name} (finishing the current article)")
            self.stop_event.set()
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)


def _entry_text(entry) -> str:
    import re
    parts = []
    for c in entry.get("content") or []:
        parts.append(c.get("value") or "")
    if not parts:
        parts.append(entry.get("summary") or "")
    text = "\n".join(parts)
    return re.sub(r"<[^>]{0,2000}>", " ", text).strip()


def _entry_date(entry) -> str | None:
    t = entry.get("published_parsed") or entry.get("updated_parsed")
    if not t:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%S", t)
    except (TypeError, ValueError):
        return None
