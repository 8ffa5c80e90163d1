"""`marsad eval text`: measure the text layer against its gold data.

Reports clitic segmentation accuracy on the hand-segmented held-out words
(resources/text/clitic_gold.tsv, dev and test halves) and, when the reference data
is present, whether the seed article's dates resolve to the four expected days.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..doc import Doc
from ..resources import load_text_lines
from .dates import parse_dateline
from .stage import TextStage
from .tokenize import tokenize

SEED_DAYS = {"2017-08-28", "2017-08-30", "2017-09-13", "2017-09-14"}


def clitic_accuracy() -> dict[str, dict]:
    """Per split: word types, correct, accuracy and the errors (word, got, gold)."""
    out: dict[str, dict] = {}
    for line in load_text_lines("text/clitic_gold.tsv"):
        split, word, gold = line.split("\t")
        got = "+".join(t.text for t in tokenize(word))
        res = out.setdefault(split, {"words": 0, "correct": 0, "errors": []})
        res["words"] += 1
        if got == gold:
            res["correct"] += 1
        else:
            res["errors"].append([word, got, gold])
    for res in out.values():
        res["accuracy"] = round(res["correct"] / res["words"], 3)
    return out


def seed_dates(seed: Path) -> dict | None:
    """Day-precision dates of the seed body (lines after the dateline, before the tags)."""
    if not seed.exists():
        return None
    text = seed.read_text(encoding="utf-8")
    lines = text.split("\n")
    k = next((i for i, line in enumerate(lines) if parse_dateline(line)), None)
    if k is None:
        return None
    body = "\n".join(lines[k + 1:])
    body = body.split("كلمات مفتاحية")[0].strip()
    doc = TextStage()(Doc(text=body, published=parse_dateline(lines[k])))
    days = sorted({d.label for d in doc.dates if d.data["precision"] == 1})
    return {"published": doc.published.isoformat(), "days": days, "expected": sorted(SEED_DAYS),
            "ok": set(days) == SEED_DAYS,
            "all": [[body[d.start:d.end], d.label, d.data["precision"]] for d in doc.dates]}


def add_arguments(p: argparse.ArgumentParser) -> None:
    here = Path(__file__).resolve().parents[3]
    p.add_argument("--shared", type=Path, default=here.parent / "shared",
                   help="reference data directory (for the seed article)")
    p.add_argument("--json", action="store_true", help="print the full report as JSON")


def run(args) -> int:
    report = {"clitics": clitic_accuracy(), "seed": seed_dates(Path(args.shared) / "seed" / "article.txt")}
    if getattr(args, "json", False):
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    for split, res in sorted(report["clitics"].items()):
        print(f"clitic segmentation ({split}): {res['correct']}/{res['words']} word types = {res['accuracy']:.3f}")
    seed = report["seed"]
    if seed is None:
        print("seed dates: skipped (no seed article in --shared)")
    else:
        print(f"seed dates (published {seed['published']}): {', '.join(seed['days'])} "
              f"-> {'OK' if seed['ok'] else 'expected ' + ', '.join(seed['expected'])}")
    return 0
