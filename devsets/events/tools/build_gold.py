"""Turn hand annotations into gold JSONL with character offsets.

Annotators write evidence as short anchor strings (a few words of the sentence that
reports the event); this script finds each anchor in the article `text` and stores the
span of the sentence(s) holding it, so no article text enters the repository.
Usage: build_gold.py ANNOTATIONS.py OUT.jsonl
ANNOTATIONS.py defines ARTICLES: a list of dicts made with `art()` and `ev()` below.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from find_articles import resolve  # noqa: E402


BOUNDARY = re.compile(r"\n+|(?<!\d)(?<![\s.][\u0621-\u064A])[.!?؟…]+[»\"”')]*(?=\s|$)|(?<=\d)[.!?؟]+[»\"”')]*(?=\s|$)"
                      r"|(?<=[\u0621-\u064A])(?<![\s.][\u0621-\u064A])\.(?=[\u0621-\u064A])")  # "سببه.وقال": missing space


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans for evidence: split at line breaks and at . ! ? ؟ before a space.

    A period after a one-letter token (initials such as "عبدالكريم ع.") does not split.
    Deliberately simpler than marsad.text.segment (no quote nesting), so the stored
    offsets do not move when the product's segmenter changes.
    """
    spans, start = [], 0
    for m in BOUNDARY.finditer(text):
        end = m.start() if m.group().startswith("\n") else m.end()
        _trim(text, start, end, spans)
        start = m.end()
    _trim(text, start, len(text), spans)
    return spans


def _trim(text: str, start: int, end: int, spans: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def span_of(text: str, anchor: str, sentences) -> list[int]:
    """Sentence span(s) covering the nth occurrence of anchor ("anchor#2" = second)."""
    nth = 1
    if "#" in anchor[-3:]:
        anchor, n = anchor.rsplit("#", 1)
        nth = int(n)
    pattern = re.compile(r"\s+".join(map(re.escape, anchor.split())))  # tolerate NBSP and runs
    matches = list(pattern.finditer(text))
    if len(matches) < nth:
        raise ValueError(f"anchor not found: {anchor!r}")
    pos, end = matches[nth - 1].span()
    cover = [s for s in sentences if s[0] < end and pos < s[1]]
    return [cover[0][0], cover[-1][1]]


def count(v) -> dict:
    """A casualty figure: None, an int (low=best=high) or a (low, best, high) tuple."""
    if v is None:
        return {"low": None, "best": None, "high": None}
    if isinstance(v, int):
        return {"low": v, "best": v, "high": v}
    lo, best, hi = v
    return {"low": lo, "best": best, "high": hi}


def build(ann: dict) -> dict:
    d = resolve(ann["id"])
    text = d["text"]
    sents = split_sentences(text)
    events = []
    for e in ann["events"]:
        loc = e.get("loc")
        events.append({
            "event_type": e["type"], "sub_event_type": e["sub"], "plover": e["plover"],
            "date": e.get("date"), "date_precision": e.get("prec", 1),
            "location": None if loc is None else {
                "name": e.get("loc_name") or loc[0], "geonameid": loc[1], "lat": loc[2], "lon": loc[3],
                "country_code": loc[4], "precision": e.get("loc_prec", loc[5] if len(loc) > 5 else 1)},
            "actor1": e.get("a1"), "actor2": e.get("a2"),
            "fatalities": count(e.get("fat")), "injuries": count(e.get("inj")),
            "reported_by": list(e.get("by", [])),
            "evidence": [span_of(text, a, sents) for a in e["evidence"]],
            "incident": e.get("incident"),
        })
    return {"article_id": d["id"], "source": d["source"], "published": d["published"],
            "kind": ann["kind"], "events": events, **({"note": ann["note"]} if ann.get("note") else {})}


def main() -> None:
    src, out = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("ann", src)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    seen = set()
    with open(out, "w", encoding="utf-8") as fh:
        for ann in mod.ARTICLES:
            try:
                rec = build(ann)
            except (KeyError, ValueError) as err:
                raise SystemExit(f"{ann['id']}: {err}")
            if rec["article_id"] in seen:
                raise SystemExit(f"duplicate article {rec['article_id']}")
            seen.add(rec["article_id"])
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(seen)} articles -> {out}")


if __name__ == "__main__":
    main()
