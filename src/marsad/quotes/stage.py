"""Pipeline stage adding `doc.quotes`: who said what, with offsets into doc.text."""
from __future__ import annotations

from ..doc import Doc
from .attribution import default_finder


class QuoteStage:
    def __call__(self, doc: Doc) -> Doc:
        spans = [(s.start, s.end) for s in doc.sentences] or None
        doc.quotes = default_finder().find(doc.text, spans, doc.entities)
        return doc
