"""A tiny in-memory store with the corpus store's interface, for web tests that must
not depend on the database. It filters like the real one would, on plain dicts.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Iterator

from marsad.text.normalize import normalize_key


@dataclass
class AddResult:
    stored: int = 0
    duplicates: int = 0
    failed: int = 0


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class FakeStore:
    def __init__(self, records: Iterable[dict[str, Any]] = ()):
        self.articles: dict[str, dict[str, Any]] = {}
        self.add_records(records)

    def add_records(self, records: Iterable[dict[str, Any]]) -> AddResult:
        res = AddResult()
        for rec in records:
            if rec["id"] in self.articles:
                res.duplicates += 1
            else:
                self.articles[rec["id"]] = rec
                res.stored += 1
        return res

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        return self.articles.get(article_id)

    def _events(self):
        for rec in self.articles.values():
            for i, ev in enumerate(rec["events"]):
                yield {**ev, "event_id": f"{rec['id']}:{i}", "article_id": rec["id"],
                       "incident_id": f"inc-{rec['id']}-{i}"}

    @staticmethod
    def _event_ok(ev: dict[str, Any], f) -> bool:
        d = _day(ev.get("date"))
        loc = ev.get("location") or {}
        actors = [a for a in (ev.get("actor1"), ev.get("actor2")) if a]
        if f.since and (d is None or d < f.since) or f.until and (d is None or d > f.until):
            return False
        if f.country and loc.get("country_code") != f.country:
            return False
        if f.place and normalize_key(f.place) != normalize_key(loc.get("name") or ""):
            return False
        if f.event_type and ev.get("event_type") != f.event_type:
            return False
        if f.actor and not any(normalize_key(f.actor) in normalize_key(a.get("canonical") or a.get("name") or "")
                               for a in actors):
            return False
        return True

    def _article_ok(self, rec: dict[str, Any], f) -> bool:
        if not any((f.since, f.until, f.country, f.place, f.actor, f.event_type)):
            return True
        return any(self._event_ok(ev, f) for ev in rec["events"])

    def list_articles(self, filters, limit=50, offset=0):
        recs = sorted((r for r in self.articles.values() if self._article_ok(r, filters)),
                      key=lambda r: r["published"] or "", reverse=True)
        return [{"id": r["id"], "title": r["title"], "published": r["published"], "source": r["source"],
                 "url": r["url"], "event_count": len(r["events"])} for r in recs[offset:offset + limit]]

    def list_events(self, filters, limit=100, offset=0):
        evs = [e for e in self._events() if self._event_ok(e, filters)]
        return evs[offset:offset + limit]

    def list_incidents(self, filters, limit=100, offset=0):
        out = []
        for ev in self.list_events(filters, limit=10**9):
            rec = self.articles[ev["article_id"]]
            out.append({**{k: v for k, v in ev.items() if k not in ("event_id", "article_id")},
                        "report_ids": [ev["article_id"]], "outlets": [rec["source"]] if rec["source"] else [],
                        "report_count": 1})
        return out[offset:offset + limit]

    def search(self, query, filters, limit=20, offset=0):
        words = [normalize_key(w) for w in query.split() if normalize_key(w)]
        hits = []
        for rec in self.articles.values():
            hay = normalize_key((rec["title"] or "") + " " + rec["text"])
            if words and all(w in hay for w in words) and self._article_ok(rec, filters):
                pos = rec["text"].find(query.split()[0])
                snippet = rec["text"][max(pos - 30, 0):pos + 60] if pos >= 0 else rec["text"][:90]
                hits.append({"article_id": rec["id"], "title": rec["title"], "published": rec["published"],
                             "source": rec["source"], "score": 1.0, "snippet": snippet})
        return hits[offset:offset + limit]

    def export(self, kind, fmt, filters) -> Iterator[str]:
        rows = {"events": lambda: self.list_events(filters, 10**9),
                "incidents": lambda: self.list_incidents(filters, 10**9),
                "articles": lambda: self.list_articles(filters, 10**9)}[kind]()
        if fmt == "jsonl":
            for r in rows:
                yield json.dumps(r, ensure_ascii=False) + "\n"
        elif fmt == "csv":
            buf = io.StringIO()
            keys = ["id", "event_type", "date"] if kind != "articles" else ["id", "title", "published"]
            w = csv.writer(buf)
            w.writerow(keys)
            for r in rows:
                w.writerow([r.get(k, r.get("event_id")) for k in keys])
            yield buf.getvalue()
        else:
            feats = [{"type": "Feature", "properties": {"event_type": r.get("event_type")},
                      "geometry": {"type": "Point", "coordinates": [r["location"]["lon"], r["location"]["lat"]]}}
                     for r in rows if r.get("location")]
            yield json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False)

    def stats(self) -> dict[str, int]:
        return {"articles": len(self.articles), "events": sum(len(r["events"]) for r in self.articles.values())}
