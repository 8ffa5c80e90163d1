"""Tune the decoding of a CRF + neural hybrid on the dev split, from saved dev scores.

    python training/train_ner_neural.py --newsfane --dump /tmp/nf ...   # writes /tmp/nf.eN.npz
    python training/ner_hybrid_dev.py /tmp/nf.e5.npz --crf /tmp/ner_dev.crfsuite

Label scores = neural + w * CRF emissions (w: --weights), transitions likewise; a shift
subtracted from O's score trades precision for recall as in model.py. Reports per
sentence and with the stage's 30-sentence document propagation.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "training"))

import numpy as np  # noqa: E402

from marsad.entities.features import core_form  # noqa: E402
from marsad.entities.model import CLUSTERS_FILE, load_clusters  # noqa: E402
from marsad.resources import path as resource_path  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402
from ner_data import load  # noqa: E402
from train_ner_neural import LABELS, crf_emissions, evaluate, line, viterbi  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dumps", type=Path, nargs="+")
    ap.add_argument("--crf", type=Path, required=True)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--weights", type=float, nargs="+", default=[0.5, 1.0, 1.5])
    ap.add_argument("--o-shift", type=float, nargs="+", default=[0.0, 0.3, 0.6])
    ap.add_argument("--average", action="store_true", help="average the dumps' scores")
    args = ap.parse_args(argv)
    _, dev = load(args.shared, False, True)
    gold = [t for _, t in dev]
    keys = [[core_form(fold(x)) for x in w] for w, _ in dev]
    clusters = load_clusters(resource_path(CLUSTERS_FILE))
    freq = lambda k: int(clusters[k][1]) if k in clusters and clusters[k][1] else 0  # noqa: E731
    cems, ctrans = crf_emissions(args.crf, [w for w, _ in dev])
    zs = [np.load(d) for d in args.dumps]
    if args.average:        # one run: the mean of several dumps' scores (epochs or seeds)
        mean = {k: np.mean([z[k] for z in zs], axis=0) for k in zs[0].files}
        zs, args.dumps = [mean], [Path("+".join(d.stem for d in args.dumps))]
    for dump, z in zip(args.dumps, zs):
        ems = [z[f"em{i}"] for i in range(len(dev))]
        for w in args.weights:
            for shift in args.o_shift:
                o = np.zeros(len(LABELS))
                o[0] = shift
                pred = [[LABELS[y] for y in viterbi(e + w * c - o, z["trans"] + w * ctrans, z["start"], z["end"])]
                        if len(e) else [] for e, c in zip(ems, cems)]
                r, rp = evaluate(gold, pred, keys, freq)
                print(f"{dump.name} w {w:.1f} o {shift:.1f}: {line(r, rp)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
