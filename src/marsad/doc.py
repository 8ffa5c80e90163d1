"""The document object every stage reads and extends.

Like spaCy's Doc: one immutable `text` and layers of spans over it. Each stage adds
its own layer (tokens, sentences, dates, entities, places, events, keyphrases,
quotes) and reads the layers of earlier stages, never another stage's internals.
All offsets are character offsets into `text`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class Token:
    """A word or clitic piece: `text == doc.text[start:end]`; `norm` is its matching key.

    For clitic pieces the norm may restore what the surface elides
    (للتحالف → ل + لتحالف with norm التحالف).
    """
    text: str
    start: int
    end: int
    norm: str
    kind: str = "word"       # word | num | punct | latin | clitic
    sent: int = 0            # index of the sentence it belongs to
    space_after: bool = True


@dataclass(slots=True)
class Span:
    """A labelled stretch of text; `data` holds the stage's extra fields."""
    start: int
    end: int
    label: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Doc:
    text: str
    id: str | None = None
    title: str | None = None
    published: datetime | None = None
    url: str | None = None
    source: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str = "ar"
    # layers, filled by stages in order
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)        # label=date ISO, data: precision
    numbers: list[Span] = field(default_factory=list)      # data: value, vague
    entities: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    keyphrases: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    # facts about the article that are not spans (dateline city, warnings...)
    meta: dict[str, Any] = field(default_factory=dict)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence containing `offset` (binary search), -1 if none."""
        sents = self.sentences
        lo, hi = 0, len(sents) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = sents[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return -1
