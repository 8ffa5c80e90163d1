"""The read-response cache: repeats are served from memory, a write through this app
clears it, entries expire, and errors or writes are never cached."""
from __future__ import annotations

import time

from web_fakes import FakeStore, sample_records
from web_helpers import StubPipeline, client_for


class CountingStore(FakeStore):
    def __init__(self, records):
        super().__init__(records)
        self.calls = 0

    def list_events(self, *a, **k):
        self.calls += 1
        return super().list_events(*a, **k)


def test_repeats_come_from_the_cache_until_a_write():
    store = CountingStore(sample_records())
    client = client_for(store, cache_ttl=60, pipeline=StubPipeline())
    first = client.get("/events", params={"country": "SY"})
    again = client.get("/events", params={"country": "SY"})
    assert first.json() == again.json() and store.calls == 1
    assert again.headers["content-security-policy"]            # guards still apply to cached answers
    client.get("/events", params={"country": "YE"})
    assert store.calls == 2                                     # another query is another entry
    r = client.post("/analyze", params={"store": "true"}, json={"text": "قتل مدنيان في قصف على حلب"})
    assert r.status_code == 200
    client.get("/events", params={"country": "SY"})
    assert store.calls == 3


def test_entries_expire_and_errors_are_not_kept():
    store = CountingStore(sample_records())
    client = client_for(store, cache_ttl=0.2)
    client.get("/events")
    time.sleep(0.3)
    client.get("/events")
    assert store.calls == 2
    assert client.get("/events", params={"limit": 0}).status_code == 422
    assert client.get("/events", params={"limit": 0}).status_code == 422
    assert store.calls == 2


def test_off_by_default_in_the_factory():
    store = CountingStore(sample_records())
    client = client_for(store)
    client.get("/events")
    client.get("/events")
    assert store.calls == 2


def test_same_question_in_another_order_is_one_entry():
    store = CountingStore(sample_records())
    client = client_for(store, cache_ttl=60)
    first = client.get("/events?country=SY&limit=5&place=")
    again = client.get("/events?limit=5&country=SY")
    assert first.headers["x-cache"] == "miss" and again.headers["x-cache"] == "hit"
    assert first.json() == again.json() and store.calls == 1


def test_a_write_by_another_process_is_seen_through_the_generation():
    from marsad.web.cache import ResponseCache
    gen = [0]

    async def app(scope, receive, send):
        gen.append(None)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})
    cache = ResponseCache(app, ttl=3600, generation=lambda: gen[0])
    import asyncio

    async def get():
        sent = []

        async def send(m):
            sent.append(m)
        await cache({"type": "http", "method": "GET", "path": "/events", "query_string": b"", "headers": []},
                     None, send)
        return dict(sent[0]["headers"])[b"x-cache"]
    assert asyncio.run(get()) == b"miss" and asyncio.run(get()) == b"hit"
    gen[0] = 1                   # e.g. `marsad ingest` appended to the SQLite file
    cache._gen_checked = 0.0     # the generation is looked at once a second
    assert asyncio.run(get()) == b"miss"


def test_landing_requests_are_prewarmed():
    import asyncio

    from marsad.web.app import LANDING, create_app, prewarm
    store = CountingStore(sample_records())
    app = create_app(store=store, cache_ttl=60)
    assert asyncio.run(prewarm(app)) == len(LANDING)
    calls = store.calls
    from fastapi.testclient import TestClient
    r = TestClient(app).get("/events")
    assert r.status_code == 200 and r.headers["x-cache"] == "hit" and store.calls == calls
