"""Data safety and resource limits of `marsad ingest` (issue 10).

A store that cannot be written (read-only, disk full) stops ingest with one line and a
non-zero exit, and holds whole articles only; one pathological article in a batch is
reported and skipped while the rest is stored.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy import event, text

from marsad.cli import main
from marsad.corpus import ingest as ingest_mod
from marsad.corpus import store as store_mod
from marsad.corpus.ingest import analyze_job, ingest
from marsad.corpus.store import StoreError, open_store, storage_failure
from test_corpus_ingest import synthetic_articles, write_jsonl

CHILD_TABLES = ("entities", "places", "tags", "keyphrases", "quotes", "events")


def consistency(url: str) -> dict:
    """Counts that must agree in a consistent store: articles, full-text rows, orphans, duplicates."""
    with open_store(url) as st, st.engine.connect() as conn:
        one = lambda sql: conn.execute(text(sql)).scalar()  # noqa: E731
        return {
            "articles": one("SELECT COUNT(*) FROM articles"),
            "fts_rows": one("SELECT COUNT(*) FROM article_fts_docsize"),
            "fts_without_article": one("SELECT COUNT(*) FROM article_fts_docsize d "
                                       "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.seq = d.id)"),
            "orphans": sum(one(f"SELECT COUNT(*) FROM {t} x WHERE NOT EXISTS "
                               f"(SELECT 1 FROM articles a WHERE a.id = x.article_id)") for t in CHILD_TABLES),
            "duplicate_texts": one("SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM articles"),
        }


def assert_consistent(url: str, articles: int) -> None:
    c = consistency(url)
    assert c == {"articles": articles, "fts_rows": articles, "fts_without_article": 0, "orphans": 0,
                 "duplicate_texts": 0}, c


def ingest_cli(*args: str) -> int:
    return main(["ingest", *args, "--workers", "1", "--stages", "text", "--no-progress"])


def test_storage_failure_tells_store_errors_from_article_errors():
    assert storage_failure(sqlite3.OperationalError("database or disk is full")) == "database or disk is full"
    assert storage_failure(sqlite3.OperationalError("attempt to write a readonly database"))
    wrapped = RuntimeError("flush failed")
    wrapped.__cause__ = sqlite3.OperationalError("disk I/O error")
    assert storage_failure(wrapped) == "disk I/O error"
    assert storage_failure(ValueError("invalid record: entities[0].start out of range")) is None
    assert storage_failure(sqlite3.IntegrityError("UNIQUE constraint failed: articles.id")) is None


def test_read_only_store_fails_with_one_line_and_stays_intact(tmp_path):
    db = tmp_path / "news.db"
    url = f"sqlite:///{db}"
    write_jsonl(tmp_path / "a.jsonl", synthetic_articles(5))
    write_jsonl(tmp_path / "b.jsonl", synthetic_articles(12)[5:])
    assert ingest_cli(str(tmp_path / "a.jsonl"), "--db", url) == 0
    # root ignores chmod, so the database is opened read-only through SQLite itself
    ro_url = f"sqlite:///file:{db}?mode=ro&uri=true"
    with open_store(ro_url) as st:                     # a read-only store still opens and reads
        assert st.stats()["articles"] == 5
        assert st.search("مدينة")
    proc = subprocess.run([sys.executable, "-m", "marsad", "ingest", str(tmp_path / "b.jsonl"), "--db", ro_url,
                           "--workers", "1", "--stages", "text", "--no-progress"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "readonly" in lines[0] and "run the same command again" in lines[0], lines[0]
    assert_consistent(url, 5)
    assert ingest_cli(str(tmp_path / "b.jsonl"), "--db", url) == 0     # writable again: it finishes
    assert_consistent(url, 12)


def test_disk_full_mid_batch_rolls_back_and_a_rerun_completes(tmp_path, monkeypatch, capsys):
    db = tmp_path / "news.db"
    url = f"sqlite:///{db}"
    articles = synthetic_articles(80, seed=3)
    write_jsonl(tmp_path / "in.jsonl", articles)
    make_engine = store_mod._make_engine
    full_at = 45                                   # the disk fills up inside the 45th article

    def failing_engine(u):
        engine = make_engine(u)
        seen = {"fts": 0}

        @event.listens_for(engine, "before_cursor_execute")
        def _fill_disk(conn, cursor, statement, params, context, executemany):
            if statement.startswith("INSERT INTO article_fts"):
                seen["fts"] += len(params) if executemany else 1     # rows: one per article
                if seen["fts"] >= full_at:
                    raise sqlite3.OperationalError("database or disk is full")
        return engine

    monkeypatch.setattr(store_mod, "_make_engine", failing_engine)
    monkeypatch.setattr(ingest_mod, "BATCH_SECONDS", 3600.0)      # batches of exactly BATCH articles
    rc = ingest_cli(str(tmp_path / "in.jsonl"), "--db", url)
    err = capsys.readouterr().err.strip().splitlines()
    assert rc != 0
    assert len(err) == 1 and "database or disk is full" in err[0] and "Traceback" not in err[0], err
    monkeypatch.setattr(store_mod, "_make_engine", make_engine)
    committed = (full_at - 1) // ingest_mod.BATCH * ingest_mod.BATCH      # whole batches before the fault
    assert_consistent(url, committed)
    assert ingest_cli(str(tmp_path / "in.jsonl"), "--db", url) == 0
    assert_consistent(url, len(articles))
    with open_store(url) as st:
        assert {a["id"] for a in st.list_articles(limit=1000)} == {a["id"] for a in articles}


def test_write_batch_raises_store_error_and_keeps_nothing_of_the_batch(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'news.db'}"
    from marsad.pipeline import Pipeline
    pipe = Pipeline(["text"])
    items = [analyze_job(pipe, (a["id"], a))[2] for a in synthetic_articles(4, seed=11)]
    with open_store(url) as st:
        calls = {"n": 0}
        real = st._many

        def many(conn, sql, rows):     # the 2nd multi-row insert: the batch's articles are written
            calls["n"] += 1
            if calls["n"] == 2:
                raise sqlite3.OperationalError("database or disk is full")
            return real(conn, sql, rows)
        monkeypatch.setattr(st, "_many", many)
        with pytest.raises(StoreError, match="disk is full"):
            st.write_batch(items)
        monkeypatch.undo()
        assert st.stats()["articles"] == 0            # the first two were rolled back with the batch
        assert st.write_batch(items) == [True] * 4
    assert_consistent(url, 4)


class SlowOnLongArticles:
    """A pipeline stand-in whose analysis of an article over 1 MB never ends (a pure-Python
    loop, like a pathological backtracking case); normal articles go through the real one."""

    def __init__(self, real):
        self.real = real

    def analyze(self, text_, **meta):
        if len(text_) > 1_000_000:
            while True:
                pass
        return self.real.analyze(text_, **meta)


def test_time_limit_skips_a_hanging_article_and_keeps_going(tmp_path, monkeypatch):
    real = ingest_mod._local_pipeline(["text"])
    monkeypatch.setattr(ingest_mod, "_local_pipeline", lambda stages: SlowOnLongArticles(real))
    items = synthetic_articles(20, seed=5)
    items.insert(7, {"id": "huge", "title": "نص طويل", "text": "خبر عاجل " * 200_000})
    write_jsonl(tmp_path / "in.jsonl", items)
    url = f"sqlite:///{tmp_path / 'news.db'}"
    with open_store(url) as st:
        t0 = time.monotonic()
        summary = ingest([str(tmp_path / "in.jsonl")], st, workers=1, stages=["text"], timeout=1.0,
                         max_bytes=5_000_000)
        assert time.monotonic() - t0 < 30
    assert (summary.stored, summary.failed) == (20, 1)
    assert "ArticleTimeout" in summary.failures[0][1] and "longer than 1s" in summary.failures[0][1]
    assert_consistent(url, 20)


def test_batch_with_a_10mb_article_stores_the_other_1000(tmp_path, capsys):
    """Issue 10's bar: one 10 MB pathological article among 1,000 normal ones."""
    items = synthetic_articles(1000, seed=21)
    # one paragraph of 10 MB: no sentence end, no line break, a single very long "word" run
    items.insert(500, {"id": "pathological", "title": "نص مريب",
                       "text": "ب" * 4_000_000 + " " + "قتل " * 1_500_000})
    path = tmp_path / "batch.jsonl"
    write_jsonl(path, items)
    assert path.stat().st_size > 10_000_000
    url = f"sqlite:///{tmp_path / 'news.db'}"
    t0 = time.monotonic()
    rc = ingest_cli(str(path), "--db", url, "--json")
    out, err = capsys.readouterr()
    summary = json.loads(out.strip().splitlines()[-1])
    assert rc == 0
    assert (summary["stored"], summary["failed"], summary["duplicates"]) == (1000, 1, 0), summary
    assert "batch.jsonl:501" in summary["failures"][0]["where"]
    assert "MB limit" in summary["failures"][0]["reason"]
    assert_consistent(url, 1000)
    assert time.monotonic() - t0 < 60
