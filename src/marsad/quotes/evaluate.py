"""`marsad eval quotes`: quote speakers and spans against the hand-annotated dev set.

The set (devsets/quotes/, see its README) stores article ids and offsets only; the
article texts come from ../shared/data/news/saudinewsnet.jsonl.gz. Each article runs
through the pipeline; a predicted quote matches a gold quote when their text spans
overlap by at least half of the shorter one (one-to-one, best overlap first).
Reported, per split:
  span     P = matched predictions / predictions, R = matched gold / gold quotes
  speaker  a matched prediction whose speaker is right: its speaker span overlaps the
           gold one, or one speaker string contains the other after normalization;
           P = right speakers / predictions, R = right speakers / gold quotes
  exact    matched with both span ends within 3 characters of the gold ones
  via      gold quotes with an outlet whose matched prediction names it
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from ..text.normalize import normalize_key

REPO = Path(__file__).resolve().parents[3]
DEVSET = REPO / "devsets" / "quotes"
NEWS = REPO.parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"


def load_devset(devset: Path = DEVSET) -> tuple[list[dict], list[dict]]:
    with open(devset / "articles.jsonl", encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    with open(devset / "saudinewsnet_quotes.jsonl", encoding="utf-8") as f:
        quotes = [json.loads(line) for line in f if line.strip()]
    return articles, quotes


def load_texts(ids: set[str], news: Path = NEWS) -> dict[str, str]:
    out: dict[str, str] = {}
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("id") in ids:
                out[rec["id"]] = rec.get("text") or ""
                if len(out) == len(ids):
                    break
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _speaker_ok(text: str, pred: dict, gold: dict) -> bool:
    ps, pe = pred.get("speaker_start"), pred.get("speaker_end")
    gs, ge = gold["speaker"]
    if ps is not None and pe is not None and _overlap((ps, pe), (gs, ge)) > 0:
        return True
    p = normalize_key(pred.get("speaker") or "").replace('"', "")
    g = normalize_key(text[gs:ge]).replace('"', "")
    return bool(p and g) and (p in g or g in p)


def match(text: str, preds: list[dict], golds: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs (pred, gold) whose text spans overlap by ≥ half the shorter one."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            ov = _overlap((p["start"], p["end"]), tuple(g["text"]))
            shorter = min(p["end"] - p["start"], g["text"][1] - g["text"][0])
            if shorter > 0 and ov >= 0.5 * shorter:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((preds[i], golds[j]))
    return out


def evaluate(texts: dict[str, str], articles: list[dict], quotes: list[dict], stages=None,
             verbose: bool = False) -> dict:
    from ..pipeline import Pipeline
    pipe = Pipeline(stages)
    by_article: dict[str, list[dict]] = {}
    for q in quotes:
        by_article.setdefault(q["article"], []).append(q)
    res: dict[str, dict[str, int]] = {}
    for art in articles:
        text = texts[art["article"]]
        doc = pipe.run(pipe.make_doc(text, id=art["article"]))
        golds = by_article.get(art["article"], [])
        pairs = match(text, doc.quotes, golds)
        for split in (art["split"], "all"):
            r = res.setdefault(split, dict.fromkeys(("pred", "gold", "span", "speaker", "exact", "via_gold", "via"), 0))
            r["pred"] += len(doc.quotes)
            r["gold"] += len(golds)
            r["span"] += len(pairs)
            r["speaker"] += sum(_speaker_ok(text, p, g) for p, g in pairs)
            r["exact"] += sum(abs(p["start"] - g["text"][0]) <= 3 and abs(p["end"] - g["text"][1]) <= 3 for p, g in pairs)
            r["via_gold"] += sum(1 for g in golds if g.get("via"))
            r["via"] += sum(1 for p, g in pairs if g.get("via") and p.get("via")
                            and normalize_key(text[g["via"][0]:g["via"][1]]).strip('"') in normalize_key(p["via"]) + " "
                            or g.get("via") and p.get("via") and normalize_key(p["via"]) in normalize_key(text[g["via"][0]:g["via"][1]]))
        if verbose and art["split"] == "dev":
            matched_g = {id(g) for _, g in pairs}
            matched_p = {id(p) for p, _ in pairs}
            for p, g in pairs:
                if not _speaker_ok(text, p, g):
                    print(f"  SPEAKER {p['speaker']!r} vs {text[g['speaker'][0]:g['speaker'][1]]!r}", file=sys.stderr)
            for g in golds:
                if id(g) not in matched_g:
                    v = text[g["verb"][0]:g["verb"][1]]
                    print(f"  MISS {v} | {text[g['speaker'][0]:g['speaker'][1]]} | {text[g['text'][0]:g['text'][0] + 50]!r}", file=sys.stderr)
            for p in doc.quotes:
                if id(p) not in matched_p:
                    print(f"  EXTRA {p['verb']} | {p['speaker']} | {p['text'][:50]!r}", file=sys.stderr)
    return res


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def format_table(res: dict) -> str:
    lines = [f"{'split':6} {'gold':>5} {'pred':>5} {'spanP':>6} {'spanR':>6} {'spkP':>6} {'spkR':>6} {'spkF1':>6} {'exactR':>6} {'via':>7}"]
    for split in ("dev", "test", "all"):
        r = res.get(split)
        if not r:
            continue
        sp, sr = _ratio(r["speaker"], r["pred"]), _ratio(r["speaker"], r["gold"])
        f1 = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
        lines.append(f"{split:6} {r['gold']:5d} {r['pred']:5d} {_ratio(r['span'], r['pred']):6.3f} {_ratio(r['span'], r['gold']):6.3f} "
                     f"{sp:6.3f} {sr:6.3f} {f1:6.3f} {_ratio(r['exact'], r['gold']):6.3f} {r['via']:3d}/{r['via_gold']:<3d}")
    return "\n".join(lines)


def add_arguments(p) -> None:
    p.add_argument("--devset", default=str(DEVSET), help="folder with articles.jsonl and saudinewsnet_quotes.jsonl")
    p.add_argument("--news", default=str(NEWS), help="the SaudiNewsNet JSONL.gz the offsets refer to")
    p.add_argument("--stages", default=None, help="comma-separated pipeline stages (default: the full pipeline)")
    p.add_argument("--verbose", action="store_true", help="list misses on the dev split")


def run(args) -> int:
    news = Path(args.news)
    if not news.exists():
        print(f"needs {news} (the SaudiNewsNet corpus the dev set points into)", file=sys.stderr)
        return 2
    articles, quotes = load_devset(Path(args.devset))
    texts = load_texts({a["article"] for a in articles}, news)
    stages = args.stages.split(",") if args.stages else None
    res = evaluate(texts, articles, quotes, stages, args.verbose)
    print(f"quotes dev set: {len(articles)} articles, {len(quotes)} quotes")
    print(format_table(res))
    return 0
