"""Exports of events, incidents and articles as JSONL, CSV (ACLED column names) or GeoJSON.

CSV rows use ACLED's column names where they apply, so existing ACLED tooling reads
them, plus Marsad's own columns (plover, injuries, the fatality range, incident and
report links). Everything streams: the store is read row by row, never all at once.
"""
from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any, Iterable, Iterator

if TYPE_CHECKING:
    from .store import Filters, Store

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                 "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
                 "civilian_targeting", "iso", "country", "admin1", "admin2", "location", "latitude", "longitude",
                 "geo_precision", "source", "source_scale", "notes", "fatalities", "tags")
OUR_COLUMNS = ("plover", "injuries_best", "fatalities_low", "fatalities_high", "incident_id", "report_count",
               "article_id", "report_ids")
EVENT_COLUMNS = ACLED_COLUMNS + OUR_COLUMNS
ARTICLE_COLUMNS = ("id", "title", "published", "source", "url", "event_count")

# ACLED's interaction codes by actor type.
INTER_CODES = {"State forces": 1, "Rebel groups": 2, "Political militias": 3, "Identity militias": 4,
               "Rioters": 5, "Protesters": 6, "Civilians": 7, "External/Other forces": 8}

# ISO 3166 alpha-2 → (numeric code, English name) for the countries Arabic news reports most.
COUNTRIES = {
    "SY": (760, "Syria"), "IQ": (368, "Iraq"), "YE": (887, "Yemen"), "LY": (434, "Libya"), "EG": (818, "Egypt"),
    "TR": (792, "Turkey"), "LB": (422, "Lebanon"), "PS": (275, "Palestine"), "IL": (376, "Israel"),
    "JO": (400, "Jordan"), "SA": (682, "Saudi Arabia"), "KW": (414, "Kuwait"), "BH": (48, "Bahrain"),
    "QA": (634, "Qatar"), "AE": (784, "United Arab Emirates"), "OM": (512, "Oman"), "IR": (364, "Iran"),
    "AF": (4, "Afghanistan"), "PK": (586, "Pakistan"), "TN": (788, "Tunisia"), "DZ": (12, "Algeria"),
    "MA": (504, "Morocco"), "MR": (478, "Mauritania"), "SD": (729, "Sudan"), "SS": (728, "South Sudan"),
    "SO": (706, "Somalia"), "DJ": (262, "Djibouti"), "ER": (232, "Eritrea"), "ET": (231, "Ethiopia"),
    "KE": (404, "Kenya"), "NG": (566, "Nigeria"), "ML": (466, "Mali"), "NE": (562, "Niger"), "TD": (148, "Chad"),
    "CM": (120, "Cameroon"), "BF": (854, "Burkina Faso"), "CF": (140, "Central African Republic"),
    "US": (840, "United States"), "GB": (826, "United Kingdom"), "FR": (250, "France"), "DE": (276, "Germany"),
    "RU": (643, "Russia"), "UA": (804, "Ukraine"), "CN": (156, "China"), "IN": (356, "India"),
    "BD": (50, "Bangladesh"), "ID": (360, "Indonesia"), "MY": (458, "Malaysia"), "PH": (608, "Philippines"),
    "MM": (104, "Myanmar"), "TH": (764, "Thailand"), "CY": (196, "Cyprus"), "GR": (300, "Greece"),
    "IT": (380, "Italy"), "ES": (724, "Spain"), "BE": (56, "Belgium"), "NL": (528, "Netherlands"),
    "SE": (752, "Sweden"), "AT": (40, "Austria"), "CH": (756, "Switzerland"), "CA": (124, "Canada"),
    "AU": (36, "Australia"), "BR": (76, "Brazil"), "MX": (484, "Mexico"), "AZ": (31, "Azerbaijan"),
    "AM": (51, "Armenia"), "GE": (268, "Georgia"), "KZ": (398, "Kazakhstan"), "UZ": (860, "Uzbekistan"),
    "TJ": (762, "Tajikistan"), "TM": (795, "Turkmenistan"), "KG": (417, "Kyrgyzstan"), "KP": (408, "North Korea"),
    "KR": (410, "South Korea"), "JP": (392, "Japan"),
}


def _inter(actor: dict | None) -> int | None:
    return INTER_CODES.get((actor or {}).get("actor_type") or "") if actor else None


def _actor_name(actor: dict | None) -> str:
    return ((actor or {}).get("canonical") or (actor or {}).get("name") or "") if actor else ""


