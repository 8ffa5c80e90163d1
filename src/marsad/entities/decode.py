"""Fast inference for the trained CRF: cached per-word label scores and batched Viterbi.

A linear-chain CRF's score for a label at a position is the sum of the weights of the
position's features. Every feature here belongs to one word at one offset (its own
features, or the ones it lends to the words 2 and 1 before and after it), to an adjacent
pair (bg/fg bigrams), to the gazetteer, or to sentence ends. So each word form is turned
once into a (5, labels) block of summed weights and cached across sentences and articles;
a sentence's emission scores are then a handful of shifted array additions, and all
sentences of a document are decoded together by one vectorized Viterbi. Same model,
same decisions as crfsuite's tagger (up to float rounding), without building and
handing it ~40 feature strings per token.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .features import FeatureExtractor

OWN, M2, M1, P1, P2 = range(5)
CACHE_ROWS = 1 << 16      # ~24 MB of float64 word blocks; cleared when full


class CrfDecoder:
    def __init__(self, tagger, features: FeatureExtractor):
        info = tagger.info()
        self.labels: list[str] = list(tagger.labels())
        index = {lab: i for i, lab in enumerate(self.labels)}
        n = len(self.labels)
        weights: dict[str, np.ndarray] = {}
        for (attr, label), w in info.state_features.items():
            vec = weights.get(attr)
            if vec is None:
                vec = weights[attr] = np.zeros(n)
            vec[index[label]] += w
        self.trans = np.zeros((n, n))
        for (a, b), w in info.transitions.items():
            self.trans[index[a], index[b]] = w
        self.weights = weights
        # the same weights as one matrix, for summing a word's features in one call
        self._attr = {a: i for i, a in enumerate(weights)}
        self._w = np.array(list(weights.values())) if weights else np.zeros((1, n))
        zero = np.zeros(n)
        self.bias = weights.get("bias", zero)
        self.bos = weights.get("BOS", zero)
        self.eos = weights.get("EOS", zero)
        # bigram weights keyed by the bare "core|core" pair, one lookup serves bg and fg
        self.bg = {a[3:]: v for a, v in weights.items() if a.startswith("bg=")}
        self.fg = {a[3:]: v for a, v in weights.items() if a.startswith("fg=")}
        self.features = features
        self._rows: dict[str, tuple[int, str]] = {}
        self._table = np.zeros((CACHE_ROWS, 5, n))     # row 0 stays zero: padding

    def _rows_of(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, str]]]:
        """(table row, core form) of every word; words not yet cached get their blocks
        summed together, one bincount per label for the whole batch."""
        rows = self._rows
        if len(rows) + sum(map(len, sentences)) >= CACHE_ROWS:
            rows.clear()
        attr = self._attr
        new_idx: list[int] = []
        new_seg: list[int] = []
        first_new = len(rows) + 1
        out = []
        for words in sentences:
            sent_rows = []
            for word in words:
                hit = rows.get(word)
                if hit is None:
                    info = self.features.build_word(word, filter_known=False)
                    r = len(rows) + 1
                    base = (r - first_new) * 5
                    for g in range(5):
                        for f in info[g]:
                            a = attr.get(f)
                            if a is not None:
                                new_idx.append(a)
                                new_seg.append(base + g)
                    hit = rows[word] = (r, info[5][0])
                sent_rows.append(hit)
            out.append(sent_rows)
        n_new = len(rows) + 1 - first_new
        if n_new:
            W = self._w[np.asarray(new_idx, dtype=np.intp)]
            seg = np.asarray(new_seg, dtype=np.intp)
            block = self._table[first_new:first_new + n_new].reshape(n_new * 5, -1)
            for j in range(block.shape[1]):
                block[:, j] = np.bincount(seg, weights=W[:, j], minlength=n_new * 5)
        return out

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO labels for each sentence of words (the words of one document, say)."""
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i in range(len(sentences)) if sentences[i]),
                       key=lambda i: -len(sentences[i]))
        if not order:
            return out
        B, T = len(order), len(sentences[order[0]])
        L = len(self.labels)
        ids = np.zeros((B, T + 4), dtype=np.intp)
        emit = np.empty((B, T, L))
        emit[:] = self.bias
        gaz = self.features.gazetteer
        w, bg, fg = self.weights, self.bg, self.fg
        lengths = []
        all_rows = self._rows_of([sentences[si] for si in order])
        for b, rows in enumerate(all_rows):
            n = len(rows)
            lengths.append(n)
            ids[b, 2:n + 2] = [r for r, _ in rows]
            cores = [c for _, c in rows]
            row = emit[b]
            row[0] += self.bos
            row[n - 1] += self.eos
            for i in range(n - 1):
                pair = cores[i] + "|" + cores[i + 1]
                v = fg.get(pair)
                if v is not None:
                    row[i] += v
                v = bg.get(pair)
                if v is not None:
                    row[i + 1] += v
            if gaz is not None:
                for i, fs in enumerate(gaz(cores)):
                    for f in fs:
                        v = w.get(f)
                        if v is not None:
                            row[i] += v
        tab = self._table
        emit += tab[ids[:, 2:T + 2], OWN]
        emit += tab[ids[:, 0:T], M2]
        emit += tab[ids[:, 1:T + 1], M1]
        emit += tab[ids[:, 3:T + 3], P1]
        emit += tab[ids[:, 4:T + 4], P2]
        # Viterbi over all sentences at once; sorted longest first, so at step t only
        # the first `active[t]` sentences are still running
        lens = np.asarray(lengths)
        active = [int((lens > t).sum()) for t in range(T)]
        trans = self.trans
        delta = emit[:, 0].copy()
        deltas = [delta]
        back = [None]
        for t in range(1, T):
            k = active[t]
            s = delta[:k, :, None] + trans
            bp = s.argmax(1)
            delta = s.max(1)
            delta += emit[:k, t]
            deltas.append(delta)
            back.append(bp)
        labels = self.labels
        for b, si in enumerate(order):
            n = lengths[b]
            y = int(deltas[n - 1][b].argmax())
            path = [y]
            for t in range(n - 1, 0, -1):
                y = int(back[t][b, y])
                path.append(y)
            out[si] = [labels[y] for y in reversed(path)]
        return out
