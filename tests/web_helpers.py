"""Shared setup for the web tests: an app over the fake store or the real SQLite store."""
from __future__ import annotations

from pathlib import Path

from web_fakes import FakeStore, sample_records


def make_store(kind: str, tmp_path: Path, records=None):
    records = sample_records() if records is None else records
    if kind == "fake":
        return FakeStore(records)
    from marsad.corpus.store import open_store
    store = open_store(f"sqlite:///{tmp_path / 'web.db'}")
    result = store.add_records(records)
    assert result.failed == 0, getattr(result, "errors", result)
    return store


def client_for(store, token=None, **kw):
    from fastapi.testclient import TestClient
    from marsad.web.app import create_app
    return TestClient(create_app(store=store, token=token, **kw), raise_server_exceptions=False)


class StubPipeline:
    """Stands in for the NLP pipeline where a test is about HTTP, not analysis."""

    def analyze(self, text, **fields):
        from marsad.doc import Doc
        from marsad.record import to_record
        pub = fields.pop("published", None)
        if isinstance(pub, str):
            from marsad.text.dates import parse_published
            pub = parse_published(pub)
        return to_record(Doc(text=text, published=pub, **{k: v for k, v in fields.items()
                                                            if k in ("id", "title", "url", "source", "tags")}))
