"""Untrusted text stays text, queries stay parameterized, writes need the token,
oversize bodies get 413, and no response ever carries a traceback."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from web_fakes import annotated_record, SAMPLES
from web_helpers import StubPipeline, client_for, make_store

STATIC = Path(__file__).resolve().parents[1] / "src" / "marsad" / "web" / "static"
PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(1)>"\'&'
INJECTIONS = ["' OR 1=1 --", "\"; DROP TABLE articles; --", "%' UNION SELECT id, text FROM articles --",
              "إدلب' OR '1'='1", "*", "NEAR(a b)", "\"unterminated", "title:x", "\\", "%_%", "\x00"]


def payload_record() -> dict:
    """A record whose every free-text field carries script/HTML markup."""
    rec = annotated_record("idlib_airstrike.txt", SAMPLES["idlib_airstrike.txt"])
    rec["text"] = f"{PAYLOAD} " + rec["text"]
    shift = len(PAYLOAD) + 1
    for e in rec["entities"]:
        e["start"] += shift
        e["end"] += shift
    rec["entities"].append({"text": PAYLOAD, "start": 0, "end": len(PAYLOAD), "type": "PER", "subtype": PAYLOAD,
                            "canonical": PAYLOAD, "entity_id": PAYLOAD})
    for p in rec["places"]:
        p["mentions"] = [[s + shift, e + shift] for s, e in p["mentions"]]
        p["admin1"] = PAYLOAD
    for ev in rec["events"]:
        ev["evidence"] = [{"start": sp["start"] + shift, "end": sp["end"] + shift} for sp in ev["evidence"]]
        ev["actor1"]["name"] = PAYLOAD
        ev["reported_by"] = [PAYLOAD]
        ev["location"]["name"] = ev["location"]["name"]
    for q in rec["quotes"]:
        q["start"] += shift
        q["end"] += shift
        q["speaker"] = PAYLOAD
    rec.update(id="xss-" + rec["id"], title=PAYLOAD, source=PAYLOAD, url="javascript:alert(1)", tags=[PAYLOAD])
    rec["keyphrases"] = [{"text": PAYLOAD, "score": 1.0}]
    return rec


@pytest.fixture(params=["fake", "sqlite"])
def store(request, tmp_path):
    if request.param == "sqlite":
        pytest.importorskip("marsad.corpus.store")
    return make_store(request.param, tmp_path, [payload_record()])


def test_payloads_come_back_as_json_data_never_html(store):
    client = client_for(store)
    rec = client.get("/articles/" + payload_record()["id"])
    assert rec.status_code == 200
    assert rec.headers["content-type"].startswith("application/json")
    assert rec.headers["x-content-type-options"] == "nosniff"
    body = rec.json()
    assert body["title"] == PAYLOAD and body["tags"] == [PAYLOAD] and body["source"] == PAYLOAD
    hits = client.get("/search", params={"q": "alert"}).json()["items"] + \
        client.get("/search", params={"q": "إدلب"}).json()["items"]
    assert hits and all(h["title"] == PAYLOAD for h in hits)


def test_dashboard_never_parses_data_as_html():
    """The page builds every node with textContent/createElement; these sinks would parse markup."""
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    code = re.sub(r"//.*", "", js)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "setTimeout(\"", "bindTooltip("):
        assert sink not in code, sink
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "onclick=" not in html      # CSP allows no inline script


def test_content_security_policy_forbids_inline_and_remote_scripts(store):
    csp = client_for(store).get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_in_every_parameter(store, value):
    client = client_for(store)
    before = client.get("/health").json()["stats"]["articles"]
    for path, extra in [("/search", {"q": value}), ("/events", {}), ("/incidents", {}), ("/articles", {}),
                        ("/timeline", {})]:
        for field in ("country", "place", "actor", "event_type"):
            r = client.get(path, params={**extra, field: value})
            assert r.status_code in (200, 422), (path, field, r.status_code, r.text)
            if r.status_code == 200:
                assert all(payload_record()["id"] == (i.get("article_id") or i.get("id"))
                           for i in r.json()["items"] if "article_id" in i or "id" in i)
    from urllib.parse import quote
    r = client.get("/articles/" + quote(value, safe=""))
    assert r.status_code in (404, 422)
    assert client.get("/health").json()["stats"]["articles"] == before


def test_token_guards_analyze(store):
    client = client_for(store, token="s3cret", pipeline=StubPipeline())
    assert client.post("/analyze", json={"text": "نص المقال"}).status_code == 401
    assert client.post("/analyze", json={"text": "نص"}, headers={"Authorization": "Bearer nope"}).status_code == 401
    ok = client.post("/analyze", json={"text": "نص المقال"}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200
    assert client.get("/articles").status_code == 200        # reads stay open


def test_oversize_body_is_413(store):
    client = client_for(store, max_body=10_000, pipeline=StubPipeline())
    r = client.post("/analyze", json={"text": "ا" * 20_000})
    assert r.status_code == 413 and "10000" in r.json()["detail"]

    def chunks():                      # no content-length: counted as it streams
        for _ in range(30):
            yield b"x" * 1000
    r = client.post("/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


class BrokenStore:
    def __getattr__(self, name):
        def fail(*a, **k):
            raise RuntimeError("database exploded at /secret/path line 42")
        return fail


def test_no_stack_traces_in_responses():
    client = client_for(BrokenStore())
    for path in ("/health", "/articles", "/events", "/articles/x", "/search?q=a"):
        r = client.get(path)
        assert r.status_code == 500
        assert r.json() == {"error": "internal error", "detail": "the server failed; see its log"}
        assert "Traceback" not in r.text and "secret" not in r.text


def test_serve_binds_localhost_by_default():
    import argparse
    from marsad.cli import serve
    parser = argparse.ArgumentParser()
    serve.add_parser(parser.add_subparsers())
    args = parser.parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000


def test_serve_wires_options_into_the_app(monkeypatch, tmp_path, capsys):
    """`marsad serve` opens the store, keeps the token and cache settings, and binds where told."""
    import uvicorn

    from marsad.cli import main
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    db = f"sqlite:///{tmp_path / 'served.db'}"
    pytest.importorskip("marsad.corpus.store")
    assert main(["serve", "--db", db, "--port", "8123", "--token", "t0k", "--cache-ttl", "5"]) == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert seen["app"].state.token == "t0k"
    assert main(["serve", "--db", db, "--host", "0.0.0.0", "--port", "8124"]) == 0
    assert "without a token" in capsys.readouterr().err
    assert main(["serve", "--db", db, "--workers", "0"]) == 1
