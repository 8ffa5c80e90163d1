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


def evaluate_file(path: str, tagger=None) -> tuple[dict, int, float]:
    """Score the NER model on a BIO file: (result, n_tokens, seconds spent tagging)."""
    from .model import NerModel
    tagger = tagger or NerModel.pretrained()
    gold, pred = [], []
    n_tok = 0
    elapsed = 0.0
    for sent in read_bio(path):
        words = [w for w, _ in sent]
        gold.append(to_coarse([t for _, t in sent]))
        t0 = time.perf_counter()
        pred.append(tagger.tag_words(words))
        elapsed += time.perf_counter() - t0
        n_tok += len(words)
    return score(gold, pred), n_tok, elapsed


def add_arguments(parser) -> None:
    parser.add_argument("file", help="BIO file: `token TAG` lines, blank line between sentences")


def run(args) -> int:
    result, n_tok, secs = evaluate_file(args.file)
    print(format_table(result))
    print(f"{n_tok} tokens tagged in {secs:.2f} s ({n_tok / max(secs, 1e-9):,.0f} tokens/s)")
    return 0
