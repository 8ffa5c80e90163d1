"""`marsad eval events`: event detection and coding against the events gold set.

Runs the full pipeline on each gold article (text from the SaudiNewsNet file, with
its published date), aligns predicted to gold events (overlapping evidence first,
then same type within a day and 50 km; greedy), and reports detection precision and
recall, per-field accuracy on aligned pairs, and predicted events that carry
casualty totals in statistics-only or no-event articles.
"""
from __future__ import annotations

import gzip
import json
import math
import sys
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
DEVSETS = REPO / "devsets" / "events"
NEWS = REPO.parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"
FIELDS = ("event_type", "sub_event_type", "plover", "actor1", "actor2", "location_50km", "date_1day",
          "fatalities", "injuries")


def add_arguments(parser) -> None:
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--gold", type=Path, help="gold JSONL (default: devsets/events/<split>.jsonl)")
    parser.add_argument("--news", type=Path, default=NEWS, help="SaudiNewsNet JSONL.gz with the article texts")
    parser.add_argument("--stages", help="comma-separated pipeline stages (default: all)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--show", action="store_true", help="print every aligned/missed/extra event")


def load_gold(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_articles(path: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("id") in ids:
                out[rec["id"]] = rec
    return out


def km(a: dict | None, b: dict | None) -> float | None:
    if not a or not b or a.get("lat") is None or b.get("lat") is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def actor_key(name: str | None) -> str | None:
    """A comparable key for an actor name: the catalogue id when it knows the name."""
    if not name:
        return None
    try:
        from ..entities.actors import lookup
        a = lookup(name)
        if a is not None:
            return a.id
    except (ImportError, FileNotFoundError):
        pass
    from ..text.normalize import normalize_key
    return normalize_key(name)


def _spans(ev: dict) -> list[tuple[int, int]]:
    return [(s["start"], s["end"]) if isinstance(s, dict) else (s[0], s[1]) for s in ev["evidence"]]


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def align(pred: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one alignment of predicted to gold events of one article."""
    scored = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            ov = overlap(_spans(p), _spans(g))
            same_type = p["event_type"] == g["event_type"]
            d = _days(p["date"], g["date"])
            dist = km(p["location"], g["location"])
            if ov > 0:
                # several events of one sentence (one per listed town) pair by place, then by day
                score = 2.0 + (0.5 if same_type else 0) + (0.2 if dist is not None and dist <= 50 else 0) \
                    + (0.1 if d is not None and d <= 1 else 0) + ov / 1e6
            elif same_type and (d is None or d <= 1) and (dist is None or dist <= 50):
                score = 1.0
            else:
                continue
            scored.append((score, i, j))
    scored.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in scored:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def field_scores(p: dict, g: dict) -> dict[str, bool]:
    a1 = p["actor1"]["canonical"] if p["actor1"] else None
    a2 = p["actor2"]["canonical"] if p["actor2"] else None
    dist = km(p["location"], g["location"])
    days = _days(p["date"], g["date"])
    return {
        "event_type": p["event_type"] == g["event_type"],
        "sub_event_type": p["sub_event_type"] == g["sub_event_type"],
        "plover": p["plover"] == g["plover"],
        "actor1": actor_key(a1) == actor_key(g.get("actor1")),
        "actor2": actor_key(a2) == actor_key(g.get("actor2")),
        "location_50km": (dist is not None and dist <= 50) or (p["location"] is None and g.get("location") is None),
        "date_1day": (days is not None and days <= 1) or (p["date"] is None and g.get("date") is None),
        "fatalities": p["fatalities"]["best"] == (g.get("fatalities") or {}).get("best"),
        "injuries": p["injuries"]["best"] == (g.get("injuries") or {}).get("best"),
    }


def build_pipeline(stages: list[str] | None):
    """The pipeline to evaluate; stages whose resources are missing are dropped with a warning."""
    from ..doc import Doc
    from ..pipeline import STAGES, Pipeline
    names = stages or list(STAGES)
    ok = []
    for name in names:
        try:
            comp = Pipeline([name]).components[0][1]
            doc = Pipeline(["text"]).run(Doc(text="قتل 3 أشخاص في انفجار في بغداد أمس."))
            for prev in ok:
                doc = Pipeline([prev]).components[0][1](doc)
            comp(doc)
            ok.append(name)
        except Exception as e:   # noqa: BLE001 - report and measure without the stage
            print(f"eval events: stage {name!r} unavailable ({type(e).__name__}: {e}); running without it",
                  file=sys.stderr)
    return Pipeline(ok)


def evaluate(gold: list[dict], articles: dict[str, dict], pipeline, show: bool = False) -> dict[str, Any]:
    n_pred = n_gold = n_match = 0
    correct = {f: 0 for f in FIELDS}
    stats_totals = 0
    missing = 0
    errors = 0
    for art in gold:
        rec = articles.get(art["article_id"])
        if rec is None:
            missing += 1
            continue
        try:
            out = pipeline.analyze(rec["text"], id=rec["id"], title=rec.get("title"),
                                   published=rec.get("published"), url=rec.get("url"), source=rec.get("source"))
        except Exception as e:   # noqa: BLE001 - one broken article must not hide the others' scores
            print(f"eval events: {art['article_id']}: {type(e).__name__}: {e}", file=sys.stderr)
            errors += 1
            out = {"events": []}
        pred, gev = out["events"], art["events"]
        pairs = align(pred, gev)
        n_pred += len(pred)
        n_gold += len(gev)
        n_match += len(pairs)
        for i, j in pairs:
            fs = field_scores(pred[i], gev[j])
            for f, v in fs.items():
                correct[f] += v
            if show:
                bad = [f for f, v in fs.items() if not v]
                print(f"MATCH {art['article_id'][-40:]} {pred[i]['sub_event_type']} bad={bad}")
                for f in bad:
                    print(f"    {f}: pred={_field(pred[i], f)} gold={_field(gev[j], f)}")
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        if show:
            for j, g in enumerate(gev):
                if j not in matched_g:
                    ev = rec["text"][g["evidence"][0][0]:g["evidence"][0][1]][:160].replace("\n", " ")
                    print(f"MISS  {art['article_id'][-40:]} {g['sub_event_type']} {g['date']} | {ev}")
            for i, p in enumerate(pred):
                if i not in matched_p:
                    sp = p["evidence"][0]
                    ev = rec["text"][sp["start"]:sp["end"]][:160].replace("\n", " ")
                    print(f"EXTRA {art['article_id'][-40:]} ({art['kind']}) {p['sub_event_type']} {p['date']} | {ev}")
        if art.get("kind") in ("statistics", "no_event"):
            stats_totals += sum(1 for i, p in enumerate(pred) if i not in matched_p and (
                p["fatalities"]["best"] is not None or p["injuries"]["best"] is not None))
    return {
        "articles": len(gold) - missing, "articles_missing": missing, "pipeline_errors": errors,
        "gold_events": n_gold, "predicted_events": n_pred, "matched": n_match,
        "precision": n_match / n_pred if n_pred else 0.0,
        "recall": n_match / n_gold if n_gold else 0.0,
        "field_accuracy": {f: (correct[f] / n_match if n_match else 0.0) for f in FIELDS},
        "statistics_totals_events": stats_totals,
    }


def _field(ev: dict, f: str):
    if f == "location_50km":
        loc = ev.get("location")
        return loc and (loc.get("name"), loc.get("lat"), loc.get("lon"))
    if f == "date_1day":
        return ev.get("date")
    if f in ("actor1", "actor2"):
        a = ev.get(f)
        return a.get("canonical") if isinstance(a, dict) else a
    if f in ("fatalities", "injuries"):
        return (ev.get(f) or {}).get("best")
    return ev.get(f)


def run(args) -> int:
    gold_path = args.gold or DEVSETS / f"{args.split}.jsonl"
    if not gold_path.exists():
        print(f"eval events: gold file {gold_path} not found", file=sys.stderr)
        return 2
    if not args.news.exists():
        print(f"eval events: skipped, the article texts are not present ({args.news}; needs ../shared beside "
              "the repo)", file=sys.stderr)
        return 0
    gold = load_gold(gold_path)
    articles = load_articles(args.news, {g["article_id"] for g in gold})
    pipeline = build_pipeline(args.stages.split(",") if args.stages else None)
    res = evaluate(gold, articles, pipeline, show=args.show)
    res["gold_file"] = str(gold_path)
    res["stages"] = pipeline.names
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=2))
        return 0
    print(f"events on {gold_path.name}: {res['articles']} articles, {res['gold_events']} gold events, "
          f"{res['predicted_events']} predicted, {res['matched']} aligned (stages: {','.join(res['stages'])})")
    print(f"  detection  precision {res['precision']:.1%}  recall {res['recall']:.1%}")
    for f, v in res["field_accuracy"].items():
        print(f"  {f:<15} {v:.1%}")
    print(f"  predicted events with totals in statistics/no-event articles: {res['statistics_totals_events']}")
    if res["articles_missing"] or res["pipeline_errors"]:
        print(f"  articles missing from the news file: {res['articles_missing']}, "
              f"pipeline errors: {res['pipeline_errors']}")
    return 0
