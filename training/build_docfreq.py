"""Build the keyword frequency tables in src/marsad/resources/tags/ from the news corpus.

    .venv/bin/python training/build_docfreq.py [--shared ../shared] [--limit N]

Two tables, both "key<TAB>document frequency", gzip'd, first line "#docs<TAB>N":
  words.tsv.gz    every Arabic word form (folded), df >= MIN_WORD_DF: decides
                  whether a prefix letter is a clitic (بدير → دير) at run time;
  phrases.tsv.gz  candidate keyphrases (1-3 content words, first word peeled, as
                  marsad.tags.words makes them), df >= MIN_PHRASE_DF: their idf.
Only keys and counts are stored, no text.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from marsad.tags.words import AR_START, WORD_RE, WordAnalyzer
from marsad.text.normalize import fold

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "marsad" / "resources" / "tags"
MIN_WORD_DF = 3
MIN_PHRASE_DF = 3


def read_texts(path: Path, limit: int | None):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit and i >= limit:
                break
            rec = json.loads(line)
            yield ((rec.get("title") or "") + "\n" + (rec.get("text") or ""))


def write_table(path: Path, n_docs: int, counts: Counter, min_df: int) -> int:
    rows = sorted(((k, c) for k, c in counts.items() if c >= min_df), key=lambda kc: (-kc[1], kc[0]))
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(f"#docs\t{n_docs}\n")
        for k, c in rows:
            f.write(f"{k}\t{c}\n")
    return len(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    news = Path(args.shared) / "data" / "news" / "saudinewsnet.jsonl.gz"
    if not news.exists():
        print(f"needs {news}", file=sys.stderr)
        return 2
    t0 = time.time()
    wdf: Counter = Counter()
    n_docs = 0
    for text in read_texts(news, args.limit):
        n_docs += 1
        wdf.update({fold(m.group()) for m in WORD_RE.finditer(text) if AR_START.match(m.group())})
    print(f"pass 1: {n_docs} docs, {len(wdf)} word forms, {time.time() - t0:.0f}s", file=sys.stderr)
    get = wdf.get
    word_df = lambda k: get(k, 0)  # noqa: E731
    analyzer = WordAnalyzer(word_df)
    pdf: Counter = Counter()
    for text in read_texts(news, args.limit):
        pdf.update(analyzer.count(text)[0].keys())
    print(f"pass 2: {len(pdf)} phrases, {time.time() - t0:.0f}s", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    nw = write_table(OUT / "words.tsv.gz", n_docs, wdf, MIN_WORD_DF)
    np_ = write_table(OUT / "phrases.tsv.gz", n_docs, pdf, MIN_PHRASE_DF)
    print(f"wrote {nw} words, {np_} phrases to {OUT} in {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
