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
                first = query.split()[0]
                pos = rec["text"].find(first)
                snippet = (rec["text"][max(pos - 30, 0):pos] + "⟦" + first + "⟧"
                           + rec["text"][pos + len(first):pos + 60]) if pos >= 0 else rec["text"][:90]
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


# ---- hand-annotated records over the example articles (offsets found in the text, never typed) ----

REPO = __import__("pathlib").Path(__file__).resolve().parents[1]

SAMPLES = {
    "idlib_airstrike.txt": {
        "source": "مثال", "entities": [("المرصد السوري لحقوق الإنسان", "ORG"), ("رامي عبد الرحمن", "PER"),
                                      ("أريحا", "LOC"), ("إدلب", "LOC")],
        "places": [("أريحا", 35.8126, 36.6094, "SY"), ("إدلب", 35.9306, 36.6339, "SY")],
        "events": [("Explosions/Remote violence", "Air/drone strike", "FIGHT", "2015-08-03", "أريحا",
                    "قوات النظام السوري", 9, 20, "قتل تسعة مدنيين")],
        "quote": ("رامي عبد الرحمن", "قال", "الطائرات استهدفت سوقاً شعبية وسط المدينة"),
    },
    "baghdad_bombing.txt": {
        "source": "مثال", "entities": [("تنظيم داعش", "ORG"), ("بغداد", "LOC"), ("الكرادة", "LOC")],
        "places": [("الكرادة", 33.3031, 44.4214, "IQ"), ("بغداد", 33.3406, 44.4009, "IQ")],
        "events": [("Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT", "2015-07-16",
                    "الكرادة", "تنظيم داعش", 12, 30, "12 شخصاً قتلوا")],
    },
    "taiz_clashes.txt": {
        "source": "مثال", "entities": [("جماعة الحوثي", "ORG"), ("عبد ربه منصور هادي", "PER"), ("تعز", "LOC")],
        "places": [("تعز", 13.5795, 44.0209, "YE")],
        "events": [("Battles", "Armed clash", "FIGHT", "2015-07-25", "تعز", "جماعة الحوثي", 11, None,
                    "اشتباكات عنيفة اندلعت")],
    },
    "cairo_protest.txt": {
        "source": "مثال", "entities": [("جامعة القاهرة", "ORG"), ("الجيزة", "LOC")],
        "places": [("الجيزة", 30.0081, 31.2109, "EG")],
        "events": [("Protests", "Peaceful protest", "PROTEST", "2015-04-12", "الجيزة", None, None, None,
                    "تظاهر مئات الطلاب")],
    },
}


def _sentence_around(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind("\n", 0, pos), text.rfind(".", 0, pos)) + 1
    ends = [i for i in (text.find("\n", pos), text.find(".", pos)) if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


def annotated_record(name: str, spec: dict) -> dict:
    """A contract-shaped record for examples/NAME, its spans located in the parsed body."""
    from marsad.ingest.plaintext import parse_plain_article
    from marsad.record import stable_id
    art = parse_plain_article((REPO / "examples" / name).read_text(encoding="utf-8"))
    text = art["text"]

    def at(surface: str) -> tuple[int, int]:
        i = text.find(surface)
        assert i >= 0, f"{surface!r} not in {name}"
        return i, i + len(surface)

    entities = [{"text": s, "start": at(s)[0], "end": at(s)[1], "type": ty, "subtype": None,
                 "canonical": s, "entity_id": None} for s, ty in spec["entities"]]
    places = [{"name": n, "geonameid": None, "lat": lat, "lon": lon, "country_code": cc, "admin1": None,
               "feature": "P", "precision": 1, "mentions": [list(at(n))]} for n, lat, lon, cc in spec["places"]]
    by_name = {p["name"]: p for p in places}
    events = []
    for etype, sub, plover, day, loc, actor, killed, injured, cue in spec["events"]:
        p = by_name[loc]
        s, e = _sentence_around(text, at(cue)[0])
        events.append({
            "event_type": etype, "sub_event_type": sub, "plover": plover, "date": day, "date_precision": 1,
            "location": {k: p[k] for k in ("name", "geonameid", "lat", "lon", "country_code", "admin1", "precision")},
            "actor1": {"name": actor, "canonical": actor, "actor_type": None} if actor else None, "actor2": None,
            "fatalities": {"low": killed, "best": killed, "high": killed},
            "injuries": {"low": injured, "best": injured, "high": injured},
            "reported_by": [], "evidence": [{"start": s, "end": e}]})
    quotes = []
    if "quote" in spec:
        speaker, verb, said = spec["quote"]
        quotes.append({"speaker": speaker, "speaker_id": None, "verb": verb, "text": said,
                       "start": at(said)[0], "end": at(said)[1]})
    published = art["published"]
    return {"id": stable_id(None, text), "url": None, "source": spec["source"], "title": art["title"],
            "published": published.strftime("%Y-%m-%dT%H:%M:%S") if published else None, "language": "ar",
            "text": text, "tags": art["tags"], "entities": entities, "places": places, "events": events,
            "keyphrases": [], "quotes": quotes}


def sample_records() -> list[dict]:
    return [annotated_record(name, spec) for name, spec in SAMPLES.items()]
