"""NER speed and footprint: model load time, tagging tokens/s on one core, peak RSS.

    .venv/bin/python bench/bench_ner.py [--shared ../shared] [--sentences N]

Tags the sentences of anercorp_test.bio (pre-tokenized words) and, through the whole
entity stage, the seed article repeated; prints one line per measurement.
Bars (issue 3): ≥ 50,000 tokens/s, load ≤ 1 s, RSS ≤ 300 MB. Rates are given per CPU
second (process time: what one core delivers, even when the shared machine is busy)
and per wall-clock second.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--sentences", type=int, default=0, help="limit (0 = all)")
    args = ap.parse_args(argv)

    t0, c0 = time.perf_counter(), time.process_time()
    from marsad.entities.model import NerModel
    model = NerModel.pretrained()
    model.tag_words(["قال", "الرئيس"])
    print(f"load: {time.perf_counter() - t0:.3f} s wall, {time.process_time() - c0:.3f} s CPU "
          "(import + model + clusters + gazetteer)")

    bio = args.shared / "data/ner/anercorp_test.bio"
    if bio.exists():
        from marsad.entities.bio import read_bio
        sents = [[w for w, _ in s] for s in read_bio(bio)]
        if args.sentences:
            sents = sents[:args.sentences]
        n = sum(map(len, sents))
        model.features._cache.clear()
        for label in ("cold cache", "warm cache"):
            t0, c0 = time.perf_counter(), time.process_time()
            for s in sents:
                model.tag_words(s)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            print(f"tagger, {label}: {n} tokens, {n / cpu:,.0f} tokens/CPU-s ({n / wall:,.0f} tokens/s wall)")
    seed = args.shared / "seed/article.txt"
    if seed.exists():
        from marsad.doc import Doc
        from marsad.entities.stage import EntityStage
        from marsad.text.stage import TextStage
        text = seed.read_text(encoding="utf-8")
        docs = [TextStage()(Doc(text=text)) for _ in range(20)]
        stage = EntityStage(model)
        n = sum(len(d.tokens) for d in docs)
        t0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            stage(d)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"entity stage: {n} tokens, {n / cpu:,.0f} tokens/CPU-s ({n / wall:,.0f} tokens/s wall)"
              " (tagger + catalogue + propagation + linking)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
