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

import hashlib
from itertools import repeat
from pathlib import Path
from typing import Sequence

import numpy as np

from .features import FeatureExtractor

OWN, M2, M1, P1, P2 = range(5)
CACHE_ROWS = 1 << 18      # 262k words, ~47 MB of float32 score blocks; cleared when full
                          # (a worker ingesting 15k articles meets ~300k word forms)


def crf_weights(tagger) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """(labels, attributes, attribute x label state weights, label x label transitions)."""
    info = tagger.info()
    labels = list(tagger.labels())
    index = {lab: i for i, lab in enumerate(labels)}
    attrs: dict[str, int] = {}
    for attr, _ in info.state_features:
        attrs.setdefault(attr, len(attrs))
    W = np.zeros((max(len(attrs), 1), len(labels)))
    for (attr, label), w in info.state_features.items():
        W[attrs[attr], index[label]] += w
    trans = np.zeros((len(labels), len(labels)))
    for (a, b), w in info.transitions.items():
        trans[index[a], index[b]] = w
    return labels, list(attrs), W, trans


def model_digest(model_file: str | Path) -> str:
    return hashlib.sha1(Path(model_file).read_bytes()).hexdigest()


def save_weights(tagger, model_file: str | Path, out: str | Path) -> None:
    """Store the model's weights as arrays, so loading skips crfsuite's slow dump (~0.3 s)."""
    labels, attrs, W, trans = crf_weights(tagger)
    with open(out, "wb") as f:
        np.savez(f, W=W, trans=trans,
                 labels=np.frombuffer("\n".join(labels).encode(), dtype=np.uint8),
                 attrs=np.frombuffer("\n".join(attrs).encode(), dtype=np.uint8),
                 digest=np.frombuffer(model_digest(model_file).encode(), dtype=np.uint8))


def load_weights(model_file: str | Path, weights_file: str | Path):
    """The stored weights if they were made from this very model file, else None."""
    try:
        z = np.load(weights_file)
    except (FileNotFoundError, OSError, ValueError):
        return None
    if z["digest"].tobytes().decode() != model_digest(model_file):
        return None
    return (z["labels"].tobytes().decode().split("\n"), z["attrs"].tobytes().decode().split("\n"),
            z["W"], z["trans"])


