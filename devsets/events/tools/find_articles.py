"""Search the news file by keywords to pick articles for the events gold set.

Usage: find_articles.py WORD [WORD ...] [--all] [--show ID] [--max-len N]
Prints id, source, published, length and title of articles whose title or text
contains every WORD (or any with --any). --show prints one article with char offsets
of each line so annotators can read it.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import os

NEWS = os.environ.get("MARSAD_NEWS", "/work/shared/data/news/saudinewsnet.jsonl.gz")


@functools.cache
def articles() -> dict[str, dict]:
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


def resolve(key: str) -> dict:
    """The article whose id is `key`, else the only one whose id contains it."""
    arts = articles()
    if key in arts:
        return arts[key]
    hits = [v for k, v in arts.items() if key in k]
    if len(hits) != 1:
        raise KeyError(f"{len(hits)} articles match {key!r}")
    return hits[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("words", nargs="*")
    ap.add_argument("--any", action="store_true")
    ap.add_argument("--title", action="store_true", help="match the title only")
    ap.add_argument("--show", action="append", default=[])
    ap.add_argument("--max-len", type=int, default=4000)
    ap.add_argument("--limit", type=int, default=60)
    a = ap.parse_args()
    arts = articles()
    for aid in a.show:
        d = arts.get(aid) or next((v for k, v in arts.items() if k.startswith(aid) or aid in k), None)
        if d is None:
            print(f"=== {aid} not found")
            continue
        aid = d["id"]
        print(f"=== {aid} | {d['source']} | {d['published']} | len={len(d['text'])}\n# {d['title']}")
        pos = 0
        for line in d["text"].split("\n"):
            if line.strip():
                print(f"[{pos}] {line}")
            pos += len(line) + 1
        print()
    if not a.words:
        return
    n = 0
    for d in arts.values():
        hay = d["title"] if a.title else d["title"] + " " + d["text"]
        hits = [w in hay for w in a.words]
        if (any(hits) if a.any else all(hits)) and len(d["text"]) <= a.max_len:
            print(f"{d['id']}\t{d['source']}\t{d['published'][:16]}\t{len(d['text'])}\t{d['title'][:90]}")
            n += 1
            if n >= a.limit:
                break


if __name__ == "__main__":
    main()
