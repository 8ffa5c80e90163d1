"""Train the CRF NER model (python-crfsuite) on the ANERcorp train file.

    python training/train_ner.py --shared ../shared --dev          # measure on the dev split
    python training/train_ner.py --shared ../shared                # final model → resources

Also rebuilds the word clusters (ner_clusters.py, from the news file) and the NewsFANE
subtype table. NewsFANE as extra training data is optional (--newsfane): it annotates the
same text with other conventions (no currencies as MISC, peoples as Group) and lowered dev
F1. Deterministic (L-BFGS, fixed data order, fixed seeds); < 15 min on one core.
Never reads *_test.bio.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "training"))

import pycrfsuite  # noqa: E402

from marsad.entities.evaluate import format_table, score  # noqa: E402
from marsad.entities.features import FeatureExtractor  # noqa: E402
from marsad.entities.model import (ATTRIBUTES_FILE, CLUSTERS_FILE, MODEL_FILE,  # noqa: E402
                                   load_clusters, write_attributes, write_weights)
from marsad.resources import path as resource_path  # noqa: E402
from ner_data import load  # noqa: E402


def build_features(clusters: bool, gazetteer: bool, clusters_file: Path | None = None,
                   **extra) -> FeatureExtractor:
    cl = load_clusters(clusters_file or resource_path(CLUSTERS_FILE)) if clusters else {}
    gz = None
    if gazetteer:
        from marsad.entities.model import default_gazetteer
        gz = default_gazetteer()
    return FeatureExtractor(cl, gz, **extra)


def rebuild_clusters(shared: Path) -> None:
    """Recompute word clusters from the news file (needs numpy/scipy/scikit-learn)."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("clusters: scikit-learn not installed; keeping the committed clusters.tsv")
        return
    import ner_clusters
    ner_clusters.main(["--shared", str(shared)])


def write_subtypes(shared: Path) -> int:
    """Name key → most frequent NewsFANE fine class (seen at least twice), for `subtype`."""
    from collections import Counter, defaultdict

    from marsad.entities.bio import read_bio, spans
    from marsad.entities.features import core_form
    from marsad.entities.subtypes import SUBTYPES_FILE
    from marsad.text.normalize import fold
    from ner_data import attach_clitics

    counts: dict[str, Counter] = defaultdict(Counter)
    for sent in read_bio(shared / "data/ner/newsfane_train.bio"):
        sent = attach_clitics(sent)
        for s, e, label in spans([t for _, t in sent]):
            counts[" ".join(core_form(fold(w)) for w, _ in sent[s:e])][label] += 1
    out = resource_path(SUBTYPES_FILE)
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for key in sorted(counts):
            label, c = counts[key].most_common(1)[0]
            if c >= 2 and c * 2 > sum(counts[key].values()):
                f.write(f"{key}\t{label}\n")
                n += 1
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--dev", action="store_true", help="hold out the dev split and score on it")
    ap.add_argument("--newsfane", action="store_true",
                    help="also train on NewsFANE (coarse-mapped); lowers dev F1, so off by default")
    ap.add_argument("--strict-newsfane", action="store_true",
                    help="NewsFANE weapons/vehicles/food classes as O, currency sentences dropped")
    ap.add_argument("--no-newsfane", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--no-clusters", action="store_true")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--ngrams", action="store_true",
                    help="inner character trigram features (with --triggers: dev F1 72.9 vs 73.0)")
    ap.add_argument("--triggers", action="store_true", help="name-trigger class features")
    # c1 0.05 -> 0.01: dev F1 73.0 -> 73.3 (recall +0.1, precision +0.5), model 2.1 -> 4.7 MB
    ap.add_argument("--c1", type=float, default=0.01)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--min-freq", type=float, default=1)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--clusters-file", type=Path, default=None, help="try other clusters (with --dev)")
    ap.add_argument("--keep-clusters", action="store_true",
                    help="reuse the committed clusters.tsv instead of rebuilding it")
    args = ap.parse_args(argv)

    t0 = time.time()
    if not args.dev:
        print(f"subtypes: {write_subtypes(args.shared)} names")
        if not args.no_clusters and not args.keep_clusters:
            rebuild_clusters(args.shared)
    train, dev = load(args.shared, args.newsfane and not args.no_newsfane, args.dev,
                      args.strict_newsfane)
    fx = build_features(not args.no_clusters, not args.no_gazetteer, args.clusters_file,
                        ngrams=args.ngrams, triggers=args.triggers)
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in train:
        trainer.append(fx.sentence(words), tags)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.minfreq": args.min_freq,
                        "feature.possible_transitions": True})
    out = args.out or (Path("/tmp/ner_dev.crfsuite") if args.dev else resource_path(MODEL_FILE))
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    print(f"trained on {len(train)} sentences, {sum(len(w) for w, _ in train)} tokens "
          f"in {time.time() - t0:.0f} s -> {out} ({out.stat().st_size / 1e6:.1f} MB)")
    if not args.dev and args.out is None:
        print(f"attributes: {write_attributes(out, resource_path(ATTRIBUTES_FILE))}")
        print(f"weights: {write_weights(out)}")
    if dev:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(out))
        pred = [tagger.tag(fx.sentence(w)) for w, _ in dev]
        print(format_table(score([t for _, t in dev], pred)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
