"""The Article record: the output contract of ../shared/DESIGN.md.

Keys are stable and always present; a stage that found nothing leaves an empty list.
`to_record` is the only place a Doc becomes a record, and `validate_record` is what
tests and the hardening suite check every output against.
"""
from __future__ import annotations

import hashlib
from typing import Any

from .doc import Doc

RECORD_KEYS = ("id", "url", "source", "title", "published", "language", "text", "tags",
               "entities", "places", "events", "keyphrases", "quotes")
ENTITY_KEYS = ("text", "start", "end", "type", "subtype", "canonical", "entity_id")
PLACE_KEYS = ("name", "geonameid", "lat", "lon", "country_code", "admin1", "feature",
              "precision", "mentions")
EVENT_KEYS = ("event_type", "sub_event_type", "plover", "date", "date_precision", "location",
              "actor1", "actor2", "fatalities", "injuries", "reported_by", "evidence")
QUOTE_KEYS = ("speaker", "speaker_id", "verb", "text", "start", "end", "via")
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")

ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"),
}
PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
          "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
          "ASSAULT", "FIGHT", "CRIME")


def stable_id(url: str | None, text: str) -> str:
    """The id of an article without one: a hash of its url, else of its text."""
    basis = url if url else text
    return hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def to_record(doc: Doc) -> dict[str, Any]:
    return {
        "id": doc.id or stable_id(doc.url, doc.text),
        "url": doc.url,
        "source": doc.source,
        "title": doc.title,
        "published": doc.published.strftime("%Y-%m-%dT%H:%M:%S") if doc.published else None,
        "language": doc.language,
        "text": doc.text,
        "tags": list(doc.tags),
        "entities": [{k: e.get(k) for k in ENTITY_KEYS} for e in doc.entities],
        "places": [{k: p.get(k) for k in PLACE_KEYS} for p in doc.places],
        "events": [{k: e.get(k) for k in EVENT_KEYS} for e in doc.events],
        "keyphrases": [{"text": k["text"], "score": k["score"]} for k in doc.keyphrases],
        "quotes": [{k: q.get(k) for k in QUOTE_KEYS} for q in doc.quotes],
    }


def validate_record(rec: dict[str, Any]) -> list[str]:
    """Problems with a record against the contract; an empty list means valid."""
    errs: list[str] = []
    for k in RECORD_KEYS:
        if k not in rec:
            errs.append(f"missing key {k}")
    if errs:
        return errs
    text = rec["text"]
    if not isinstance(text, str):
        return ["text is not a string"]
    for k in ("tags", "entities", "places", "events", "keyphrases", "quotes"):
        if not isinstance(rec[k], list):
            errs.append(f"{k} is not a list")
    if errs:
        return errs
    pub = rec["published"]
    if pub is not None and (not isinstance(pub, str) or len(pub) != 19 or pub[10] != "T"):
        errs.append(f"published not YYYY-MM-DDTHH:MM:SS: {pub!r}")
    for e in rec["entities"]:
        if e["type"] not in ENTITY_TYPES:
            errs.append(f"entity type {e['type']!r}")
        if not (0 <= e["start"] < e["end"] <= len(text)) or text[e["start"]:e["end"]] != e["text"]:
            errs.append(f"entity offsets {e['start']}:{e['end']} do not give {e['text']!r}")
    for p in rec["places"]:
        if p["precision"] not in (1, 2, 3):
            errs.append(f"place precision {p['precision']!r}")
        for s, e in p["mentions"]:
            if not 0 <= s < e <= len(text):
                errs.append(f"place mention {s}:{e} out of text")
    for ev in rec["events"]:
        subs = ACLED_TYPES.get(ev["event_type"])
        if subs is None or ev["sub_event_type"] not in subs:
            errs.append(f"event type {ev['event_type']!r}/{ev['sub_event_type']!r}")
        if ev["plover"] not in PLOVER:
            errs.append(f"plover {ev['plover']!r}")
        if ev["date_precision"] not in (1, 2, 3):
            errs.append(f"date_precision {ev['date_precision']!r}")
        for key in ("fatalities", "injuries"):
            if set(ev[key]) != {"low", "best", "high"}:
                errs.append(f"{key} keys {sorted(ev[key])}")
        for sp in ev["evidence"]:
            if not 0 <= sp["start"] < sp["end"] <= len(text):
                errs.append(f"evidence {sp} out of text")
    for q in rec["quotes"]:
        if not 0 <= q["start"] < q["end"] <= len(text):
            errs.append(f"quote {q['start']}:{q['end']} out of text")
    for k in rec["keyphrases"]:
        if not isinstance(k.get("text"), str):
            errs.append("keyphrase without text")
    return errs
