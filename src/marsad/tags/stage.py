"""Pipeline stage adding `doc.keyphrases`: editor-style tags, best first."""
from __future__ import annotations

from ..doc import Doc
from .keyphrases import default_extractor

TOP_K = 10


class TagStage:
    def __init__(self, k: int = TOP_K):
        self.k = k

    def __call__(self, doc: Doc) -> Doc:
        doc.keyphrases = default_extractor().extract(doc.text, doc.title, doc.entities, doc.places, self.k)
        return doc
