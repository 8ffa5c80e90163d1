"""`marsad ingest`: files, feeds, duplicates, bad inputs, and resuming after kill -9."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

from sqlalchemy import text

from marsad.corpus.ingest import ingest
from marsad.corpus.store import open_store
from test_corpus_store import store_url  # noqa: F401 - SQLite, and PostgreSQL when configured

CITIES = ["حلب", "دمشق", "إدلب", "الرقة", "دير الزور", "حمص", "درعا", "الموصل", "الرمادي", "عدن", "تعز", "صنعاء",
          "بنغازي", "سرت", "العريش", "رفح"]
VERBS = ["قصفت", "استهدفت", "هاجمت", "حاصرت"]
ACTORS = ["طائرات التحالف", "قوات النظام", "مسلحون مجهولون", "فصائل المعارضة", "قوات الحكومة"]


def synthetic_articles(n: int, seed: int = 7) -> list[dict]:
    """Distinct short Arabic news items (ids, titles, dates), generated, not copied."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        city, verb, actor = rnd.choice(CITIES), rnd.choice(VERBS), rnd.choice(ACTORS)
        killed = rnd.randint(1, 40)
        body = (f"{verb} {actor} أحياء في مدينة {city} صباح اليوم، ما أسفر عن مقتل {killed} أشخاص "
                f"وإصابة آخرين بجروح، بحسب ما أفاد مصدر محلي. وقال المصدر إن الحصيلة مرشحة للارتفاع "
                f"في ظل وجود مفقودين تحت الأنقاض. (تقرير رقم {i})")
        out.append({"id": f"syn-{i}", "title": f"{verb} {actor} في {city}", "source": rnd.choice(["okaz", "aawsat"]),
                    "published": f"2015-07-{rnd.randint(20, 31):02d}T{rnd.randint(0, 23):02d}:00:00", "text": body})
    return out


