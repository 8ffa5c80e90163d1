"""Numpy inference for the neural NER tagger (train_ner_neural.py --export F.npz): not
wired into the entity stage (it does not beat the CRF on dev), kept to check the export
(same dev F1 as torch) and to measure speed, load time and memory without torch.

    python training/ner_neural_numpy.py /tmp/ner_neural.npz

Word vector (+ a learned correction for training words) ⊕ char-CNN ⊕ word flags →
BiLSTM → label scores, decoded with the CRF transitions. Everything before the LSTM's
recurrence depends on the word alone except the gazetteer flags, so each word form's
input projection for both directions is computed once and cached; a document's
sentences then run through the recurrence together, one small matmul per time step.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "training"))

from marsad.text.normalize import fold
from marsad.entities.features import FeatureExtractor, bare_form, core_form, shape
from train_ner_neural import LABELS, MAX_CHARS, SHAPES, TYPES   # the inputs the network was trained on

N_FLAGS = 2 * len(TYPES) + 21 + len(SHAPES) + 3
CACHE_WORDS = 300_000


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


class NeuralTagger:
    def __init__(self, file, features: FeatureExtractor):
        z = np.load(file)
        words = z["words"].tobytes().decode().split("\n")
        self.row = {w: i + 1 for i, w in enumerate(words)}
        delta_words = z["delta_words"].tobytes().decode().split("\n")
        self.delta_row = {w: i + 1 for i, w in enumerate(delta_words)}
        self.chars = {c: i + 2 for i, c in enumerate(z["chars"].tobytes().decode())}
        self.emb = z["emb"]                  # (V+1, D) float16, row 0 = unknown
        self.delta = z["delta"]              # (Vd+1, D) float32
        self.cemb = z["cemb"]                # (C, E)
        self.conv_w = z["conv_w"]            # (F, E, 3)
        self.conv_b = z["conv_b"]
        self.w_ih = z["w_ih"]                # (D + F + N_FLAGS, 8H): forward | backward gates
        self.b = z["b"]                      # (8H,)
        self.w_hh_f, self.w_hh_b = z["w_hh_f"], z["w_hh_b"]   # (H, 4H)
        self.w_out, self.b_out = z["w_out"], z["b_out"]       # (2H, L), (L,)
        self.trans, self.start, self.end = z["trans"], z["start"], z["end"]
        self.H = self.w_hh_f.shape[0]
        D, F = self.emb.shape[1], self.conv_w.shape[0]
        self.w_gaz = self.w_ih[D + F:D + F + 2 * len(TYPES)]     # gazetteer flag rows
        # conv as one matmul over 3-char windows: (3E, F)
        self._conv = np.ascontiguousarray(self.conv_w.transpose(2, 1, 0).reshape(-1, F))
        self.features = features
        self._cache: dict[str, tuple[np.ndarray, str]] = {}

    def _word_inputs(self, word: str) -> tuple[np.ndarray, str]:
        """(input projection of both LSTM directions without the gazetteer, core form)."""
        key = fold(word)
        c = self.features._strip_known_clitic(core_form(key))
        b = bare_form(c)
        r = self.row.get(c) or self.row.get(b) or 0
        vec = self.emb[r].astype(np.float32) + self.delta[self.delta_row.get(c, 0)]
        ids = [self.chars.get(ch, 1) for ch in key[:MAX_CHARS]] + [0] * (MAX_CHARS - min(len(key), MAX_CHARS))
        ce = self.cemb[ids]                                   # (L, E)
        pad = np.zeros((1, ce.shape[1]), dtype=ce.dtype)
        win = np.hstack([np.vstack([pad, ce[:-1]]), ce, np.vstack([ce[1:], pad])])
        cv = np.maximum(win @ self._conv + self.conv_b, 0.0).max(0)
        flags = np.zeros(N_FLAGS, dtype=np.float32)
        hit = self.features.clusters.get(c) or self.features.clusters.get(b)
        fq = int(hit[1]) if hit and hit[1] else 0
        o = 2 * len(TYPES)
        flags[o + min(fq, 20)] = 1
        flags[o + 21 + SHAPES.index(shape(word))] = 1
        o += 21 + len(SHAPES)
        flags[o] = c != key
        flags[o + 1] = c.startswith("ال")
        flags[o + 2] = r == 0
        x = np.concatenate([vec, cv, flags])
        return (x @ self.w_ih + self.b).astype(np.float32), c

    def emissions(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Label scores (n, L) of each non-empty sentence (empty ones: (0, L))."""
        cache = self._cache
        if len(cache) > CACHE_WORDS:
            cache.clear()
        H = self.H
        out: list[np.ndarray] = [np.zeros((0, len(LABELS)), np.float32) for _ in sentences]
        order = sorted((i for i in range(len(sentences)) if sentences[i]), key=lambda i: -len(sentences[i]))
        if not order:
            return out
        B, T = len(order), len(sentences[order[0]])
        xf = np.zeros((T, B, 4 * H), np.float32)     # time-major input projections
        xb = np.zeros((T, B, 4 * H), np.float32)     # backward: each sentence reversed
        lengths = []
        gaz = self.features.gazetteer
        for bi, si in enumerate(order):
            words = sentences[si]
            n = len(words)
            lengths.append(n)
            proj, cores = [], []
            for w in words:
                hit = cache.get(w)
                if hit is None:
                    hit = cache[w] = self._word_inputs(w)
                proj.append(hit[0])
                cores.append(hit[1])
            P = np.array(proj)
            if gaz is not None:
                for s, e, typ in gaz.matches(cores):
                    if typ in TYPES:
                        t = TYPES.index(typ)
                        P[s] += self.w_gaz[2 * t]
                        if e > s + 1:
                            P[s + 1:e] += self.w_gaz[2 * t + 1]
            xf[:n, bi] = P[:, :4 * H]
            xb[:n, bi] = P[::-1, 4 * H:]
        lens = np.asarray(lengths)
        active = np.searchsorted(-lens, -np.arange(T), side="left").tolist()
        hf = self._run(xf, self.w_hh_f, active)
        hb = self._run(xb, self.w_hh_b, active)
        wf, wb = self.w_out[:H], self.w_out[H:]
        for bi, si in enumerate(order):
            n = lengths[bi]
            out[si] = hf[:n, bi] @ wf + hb[:n, bi][::-1] @ wb + self.b_out
        return out

    def _run(self, x: np.ndarray, w_hh: np.ndarray, active: list[int]) -> np.ndarray:
        T, B, G = x.shape
        H = G // 4
        h = np.zeros((B, H), np.float32)
        c = np.zeros((B, H), np.float32)
        hs = np.zeros((T, B, H), np.float32)
        for t in range(T):
            k = active[t]
            g = x[t, :k] + h[:k] @ w_hh
            i = _sigmoid(g[:, :H])
            f = _sigmoid(g[:, H:2 * H])
            gg = np.tanh(g[:, 2 * H:3 * H])
            o = _sigmoid(g[:, 3 * H:])
            c[:k] = f * c[:k] + i * gg
            h[:k] = o * np.tanh(c[:k])
            hs[t, :k] = h[:k]
        return hs

    def decode(self, em: np.ndarray, trans: np.ndarray | None = None) -> list[int]:
        """Viterbi path of one sentence's scores (start/end scores included)."""
        trans = self.trans if trans is None else trans
        delta = self.start + em[0]
        back = []
        for t in range(1, len(em)):
            s = delta[:, None] + trans
            back.append(s.argmax(0))
            delta = s.max(0) + em[t]
        y = int((delta + self.end).argmax())
        path = [y]
        for bp in reversed(back):
            y = int(bp[y])
            path.append(y)
        return path[::-1]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [[LABELS[y] for y in self.decode(em)] if len(em) else []
                for em in self.emissions(sentences)]


def main(argv=None) -> int:
    import resource

    from marsad.entities.evaluate import format_table, score
    from marsad.entities.model import CLUSTERS_FILE, default_gazetteer, load_clusters
    from marsad.resources import path as resource_path
    from ner_data import load
    args = argv if argv is not None else sys.argv[1:]
    fx = FeatureExtractor(load_clusters(resource_path(CLUSTERS_FILE)), default_gazetteer())
    t = time.perf_counter()
    tagger = NeuralTagger(args[0], fx)
    print(f"load {time.perf_counter() - t:.2f} s (weights only; clusters+gazetteer are shared with the CRF)")
    _, dev = load(REPO.parent / "shared", False, True)
    words = [w for w, _ in dev]
    n = sum(map(len, words))
    for run in ("cold cache", "warm cache"):
        t = time.process_time()
        pred = []
        for i in range(0, len(words), 32):      # ~an article's sentences at a time
            pred.extend(tagger.tag_sentences(words[i:i + 32]))
        print(f"{run}: {n / (time.process_time() - t):,.0f} tokens/s cpu")
    print(format_table(score([t for _, t in dev], pred)))
    print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
