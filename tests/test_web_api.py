"""The REST API over the fake store and the real SQLite store: lists, filters,
pagination, the article record, search, export, analyze, and readable errors."""
from __future__ import annotations

import json

import pytest

from web_fakes import sample_records
from web_helpers import StubPipeline, client_for, make_store

IDLIB, BAGHDAD, TAIZ, CAIRO = (r["id"] for r in sample_records())


@pytest.fixture(params=["fake", "sqlite"])
def client(request, tmp_path):
    if request.param == "sqlite":
        pytest.importorskip("marsad.corpus.store")
    return client_for(make_store(request.param, tmp_path), pipeline=StubPipeline())


def test_health_counts(client):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["stats"]["articles"] == 4


def test_articles_newest_first_and_paginated(client):
    first = client.get("/articles", params={"limit": 2}).json()
    assert [a["id"] for a in first["items"]] == [IDLIB, TAIZ]
    assert first["next_offset"] == 2
    second = client.get("/articles", params={"limit": 2, "offset": 2}).json()
    assert [a["id"] for a in second["items"]] == [BAGHDAD, CAIRO]
    assert client.get("/articles", params={"limit": 2, "offset": 4}).json()["next_offset"] is None


def test_article_record_keeps_offsets(client):
    rec = client.get(f"/articles/{IDLIB}").json()
    ent = next(e for e in rec["entities"] if e["type"] == "PER")
    assert rec["text"][ent["start"]:ent["end"]] == ent["text"] == "رامي عبد الرحمن"
    ev = rec["events"][0]
    assert ev["sub_event_type"] == "Air/drone strike" and ev["fatalities"]["best"] == 9
    ev_span = ev["evidence"][0]
    assert "قتل تسعة مدنيين" in rec["text"][ev_span["start"]:ev_span["end"]]


def test_unknown_article_is_404(client):
    r = client.get("/articles/nope")
    assert r.status_code == 404 and r.json()["detail"] == "no such article"


@pytest.mark.parametrize("params, expected", [
    ({"country": "YE"}, {TAIZ}),
    ({"country": "ye"}, {TAIZ}),
    ({"event_type": "Protests"}, {CAIRO}),
    ({"since": "2015-07-20", "until": "2015-07-31"}, {TAIZ}),
    ({"actor": "داعش"}, {BAGHDAD}),
])
def test_event_filters(client, params, expected):
    items = client.get("/events", params=params).json()["items"]
    assert {e["article_id"] for e in items} == expected


def test_incidents_link_reports(client):
    items = client.get("/incidents", params={"country": "SY"}).json()["items"]
    assert len(items) == 1 and items[0]["report_ids"] == [IDLIB]
    assert items[0]["location"]["lat"] == pytest.approx(35.8126)


def test_search_finds_arabic_and_marks_hits(client):
    hits = client.get("/search", params={"q": "إدلب"}).json()["items"]
    assert [h["article_id"] for h in hits] == [IDLIB]
    assert "⟦" in hits[0]["snippet"] and "⟧" in hits[0]["snippet"]
    assert client.get("/search", params={"q": "إدلب", "country": "EG"}).json()["items"] == []


def test_timeline_counts_per_day_and_type(client):
    items = client.get("/timeline").json()["items"]
    assert {"date": "2015-07-25", "event_type": "Battles", "count": 1} in items
    assert sum(i["count"] for i in items) == 4
    assert client.get("/timeline", params={"country": "EG"}).json()["items"] == [
        {"date": "2015-04-12", "event_type": "Protests", "count": 1}]


@pytest.mark.parametrize("fmt, media", [("jsonl", "application/x-ndjson"), ("csv", "text/csv"),
                                        ("geojson", "application/geo+json")])
def test_export_formats(client, fmt, media):
    r = client.get("/export", params={"kind": "events", "format": fmt})
    if r.status_code == 501:
        pytest.skip("the store has no export yet")
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert "attachment" in r.headers["content-disposition"]
    if fmt == "geojson":
        assert len(json.loads(r.text)["features"]) == 4
    elif fmt == "jsonl":
        assert len(r.text.strip().splitlines()) == 4


