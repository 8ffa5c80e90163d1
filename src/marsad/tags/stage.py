"""Pipeline stage adding `doc.keyphrases` (not built yet: leaves the layer empty)."""
from __future__ import annotations

from ..doc import Doc


class TagStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc
