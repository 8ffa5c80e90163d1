"""`marsad watch` against a local server: every new article stored exactly once, broken
sources logged and survived, conditional GET used, clean stop."""
from __future__ import annotations

import threading

from watch_server import FeedWorld, start_server

from marsad.watch.fetch import Fetcher
from marsad.watch.watcher import Watcher


class MemoryStore:
    """The two store methods the watcher uses, counting every write."""

    def __init__(self):
        self.records: dict[str, dict] = {}
        self.writes = 0

    def add_records(self, records):
        class Result:
            stored = 0
        res = Result()
        for rec in records:
            self.writes += 1
            if rec["id"] not in self.records:
                self.records[rec["id"]] = rec
                res.stored += 1
        return res

    def get_article(self, article_id):
        return self.records.get(article_id)


def make_watcher(base, store, sources, logs):
    fetcher = Fetcher(timeout=3, retries=1, backoff=0.01, min_host_interval=0, max_bytes=2_000_000)
    return Watcher([base + s if s.startswith("/") else s for s in sources], store, interval=0.05,
                   fetcher=fetcher, log=logs.append)


def test_new_articles_stored_once_and_bad_sources_survived():
    world = FeedWorld(feeds=3)
    server, base = start_server(world)
    try:
        store = MemoryStore()
        logs: list[str] = []
        w = make_watcher(base, store, ["/feed/0.xml", "/feed/1.xml", "/feed/2.xml", "/garbage.xml", "/loop",
                                       "/huge.html", "/error500.xml", "http://127.0.0.1:9/down.xml"], logs)
        for f in range(3):
            world.publish(f, 4)
        s1 = w.poll_once()
        assert s1.new == 12
        world.publish(1, 3)
        s2 = w.poll_once()
        assert s2.new == 3
        s3 = w.poll_once()
        assert s3.new == 0
        assert len(store.records) == 15 and store.writes == 15
        # unchanged feeds answered 304 to the conditional GET: articles not refetched
        assert world.hits["/article/0/0.html"] == 1
        text = "\n".join(logs)
        assert "loop" in text and "redirect" in text
        assert "over 2 MB" in text
        assert "HTTP 500" in text
        assert "network error" in text
        rec = next(iter(store.records.values()))
        assert rec["url"].startswith(base + "/article/") and "قصف" in rec["text"]
    finally:
        server.shutdown()


def test_stop_event_ends_run_loop():
    world = FeedWorld(feeds=1)
    server, base = start_server(world)
    try:
        store = MemoryStore()
        logs: list[str] = []
        w = make_watcher(base, store, ["/feed/0.xml"], logs)
        world.publish(0, 2)
        t = threading.Thread(target=w.run)
        t.start()
        for _ in range(100):
            if len(store.records) == 2:
                break
            threading.Event().wait(0.05)
        w.stop_event.set()
        t.join(timeout=10)
        assert not t.is_alive()
        assert len(store.records) == 2
    finally:
        server.shutdown()
