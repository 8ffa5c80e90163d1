"""Pipeline stage adding `doc.places`, `doc.meta["place_mentions"]` and `doc.meta["dateline_place"]`.

places: one entry per distinct place (contract keys plus `gazetteer_id`), mentions in order.
place_mentions: [{"start", "end", "place_index", "dateline"}] for every mention, so the events
stage can take the place nearest a trigger (see `resolve.place_for_span`).
dateline_place: the place of a wire dateline (`دمشق - (وكالات)`, `عين اليوم – بغداد`,
`بيروت: ...`), where the story was written rather than where things happened; else None.
"""
from __future__ import annotations

import re

from ..doc import Doc
from .candidates import Mention, find_mentions, words_of
from .gazetteer import (ADMIN1, CC, FEATURE, GEONAMEID, ID, LAT, LON, NAME, PRECISION, Gazetteer,
                        load_gazetteer)
from .resolve import keep_mentions, resolve_mentions

DATELINE_SPAN = 80                           # a dateline sits in the first characters of the body
# what follows a dateline place: a dash or colon, «(وكالات)», a line break, or a date (واس style)
DATELINE_AFTER = re.compile(r"[-–—:(\n]|،[ \t]{0,4}\(|[0-9\u0660-\u0669]{1,2}[ \t]{1,4}\S{1,12}[ \t]{1,4}[0-9\u0660-\u0669]{4}")


def _is_dateline(text: str, m: Mention, first: bool) -> bool:
    """The first mention, at the head of the body, between a source name and a dash or date."""
    if not first or m.start > DATELINE_SPAN:
        return False
    head = text[:m.start]
    if len(head.split()) > 4:
        return False
    after = m.end
    while after < len(text) and after - m.end < 4 and text[after] in " \t":
        after += 1
    before = head.rstrip(" \t")
    before_ok = before == "" or before[-1] in "-–—\n" or before.strip() == ""
    return before_ok and DATELINE_AFTER.match(text, after) is not None


def geoparse(doc: Doc, gaz: Gazetteer | None = None) -> Doc:
    gaz = gaz or load_gazetteer()
    text = doc.text
    words = words_of(text)
    mentions = find_mentions(text, gaz, words)
    mentions = keep_mentions(text, words, mentions, gaz, doc.entities)
    chosen = resolve_mentions(words, mentions, gaz)
    E = gaz.entries
    places: list[dict] = []
    by_entry: dict[int, int] = {}
    details: list[dict] = []
    dateline = None
    for k, (m, idx) in enumerate(zip(mentions, chosen)):
        pi = by_entry.get(idx)
        if pi is None:
            e = E[idx]
            pi = by_entry[idx] = len(places)
            places.append({"name": e[NAME], "geonameid": e[GEONAMEID], "lat": e[LAT], "lon": e[LON],
                           "country_code": e[CC], "admin1": e[ADMIN1], "feature": e[FEATURE],
                           "precision": e[PRECISION], "mentions": [], "gazetteer_id": e[ID]})
        places[pi]["mentions"].append([m.start, m.end])
        is_dl = _is_dateline(text, m, k == 0)
        details.append({"start": m.start, "end": m.end, "place_index": pi, "dateline": is_dl})
        if is_dl:
            dateline = {"place_index": pi, "start": m.start, "end": m.end, "name": places[pi]["name"]}
    doc.places = places
    doc.meta["place_mentions"] = details
    doc.meta["dateline_place"] = dateline
    return doc


class GeoStage:
    def __init__(self) -> None:
        self._gaz: Gazetteer | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return geoparse(doc, self._gaz)
