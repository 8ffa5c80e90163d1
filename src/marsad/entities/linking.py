"""Give every entity mention an `entity_id` and a `canonical` name.

Catalogue actors get their stable catalogue id. Within one article, a short form links
to the full one it abbreviates (عبد الرحمن → رامي عبد الرحمن), and a bare anaphoric
head (التنظيم, التحالف, الحزب) links to the one earlier entity whose name has that head,
when exactly one does. Everything else gets an id derived from its type and name, so it
is stable within the article (and across articles for the same spelling).
"""
from __future__ import annotations

import functools
import hashlib
from typing import Any

from ..text.normalize import normalize_key
from . import actors
from .features import bare_form, core_form

QUOTES = "«»\"“”'"
# anaphoric heads: the definite word as written → the head word it refers back to
ANAPHORS = {"التنظيم": "تنظيم", "التحالف": "تحالف", "الحزب": "حزب", "الحركه": "حركه",
            "الجماعه": "جماعه", "الجبهه": "جبهه", "الائتلاف": "ائتلاف", "المرصد": "مرصد",
            "الهييه": "هييه", "الميليشيا": "ميليشيا", "المليشيا": "مليشيا", "الفصيل": "فصيل"}


def clean_name(text: str) -> str:
    return " ".join(text.replace("«", " ").replace("»", " ").replace('"', " ").split())


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> tuple[str, ...]:
    return tuple(core_form(w) for w in normalize_key(clean_name(text)).split())


@functools.lru_cache(maxsize=1 << 16)
def _actor_of(text: str) -> actors.Actor | None:
    """The catalogue actor a mention's text names (the same names recur across articles)."""
    return actors.lookup(clean_name(text))


def local_id(typ: str, canonical: str) -> str:
    return "x-" + hashlib.sha1(f"{typ}:{normalize_key(canonical)}".encode()).hexdigest()[:10]


def apply_actor(ent: dict[str, Any], actor: actors.Actor) -> None:
    ent["canonical"] = actor.canonical
    ent["entity_id"] = actor.id
    ent["actor_type"] = actor.actor_type
    ent["country"] = actor.country
    if actor.subtype and not ent.get("subtype"):
        ent["subtype"] = actor.subtype


def link_entities(entities: list[dict[str, Any]]) -> None:
    """Fill canonical, entity_id, actor_type and country in place (entities sorted by start)."""
    keys = [name_key(e["text"]) for e in entities]
    for e in entities:
        actor = _actor_of(e["text"])
        if actor is not None and (actor.type == e["type"] or e["type"] in ("ORG", "LOC")):
            apply_actor(e, actor)
    # short forms → the longest name of the same type that ends or starts with them
    # (index every proper suffix, and prefix for non-persons, once: no pairwise scan)
    longer: dict[tuple[str, tuple[str, ...]], int] = {}
    for j, f in enumerate(entities):
        kf, typ = keys[j], f["type"]
        for L in range(1, len(kf)):
            for part in ((kf[-L:], kf[:L]) if typ != "PER" else (kf[-L:],)):
                best = longer.get((typ, part))
                if best is None or len(kf) > len(keys[best]):
                    longer[(typ, part)] = j
    for i, e in enumerate(entities):
        if e.get("entity_id"):
            continue
        best = longer.get((e["type"], keys[i]))
        if best is not None and entities[best].get("entity_id"):
            src = entities[best]
            for field in ("canonical", "entity_id", "actor_type", "country"):
                e[field] = src.get(field)
        elif best is not None:
            e["canonical"] = clean_name(entities[best]["text"])
        else:
            e["canonical"] = clean_name(e["text"])
    for e in entities:
        if not e.get("entity_id"):
            e["entity_id"] = local_id(e["type"], e["canonical"])
        e.setdefault("actor_type", None)
        e.setdefault("country", None)


def anaphor_head(key: str) -> str | None:
    return ANAPHORS.get(key)


def resolve_anaphor(head: str, earlier: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The single earlier entity whose canonical name contains `head`, else None."""
    ids = {}
    for e in earlier:
        words = {bare_form(core_form(w)) for w in normalize_key(e.get("canonical") or e["text"]).split()}
        if head in words or ("ال" + head) in words:
            ids.setdefault(e["entity_id"], e)
    return next(iter(ids.values())) if len(ids) == 1 else None
