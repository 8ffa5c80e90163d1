"""Score a dev-split CRF model (from train_ner.py --dev --out F) sentence by sentence and with
30-sentence document propagation, for a range of penalties on the O label's score.

    python training/ner_dev_eval.py /tmp/ner_dev.crfsuite --o-shift 0 0.5 1.0

A negative shift of O trades precision for recall at decode time without retraining.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "training"))

import pycrfsuite  # noqa: E402

from marsad.entities.bio import spans  # noqa: E402
from marsad.entities.decode import CrfDecoder  # noqa: E402
from marsad.entities.evaluate import _bio, score  # noqa: E402
from marsad.entities.features import core_form  # noqa: E402
from marsad.entities.model import CLUSTERS_FILE, default_gazetteer, load_clusters  # noqa: E402
from marsad.entities.features import FeatureExtractor  # noqa: E402
from marsad.entities.propagate import propagate  # noqa: E402
from marsad.resources import path as resource_path  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402
from ner_data import load  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("model", type=Path)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--o-shift", type=float, nargs="+", default=[0.0])
    ap.add_argument("--ngrams", action="store_true")
    ap.add_argument("--triggers", action="store_true")
    ap.add_argument("--window", type=int, default=30)
    args = ap.parse_args(argv)
    _, dev = load(args.shared, False, True)
    clusters = load_clusters(resource_path(CLUSTERS_FILE))
    fx = FeatureExtractor(clusters, default_gazetteer(), ngrams=args.ngrams, triggers=args.triggers)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(args.model))
    dec = CrfDecoder.from_tagger(tagger, fx)
    o = dec.labels.index("O")
    base = dec.bias.copy()
    gold = [t for _, t in dev]
    words = [w for w, _ in dev]
    keys = [[core_form(fold(x)) for x in w] for w in words]
    freq = lambda k: int(clusters[k][1]) if k in clusters and clusters[k][1] else 0  # noqa: E731
    for shift in args.o_shift:
        dec.bias = base.copy()
        dec.bias[o] -= shift
        pred = []
        for i in range(0, len(words), 32):
            pred.extend(dec.tag_sentences(words[i:i + 32]))
        r = score(gold, pred)
        prop = []
        for d in range(0, len(words), args.window):
            sp = propagate(keys[d:d + args.window], [spans(p) for p in pred[d:d + args.window]], freq)
            prop.extend(_bio(len(k), s) for k, s in zip(keys[d:d + args.window], sp))
        rp = score(gold, prop)
        m, mp = r["micro"], rp["micro"]
        print(f"o-shift {shift:4.2f}  sent P {m['precision']:.2f} R {m['recall']:.2f} F {m['f1']:.2f}"
              f" | doc{args.window} P {mp['precision']:.2f} R {mp['recall']:.2f} F {mp['f1']:.2f}"
              f" | ORG {rp.get('ORG', {}).get('f1', 0):.2f} PER {rp.get('PER', {}).get('f1', 0):.2f}"
              f" LOC {rp.get('LOC', {}).get('f1', 0):.2f} MISC {rp.get('MISC', {}).get('f1', 0):.2f}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
