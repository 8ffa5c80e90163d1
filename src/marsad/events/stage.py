"""Pipeline stage adding `doc.events` (not built yet: leaves the layer empty)."""
from __future__ import annotations

from ..doc import Doc


class EventStage:
    def __call__(self, doc: Doc) -> Doc:
        return doc
