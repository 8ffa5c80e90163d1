"""`marsad eval tags FILE.jsonl`: keyphrases against editor tags, beside YAKE.

Each line holds `text` (and optionally `title`) plus the gold tags in `tags` or
`keyphrases`. Every article runs through the full pipeline (the gold tags are never
given to it). Reported: macro-averaged P/R/F1 at 5 and 10, exact match after
normalization (`match_key`) and partial match (one phrase is a word-level part of
the other), for Marsad and, in the same run, YAKE (`lan="ar"`, default settings, same
normalization). Tags on more than --site-wide of the file's articles (site boilerplate
such as almayadeen's طوفان الأقصى) are reported with and without.

YAKE is LGPL-3 licensed: it is imported here only, lazily, as an optional baseline
(`pip install yake`); nothing at run time depends on it.
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from ..text.normalize import normalize_key
from .words import peel

PUNCT_RE = re.compile(r"[\"'«»“”„()\[\]{}.,:;!?؟،؛\-–—/\\]+")


def match_key(phrase: str) -> str:
    """Folded phrase with punctuation dropped and ال-clitics peeled (بالتحالف → التحالف)."""
    key = normalize_key(PUNCT_RE.sub(" ", phrase))
    out = []
    for w in key.split():
        out.append(peel(w, None)[0])
    return " ".join(out)


def _partial(pred: str, gold: str) -> bool:
    if pred == gold:
        return True
    p, g = pred.split(), gold.split()
    small, big = (p, g) if len(p) <= len(g) else (g, p)
    m = len(small)
    return m > 0 and any(big[i:i + m] == small for i in range(len(big) - m + 1))


def score_doc(pred: list[str], gold: set[str], k: int) -> dict[str, tuple[float, float, float]]:
    """P/R/F1 at k for one document, exact and partial."""
    top = []
    for p in pred:
        if p and p not in top:
            top.append(p)
        if len(top) == k:
            break
    out = {}
    for mode in ("exact", "partial"):
        if mode == "exact":
            hits_p = sum(1 for p in top if p in gold)
            hits_g = sum(1 for g in gold if g in top)
        else:
            hits_p = sum(1 for p in top if any(_partial(p, g) for g in gold))
            hits_g = sum(1 for g in gold if any(_partial(p, g) for p in top))
        prec = hits_p / len(top) if top else 0.0
        rec = hits_g / len(gold) if gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[mode] = (prec, rec, f1)
    return out


def _yake_extractor():
    try:
        import yake  # LGPL-3: evaluation-time baseline only
    except ImportError:
        return None
    return yake.KeywordExtractor(lan="ar")


def load_rows(path: Path, limit: int | None = None, split: str = "all") -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if not line.strip():
                continue
            rows.append(json.loads(line))
    if split == "dev":
        rows = rows[0::2]
    elif split == "test":
        rows = rows[1::2]
    return rows[:limit] if limit else rows


def site_wide_tags(rows: list[dict], threshold: float) -> set[str]:
    counts: Counter = Counter()
    for r in rows:
        counts.update({match_key(t) for t in (r.get("tags") or r.get("keyphrases") or [])})
    return {t for t, c in counts.items() if c > threshold * len(rows)}


def evaluate(rows: list[dict], site_wide: set[str], use_yake: bool = True, ks=(5, 10),
             stages: list[str] | None = None) -> dict:
    """Scores for Marsad (and YAKE) with all gold tags and without site-wide ones."""
    from ..pipeline import Pipeline
    pipe = Pipeline(stages)
    yk = _yake_extractor() if use_yake else None
    systems = ["marsad"] + (["yake"] if yk is not None else [])
    sums = {(s, g, k, m): [0.0, 0.0, 0.0] for s in systems for g in ("all", "no_site")
            for k in ks for m in ("exact", "partial")}
    counts = {"all": 0, "no_site": 0}
    if rows:                                    # load every resource before timing
        pipe.run(pipe.make_doc(rows[0]["text"], title=rows[0].get("title")))
    t_pipe = 0.0
    stage_time: dict[str, float] = {}
    for r in rows:
        gold_all = {match_key(t) for t in (r.get("tags") or r.get("keyphrases") or [])} - {""}
        gold_ns = gold_all - site_wide
        doc = pipe.make_doc(r["text"], title=r.get("title"))
        for name, comp in pipe.components:      # timed stage by stage (CPU time)
            t0 = time.process_time()
            doc = comp(doc)
            dt = time.process_time() - t0
            stage_time[name] = stage_time.get(name, 0.0) + dt
            t_pipe += dt
        preds = {"marsad": [match_key(kp["text"]) for kp in doc.keyphrases]}
        if yk is not None:
            full = ((r.get("title") or "") + "\n" + r["text"]).strip()
            preds["yake"] = [match_key(kw) for kw, _ in yk.extract_keywords(full)]
        for g, gold in (("all", gold_all), ("no_site", gold_ns)):
            if not gold:
                continue
            counts[g] += 1
            for s in systems:
                for k in ks:
                    for m, prf in score_doc(preds[s], gold, k).items():
                        acc = sums[(s, g, k, m)]
                        for i in range(3):
                            acc[i] += prf[i]
    res = {"docs": counts, "pipeline_seconds": t_pipe, "stage_seconds": stage_time, "scores": {}}
    for (s, g, k, m), acc in sums.items():
        n = counts[g] or 1
        res["scores"][f"{s}/{g}/@{k}/{m}"] = tuple(round(x / n, 4) for x in acc)
    return res


def format_table(res: dict, ks=(5, 10)) -> str:
    lines = [f"{'gold':8} {'match':8} {'system':7} " + " ".join(f"{'P@%d' % k:>6} {'R@%d' % k:>6} {'F1@%d' % k:>6}" for k in ks)]
    systems = sorted({key.split("/")[0] for key in res["scores"]}, key=lambda s: s != "marsad")
    for g in ("all", "no_site"):
        for m in ("exact", "partial"):
            for s in systems:
                cells = []
                for k in ks:
                    cells.extend(f"{x:6.3f}" for x in res["scores"][f"{s}/{g}/@{k}/{m}"])
                lines.append(f"{g:8} {m:8} {s:7} " + " ".join(cells))
    return "\n".join(lines)


def add_arguments(p) -> None:
    p.add_argument("file", help="JSONL with text, optional title, and gold tags/keyphrases")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--split", choices=("all", "dev", "test"), default="all",
                   help="dev = even lines (used to choose weights), test = odd lines")
    p.add_argument("--site-wide", type=float, default=0.3,
                   help="tags on more than this share of articles count as site-wide")
    p.add_argument("--no-yake", action="store_true", help="skip the YAKE baseline")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--stages", default=None,
                   help="comma-separated pipeline stages to run (default: the full pipeline)")


def run(args) -> int:
    path = Path(args.file)
    all_rows = load_rows(path)
    site = site_wide_tags(all_rows, args.site_wide)
    rows = load_rows(path, args.limit, args.split)
    stages = args.stages.split(",") if args.stages else None
    res = evaluate(rows, site, use_yake=not args.no_yake, stages=stages)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    print(f"{path.name}: {len(rows)} articles ({args.split}); site-wide tags (> {args.site_wide:.0%}): "
          f"{', '.join(sorted(site)) or 'none'}")
    total = res["pipeline_seconds"] or 1e-9
    shares = ", ".join(f"{n} {t / total:.1%}" for n, t in res["stage_seconds"].items())
    print(f"docs with gold: all={res['docs']['all']} without site-wide={res['docs']['no_site']}; "
          f"pipeline CPU {total:.2f}s = {1000 * total / max(len(rows), 1):.2f} ms/article ({shares})")
    if not any(k.startswith("yake") for k in res["scores"]) and not args.no_yake:
        print("(YAKE not installed: pip install yake to see the baseline)", file=sys.stderr)
    print(format_table(res))
    return 0
