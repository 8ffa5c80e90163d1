"""NER speed and footprint: model load time, tagging tokens/s on one core, peak RSS.

    .venv/bin/python bench/bench_ner.py [--shared ../shared] [--sentences N]

Tags the sentences of anercorp_test.bio (pre-tokenized words) and, through the whole
entity stage, the seed article repeated and the first N news articles (from an empty
word-score cache, then warm); prints one line per measurement.
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
    ap.add_argument("--articles", type=int, default=300,
                    help="news articles (saudinewsnet) run through the entity stage (0 = skip)")
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
        if model.decoder is not None:
            model.decoder.clear_cache()
        for label in ("cold cache", "warm cache"):
            t0, c0 = time.perf_counter(), time.process_time()
            for i in range(0, len(sents), 32):
                model.tag_sentences(sents[i:i + 32])
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
    news = args.shared / "data/news/saudinewsnet.jsonl.gz"
    if news.exists() and args.articles:
        import gzip
        import json
        from marsad.doc import Doc
        from marsad.entities.stage import EntityStage
        from marsad.text.stage import TextStage
        texts = []
        with gzip.open(news, "rt", encoding="utf-8") as f:
            for line in f:
                t = json.loads(line).get("text") or ""
                if len(t) > 500:
                    texts.append(t)
                if len(texts) >= args.articles:
                    break
        docs = [TextStage()(Doc(text=t)) for t in texts]
        n = sum(len(d.tokens) for d in docs)
        chars = sum(len(t) for t in texts) / len(texts)
        if model.decoder is not None:
            model.decoder.clear_cache()
        stage = EntityStage(model)
        for label in ("cold cache", "warm cache"):
            c0 = time.process_time()
            for d in docs:
                stage(d)
            cpu = time.process_time() - c0
            print(f"entity stage on {len(docs)} news articles ({chars:.0f} chars avg), {label}: "
                  f"{1000 * cpu / len(docs):.2f} ms CPU/article, {n / cpu:,.0f} tokens/CPU-s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
