"""Regroup the tokenizer's clitic pieces into words, the unit the tagger was trained on.

ANERcorp keeps clitics attached (والميادين), so the tagger reads whole words; the span
reported for an entity starts at the word's last piece (الميادين), never at و/ب/ل.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..doc import Token
from ..text.normalize import fold
from .features import core_form


@dataclass(slots=True)
class Word:
    text: str        # the whole surface word, clitics included (what the tagger reads)
    start: int       # start of the word's last piece (entity spans start here)
    end: int
    key: str         # clitic-stripped folded form (catalogue and gazetteer key)
    sent: int
    punct: bool


_KEYS: dict[str, str] = {}      # surface word → key, shared across articles (bounded)
MAX_KEYS = 200_000


def word_key(surface: str) -> str:
    key = _KEYS.get(surface)
    if key is None:
        if len(_KEYS) >= MAX_KEYS:
            _KEYS.clear()
        key = _KEYS[surface] = core_form(fold(surface))
    return key


def group_words(text: str, tokens: Sequence[Token]) -> list[Word]:
    words: list[Word] = []
    append = words.append
    keys = _KEYS
    first = None
    for t in tokens:
        kind = t.kind
        if kind == "clitic":
            if first is None:
                first = t
            continue
        start, end = t.start, t.end
        surface = text[first.start if first is not None and first.end <= start else start:end]
        key = keys.get(surface)
        if key is None:
            key = word_key(surface)
        append(Word(surface, start, end, key, t.sent, kind == "punct"))
        first = None
    return words
