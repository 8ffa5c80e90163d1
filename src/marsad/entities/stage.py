"""Pipeline stage adding `doc.entities` (not built yet: leaves the layer empty)."""
from __future__ import annotations

from ..doc import Doc


class EntityStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc
