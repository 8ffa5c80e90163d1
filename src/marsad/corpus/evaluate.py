"""`marsad eval incidents`: pairwise precision/recall of "same incident" on gold events.

Gold: devsets/events/*.jsonl, one article a line with `events`, each gold event with
an `incident` key when annotators linked it to reports in other articles (events
without one are incidents of their own). The gold events are clustered by the same
incremental code the store runs, fed in publication order; every pair of events
from different articles is then a same/different decision to score.
With --predicted, the events come from the pipeline run over the articles' texts
(read from the news file) and each gold event is matched to a predicted event of
its article whose evidence overlaps; unmatched gold events count as missed pairs.
"""
from __future__ import annotations

import gzip
import json
from itertools import combinations
from pathlib import Path
from typing import Any

from .incidents import IncidentIndex, features

DEFAULT_GOLD = "devsets/events/dev.jsonl"
DEFAULT_NEWS = "../shared/data/news/saudinewsnet.jsonl.gz"


def add_arguments(p) -> None:
    p.add_argument("--gold", default=DEFAULT_GOLD, help=f"gold events file (default: {DEFAULT_GOLD})")
    p.add_argument("--predicted", action="store_true",
                   help="cluster the pipeline's events on the gold articles instead of the gold events")
    p.add_argument("--news", default=DEFAULT_NEWS, help="the news file holding the gold articles' texts")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--show", action="store_true", help="list wrong pairs")


def _as_event(ev: dict[str, Any]) -> dict[str, Any]:
    """A gold event in the contract's shape (gold actors are plain names, evidence [s, e])."""
    out = dict(ev)
    for k in ("actor1", "actor2"):
        if isinstance(ev.get(k), str):
            out[k] = {"name": ev[k], "canonical": ev[k], "actor_type": None}
    out["evidence"] = [{"start": s[0], "end": s[1]} if isinstance(s, list) else s for s in ev.get("evidence") or []]
    return out


def load_gold(path: str) -> list[dict[str, Any]]:
    arts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                arts.append(json.loads(line))
    return arts


def gold_article(a: dict) -> dict:
    return {"id": a["article_id"], "source": a.get("source"), "published": a.get("published")}


def cluster(items: list[tuple[dict, dict, str]]) -> dict[str, str]:
    """event_id → incident id, for (event, article, event_id) fed in publication order."""
    index = IncidentIndex()
    for ev, art, eid in sorted(items, key=lambda t: (t[1].get("published") or "", t[2])):
        index.add(features(ev, art, eid))
    return index.labels()


def pair_scores(gold_label: dict[str, str], article_of: dict[str, str], predicted: dict[str, str | None]):
    tp = fp = fn = 0
    wrong = []
    ids = sorted(gold_label)
    for a, b in combinations(ids, 2):
        if article_of[a] == article_of[b]:
            continue
        same_gold = gold_label[a] == gold_label[b]
        pa, pb = predicted.get(a), predicted.get(b)
        same_pred = pa is not None and pa == pb
        if same_gold and same_pred:
            tp += 1
        elif same_pred:
            fp += 1
            wrong.append(("false merge", a, b))
        elif same_gold:
            fn += 1
            wrong.append(("missed", a, b))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"pairs_gold": tp + fn, "pairs_predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}, wrong


def evaluate_gold(arts: list[dict]) -> tuple[dict, list]:
    items, gold_label, article_of = [], {}, {}
    for a in arts:
        art = gold_article(a)
        for i, ev in enumerate(a.get("events") or []):
            eid = f"{art['id']}:{i}"
            items.append((_as_event(ev), art, eid))
            gold_label[eid] = ev.get("incident") or f"single:{eid}"
            article_of[eid] = art["id"]
    scores, wrong = pair_scores(gold_label, article_of, cluster(items))
    scores |= {"articles": len(arts), "events": len(items),
               "gold_incidents": len(set(gold_label.values()))}
    return scores, wrong


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _alignment_score(gold: dict, pred: dict) -> float | None:
    """How surely a predicted event is this gold event: evidence must overlap, then
    agreeing sub-type, family, place and date make it likelier."""
    spans = [tuple(s) if isinstance(s, list) else (s["start"], s["end"]) for s in gold.get("evidence") or []]
    if not any(_overlap(s, (p["start"], p["end"])) for s in spans for p in pred.get("evidence") or []):
        return None
    from ..text.normalize import normalize_key
    from .incidents import family
    score = 1.0
    if pred.get("sub_event_type") == gold.get("sub_event_type"):
        score += 2
    if family(pred.get("event_type"), pred.get("sub_event_type")) == family(gold.get("event_type"),
                                                                               gold.get("sub_event_type")):
        score += 1
    gl, pl = (gold.get("location") or {}).get("name"), (pred.get("location") or {}).get("name")
    if gl and pl and normalize_key(gl) == normalize_key(pl):
        score += 1
    if gold.get("date") and gold.get("date") == pred.get("date"):
        score += 0.5
    return score


def align(golds: list[tuple[str, dict]], preds: list[tuple[str, dict]]) -> dict[str, str]:
    """One-to-one gold → predicted event ids within an article, best-scoring pairs first."""
    pairs = sorted(((sc, g, p) for g, gev in golds for p, pev in preds
                    if (sc := _alignment_score(gev, pev)) is not None), key=lambda t: -t[0])
    out, used = {}, set()
    for _, g, p in pairs:
        if g not in out and p not in used:
            out[g] = p
            used.add(p)
    return out


def evaluate_predicted(arts: list[dict], news: str) -> tuple[dict, list]:
    from ..pipeline import Pipeline
    wanted = {a["article_id"] for a in arts}
    texts: dict[str, dict] = {}
    opener = gzip.open if news.endswith(".gz") else open
    with opener(news, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("id") in wanted:
                texts[d["id"]] = d
    pipe = Pipeline()
    items, gold_label, article_of, matched = [], {}, {}, {}
    for a in arts:
        src = texts.get(a["article_id"])
        art = gold_article(a)
        rec = None
        if src:
            rec = pipe.analyze(src["text"], id=src["id"], title=src.get("title"), url=src.get("url"),
                               source=src.get("source"), published=src.get("published"))
            for j, ev in enumerate(rec["events"]):
                items.append((ev, art, f"p:{art['id']}:{j}"))
        golds = []
        for i, ev in enumerate(a.get("events") or []):
            eid = f"{art['id']}:{i}"
            gold_label[eid] = ev.get("incident") or f"single:{eid}"
            article_of[eid] = art["id"]
            golds.append((eid, ev))
        preds = [(f"p:{art['id']}:{j}", pev) for j, pev in enumerate(rec["events"] if rec else [])]
        matched |= align(golds, preds)
    labels = cluster(items)
    predicted = {eid: labels.get(pid) for eid, pid in matched.items()}
    scores, wrong = pair_scores(gold_label, article_of, predicted)
    # the clustering's own share: pairs whose two gold events the extractor did find
    found, _ = pair_scores({e: gold_label[e] for e in matched}, article_of, predicted)
    scores |= {"found_pairs_precision": found["precision"], "found_pairs_recall": found["recall"],
               "found_pairs_gold": found["pairs_gold"]}
    scores |= {"articles": len(arts), "articles_found": len(texts), "gold_events": len(gold_label),
               "gold_events_matched": len(matched), "predicted_events": len(items)}
    return scores, wrong


def run(args) -> int:
    gold = Path(args.gold)
    if not gold.exists():
        from ..errors import MarsadError
        raise MarsadError(f"{gold}: no gold events file (see devsets/events/README.md)")
    arts = load_gold(str(gold))
    if args.predicted:
        scores, wrong = evaluate_predicted(arts, args.news)
    else:
        scores, wrong = evaluate_gold(arts)
    scores["mode"] = "predicted events" if args.predicted else "gold events"
    if args.json:
        print(json.dumps(scores, ensure_ascii=False))
    else:
        print(f"incidents ({scores['mode']}, {gold}): pairwise precision {scores['precision']:.3f}  "
              f"recall {scores['recall']:.3f}  F1 {scores['f1']:.3f}  "
              f"(tp {scores['tp']}, fp {scores['fp']}, fn {scores['fn']})")
        print("  " + ", ".join(f"{k} {v}" for k, v in scores.items()
                               if k not in ("precision", "recall", "f1", "tp", "fp", "fn", "mode")))
    if args.show:
        for kind, a, b in wrong:
            print(f"  {kind}: {a}  ~  {b}")
    return 0
