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


def group_words(text: str, tokens: Sequence[Token]) -> list[Word]:
    words: list[Word] = []
    first = None
    for t in tokens:
        if t.kind == "clitic":
            if first is None:
                first = t
            continue
        wstart = first.start if first is not None and first.end <= t.start else t.start
        surface = text[wstart:t.end]
        words.append(Word(surface, t.start, t.end, core_form(fold(surface)), t.sent,
                          t.kind == "punct"))
        first = None
    return words
