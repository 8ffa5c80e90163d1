"""The trained NER tagger: a linear-chain CRF (python-crfsuite) over word features.

`NerModel.pretrained()` loads the committed artifact once per process; `tag_words`
tags one sentence of words (clitics attached, as in ANERcorp) with coarse BIO tags.
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


def load_clusters(file: str | Path) -> dict[str, str]:
    """word<TAB>bitstring-like cluster path, one a line; {} if the file is absent."""
    out: dict[str, str] = {}
    try:
        with open(file, encoding="utf-8") as f:
            for line in f:
                w, _, c = line.rstrip("\n").partition("\t")
                if c:
                    out[w] = c
    except FileNotFoundError:
        pass
    return out


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

    @classmethod
    @functools.cache
    def pretrained(cls) -> "NerModel":
        clusters = load_clusters(resource_path(CLUSTERS_FILE))
        return cls(resource_path(MODEL_FILE), FeatureExtractor(clusters, default_gazetteer()))

    def tag_words(self, words: Sequence[str]) -> list[str]:
        if not words:
            return []
        return self.tagger.tag(self.features.sentence(words))
