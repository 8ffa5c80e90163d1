"""Incidents: reports of the same real-world event across articles and outlets.

GDELT counted one abduction as hundreds of events because every report became a
record; here every event report is kept as evidence, and reports that agree on what
happened (compatible type), where (within ~25 km or the same district), when (±2
days) and to whom (no conflicting actors or tolls) join one incident. Joining is
complete-linkage — a report must be compatible with every report already in the
incident — so two different attacks in one city on one day stay apart when their
details conflict. It is incremental: `choose_incident` places one new report among
the candidate incidents, so incidents grow as reports arrive, in any store.

This module is pure (plain dicts in and out); the store persists its results and
`IncidentIndex` runs it in memory for evaluation.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from datetime import date, timedelta
from typing import Any, Iterable

from ..text.normalize import normalize_key

RADIUS_KM = 25.0
DAY_WINDOW = 2
COARSE_DAY_WINDOW = 7            # the furthest a retrospective report may look back
WEEK_DAY_WINDOW = 3               # events dated only to the week or month
# Two reports must agree on more than "same family, nearby, same days": a report whose
# place AND type both differ (a bombing in Kobani vs the suicide attack in Suruç, 11 km
# away, the same day) needs a shared actor or toll as well.
MIN_SCORE = 2.5
RISING_TOLL = 2.5        # a later report may count up to this many times the dead
ACTOR_CONFLICT = -0.5    # both name both sides and none agree: a doubt, not a veto (extracted
                         # actors are the noisiest field)

VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# Territory changing hands is coded per location: two towns taken the same week by the
# same force are two events, so these join only at one spot.
TERRITORIAL = {"Government regains territory", "Non-state actor overtakes territory",
               "Non-violent transfer of territory"}
SPOT_KM = 5.0
DEMONSTRATION = ("Protests", "Riots")

# How the violence was done; reports of one incident may name it differently
# (a car bomb is an IED to one outlet and a suicide attack to another), so groups
# that outlets confuse are compatible, groups that they never confuse are not.
MECHANISM = {
    "Air/drone strike": "air",
    "Suicide bomb": "blast", "Remote explosive/landmine/IED": "blast", "Grenade": "blast",
    "Shelling/artillery/missile attack": "shelling",
    "Chemical weapon": "chemical",
    "Armed clash": "ground", "Government regains territory": "ground",
    "Non-state actor overtakes territory": "ground",
    "Attack": "civilian", "Abduction/forced disappearance": "abduction", "Sexual violence": "civilian",
}
COMPATIBLE_MECHANISMS = {frozenset(p) for p in (
    ("blast", "civilian"), ("ground", "shelling"), ("air", "shelling"), ("chemical", "air"),
    ("chemical", "shelling"), ("ground", "civilian"), ("abduction", "civilian"))}


def family(event_type: str | None, sub_event_type: str | None) -> str:
    """Coarse type family: reports are only compared within one family."""
    if event_type in VIOLENCE:
        return "violence"
    if event_type in DEMONSTRATION:
        return "demonstration"
    return f"strategic:{sub_event_type or event_type or 'other'}"


def _day(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def actor_key(actor: dict | None) -> str | None:
    if not actor:
        return None
    name = actor.get("canonical") or actor.get("name")
    return normalize_key(name) if name else None


def features(event: dict[str, Any], article: dict[str, Any], event_id: str) -> dict[str, Any]:
    """The facts about one event report that clustering compares (JSON-serializable)."""
    loc = event.get("location") or {}
    fat = event.get("fatalities") or {}
    inj = event.get("injuries") or {}
    a1, a2 = actor_key(event.get("actor1")), actor_key(event.get("actor2"))
    day = _day(event.get("date"))
    precision = event.get("date_precision") or 1
    if day is None:                      # undated: the article's day, a weaker date
        day = _day(article.get("published"))
        precision = 2
    return {
        "event_id": event_id,
        "article_id": article["id"],
        "source": article.get("source"),
        "published": article.get("published"),
        "family": family(event.get("event_type"), event.get("sub_event_type")),
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "plover": event.get("plover"),
        "day": day,
        "date_precision": precision,
        "location_name": loc.get("name"),
        "location_key": normalize_key(loc["name"]) if loc.get("name") else None,
        "lat": loc.get("lat"), "lon": loc.get("lon"),
        "country_code": loc.get("country_code"),
        "admin1": loc.get("admin1"),
        "location_precision": loc.get("precision") or (3 if loc else None),
        "actor1": (event.get("actor1") or {}).get("canonical") or (event.get("actor1") or {}).get("name"),
        "actor2": (event.get("actor2") or {}).get("canonical") or (event.get("actor2") or {}).get("name"),
        "actor1_key": a1, "actor2_key": a2,
        "fatalities": [fat.get("low"), fat.get("best"), fat.get("high")],
        "injuries": [inj.get("low"), inj.get("best"), inj.get("high")],
    }


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def day_window(f: dict[str, Any]) -> int:
    return DAY_WINDOW if (f.get("date_precision") or 1) == 1 else WEEK_DAY_WINDOW


def _days_apart(a: dict, b: dict) -> int | None:
    if not a["day"] or not b["day"]:
        return None
    return abs((date.fromisoformat(a["day"]) - date.fromisoformat(b["day"])).days)


def place_match(a: dict, b: dict) -> float | None:
    """1.0 same place … 0.5 at the radius; None when a place is missing; -1 on conflict.

    Distance decides before borders do: Suruç and Kobani are 11 km apart in two countries.
    """
    if not (a["location_key"] or a["lat"] is not None) or not (b["location_key"] or b["lat"] is not None):
        return None
    if a["location_key"] and a["location_key"] == b["location_key"]:
        return 1.0
    if a["lat"] is not None and b["lat"] is not None:
        d = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
        if d <= RADIUS_KM:
            return 1.0 - 0.5 * d / RADIUS_KM
    if a["country_code"] and b["country_code"] and a["country_code"] != b["country_code"]:
        return -1.0
    if a["admin1"] and a["admin1"] == b["admin1"]:
        return 0.5                       # same district/province: compatible, weaker
    coarse = max(a["location_precision"] or 1, b["location_precision"] or 1) >= 3
    if coarse and (a["country_code"] and a["country_code"] == b["country_code"]):
        return 0.25                      # a country- or region-level report: cannot conflict
    return -1.0


def same_spot(a: dict, b: dict) -> bool:
    """The same named place, or points within SPOT_KM of each other."""
    if a["location_key"] and a["location_key"] == b["location_key"]:
        return True
    return (a["lat"] is not None and b["lat"] is not None
            and haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= SPOT_KM)


def mechanism_match(a: dict, b: dict) -> float:
    if a["family"] != b["family"]:
        return -1.0
    if a["sub_event_type"] == b["sub_event_type"]:
        return 1.0
    if a["family"] != "violence":
        return 0.5
    ma, mb = MECHANISM.get(a["sub_event_type"] or ""), MECHANISM.get(b["sub_event_type"] or "")
    if ma == mb or frozenset((ma, mb)) in COMPATIBLE_MECHANISMS:
        return 0.5
    return -1.0


def actor_match(a: dict, b: dict) -> float:
    """+1 shared actor, 0 unknown, ACTOR_CONFLICT when both name both sides and none agree.

    A penalty, not a veto: extracted actors are the noisiest field (a report's "Turkish
    police" may be who investigated, not who attacked).
    """
    sa = {k for k in (a["actor1_key"], a["actor2_key"]) if k}
    sb = {k for k in (b["actor1_key"], b["actor2_key"]) if k}
    if sa & sb:
        return 1.0
    if len(sa) == 2 and len(sb) == 2:
        return ACTOR_CONFLICT
    return 0.0


def _toll_range(f: dict) -> tuple[int, int] | None:
    vals = [v for v in f["fatalities"] if v is not None]
    return (min(vals), max(vals)) if vals else None


def toll_match(a: dict, b: dict) -> float:
    """Death tolls of one incident grow as bodies are counted, but not tenfold:
    +0.5 when the ranges agree closely, 0 when unknown or when a LATER report counts
    more (up to RISING_TOLL times), -1 when they cannot be one count."""
    ra, rb = _toll_range(a), _toll_range(b)
    if ra is None or rb is None:
        return 0.0
    gap = max(ra[0], rb[0]) - min(ra[1], rb[1])         # <= 0 when the ranges overlap
    top = max(ra[1], rb[1])
    if gap <= 3 or gap <= 0.4 * top:
        return 0.5
    early, late = (a, b) if (a["published"] or "") <= (b["published"] or "") else (b, a)
    re_, rl = _toll_range(early), _toll_range(late)
    if rl[0] > re_[1] and rl[0] <= RISING_TOLL * re_[1] + 3:
        return 0.0
    return -1.0


def strong_match(a: dict, b: dict) -> bool:
    """Same named place, same sub-type and the same firm toll: a later report looking back
    at the incident, whose date may be its own publication day."""
    return (a["location_key"] is not None and a["location_key"] == b["location_key"]
            and a["sub_event_type"] == b["sub_event_type"]
            and a["fatalities"][1] is not None and a["fatalities"][1] == b["fatalities"][1]
            and a["fatalities"][1] > 0)


def similarity(a: dict, b: dict, look_back: bool = False) -> float | None:
    """How well two reports agree; None when any detail conflicts.

    `look_back`: `a` strongly matches some report of b's incident, so it may be a later
    retrospective report dated by its own publication (up to a week later).
    """
    if a["article_id"] == b["article_id"]:
        return None                      # one article's events are distinct by construction
    mech = mechanism_match(a, b)
    if mech < 0:
        return None
    gap = _days_apart(a, b)
    if gap is None:
        return None
    if gap > max(day_window(a), day_window(b)) and not (gap <= COARSE_DAY_WINDOW and look_back):
        return None
    place = place_match(a, b)
    if place is not None and place < 0:
        return None
    if TERRITORIAL & {a["sub_event_type"], b["sub_event_type"]} and not same_spot(a, b):
        return None                      # ACLED codes each town taken as its own event
    tolls = toll_match(a, b)
    if tolls < 0:
        return None
    actors = actor_match(a, b)
    if place is None and actors <= 0:
        return None                      # no place and no shared actor: nothing ties them
    return mech + (place or 0.0) * 1.5 + actors + tolls + (DAY_WINDOW - min(gap, DAY_WINDOW)) * 0.25


def _fit(feat: dict, members: list[dict]) -> float | None:
    """Best agreement of `feat` with an incident's reports, None if any of them conflicts."""
    look_back = any(strong_match(feat, m) for m in members)
    best = None
    for m in members:
        s = similarity(feat, m, look_back)
        if s is None:
            return None
        best = s if best is None or s > best else best
    return best


def place_report(feat: dict, candidates: Iterable[tuple[str, list[dict]]]) -> tuple[str | None, list[str]]:
    """(incident to join or None for a new one, incidents to merge into it).

    The best-agreeing incident wins; ties go to the larger incident, then the smaller
    id, so the choice never depends on the order candidates come from the database.
    A report can bridge incidents that arrived apart (one outlet called the Ariha crash
    shelling, another an air strike, before a third reported both details): every
    other incident it fits is merged in when all their reports are compatible too.
    """
    fits = []
    for incident_id, members in candidates:
        score = _fit(feat, members)
        if score is not None and score >= MIN_SCORE:
            fits.append(((score, len(members), tuple(-ord(c) for c in incident_id)), incident_id, members))
    if not fits:
        return None, []
    fits.sort(key=lambda t: t[0], reverse=True)
    _, chosen, group = fits[0]
    group = group + [feat]
    merged = []
    for _, other_id, others in fits[1:]:
        if all(_fit(o, group) is not None for o in others):
            group = group + others
            merged.append(other_id)
    return chosen, merged


def choose_incident(feat: dict, candidates: Iterable[tuple[str, list[dict]]]) -> str | None:
    """Id of the candidate incident this report belongs to, or None for a new incident."""
    return place_report(feat, candidates)[0]


def new_incident_id(feat: dict) -> str:
    return "inc-" + hashlib.sha1(feat["event_id"].encode("utf-8")).hexdigest()[:12]


def _mode(values: Iterable, tiebreak=None):
    vals = [v for v in values if v not in (None, "")]
    if not vals:
        return None
    counts = Counter(vals)
    top = max(counts.values())
    tied = [v for v in vals if counts[v] == top]
    return min(tied, key=tiebreak) if tiebreak else tied[0]


def consolidate(incident_id: str, members: list[dict]) -> dict[str, Any]:
    """The incident's single record from its reports (see module doc for the rules)."""
    specific = sorted(members, key=lambda m: (m["location_precision"] or 9, m["date_precision"] or 9))
    firm_precision = min((m["date_precision"] or 9) for m in members)
    day = _mode((m["day"] for m in members if (m["date_precision"] or 9) == firm_precision), tiebreak=str)
    sub = _mode(m["sub_event_type"] for m in specific)
    typed = next((m for m in specific if m["sub_event_type"] == sub), specific[0])
    placed = next((m for m in specific if m["location_key"] or m["lat"] is not None), None)

    def tally(key: str) -> tuple[int | None, int | None, int | None]:
        firm = [m for m in members if m[key][1] is not None]
        if not firm:
            return None, None, None
        top = min((m["location_precision"] or 9) for m in firm)
        latest = max((m for m in firm if (m["location_precision"] or 9) == top),
                     key=lambda m: (m["published"] or "", m["event_id"]))
        lows = [m[key][0] if m[key][0] is not None else m[key][1] for m in firm]
        highs = [m[key][2] if m[key][2] is not None else m[key][1] for m in firm]
        return latest[key][1], min(lows), max(highs)

    fat, inj = tally("fatalities"), tally("injuries")
    report_ids = list(dict.fromkeys(m["article_id"] for m in members))
    outlets = list(dict.fromkeys(m["source"] for m in members if m["source"]))
    days = sorted(m["day"] for m in members if m["day"])
    actor_keys = sorted({k for m in members for k in (m["actor1_key"], m["actor2_key"]) if k})
    return {
        "incident_id": incident_id,
        "family": members[0]["family"],
        "event_type": typed["event_type"], "sub_event_type": sub, "plover": typed["plover"],
        "day": day, "day_first": days[0] if days else None, "day_last": days[-1] if days else None,
        "location_name": placed["location_name"] if placed else None,
        "location_key": placed["location_key"] if placed else None,
        "admin1": placed["admin1"] if placed else None,
        "country_code": placed["country_code"] if placed else _mode(m["country_code"] for m in members),
        "lat": placed["lat"] if placed else None, "lon": placed["lon"] if placed else None,
        "location_precision": placed["location_precision"] if placed else None,
        "actor1": _mode(m["actor1"] for m in specific), "actor2": _mode(m["actor2"] for m in specific),
        "actor_keys": "|" + "|".join(actor_keys) + "|" if actor_keys else None,
        "fatalities_best": fat[0], "fatalities_low": fat[1], "fatalities_high": fat[2],
        "injuries_best": inj[0], "injuries_low": inj[1], "injuries_high": inj[2],
        "report_ids": report_ids, "outlets": outlets,
        "report_count": len(report_ids), "outlet_count": len(outlets),
        "event_ids": [m["event_id"] for m in members],
    }


def may_look_back(feat: dict) -> bool:
    """Whether `feat` could be a retrospective report (see strong_match)."""
    return bool(feat["location_key"]) and bool(feat["fatalities"][1])


def window(feat: dict) -> tuple[str, str] | None:
    """The day range in which candidate incidents must have a report: the widest window
    any report may use, a week back for possible retrospective reports."""
    if not feat["day"]:
        return None
    d = date.fromisoformat(feat["day"])
    w = timedelta(days=COARSE_DAY_WINDOW if may_look_back(feat) else max(DAY_WINDOW, WEEK_DAY_WINDOW))
    return (d - w).isoformat(), (d + w).isoformat()


class IncidentIndex:
    """In-memory incremental clustering (evaluation, tests); the store does the same in SQL."""

    def __init__(self):
        self.members: dict[str, list[dict]] = {}
        self.family_of: dict[str, str] = {}

    def add(self, feat: dict) -> str:
        win = window(feat)
        inc, merged = None, []
        if win is not None:
            lo, hi = win
            cands = [(i, ms) for i, ms in self.members.items()
                     if self.family_of[i] == feat["family"]
                     and any(m["day"] and lo <= m["day"] <= hi for m in ms)]
            inc, merged = place_report(feat, cands)
        inc = inc or new_incident_id(feat)
        self.members.setdefault(inc, []).append(feat)
        for other in merged:
            self.members[inc].extend(self.members.pop(other))
            del self.family_of[other]
        self.family_of[inc] = feat["family"]
        return inc

    def labels(self) -> dict[str, str]:
        """event_id → incident id, after all merges."""
        return {m["event_id"]: i for i, ms in self.members.items() for m in ms}

    def incidents(self) -> list[dict]:
        return [consolidate(i, ms) for i, ms in self.members.items()]
