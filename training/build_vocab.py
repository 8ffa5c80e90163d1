"""Build the word-frequency vocabulary the tokenizer uses to decide clitic splits.

    .venv/bin/python training/build_vocab.py [--data ../shared/data/news/saudinewsnet.jsonl.gz]
        [--size 30000] [--out src/marsad/resources/text/vocab.txt]

Counts folded Arabic word forms (marsad.text.normalize.fold) over the article texts
and keeps the most frequent ones as `word<TAB>count` lines. Only word forms and
their counts are written, never article text. Articles whose id hashes to the last
tenth are held out (not counted) so clitic-split checks can be made on unseen text.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import zlib
from pathlib import Path

from marsad.text.normalize import fold
from marsad.text.tokenize import AR_LETTERS, AR_MARKS

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "news" / "saudinewsnet.jsonl.gz"
DEFAULT_OUT = REPO / "src" / "marsad" / "resources" / "text" / "vocab.txt"
WORD_RE = re.compile(rf"[{AR_LETTERS}][{AR_LETTERS}{AR_MARKS}]*")


def is_held_out(article_id: str) -> bool:
    """The held-out tenth of the corpus (stable across runs)."""
    return zlib.crc32(article_id.encode("utf-8")) % 10 == 9


def count_words(path: Path) -> tuple[collections.Counter, int]:
    counts: collections.Counter = collections.Counter()
    used = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if is_held_out(str(rec.get("id") or rec.get("url") or "")):
                continue
            used += 1
            counts.update(WORD_RE.findall(fold(rec.get("title") or "") + "\n" + fold(rec.get("text") or "")))
    return counts, used


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=None, help="the reference data directory (../shared)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--size", type=int, default=30000, help="number of word forms to keep")
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    if args.shared is not None:
        args.data = args.shared / "data" / "news" / "saudinewsnet.jsonl.gz"
    if not args.data.exists():
        print(f"build_vocab: {args.data} not found (needs ../shared beside the repo)")
        return 2
    counts, used = count_words(args.data)
    kept = [(w, c) for w, c in counts.most_common(args.size) if c >= args.min_count and len(w) > 1]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"# folded word<TAB>count; top {len(kept)} forms of {len(counts)} in {used} articles of "
                f"SaudiNewsNet (training/build_vocab.py)\n")
        for w, c in kept:
            f.write(f"{w}\t{c}\n")
    print(f"wrote {args.out} ({len(kept)} words, {args.out.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
