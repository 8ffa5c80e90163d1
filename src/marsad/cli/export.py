"""`marsad export events|incidents|articles [--format jsonl|csv|geojson] [filters] [-o FILE]`."""
from __future__ import annotations

import sys

from .search import add_filter_arguments, filters_from


def add_parser(sub) -> None:
    p = sub.add_parser("export", help="export events, incidents or articles (JSONL, ACLED-style CSV, GeoJSON)")
    p.add_argument("kind", choices=("events", "incidents", "articles"))
    p.add_argument("--format", dest="fmt", choices=("jsonl", "csv", "geojson"), default="jsonl")
    p.add_argument("-o", "--output", help="write to FILE instead of standard output")
    add_filter_arguments(p)


def run(args) -> int:
    from ..corpus.store import open_store
    with open_store(args.db) as store:
        chunks = store.export(args.kind, args.fmt, filters_from(args))
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as f:
                for chunk in chunks:
                    f.write(chunk)
        else:
            for chunk in chunks:
                sys.stdout.write(chunk)
    return 0
