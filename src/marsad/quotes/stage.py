"""Pipeline stage adding `doc.quotes` (not built yet: leaves the layer empty)."""
from __future__ import annotations

from ..doc import Doc


class QuoteStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc
