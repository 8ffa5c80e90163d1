"""The trained NER tagger: a linear-chain CRF (python-crfsuite) over word features.

`NerModel.pretrained()` loads the committed artifact once per process; `tag_sentences`
tags a document's sentences of words (clitics attached, as in ANERcorp) with coarse BIO
tags, through the cached-score decoder (decode.py) rather than crfsuite's own tagger.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Sequence

import pycrfsuite

from ..resources import path as resource_path
from .features import FeatureExtractor

MODEL_FILE = "ner/ner.crfsuite"
CLUSTERS_FILE = "ner/clusters.tsv"
ATTRIBUTES_FILE = "ner/attributes.txt"
# Subtracted from the O label's score at decoding. The CRF is precision-heavy (dev P 80,
# R 67); a small shift, chosen on the dev split (training/ner_dev_eval.py), recovers
# names at the edge of the decision and fixes boundaries: dev F1 73.3 -> 74.5 per
# sentence, 75.1 -> 76.1 with document propagation. Only the numpy decoder applies it.
O_SHIFT = 0.3


def load_clusters(file: str | Path) -> dict[str, tuple[str, str]]:
    """word → (cluster path, log2 frequency) from `word<TAB>path[<TAB>freq]` lines; {} if absent."""
    out: dict[str, tuple[str, str]] = {}
    try:
        with open(file, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 2:
                    out[cols[0]] = (cols[1], cols[2] if len(cols) > 2 else "")
    except FileNotFoundError:
        pass
    return out


def load_attributes(file: str | Path) -> frozenset[str] | None:
    """The feature names the model has weights for (written at training), None if absent."""
    try:
        with open(file, encoding="utf-8") as f:
            return frozenset(line.rstrip("\n") for line in f)
    except FileNotFoundError:
        return None


def write_weights(model_file: str | Path) -> Path:
    """model.crfsuite → model.weights.npz, the decoder's fast-loading copy of the weights."""
    from .decode import save_weights
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    out = Path(model_file).with_suffix(".weights.npz")
    save_weights(tagger, model_file, out)
    return out


def write_attributes(model_file: str | Path, out: str | Path) -> int:
    """List the attributes with a non-zero state weight in a trained model, one a line."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    attrs = sorted({a for a, _ in tagger.info().state_features})
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(a + "\n" for a in attrs)
    return len(attrs)


@functools.cache
def default_gazetteer():
    from .actors import gazetteer_entries
    from .gazetteer import PhraseGazetteer
    return PhraseGazetteer(gazetteer_entries())


class NerModel:
    def __init__(self, model_file: str | Path, features: FeatureExtractor):
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_file))
        self.features = features
        try:        # numpy-backed fast decoder; crfsuite's own tagger if numpy is missing
            from .decode import CrfDecoder, load_weights
        except ImportError:
            self.decoder = None
            return
        stored = load_weights(model_file, Path(model_file).with_suffix(".weights.npz"))
        self.decoder = (CrfDecoder(*stored, features, O_SHIFT) if stored is not None
                        else CrfDecoder.from_tagger(self.tagger, features, O_SHIFT))

    @classmethod
    @functools.cache
    def pretrained(cls) -> "NerModel":
        clusters = load_clusters(resource_path(CLUSTERS_FILE))
        known = load_attributes(resource_path(ATTRIBUTES_FILE))
        return cls(resource_path(MODEL_FILE), FeatureExtractor(clusters, default_gazetteer(), known))

    def log_freq(self, key: str) -> int:
        """log2 frequency of a word key in the news corpus (0 if unseen)."""
        hit = self.features.clusters.get(key)
        return int(hit[1]) if hit and hit[1] else 0

    def tag_words(self, words: Sequence[str]) -> list[str]:
        return self.tag_sentences([words])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        if self.decoder is None:
            return [self.tagger.tag(self.features.sentence(w)) if w else [] for w in sentences]
        return self.decoder.tag_sentences(sentences)
