"""Learn the keyphrase ranker (resources/tags/ranker.json) from editor tags.

    .venv/bin/python training/train_tag_ranker.py [--shared ../shared] [--l2 1.0]

Trains a logistic regression over `KeyphraseExtractor.candidates` features on the
even lines of almayadeen_2023_12.jsonl (the "dev" split of `marsad eval tags
--split dev`); a candidate is positive when it matches one of the article's editor
tags after normalization, site-wide tags (on > 30% of articles) left out. The odd
lines ("test"), AKEC and the seed article are never seen. Prints held-out F1@10.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from marsad.tags.evaluate import load_rows, match_key, score_doc, site_wide_tags
from marsad.tags.keyphrases import DEFAULT_WEIGHTS, FEATURES, KeyphraseExtractor

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "marsad" / "resources" / "tags" / "ranker.json"


def gold_of(row: dict, site: set[str]) -> set[str]:
    return {match_key(t) for t in (row.get("tags") or row.get("keyphrases") or [])} - site - {""}


def annotate(rows: list[dict]) -> None:
    """Entities and places from the pipeline's earlier stages, as the tag stage sees them."""
    from marsad.pipeline import Pipeline
    try:
        pipe = Pipeline(["text", "entities", "geo"])
        pipe.components
    except Exception as e:  # an earlier stage not built: learn without entity features
        print(f"no entities/places ({e}); training on phrases only", file=sys.stderr)
        return
    for r in rows:
        doc = pipe.run(pipe.make_doc(r["text"], title=r.get("title")))
        r["_entities"], r["_places"] = doc.entities, doc.places


def dataset(ex: KeyphraseExtractor, rows: list[dict], site: set[str]):
    X, y = [], []
    for r in rows:
        gold = gold_of(r, site)
        if not gold:
            continue
        cands, _ = ex.candidates(r["text"], r.get("title"), r.get("_entities"), r.get("_places"))
        for key, feats, _, _, display, _ in cands:
            X.append(feats)
            y.append(1.0 if match_key(display or key) in gold else 0.0)
    return np.array(X), np.array(y)


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float, iters: int = 50) -> np.ndarray:
    """Newton's method (IRLS) with an L2 penalty on all but the bias."""
    w = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2)
    reg[0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-X @ w))
        grad = X.T @ (p - y) + reg * w
        H = (X * (p * (1 - p))[:, None]).T @ X + np.diag(reg + 1e-6)
        step = np.linalg.solve(H, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def f1_at(ex: KeyphraseExtractor, rows: list[dict], site: set[str], k: int = 10) -> float:
    tot, n = 0.0, 0
    for r in rows:
        gold = gold_of(r, site)
        if not gold:
            continue
        pred = [match_key(p["text"]) for p in ex.extract(r["text"], r.get("title"), r.get("_entities"),
                                                          r.get("_places"), k=k)]
        tot += score_doc(pred, gold, k)["exact"][2]
        n += 1
    return tot / max(n, 1)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--dry-run", action="store_true", help="do not write ranker.json")
    ap.add_argument("--swap", action="store_true",
                    help="train on the odd lines, measure on the even ones (the other CV fold; implies --dry-run)")
    args = ap.parse_args(argv)
    path = Path(args.shared) / "data" / "keyphrases" / "almayadeen_2023_12.jsonl"
    if not path.exists():
        print(f"needs {path}", file=sys.stderr)
        return 2
    site = site_wide_tags(load_rows(path), 0.3)
    train, test = load_rows(path, split="dev"), load_rows(path, split="test")
    if args.swap:
        train, test = test, train
        args.dry_run = True
    annotate(train)
    annotate(test)
    ex = KeyphraseExtractor()
    X, y = dataset(ex, train, site)
    print(f"train: {len(train)} articles, {len(y)} candidates, {int(y.sum())} positive", file=sys.stderr)
    w = fit_logistic(X, y, args.l2)
    weights = {name: round(float(v), 4) for name, v in zip(FEATURES, w)}
    print(json.dumps(weights), file=sys.stderr)
    learned = KeyphraseExtractor(tuple(weights[f] for f in FEATURES))
    print(f"F1@10 exact, no site-wide tags: train {f1_at(learned, train, site):.3f} "
          f"held-out {f1_at(learned, test, site):.3f} (hand-set DEFAULT_WEIGHTS held-out "
          f"{f1_at(KeyphraseExtractor(tuple(DEFAULT_WEIGHTS[f] for f in FEATURES)), test, site):.3f})", file=sys.stderr)
    if not args.dry_run:
        OUT.write_text(json.dumps({"features": list(FEATURES), "weights": weights,
                                   "trained_on": "almayadeen_2023_12.jsonl even lines (dev split)",
                                   "l2": args.l2, "candidates": len(y), "positives": int(y.sum())},
                                  ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
