"""Search latency benchmark: 100 varied Arabic queries against a store, p50/p95/max.

    .venv/bin/python bench/bench_search.py [--db URL] [--repeat 1] [--web]

Default store: bench/out/corpus_bench.db, the one bench_ingest.py builds.

Queries mix places, actors, event words, inflected and cliticized forms, two- and
three-word queries, and filtered queries; each is timed end to end through
`Store.search` (ranking + snippets from the original text), limit 20. Bar (issue 7):
p95 ≤ 50 ms over the 30k-article store. `--web` adds the CPU cost of each store call the
web API makes under bench_web.py's load mix (search, events, incidents, articles, timeline).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

DEFAULT_DB = Path(__file__).resolve().parent / "out" / "corpus_bench.db"

PLACES = ["دمشق", "بدمشق", "حلب", "إدلب", "الرقة", "دير الزور", "الموصل", "بغداد", "الأنبار", "صنعاء", "عدن",
          "تعز", "سيناء", "العريش", "القاهرة", "بنغازي", "طرابلس", "سروج", "أنقرة", "إسطنبول", "الرياض",
          "جازان", "نجران", "بيروت", "غزة"]
ACTORS = ["داعش", "تنظيم الدولة الإسلامية", "الحوثيين", "التحالف العربي", "حزب الله", "جبهة النصرة",
          "الجيش السوري الحر", "قوات النظام", "حزب العمال الكردستاني", "الجيش المصري", "المقاومة الشعبية",
          "الأمم المتحدة", "الحرس الثوري", "القاعدة", "طالبان"]
WORDS = ["غارة", "غارات", "تفجير", "انتحاري", "الانتحارية", "قصف", "اشتباكات", "مقتل", "قتلى", "جرحى",
         "اختطاف", "مظاهرة", "احتجاجات", "اعتقال", "هدنة", "اتفاق", "صاروخ", "عبوة ناسفة", "سيارة مفخخة",
         "لاجئين", "النفط", "الاقتصاد", "الانتخابات", "المفاوضات", "الإرهاب"]


def queries() -> list[tuple[str, dict]]:
    """100 deterministic queries: single words, place+event, actor+event, phrases, filtered."""
    out: list[tuple[str, dict]] = []
    out += [(w, {}) for w in WORDS]                                           # 25
    out += [(p, {}) for p in PLACES[:15]]                                     # 15
    out += [(a, {}) for a in ACTORS[:10]]                                     # 10
    out += [(f"{WORDS[i % len(WORDS)]} {PLACES[i % len(PLACES)]}", {}) for i in range(20)]          # 20
    out += [(f"{ACTORS[i % len(ACTORS)]} {WORDS[(i * 3) % len(WORDS)]}", {}) for i in range(15)]    # 15
    out += [(WORDS[i], {"since": date(2015, 8, 1)}) for i in range(5)]                             # 5
    out += [(WORDS[i], {"country": "SY"}) for i in range(5, 10)]                                   # 5
    out += [(f"{PLACES[i]} {ACTORS[i]} {WORDS[i]}", {}) for i in range(5)]                         # 5
    return out[:100]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=None, help="store URL (default: bench/out/corpus_bench.db)")
    ap.add_argument("--shared", default=None, help="unused; accepted like the other benchmarks")
    ap.add_argument("--repeat", type=int, default=1, help="time each query this many times (after one warm-up)")
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--web", action="store_true",
                    help="also time the web API's store calls (bench_web.py's searches, event/incident/article "
                         "listings and timelines over its filters), CPU ms per call")
    args = ap.parse_args()
    if args.db is None:
        if not DEFAULT_DB.exists():
            print(f"bench_search: no store at {DEFAULT_DB}; run bench/bench_ingest.py first", file=sys.stderr)
            return 2
        args.db = f"sqlite:///{DEFAULT_DB}"
    from marsad.corpus.store import Filters, open_store
    store = open_store(args.db)
    qs = queries()
    for q, f in qs[:5]:                                   # warm caches (page cache, statement cache)
        store.search(q, Filters(**f), limit=args.limit)
    times, cpu, hits = [], [], []
    for q, f in qs:
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            res = store.search(q, Filters(**f), limit=args.limit)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)     # robust to a loaded, shared machine
        hits.append(len(res))
    times.sort()
    cpu.sort()
    p = lambda q, xs=times: xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]   # noqa: E731
    print(json.dumps({"db": args.db, "articles": store.stats()["articles"], "queries": len(qs),
                      "timed": len(times), "p50_ms": round(p(0.5), 1), "p95_ms": round(p(0.95), 1),
                      "max_ms": round(times[-1], 1), "mean_ms": round(statistics.mean(times), 1),
                      "cpu_p50_ms": round(p(0.5, cpu), 1), "cpu_p95_ms": round(p(0.95, cpu), 1),
                      "loadavg": [round(x, 1) for x in os.getloadavg()],
                      "queries_with_hits": sum(1 for h in hits if h)}, ensure_ascii=False))
    if args.web:
        print(json.dumps(web_calls(store), ensure_ascii=False))
    return 0


def web_calls(store) -> dict:
    """CPU ms per store call the web API makes under bench_web.py's load mix, by call kind.

    CPU time, not wall time: the machine is shared, and the load bar (50 clients, p95 ≤ 200 ms)
    depends on how much work one request costs."""
    from bench_web import FILTERS, QUERIES
    from marsad.corpus.store import Filters
    filters = [Filters(**{k: date.fromisoformat(v) if k in ("since", "until") else v
                          for k, v in f.items() if k != "limit"}) for f in FILTERS]
    calls = {
        "search": [(lambda q=q, f=f: store.search(q, f, limit=20)) for q in QUERIES for f in filters[:4]]
        + [(lambda q=q, f=f: store.search(q, f, limit=20)) for q in QUERIES[:6] for f in filters[4:]],
        "events": [(lambda f=f, o=o: store.list_events(f, limit=100, offset=o)) for f in filters for o in (0, 300)],
        "incidents": [(lambda f=f: store.list_incidents(f, limit=100)) for f in filters],
        "articles": [(lambda f=f: store.list_articles(f, limit=50)) for f in filters],
        "timeline": [(lambda f=f: store.timeline(f)) for f in filters] if hasattr(store, "timeline") else [],
    }
    out = {}
    for kind, fns in calls.items():
        if not fns:
            continue
        fns[0]()
        cpu = []
        for fn in fns:
            c0 = time.process_time()
            fn()
            cpu.append((time.process_time() - c0) * 1000)
        cpu.sort()
        out[kind] = {"calls": len(cpu), "cpu_p50_ms": round(cpu[len(cpu) // 2], 1),
                     "cpu_p95_ms": round(cpu[min(len(cpu) - 1, int(round(0.95 * (len(cpu) - 1))))], 1),
                     "cpu_max_ms": round(cpu[-1], 1), "cpu_mean_ms": round(statistics.mean(cpu), 1)}
    return out


if __name__ == "__main__":
    sys.exit(main())
