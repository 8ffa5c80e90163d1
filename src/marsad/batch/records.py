"""Turning raw input lines into records (or error rows) the same way on every engine.

Both the Spark job and the local pool call `analyze_lines`, so a record made on a
cluster is byte-for-byte what `marsad analyze` prints for the same article.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from ..errors import InputError
from ..ingest.records import article_from_object
from ..limits import DEFAULT_ARTICLE_TIMEOUT, ArticleTimeout, time_limit

MAX_LINE_CHARS = 2_000_000


def flat_events(rec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One flat row per event: the events table of a batch output."""
    for i, ev in enumerate(rec["events"]):
        loc = ev.get("location") or {}
        a1 = ev.get("actor1") or {}
        a2 = ev.get("actor2") or {}
        yield {
            "event_id": f"{rec['id']}-{i}", "article_id": rec["id"], "source": rec.get("source"),
            "published": rec.get("published"), "event_type": ev["event_type"],
            "sub_event_type": ev["sub_event_type"], "plover": ev["plover"], "date": ev.get("date"),
            "date_precision": ev.get("date_precision"), "location": loc.get("name"),
            "geonameid": loc.get("geonameid"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
            "country_code": loc.get("country_code"), "admin1": loc.get("admin1"),
            "geo_precision": loc.get("precision"), "actor1": a1.get("canonical") or a1.get("name"),
            "actor2": a2.get("canonical") or a2.get("name"),
            "fatalities": ev["fatalities"].get("best"), "fatalities_low": ev["fatalities"].get("low"),
            "fatalities_high": ev["fatalities"].get("high"), "injuries": ev["injuries"].get("best"),
            "reported_by": "; ".join(ev.get("reported_by") or []),
        }


def output_rows(pipeline, items: Iterable[tuple[str, Any]],
                timeout: float | None = DEFAULT_ARTICLE_TIMEOUT) -> Iterator[tuple[str, str]]:
    """Every output row of a batch in one pass: ("record"|"event"|"error", JSON text).

    Events come from the record dict just made, so no engine re-parses the record JSON.
    """
    from ..runtime import tune_gc
    tune_gc()                       # pool workers and Spark tasks are long runs too
    for kind, payload, rec in _analyzed(pipeline, items, timeout):
        yield kind, payload
        if rec is not None:
            for ev in flat_events(rec):
                yield "event", json.dumps(ev, ensure_ascii=False)


def analyze_items(pipeline, items: Iterable[tuple[str, Any]],
                  timeout: float | None = DEFAULT_ARTICLE_TIMEOUT) -> Iterator[tuple[str, str]]:
    """(where, input dict or raw JSON line) → ("record"|"error", JSON text)."""
    for kind, payload, _ in _analyzed(pipeline, items, timeout):
        yield kind, payload


def _analyzed(pipeline, items, timeout):
    for where, raw in items:
        try:
            if isinstance(raw, str):
                if len(raw) > MAX_LINE_CHARS:
                    raise InputError(f"line is over {MAX_LINE_CHARS} characters", where)
                try:
                    obj = json.loads(raw)
                except json.JSONDecodeError as e:
                    raise InputError(f"invalid JSON ({e.msg})", where) from None
            else:
                obj = raw
            item = article_from_object(obj, where)
            text = item.pop("text")
            with time_limit(timeout):
                rec = pipeline.analyze(text, **item)
            payload = json.dumps(rec, ensure_ascii=False)
        except InputError as e:
            yield "error", json.dumps({"where": where, "error": e.reason}, ensure_ascii=False), None
        except ArticleTimeout as e:
            yield "error", json.dumps({"where": where, "error": str(e)}, ensure_ascii=False), None
        except Exception as e:  # noqa: BLE001 - one bad article never kills a batch
            yield "error", json.dumps({"where": where, "error": f"analysis failed: {type(e).__name__}: {e}"},
                                      ensure_ascii=False), None
        else:
            yield "record", payload, rec