def acled_row(ev: dict[str, Any], report_count: int | None = None, report_ids: list[str] | None = None,
              tags: Iterable[str] = (), notes: str = "") -> dict[str, Any]:
    """One event (or consolidated incident) as an ACLED-named CSV row."""
    loc = ev.get("location") or {}
    cc = loc.get("country_code") or ev.get("country_code")
    iso, country = COUNTRIES.get(cc or "", (None, cc or ""))
    i1, i2 = _inter(ev.get("actor1")), _inter(ev.get("actor2"))
    interaction = "".join(str(c) for c in sorted(c for c in (i1, i2) if c)) if (i1 or i2) else ""
    a2 = ev.get("actor2") or {}
    civilian = ev.get("event_type") == "Violence against civilians" or a2.get("actor_type") == "Civilians"
    fat, inj = ev.get("fatalities") or {}, ev.get("injuries") or {}
    day = ev.get("date") or ""
    ident = ev.get("event_id") or ev.get("incident_id") or ""
    return {
        "event_id_cnty": f"{cc or 'XX'}-{ident}",
        "event_date": day, "year": day[:4] if day else "",
        "time_precision": ev.get("date_precision") or (1 if day else ""),
        "event_type": ev.get("event_type") or "", "sub_event_type": ev.get("sub_event_type") or "",
        "actor1": _actor_name(ev.get("actor1")), "assoc_actor_1": "", "inter1": i1 or "",
        "actor2": _actor_name(ev.get("actor2")), "assoc_actor_2": "", "inter2": i2 or "",
        "interaction": interaction, "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": iso or "", "country": country, "admin1": loc.get("admin1") or "", "admin2": "",
        "location": loc.get("name") or "", "latitude": loc.get("lat") if loc.get("lat") is not None else "",
        "longitude": loc.get("lon") if loc.get("lon") is not None else "",
        "geo_precision": loc.get("precision") or "",
        "source": "; ".join(ev.get("outlets") or ([ev["source"]] if ev.get("source") else [])),
        "source_scale": "", "notes": notes,
        "fatalities": fat.get("best") if fat.get("best") is not None else 0,
        "tags": "; ".join(tags),
        "plover": ev.get("plover") or "",
        "injuries_best": inj.get("best") if inj.get("best") is not None else "",
        "fatalities_low": fat.get("low") if fat.get("low") is not None else "",
        "fatalities_high": fat.get("high") if fat.get("high") is not None else "",
        "incident_id": ev.get("incident_id") or "",
        "report_count": report_count if report_count is not None else ev.get("report_count", 1),
        "article_id": ev.get("article_id") or "",
        "report_ids": "; ".join(report_ids if report_ids is not None else ev.get("report_ids") or []),
    }


def _csv(rows: Iterable[dict], columns: tuple[str, ...]) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    yield buf.getvalue()
    for row in rows:
        buf.seek(0)
        buf.truncate()
        w.writerow(row)
        yield buf.getvalue()


def _geojson(features: Iterable[dict]) -> Iterator[str]:
    yield '{"type":"FeatureCollection","features":['
    first = True
    for f in features:
        yield ("" if first else ",\n") + json.dumps(f, ensure_ascii=False)
        first = False
    yield "]}\n"


def _point(obj: dict, props: dict) -> dict | None:
    loc = obj.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": props}


def export(store: "Store", kind: str, fmt: str, filters: "Filters") -> Iterator[str]:
    if kind not in ("events", "incidents", "articles"):
        raise ValueError(f"unknown export kind {kind!r} (events, incidents, articles)")
    if fmt not in ("jsonl", "csv", "geojson"):
        raise ValueError(f"unknown export format {fmt!r} (jsonl, csv, geojson)")
    if kind == "articles":
        rows = store.iter_articles(filters)
        if fmt == "jsonl":
            return (json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        if fmt == "csv":
            return _csv(rows, ARTICLE_COLUMNS)
        return _geojson(store.iter_article_features(filters))
    if kind == "events":
        rows = store.iter_events(filters)
        if fmt == "jsonl":
            return (json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        if fmt == "csv":
            return _csv((acled_row(r, report_count=1, report_ids=[r["article_id"]], notes=r.get("notes", ""))
                         for r in store.iter_events(filters, notes=True)), EVENT_COLUMNS)
        return _geojson(f for r in rows if (f := _point(r, {k: v for k, v in acled_row(r).items() if v != ""})))
    rows = store.iter_incidents(filters)
    if fmt == "jsonl":
        return (json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        return _csv((acled_row(r) for r in rows), EVENT_COLUMNS)
    return _geojson(f for r in rows if (f := _point(r, {k: v for k, v in acled_row(r).items() if v != ""})))
