"""Word vectors for the neural NER tagger, learned from the SaudiNewsNet news file.

Same recipe as ner_clusters.py (positional left/right context counts of clitic-stripped
words, positive PMI with context smoothing, truncated SVD) but a wider window, more
context words, and the unit vectors themselves are kept rather than clustered. Counting
is vectorised (numpy/scipy), so the whole run takes a few minutes on one core.
Deterministic (fixed seed).

    python training/ner_embeddings.py --shared ../shared --out /tmp/ner_emb.npz
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "training"))

from ner_clusters import corpus_sentences, ppmi_vectors  # noqa: E402


def build(shared: Path, max_tokens: int = 12_000_000, vocab_size: int = 100_000,
          contexts: int = 5000, window: int = 2, dims: int = 100):
    """(words, float32 unit vectors [len(words), dims], log2 frequencies)."""
    import numpy as np
    from scipy import sparse

    t0 = time.time()
    sents = list(corpus_sentences(shared / "data/news/saudinewsnet.jsonl.gz", max_tokens))
    freq = Counter(w for s in sents for w in s)
    vocab = [w for w, c in freq.most_common(vocab_size) if c >= 3]
    vid = {w: i for i, w in enumerate(vocab)}
    # one flat id stream with -1 between sentences, so windows never cross them
    ids = []
    for s in sents:
        ids.extend(vid.get(w, -1) for w in s)
        ids.extend([-1] * window)
    ids = np.array(ids, dtype=np.int64)
    ctx = np.where(ids < contexts, ids, -1)
    nc = min(contexts, len(vocab))
    rows, cols = [], []
    for d in range(1, window + 1):
        off = (d - 1) * 2 * nc
        a, b = ids[d:], ctx[:-d]            # left neighbour at distance d
        k = (a >= 0) & (b >= 0)
        rows.append(a[k]); cols.append(off + b[k])
        a, b = ids[:-d], ctx[d:]            # right neighbour
        k = (a >= 0) & (b >= 0)
        rows.append(a[k]); cols.append(off + nc + b[k])
    rows, cols = np.concatenate(rows), np.concatenate(cols)
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                          shape=(len(vocab), 2 * nc * window))
    m.sum_duplicates()
    print(f"{len(ids)} tokens, {len(vocab)} words, {m.nnz} pairs ({time.time() - t0:.0f} s)", flush=True)
    vec = ppmi_vectors(m, dims, n_iter=7)
    lf = np.array([freq[w].bit_length() for w in vocab], dtype=np.int8)
    print(f"vectors {vec.shape} in {time.time() - t0:.0f} s", flush=True)
    return vocab, vec.astype(np.float32), lf


def main(argv=None) -> int:
    import numpy as np
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=Path("/tmp/ner_emb.npz"))
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--contexts", type=int, default=5000)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--vocab", type=int, default=100_000)
    args = ap.parse_args(argv)
    words, vec, lf = build(args.shared, vocab_size=args.vocab, contexts=args.contexts,
                           window=args.window, dims=args.dims)
    np.savez(args.out, words=np.array(words), vectors=vec, log_freq=lf)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