def test_validation_errors_are_readable(client):
    r = client.get("/events", params={"limit": 0, "since": "last week"})
    assert r.status_code == 422
    body = r.json()
    assert "query.limit" in body["detail"] and "query.since" in body["detail"]
    assert {e["field"] for e in body["errors"]} == {"query.limit", "query.since"}
    r = client.get("/search", params={"q": "   "})
    assert r.status_code == 422 and "search word" in r.json()["detail"]
    r = client.get("/export", params={"format": "xlsx"})
    assert r.status_code == 422 and "query.format" in r.json()["detail"]


def test_analyze_pasted_seed_layout(client):
    raw = "غارة على حلب\n\nالثلاثاء 4 أغسطس 2015 10:30 ص\n\nقتل ثلاثة مدنيين في قصف على مدينة حلب."
    r = client.post("/analyze", json={"text": raw})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["title"] == "غارة على حلب" and rec["published"] == "2015-08-04T10:30:00"
    assert rec["text"].startswith("قتل ثلاثة مدنيين")
    assert client.get("/health").json()["stats"]["articles"] == 4      # not stored by default


def test_analyze_upload_and_store(client):
    raw = "غارة على حلب\n\nالثلاثاء 4 أغسطس 2015 10:30 ص\n\nقتل ثلاثة مدنيين في قصف على مدينة حلب."
    r = client.post("/analyze", params={"store": "true"},
                    files={"file": ("halab.txt", raw.encode("cp1256"), "text/plain")})
    assert r.status_code == 200, r.text
    assert r.json()["title"] == "غارة على حلب"
    assert client.get("/health").json()["stats"]["articles"] == 5
    assert client.get(f"/articles/{r.json()['id']}").status_code == 200


@pytest.mark.parametrize("body, message", [
    ({"text": ""}, "body.text"),
    ({"text": "   \n "}, "no article text"),
    ({"title": "x"}, "body.text"),
    ({"text": "نص", "layout": "pdf"}, "body.layout"),
])
def test_analyze_rejects_non_articles(client, body, message):
    r = client.post("/analyze", json=body)
    assert r.status_code == 422 and message in r.json()["detail"]


def test_analyze_rejects_bad_json_and_media_type(client):
    r = client.post("/analyze", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422
    r = client.post("/analyze", content=b"text", headers={"content-type": "application/pdf"})
    assert r.status_code == 415


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/analyze", "/articles", "/articles/{article_id}", "/events", "/incidents", "/search", "/export",
            "/health", "/timeline"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


def test_dashboard_is_served_offline(client):
    page = client.get("/")
    assert page.status_code == 200 and 'dir="rtl"' in page.text and 'lang="ar"' in page.text
    assert "http://" not in page.text and "https://" not in page.text    # nothing from a CDN
    for asset in ("/static/app.js", "/static/app.css", "/static/vendor/leaflet.js",
                  "/static/vendor/leaflet.markercluster.js", "/static/vendor/countries.geojson",
                  "/static/vendor/countries-110m.geojson", "/static/vendor/fonts/noto-naskh-arabic-400.woff2",
                  "/static/vendor/LICENSE.leaflet.txt", "/static/vendor/LICENSE.leaflet.markercluster.txt"):
        assert client.get(asset).status_code == 200, asset


def test_article_ids_that_are_urls(tmp_path):
    """Inputs without an id keep their URL as id (SaudiNewsNet does): slashes and Arabic included."""
    from urllib.parse import quote
    from web_fakes import sample_records
    rec = dict(sample_records()[0], id="http://example.com/home/article/410826/غارات-على-إدلب")
    client = client_for(make_store("fake", tmp_path, [rec]))
    r = client.get("/articles/" + quote(rec["id"], safe=""))
    assert r.status_code == 200 and r.json()["id"] == rec["id"]
