"""One event per real event: sentence mentions describing the same event merge.

A mention joins the latest earlier event it is compatible with: same kind of
violence (or a bare casualty/anaphoric sentence after one), no conflicting date
(more than a day apart) and no conflicting place (two different precise places).
Background mentions without a date of their own are left out, never merged.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import math
import datetime as dt
from typing import Any

from .casualties import Figure
from .taxonomy import SPECIFICITY, is_violent

ANAPHORIC_KINDS = frozenset({"casualty"})


@dataclass
class Draft:
    """An event being assembled from one or more sentence mentions."""
    event_type: str
    sub_event_type: str
    plover: str
    kind: str
    date: dt.date | None
    date_precision: int
    date_explicit: bool
    place: int | None                 # index into doc.places
    place_precision: int
    actor1: dict[str, Any] | None
    actor2: dict[str, Any] | None
    figures: list[Figure] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    triggers: list[tuple[int, int]] = field(default_factory=list)
    place_own: bool = True            # the place is named in the mention's own sentence
    anaphoric: bool = False           # only refers back to an event told before
    rise: bool = False                # states a new (risen) toll
    rank: int = 0                     # strength of the trigger that made it
    new_story: bool = False           # opens with «إلى ذلك»، «وفي حادث منفصل»: another event follows


def compatible(ev: Draft, m: Draft, places: list[dict]) -> bool:
    # a protest that police then disperse is one protest: its sub-types are stages of one event
    same_type = ev.event_type == m.event_type and (ev.sub_event_type == m.sub_event_type or is_violent(m.event_type)
                                                   or m.event_type == "Protests")
    if not same_type:
        if not (m.kind in ANAPHORIC_KINDS and is_violent(ev.event_type)):
            if not (is_violent(ev.event_type) and is_violent(m.event_type)):
                return False
    if m.date_explicit and ev.date_explicit and ev.date and m.date and abs((ev.date - m.date).days) > 1:
        return False
    if m.rise and is_violent(ev.event_type):
        return True
    if m.new_story and m.event_type:
        return False
    if m.date_explicit and ev.date_explicit and ev.date and m.date and ev.date != m.date:
        return False
    if m.place is not None and ev.place is not None and m.place != ev.place and m.place_own and ev.place_own:
        a, b = places[m.place], places[ev.place]
        if (a.get("precision") or 3) == 1 and (b.get("precision") or 3) == 1 and not _near(a, b):
            return False
        if (not same_type or ev.sub_event_type != m.sub_event_type) and not _may_hold(a, b) and not _may_hold(b, a):
            # «غارة على أريحا … واشتباكات في جبل الزاوية»: two kinds of violence, each at its own
            # named place, are two events; an area that may hold the other place (ريف إدلب) still merges
            return False
        if a.get("country_code") and b.get("country_code") and a.get("country_code") != b.get("country_code"):
            return False
    return True


SAME_PLACE_KM = 3.0
AREA_FEATURES = frozenset({"country", "admin1", "region", "sea"})


AREA_KM = 150.0        # a region («ريف إدلب») may hold a town this far from its centroid


def _may_hold(area: dict, spot: dict) -> bool:
    """Whether `spot` may lie inside `area` (or be the same place): a country holds its own
    towns, a province the towns of its admin1 code, a region those near its centroid; a town,
    a mountain or a crossing only itself (a few km)."""
    feature = area.get("feature") or ""
    if feature == "country" or (area.get("precision") or 3) == 3 and feature != "admin1":
        return area.get("country_code") == spot.get("country_code")
    if feature == "admin1" and area.get("admin1") and spot.get("admin1"):
        return area.get("admin1") == spot.get("admin1") and area.get("country_code") == spot.get("country_code")
    if feature in AREA_FEATURES:
        return _km(area, spot) <= AREA_KM
    return _near(area, spot)


def _km(a: dict, b: dict) -> float:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return 0.0          # unknown: assume it may hold it
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _near(a: dict, b: dict) -> bool:
    """Two names of one spot (المسجد الأقصى in القدس القديمة): a few km apart at most."""
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return False
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h))) <= SAME_PLACE_KM


def _same_side(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    return a is not None and b is not None and a.get("canonical") == b.get("canonical")


def absorb(ev: Draft, m: Draft) -> None:
    if SPECIFICITY.get(m.sub_event_type, 0) > SPECIFICITY.get(ev.sub_event_type, 0) and m.event_type:
        ev.event_type, ev.sub_event_type, ev.plover, ev.kind = m.event_type, m.sub_event_type, m.plover, m.kind
    if m.date is not None and (ev.date is None or m.date_explicit and not ev.date_explicit):
        ev.date, ev.date_precision, ev.date_explicit = m.date, m.date_precision, m.date_explicit
    if m.place is not None and m.place_own and (ev.place is None or not ev.place_own
                                                or m.place_precision < ev.place_precision):
        ev.place, ev.place_precision, ev.place_own = m.place, m.place_precision, True
    # two sentences of one clash may each name the same side («مسلحي جماعة الحوثي» …
    # «7 من الحوثيين»): a merge never sets a side against itself
    if ev.actor1 is None and not _same_side(m.actor1, ev.actor2):
        ev.actor1 = m.actor1
    if ev.actor2 is None and not _same_side(m.actor2, ev.actor1):
        ev.actor2 = m.actor2
    ev.figures.extend(m.figures)
    for r in m.reported_by:
        if r not in ev.reported_by:
            ev.reported_by.append(r)
    ev.sentences.extend(m.sentences)
    ev.evidence.extend(m.evidence)
    ev.triggers.extend(m.triggers)


def merge_mentions(mentions: list[tuple[Draft, bool]], places: list[dict]) -> list[Draft]:
    """Merge (draft, is_background) mentions in text order into events."""
    events: list[Draft] = []
    for m, background in mentions:
        if background and not m.date_explicit:
            # «وكان تفجير انتحاري قد وقع ظهر اليوم … أسفر عن استشهاد 15»: the past perfect retells
            # the event of this report (same type, same day): its toll is that event's
            if m.event_type and m.figures and m.date is not None:
                same = next((ev for ev in reversed(events) if ev.event_type == m.event_type and ev.date is not None
                             and abs((ev.date - m.date).days) <= 0 and compatible(ev, m, places)), None)
                if same is not None:
                    absorb(same, m)
            continue
        if background and m.event_type and m.rank < 60:
            continue                                  # a passing mention of an earlier event
        if background and m.event_type:
            # an earlier event with its own date: its own event, never merged into the main one
            prior = next((ev for ev in reversed(events) if ev.date == m.date and ev.event_type == m.event_type
                          and ev.date_explicit), None)
            if prior is not None:
                absorb(prior, m)
            else:
                events.append(m)
            continue
        target = None
        if not m.event_type:                          # figures-only sentence
            target = events[-1] if events and is_violent(events[-1].event_type) else None
            if target is not None and m.sentences[0] - target.sentences[-1] > 2:
                target = None
            if target is None:
                continue
        elif m.anaphoric:
            target = next((ev for ev in reversed(events) if is_violent(ev.event_type)), None) \
                if is_violent(m.event_type) else None
            if target is None:
                continue                              # a reference to an event not told here
        else:
            for ev in reversed(events):
                if compatible(ev, m, places):
                    target = ev
                    break
        if target is None:
            events.append(m)
        else:
            absorb(target, m)
    return events