def write_jsonl(path, items) -> None:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8")


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة الأنباء</title><link>http://example.com/</link>
<item><title>غارة على إدلب</title><link>http://example.com/news/1</link>
<pubDate>Mon, 03 Aug 2015 10:00:00 GMT</pubDate><category>سوريا</category>
<description>&lt;p&gt;قتل خمسة مدنيين في غارة جوية على مدينة &lt;b&gt;أريحا&lt;/b&gt; بريف إدلب.&lt;/p&gt;</description></item>
<item><title>اشتباكات في عدن</title><link>http://example.com/news/2</link>
<pubDate>Tue, 04 Aug 2015 09:30:00 GMT</pubDate>
<description>اندلعت اشتباكات عنيفة في مدينة عدن بين القوات الحكومية والحوثيين.</description></item>
</channel></rss>
"""


def test_ingest_files_feeds_duplicates_and_bad_inputs(tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    write_jsonl(data / "batch.jsonl", synthetic_articles(6))
    (data / "feed.rss").write_text(RSS, encoding="utf-8")
    (data / "article.txt").write_text("مظاهرة في عمان\n\nتظاهر مئات الأشخاص أمام السفارة احتجاجا على الغلاء.",
                                      encoding="utf-8")
    (data / "broken.jsonl").write_text('{"id": "ok-1", "text": "خبر سليم عن اجتماع وزراء الخارجية العرب."}\n'
                                       '{"id": "bad", "text": \n', encoding="utf-8")
    (data / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    with open_store(url) as store:
        first = ingest([str(data)], store, workers=1, stages=["text"])
        assert (first.stored, first.duplicates) == (10, 0)         # 6 + 2 feed items + 1 text + 1 good line
        assert first.failed == 2
        reasons = " ".join(f"{w} {r}" for w, r in first.failures)
        assert "broken.jsonl:2" in reasons and "empty.html" in reasons
        feed_item = store.get_article("http://example.com/news/1")
        assert feed_item["title"] == "غارة على إدلب" and feed_item["tags"] == ["سوريا"]
        assert feed_item["text"] == "قتل خمسة مدنيين في غارة جوية على مدينة أريحا بريف إدلب."
        assert feed_item["published"] == "2015-08-03T10:00:00" and feed_item["source"] == "وكالة الأنباء"
        again = ingest([str(data)], store, workers=1, stages=["text"])
        assert (again.stored, again.duplicates, again.failed) == (0, 10, 2)
        assert store.stats()["articles"] == 10


def test_parallel_ingest_stores_each_article_once(tmp_path):
    items = synthetic_articles(40)
    write_jsonl(tmp_path / "a.jsonl", items)
    write_jsonl(tmp_path / "b.jsonl", items[:10] + [dict(items[0], id="other-id")])   # overlap + same text
    with open_store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        s = ingest([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")], store, workers=2, stages=["text"])
        assert (s.stored, s.duplicates, s.failed) == (40, 11, 0)
        assert {a["id"] for a in store.list_articles(limit=100)} == {x["id"] for x in items}


def _integrity(store) -> dict[str, int]:
    q = {
        "articles": "SELECT COUNT(*) FROM articles",
        "distinct_texts": "SELECT COUNT(DISTINCT content_hash) FROM articles",
        "orphan_entities": "SELECT COUNT(*) FROM entities WHERE article_id NOT IN (SELECT id FROM articles)",
        "orphan_places": "SELECT COUNT(*) FROM places WHERE article_id NOT IN (SELECT id FROM articles)",
        "orphan_events": "SELECT COUNT(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)",
        "orphan_tags": "SELECT COUNT(*) FROM tags WHERE article_id NOT IN (SELECT id FROM articles)",
        "empty_incidents": "SELECT COUNT(*) FROM incidents WHERE incident_id NOT IN "
                           "(SELECT incident_id FROM events WHERE incident_id IS NOT NULL)",
    }
    with store.engine.connect() as conn:
        out = {k: conn.execute(text(v)).scalar() for k, v in q.items()}
        if store.dialect == "sqlite":
            out["fts_rows"] = conn.execute(text("SELECT COUNT(*) FROM article_fts")).scalar()
        else:
            out["fts_rows"] = conn.execute(text("SELECT COUNT(*) FROM articles WHERE search_tsv IS NOT NULL")).scalar()
    return out


def test_sigkill_at_random_points_then_resume(tmp_path, store_url):
    url = store_url
    n = 1200        # long enough (a few seconds) that every kill lands while articles still flow
    src = tmp_path / "news.jsonl"
    write_jsonl(src, synthetic_articles(n))
    # real stages: bulk writes are fast enough that a text-only run of 300 short items can end
    # before the watcher sees it start, and then no kill interrupts anything
    cmd = [sys.executable, "-m", "marsad", "ingest", str(src), "--db", url, "--stages", "text,entities,geo,events",
           "--no-progress", "--workers", "2"]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    rnd = random.Random()
    targets = sorted(rnd.sample(range(n // 10, n * 9 // 10), 3))   # kill once this many are stored
    counts = []
    with open_store(url) as watcher:
        for target in targets:
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            deadline = time.monotonic() + 30
            while proc.poll() is None and time.monotonic() < deadline:
                with watcher.engine.connect() as conn:
                    if conn.execute(text("SELECT COUNT(*) FROM articles")).scalar() >= target:
                        break
                time.sleep(0.01)
            time.sleep(rnd.uniform(0, 0.05))           # land anywhere, mid-transaction included
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            counts.append(_integrity(watcher))
    print("stored when killed:", [c["articles"] for c in counts])
    assert counts[0]["articles"] < n          # the kills did interrupt the ingest
    for c in counts:                       # after every kill: whole articles only
        assert c["articles"] == c["distinct_texts"] == c["fts_rows"]
        assert all(v == 0 for k, v in c.items() if k.startswith(("orphan", "empty")))
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with open_store(url) as store:
        final = _integrity(store)
        assert final["articles"] == final["distinct_texts"] == final["fts_rows"] == n
        assert all(v == 0 for k, v in final.items() if k.startswith(("orphan", "empty")))
        assert {a["id"] for a in store.list_articles(limit=n + 100)} == {f"syn-{i}" for i in range(n)}
    assert f"stored {n - counts[-1]['articles']}," in done.stdout


def test_feed_url_is_fetched_once_and_ingested(tmp_path):
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        hits = 0

        def do_GET(self):  # noqa: N802 - http.server API
            Handler.hits += 1
            body = RSS.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/feed.xml"
        with open_store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
            s = ingest([url, "http://127.0.0.1:1/nothing-listens-here"], store, workers=1, stages=["text"])
            assert (s.stored, s.failed) == (2, 1) and "cannot fetch" in s.failures[0][1]
            assert store.get_article("http://example.com/news/2")["title"] == "اشتباكات في عدن"
        assert Handler.hits == 1
    finally:
        server.shutdown()


def test_cli_ingest_search_export_round_trip(tmp_path, capsys):
    from marsad.cli import main
    write_jsonl(tmp_path / "news.jsonl", synthetic_articles(12))
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert main(["ingest", str(tmp_path / "news.jsonl"), "--db", db, "--stages", "text", "--workers", "1",
                 "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["stored"], summary["duplicates"], summary["failed"]) == (12, 0, 0)
    assert main(["search", "مقتل", "--db", db, "--json", "--limit", "5"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(hits) == 5 and all("⟦مقتل⟧" in h["snippet"] for h in hits)
    assert main(["search", "مقتل", "--db", db]) == 0          # the human table
    assert "مقتل" in capsys.readouterr().out
    out = tmp_path / "articles.csv"
    assert main(["export", "articles", "--format", "csv", "--db", db, "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 13
