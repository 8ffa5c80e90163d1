"""`marsad eval ner FILE.bio`: CoNLL-style exact-span precision/recall/F1.

The model tags the file's own tokens (pre-tokenized, clitics mostly attached), so this
measures the tagger, not the tokenizer. Gold tags are mapped to the coarse types
(PERS ≡ PER; NewsFANE classes → PER/ORG/LOC/MISC) before scoring.
"""
from __future__ import annotations

import time
from collections import Counter

from .bio import read_bio, spans, to_coarse

TYPES = ("PER", "ORG", "LOC", "MISC")


def score(gold_seqs: list[list[str]], pred_seqs: list[list[str]]) -> dict[str, dict[str, float]]:
    """Per-type and micro P/R/F1 (percent) with support, over exact span matches."""
    tp: Counter = Counter()
    n_gold: Counter = Counter()
    n_pred: Counter = Counter()
    for g, p in zip(gold_seqs, pred_seqs):
        gs, ps = set(spans(g)), set(spans(p))
        for s in gs:
            n_gold[s[2]] += 1
        for s in ps:
            n_pred[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1
    out = {}
    for label in sorted(set(n_gold) | set(n_pred), key=lambda x: (x not in TYPES, x)):
        out[label] = _prf(tp[label], n_pred[label], n_gold[label])
    out["micro"] = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return out


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = 100.0 * tp / npred if npred else 0.0
    r = 100.0 * tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": ngold}


def format_table(result: dict[str, dict[str, float]]) -> str:
    lines = [f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}"]
    for label, m in result.items():
        lines.append(f"{label:<8}{m['precision']:8.2f}{m['recall']:8.2f}{m['f1']:8.2f}{int(m['support']):8d}")
    return "\n".join(lines)


def evaluate_file(path: str, tagger=None, doc_window: int = 0) -> tuple[dict, int, float]:
    """Score the NER model on a BIO file: (result, n_tokens, seconds spent tagging).

    BIO files have no article boundaries; with `doc_window` N > 0, runs of N consecutive
    sentences stand in for articles and the stage's document-level propagation is applied.
    """
    from .features import core_form
    from .model import NerModel
    from .propagate import propagate
    from ..text.normalize import fold
    tagger = tagger or NerModel.pretrained()
    sents = list(read_bio(path))
    gold = [to_coarse([t for _, t in s]) for s in sents]
    words = [[w for w, _ in s] for s in sents]
    n_tok = sum(map(len, words))
    t0 = time.perf_counter()
    pred = []
    for i in range(0, len(words), 32):     # a few sentences at a time, like one article
        pred.extend(tagger.tag_sentences(words[i:i + 32]))
    elapsed = time.perf_counter() - t0
    if doc_window > 0:
        out = []
        for d in range(0, len(sents), doc_window):
            keys = [[core_form(fold(x)) for x in w] for w in words[d:d + doc_window]]
            sp = propagate(keys, [spans(p) for p in pred[d:d + doc_window]], tagger.log_freq)
            out.extend(_bio(len(k), s) for k, s in zip(keys, sp))
        pred = out
    return score(gold, pred), n_tok, elapsed


def _bio(n: int, sent_spans) -> list[str]:
    tags = ["O"] * n
    for s, e, label in sent_spans:
        tags[s] = "B-" + label
        for j in range(s + 1, e):
            tags[j] = "I-" + label
    return tags


def add_arguments(parser) -> None:
    parser.add_argument("file", help="BIO file: `token TAG` lines, blank line between sentences")
    parser.add_argument("--doc-window", type=int, default=0, metavar="N",
                        help="treat runs of N sentences as articles and spread names within "
                             "them, as the entity stage does (default 0: sentence by sentence)")


def run(args) -> int:
    result, n_tok, secs = evaluate_file(args.file, doc_window=args.doc_window)
    print(format_table(result))
    print(f"{n_tok} tokens tagged in {secs:.2f} s ({n_tok / max(secs, 1e-9):,.0f} tokens/s)")
    return 0
