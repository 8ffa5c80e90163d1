"""Word clusters for the NER features, learned from the SaudiNewsNet news file.

Counts left/right neighbours (top context words) of each frequent clitic-stripped word,
weights them by positive PMI, reduces with truncated SVD and clusters the unit vectors
with k-means at three granularities; the cluster path "cccc mmmm ffff" lets the CRF use
coarse and fine prefixes. A third column is the word's log2 frequency (rare words are
often foreign names). Deterministic (fixed seeds). Needs numpy, scipy, scikit-learn
(training only; the runtime reads the TSV).

    python training/ner_clusters.py --shared ../shared
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from marsad.entities.features import core_form  # noqa: E402
from marsad.entities.model import CLUSTERS_FILE  # noqa: E402
from marsad.resources import path as resource_path  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402

WORD_RE = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3A-Za-z0-9\u064B-\u065F\u0640]+|[^\s\w]")
SEED = 13


def corpus_sentences(path: Path, max_tokens: int):
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            for para in text.split("\n"):
                toks = [core_form(fold(w)) for w in WORD_RE.findall(para)]
                if toks:
                    yield toks
                    n += len(toks)
            if n >= max_tokens:
                return


def ppmi_vectors(counts, dims: int, n_iter: int = 5):
    """Unit word vectors from a word × context count matrix: positive PMI (context
    counts smoothed by ^0.75), then truncated SVD with the fixed seed."""
    import numpy as np
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD
    total = counts.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    col = np.asarray(counts.sum(axis=0)).ravel() ** 0.75
    col = col / col.sum() * total
    m = counts.tocoo()
    pmi = np.log(m.data * total / (row[m.row] * col[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    vec = TruncatedSVD(dims, random_state=SEED, n_iter=n_iter).fit_transform(ppmi)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    return vec


def main(argv=None) -> int:
    import numpy as np
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--max-tokens", type=int, default=12_000_000)
    ap.add_argument("--vocab", type=int, default=100_000)
    ap.add_argument("--contexts", type=int, default=3000)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--window", type=int, default=1, help="context words on each side")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    t0 = time.time()
    sents = list(corpus_sentences(args.shared / "data/news/saudinewsnet.jsonl.gz", args.max_tokens))
    freq = Counter(w for s in sents for w in s)
    vocab = [w for w, c in freq.most_common(args.vocab) if c >= 3]
    vid = {w: i for i, w in enumerate(vocab)}
    cid = {w: i for i, w in enumerate(vocab[:args.contexts])}
    nc = len(cid)
    pairs: Counter = Counter()
    for s in sents:
        ids = [vid.get(w, -1) for w in s]
        cs = [cid.get(w, -1) for w in s]
        n = len(s)
        for i, v in enumerate(ids):
            if v < 0:
                continue
            for d in range(1, args.window + 1):
                off = (d - 1) * 2 * nc
                if i >= d and cs[i - d] >= 0:
                    pairs[(v, off + cs[i - d])] += 1
                if i + d < n and cs[i + d] >= 0:
                    pairs[(v, off + nc + cs[i + d])] += 1
    print(f"{sum(map(len, sents))} tokens, {len(vocab)} words, {len(pairs)} pairs ({time.time() - t0:.0f} s)")
    rows, cols, vals = zip(*((r, c, v) for (r, c), v in pairs.items()))
    m = sparse.csr_matrix((np.array(vals, dtype=np.float64), (rows, cols)), shape=(len(vocab), 2 * nc * args.window))
    vec = ppmi_vectors(m, args.dims)
    labels = []
    for k in (64, 512, 2048):
        km = MiniBatchKMeans(k, random_state=SEED, batch_size=4096, n_init=3, max_iter=100)
        labels.append(km.fit_predict(vec))
        print(f"k={k} done ({time.time() - t0:.0f} s)")
    out = args.out or resource_path(CLUSTERS_FILE)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for i, w in enumerate(vocab):
            f.write(f"{w}\t{labels[0][i]:04d}{labels[1][i]:04d}{labels[2][i]:04d}\t{freq[w].bit_length()}\n")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
