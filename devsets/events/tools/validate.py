"""Check the events gold files against the taxonomy and the news texts, and count them.

Usage: validate.py [FILE.jsonl ...]   (default: dev.jsonl and heldout.jsonl beside tools/)
Checks: known ACLED type/sub-type and PLOVER (src/marsad/record.py), date format and
precision, location fields, casualty triples, evidence spans inside the article text,
incident keys, and that no article appears twice across files. Exit 1 on any problem.
Texts come from the news file (MARSAD_NEWS); without it only the offline checks run.
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import os
import sys
from pathlib import Path

from marsad.record import ACLED_TYPES, PLOVER

HERE = Path(__file__).resolve().parent
KINDS = ("events", "statistics", "no_event")


def load_texts() -> dict[str, str] | None:
    sys.path.insert(0, str(HERE))
    from find_articles import NEWS, articles
    if not os.path.exists(NEWS):
        return None
    return {k: v["text"] for k, v in articles().items()}


def check_event(ev: dict, text: str | None) -> list[str]:
    errs = []
    if ev["sub_event_type"] not in ACLED_TYPES.get(ev["event_type"], ()):
        errs.append(f"type {ev['event_type']!r}/{ev['sub_event_type']!r}")
    if ev["plover"] not in PLOVER:
        errs.append(f"plover {ev['plover']!r}")
    if ev["date"] is not None:
        try:
            dt.date.fromisoformat(ev["date"])
        except ValueError:
            errs.append(f"date {ev['date']!r}")
    if ev["date_precision"] not in (1, 2, 3):
        errs.append(f"date_precision {ev['date_precision']!r}")
    loc = ev["location"]
    if loc is not None:
        if not (-90 <= loc["lat"] <= 90 and -180 <= loc["lon"] <= 180):
            errs.append(f"location coordinates {loc}")
        if not (isinstance(loc["country_code"], str) and len(loc["country_code"]) == 2):
            errs.append(f"country_code {loc['country_code']!r}")
    for key in ("fatalities", "injuries"):
        c = ev[key]
        if set(c) != {"low", "best", "high"}:
            errs.append(f"{key} keys {sorted(c)}")
        elif c["best"] is not None and not (c["low"] <= c["best"] <= c["high"]):
            errs.append(f"{key} not low<=best<=high: {c}")
    if not ev["evidence"]:
        errs.append("no evidence")
    for s, e in ev["evidence"]:
        if not (0 <= s < e and (text is None or e <= len(text))):
            errs.append(f"evidence {s}:{e} outside text")
    return errs


def main(paths: list[str]) -> int:
    paths = paths or [str(HERE.parent / "dev.jsonl"), str(HERE.parent / "heldout.jsonl")]
    texts = load_texts()
    problems = 0
    seen: dict[str, str] = {}
    for path in paths:
        if not os.path.exists(path):
            print(f"{path}: missing, skipped")
            continue
        recs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        types, subs, plovers, countries, kinds = (collections.Counter() for _ in range(5))
        incidents: dict[str, set] = collections.defaultdict(set)
        n_events = 0
        for rec in recs:
            aid = rec["article_id"]
            if aid in seen:
                print(f"  {aid}: also in {seen[aid]}")
                problems += 1
            seen[aid] = path
            kinds[rec["kind"]] += 1
            if rec["kind"] not in KINDS:
                print(f"  {aid}: kind {rec['kind']!r}")
                problems += 1
            if rec["kind"] != "events" and rec["events"]:
                print(f"  {aid}: kind {rec['kind']} with events")
                problems += 1
            text = None
            if texts is not None:
                text = texts.get(aid)
                if text is None:
                    print(f"  {aid}: not in the news file")
                    problems += 1
            for ev in rec["events"]:
                for err in check_event(ev, text):
                    print(f"  {aid}: {err}")
                    problems += 1
                n_events += 1
                types[ev["event_type"]] += 1
                subs[ev["sub_event_type"]] += 1
                plovers[ev["plover"]] += 1
                countries[ev["location"]["country_code"] if ev["location"] else "-"] += 1
                if ev.get("incident"):
                    incidents[ev["incident"]].add(aid)
        multi = {k: v for k, v in incidents.items() if len(v) >= 2}
        print(f"{Path(path).name}: {len(recs)} articles ({dict(kinds)}), {n_events} events")
        print(f"  event types: {dict(types.most_common())}")
        print(f"  sub-types: {dict(subs.most_common())}")
        print(f"  PLOVER: {dict(plovers.most_common())}")
        print(f"  countries: {dict(countries.most_common())}")
        print(f"  incidents reported by >=2 articles: {len(multi)} "
              f"({', '.join(f'{k}:{len(v)}' for k, v in sorted(multi.items()))})")
    print("OK" if not problems else f"{problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