class CrfDecoder:
    def __init__(self, labels: list[str], attrs: list[str], W: np.ndarray, trans: np.ndarray,
                 features: FeatureExtractor, o_shift: float = 0.0):
        self.labels = labels
        n = len(labels)
        self.trans = trans
        # attribute → row of W, for summing a word's features in one call
        self._attr = {a: i for i, a in enumerate(attrs)}
        # plus an all-zero row that features without a weight look up (adding 0.0 changes no sum)
        self._w = np.vstack([W, np.zeros((1, W.shape[1]))])
        self._zero = W.shape[0]
        self._bos = self._attr.get("BOS")
        self._eos = self._attr.get("EOS")
        # bigram weight rows keyed by the bare "core|core" pair: one string serves bg and fg
        self._bg = {a[3:]: i for a, i in self._attr.items() if a.startswith("bg=")}
        self._fg = {a[3:]: i for a, i in self._attr.items() if a.startswith("fg=")}
        # cores that start some weighted pair: a word outside it needs no pair string built
        self._left = frozenset(k.split("|", 1)[0] for k in (*self._bg, *self._fg))
        self.bias = W[self._attr["bias"]].copy() if "bias" in self._attr else np.zeros(n)
        if o_shift and "O" in labels:     # lower O's score: fewer missed names (see model.py)
            self.bias[labels.index("O")] -= o_shift
        self.features = features
        self._rows: dict[str, tuple[int, str]] = {}
        self._table = np.zeros((CACHE_ROWS, 5, n), dtype=np.float32)   # row 0: padding

    @classmethod
    def from_tagger(cls, tagger, features: FeatureExtractor, o_shift: float = 0.0) -> "CrfDecoder":
        return cls(*crf_weights(tagger), features, o_shift)

    def clear_cache(self) -> None:
        self._rows.clear()

    def _rows_of(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, str]]]:
        """(table row, core form) of every word; words not yet cached get their blocks
        summed together, one bincount per label for the whole batch."""
        rows = self._rows
        if len(rows) + sum(map(len, sentences)) >= CACHE_ROWS:
            rows.clear()
        attr_get = self._attr.get
        zero = repeat(self._zero)
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
                        fs = info[g]
                        new_idx += map(attr_get, fs, zero)
                        new_seg += [base + g] * len(fs)
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
        # features of pairs, gazetteer and sentence ends: (flat position, weight row) lists
        pos: list[int] = []
        idx: list[int] = []
        attr, bos, eos = self._attr, self._bos, self._eos
        gaz = self.features.gazetteer
        # a phrase gazetteer's matches give its features directly (gB at the first word,
        # gI at the others), without a list of feature lists per sentence
        gaz_matches = getattr(gaz, "matches", None)
        bg, fg, left = self._bg, self._fg, self._left
        lengths = []
        for b, rows in enumerate(self._rows_of([sentences[si] for si in order])):
            n = len(rows)
            lengths.append(n)
            base = b * T
            ids[b, 2:n + 2] = [r for r, _ in rows]
            cores = [c for _, c in rows]
            if bos is not None:
                pos.append(base)
                idx.append(bos)
            if eos is not None:
                pos.append(base + n - 1)
                idx.append(eos)
            for i in range(1, n):
                prev = cores[i - 1]
                if prev not in left:
                    continue
                pair = prev + "|" + cores[i]
                a = fg.get(pair)
                if a is not None:
                    pos.append(base + i - 1)
                    idx.append(a)
                a = bg.get(pair)
                if a is not None:
                    pos.append(base + i)
                    idx.append(a)
            if gaz_matches is not None:
                for s, e, typ in gaz_matches(cores):
                    a = attr.get("gB=" + typ)
                    if a is not None:
                        pos.append(base + s)
                        idx.append(a)
                    a = attr.get("gI=" + typ)
                    if a is not None:
                        for i in range(s + 1, e):
                            pos.append(base + i)
                            idx.append(a)
            elif gaz is not None:
                for i, fs in enumerate(gaz(cores)):
                    for f in fs:
                        a = attr.get(f)
                        if a is not None:
                            pos.append(base + i)
                            idx.append(a)
        emit = np.empty((B, T, L))
        if pos:
            W = self._w[np.asarray(idx, dtype=np.intp)]
            p = np.asarray(pos, dtype=np.intp)
            flat = emit.reshape(B * T, L)
            for j in range(L):
                flat[:, j] = np.bincount(p, weights=W[:, j], minlength=B * T)
        else:
            emit[:] = 0.0
        emit += self.bias
        tab = self._table
        emit += tab[ids[:, 2:T + 2], OWN]
        emit += tab[ids[:, 0:T], M2]
        emit += tab[ids[:, 1:T + 1], M1]
        emit += tab[ids[:, 3:T + 3], P1]
        emit += tab[ids[:, 4:T + 4], P2]
        # Viterbi over all sentences at once; sorted longest first, so at step t only
        # the first `active[t]` sentences are still running
        lens = np.asarray(lengths)
        active = np.searchsorted(-lens, -np.arange(T), side="left").tolist()
        trans = self.trans
        trans_t = np.ascontiguousarray(trans.T)
        delta = emit[:, 0].copy()
        deltas = [delta]
        for t in range(1, T):
            k = active[t]
            delta = (delta[:k, :, None] + trans).max(1)
            delta += emit[:k, t]
            deltas.append(delta)
        # backtrack all sentences together: sentence b joins when t reaches its last word.
        # The best predecessor of label y at t+1 is argmax_i delta_t[i] + trans[i, y]: the
        # very sums the forward pass maximised, so the same choice as stored backpointers
        path = np.zeros((B, T), dtype=np.intp)
        y = np.zeros(B, dtype=np.intp)
        for t in range(T - 1, -1, -1):
            k = active[t]
            if t < T - 1:
                prev_k = active[t + 1]
                y[:prev_k] = (deltas[t][:prev_k] + trans_t[y[:prev_k]]).argmax(1)
            else:
                prev_k = 0
            if k > prev_k:      # sentences whose last word is at t
                y[prev_k:k] = deltas[t][prev_k:k].argmax(1)
            path[:k, t] = y[:k]
        labels = self.labels
        for b, (si, n, yy) in enumerate(zip(order, lengths, path.tolist())):
            out[si] = [labels[v] for v in yy[:n]]
        return out
