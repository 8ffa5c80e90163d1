"""Stage order and the two entry points: `analyze()` for one article, `pipe()` for streams.

A Pipeline is cheap to build (resources load lazily on first use and are shared
process-wide, read-only), holds no mutable global state, and turns plain dicts into
plain dicts, so one can run per worker process or per Spark partition.
"""
from __future__ import annotations

import importlib
from datetime import datetime
from typing import Any, Callable, Iterable, Iterator

from .doc import Doc
from .record import to_record

# name -> "module:Class"; each is a callable Doc -> Doc adding one layer.
STAGES: dict[str, str] = {
    "text": "marsad.text.stage:TextStage",
    "entities": "marsad.entities.stage:EntityStage",
    "geo": "marsad.geo.stage:GeoStage",
    "events": "marsad.events.stage:EventStage",
    "tags": "marsad.tags.stage:TagStage",
    "quotes": "marsad.quotes.stage:QuoteStage",
}


class Pipeline:
    def __init__(self, stages: Iterable[str] | None = None):
        self.names = list(stages) if stages is not None else list(STAGES)
        unknown = [n for n in self.names if n not in STAGES]
        if unknown:
            raise ValueError(f"unknown stage(s): {', '.join(unknown)}")
        self._components: list[tuple[str, Callable[[Doc], Doc]]] | None = None

    @property
    def components(self) -> list[tuple[str, Callable[[Doc], Doc]]]:
        if self._components is None:
            comps = []
            for name in self.names:
                mod, cls = STAGES[name].split(":")
                comps.append((name, getattr(importlib.import_module(mod), cls)()))
            self._components = comps
        return self._components

    def run(self, doc: Doc) -> Doc:
        for _, comp in self.components:
            doc = comp(doc)
        return doc

    def make_doc(self, text: str, **fields: Any) -> Doc:
        published = fields.pop("published", None)
        if isinstance(published, str):
            from .text.dates import parse_published
            published = parse_published(published)
        tags = fields.pop("tags", None) or []
        from .ingest.encoding import detect_language
        return Doc(text=text, published=published, tags=list(tags), language=detect_language(text),
                   **{k: v for k, v in fields.items() if k in ("id", "title", "url", "source")})

    def analyze(self, text: str, **fields: Any) -> dict[str, Any]:
        return to_record(self.run(self.make_doc(text, **fields)))

    def pipe(self, items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Analyze a stream of input dicts (with `text`) lazily, in order."""
        for item in items:
            item = dict(item)
            text = item.pop("text")
            yield self.analyze(text, **item)


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def analyze(text: str, title: str | None = None, published: str | datetime | None = None,
            id: str | None = None, url: str | None = None, source: str | None = None,
            tags: list[str] | None = None) -> dict[str, Any]:
    """Analyze one Arabic article and return its Article record (a plain dict)."""
    return default_pipeline().analyze(text, title=title, published=published, id=id, url=url,
                                      source=source, tags=tags)


def pipe(items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Stream Article records for input dicts ({"text": ..., "id": ..., ...})."""
    return default_pipeline().pipe(items)
