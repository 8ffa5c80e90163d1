"""Pipeline stage adding `doc.places` (not built yet: leaves the layer empty)."""
from __future__ import annotations

from ..doc import Doc


class GeoStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc
