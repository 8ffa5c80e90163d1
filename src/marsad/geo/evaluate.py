"""`marsad eval geo`: toponym recognition and resolution against the geo dev set.

Gold: devsets/geo/annotations.jsonl, one SaudiNewsNet article a line (article id, split, and
mentions with offsets into the article's `text`, a gazetteer/GeoNames id and coordinates).
The article texts are read from ../shared/data/news/saudinewsnet.jsonl.gz (not in the repo).

Reported per split: mention recall (a gold mention counts as found when a predicted mention
overlaps it), precision of predicted mentions, and over found mentions: exact-id accuracy,
Acc@161km and mean error in km.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
DEFAULT_GOLD = REPO / "devsets" / "geo" / "annotations.jsonl"
DEFAULT_SHARED = REPO.parent / "shared"
NEWS = "data/news/saudinewsnet.jsonl.gz"


def add_arguments(parser) -> None:
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="annotations JSONL")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="path of ../shared")
    parser.add_argument("--split", choices=("dev", "heldout", "heldout2", "heldout3", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="list misses and wrong resolutions")
    parser.add_argument("--with-entities", action="store_true",
                        help="run the text and entity stages first (NER spans as evidence)")


def load_articles(news: Path, ids: set[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] in ids:
                texts[a["id"]] = a["text"]
    return texts


def score(rows: list[dict], texts: dict[str, str], errors: list[str] | None = None,
          with_entities: bool = False) -> dict:
    from ..doc import Doc
    from .resolve import haversine_km
    from .stage import geoparse

    upstream = None
    if with_entities:
        from ..pipeline import Pipeline
        upstream = Pipeline(["text", "entities"])

    n_gold = found = exact = within = pred_total = pred_ok = 0
    err_km = 0.0
    for row in rows:
        text = texts[row["article_id"]]
        doc = Doc(text=text)
        if upstream is not None:
            doc = upstream.run(doc)
        doc = geoparse(doc)
        pred = [(m["start"], m["end"], doc.places[m["place_index"]]) for m in doc.meta["place_mentions"]]
        gold = row["mentions"]
        n_gold += len(gold)
        pred_total += len(pred)
        pred_ok += sum(1 for s, e, _ in pred if any(g["start"] < e and s < g["end"] for g in gold))
        for g in gold:
            hit = [p for s, e, p in pred if g["start"] < e and s < g["end"]]
            if not hit:
                if errors is not None:
                    errors.append(f"MISS  {g['surface']}  {g['id']}  [{row['article_id'][-40:]} @{g['start']}]")
                continue
            p = hit[0]
            found += 1
            km = haversine_km(p["lat"], p["lon"], g["lat"], g["lon"])
            err_km += km
            ok = p["gazetteer_id"] == g["id"]
            exact += ok
            within += km <= 161
            if errors is not None and not ok:
                errors.append(f"WRONG {g['surface']}  gold {g['id']}  got {p['gazetteer_id']} {p['name']} "
                              f"{p['country_code']}  {km:.0f} km  [@{g['start']}]")
    return {"articles": len(rows), "gold_mentions": n_gold, "found": found,
            "recall": found / n_gold if n_gold else 0.0,
            "precision": pred_ok / pred_total if pred_total else 0.0,
            "exact_id": exact / found if found else 0.0,
            "acc_161km": within / found if found else 0.0,
            "mean_error_km": err_km / found if found else 0.0}


def run(args) -> int:
    news = args.shared / NEWS
    if not news.exists():
        print(f"geo eval skipped: needs ../shared/{NEWS} (reference data not present at {args.shared})")
        return 0
    if not args.gold.exists():
        print(f"geo eval skipped: no annotations at {args.gold}")
        return 0
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = load_articles(news, {r["article_id"] for r in rows})
    splits = ("dev", "heldout", "heldout2", "heldout3") if args.split == "all" else (args.split,)
    errors: list[str] | None = [] if args.errors else None
    print(f"{'split':8} {'articles':>8} {'mentions':>8} {'recall':>7} {'prec':>7} {'exact':>7} "
          f"{'@161km':>7} {'err km':>8}")
    for split in splits:
        r = score([x for x in rows if x["split"] == split], texts, errors, args.with_entities)
        print(f"{split:8} {r['articles']:8d} {r['gold_mentions']:8d} {r['recall']:7.1%} {r['precision']:7.1%} "
              f"{r['exact_id']:7.1%} {r['acc_161km']:7.1%} {r['mean_error_km']:8.1f}")
    if errors:
        print("\n".join(errors), file=sys.stderr)
    return 0
