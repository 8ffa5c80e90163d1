"""`marsad search "QUERY" [--since --until --country --place --actor --type --limit] [--json]`."""
from __future__ import annotations

import json
import sys
from datetime import date


def add_filter_arguments(p) -> None:
    """The store's Filters as options (shared by search and export)."""
    p.add_argument("--since", type=date.fromisoformat, help="earliest date, YYYY-MM-DD")
    p.add_argument("--until", type=date.fromisoformat, help="latest date, YYYY-MM-DD")
    p.add_argument("--country", help="ISO country code, e.g. SY")
    p.add_argument("--place", help="place name (any spelling variant)")
    p.add_argument("--actor", help="actor name or canonical name")
    p.add_argument("--type", dest="event_type", help="ACLED event type or sub-event type")
    p.add_argument("--db", default=None, help="database URL (default: $MARSAD_DB or sqlite:///./marsad.db)")


def filters_from(args):
    from ..corpus.store import Filters
    return Filters(since=args.since, until=args.until, country=args.country, place=args.place,
                   actor=args.actor, event_type=args.event_type)


def add_parser(sub) -> None:
    p = sub.add_parser("search", help="Arabic full-text search over the stored articles",
                       description="Ranked search with Arabic normalization and light stemming "
                                   "(غارات finds غارة, بدمشق finds دمشق). Matched words are shown ⟦like this⟧.")
    p.add_argument("query", help="words to find (all must match)")
    add_filter_arguments(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true", help="one JSON object per hit")


def run(args) -> int:
    from ..corpus.store import open_store
    with open_store(args.db) as store:
        hits = store.search(args.query, filters_from(args), limit=args.limit, offset=args.offset)
    if args.json:
        for h in hits:
            print(json.dumps(h, ensure_ascii=False))
        return 0
    if not hits:
        print("no matches", file=sys.stderr)
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text
    table = Table(show_lines=True)
    for col in ("score", "published", "source", "title / snippet"):
        table.add_column(col)
    for h in hits:
        body = Text((h["title"] or "") + "\n")
        for i, part in enumerate(h["snippet"].replace("⟧", "⟦").split("⟦")):
            body.append(part, style="bold yellow" if i % 2 else None)
        table.add_row(f"{h['score']:.2f}", (h["published"] or "")[:10], h["source"] or "", body)
    Console().print(table)
    return 0
