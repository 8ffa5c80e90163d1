"""Fold a whole text once, at C speed, and map folded offsets back to the original.

Matching keys fold hamza/ya/ta-marbuta variants and drop diacritics and tatweel
(`marsad.text.normalize`). Dropping changes offsets, so the folded text comes with
`to_orig`, built from the few dropped positions (bisect), not from a per-character
table: news text has a handful of tanwin marks per article, and most has none.
Unlike `normalize_key`, quote marks and punctuation are kept as they are («» stay
distinct), since quote attribution reads them.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable

from ..text.normalize import (ALEF_FORMS, ARABIC_INDIC, CONTROLS, DIACRITICS, OTHER_LETTERS, PERSIAN_DIGITS,
                              TATWEEL, TA_MARBUTA, YA_FORMS)

_TABLE: dict[int, int | None] = {}
for _m in (ALEF_FORMS, YA_FORMS, TA_MARBUTA, OTHER_LETTERS, ARABIC_INDIC, PERSIAN_DIGITS):
    for _k, _v in _m.items():
        _TABLE[ord(_k)] = ord(_v)
for _c in DIACRITICS + TATWEEL + CONTROLS:
    _TABLE[ord(_c)] = None
_DROPPED_RE = re.compile("[" + re.escape(DIACRITICS + TATWEEL + CONTROLS) + "]+")


def fold_letters(s: str) -> str:
    """Letter folding only (أ→ا, ة→ه, ى→ي, diacritics dropped); punctuation untouched."""
    return s.translate(_TABLE)


def _identity(i: int) -> int:
    return i


_REPLACEMENTS = tuple((chr(k), chr(v)) for k, v in _TABLE.items() if v is not None)


def _fold_fast(text: str) -> str:
    """`fold_letters` for long texts: a few C-speed scans instead of a per-character
    table lookup (str.translate with a dict costs ~100 ns a character)."""
    for a, b in _REPLACEMENTS:
        if a in text:
            text = text.replace(a, b)
    return text


_recent: tuple = ()


def fold_with_map(text: str) -> tuple[str, Callable[[int], int]]:
    """(folded text, to_orig) where to_orig(i) is the original offset of folded offset i.

    to_orig(len(folded)) == len(text); an end offset maps past any dropped marks that
    trail the span's last letter (مضيفاً keeps its tanwin). The tag and quote stages
    both fold doc.text (and tags the title): the latest two results are kept, keyed by
    the text object itself.
    """
    global _recent
    recent = _recent
    for t, out in recent:
        if t is text:
            return out
    out = _fold_with_map(text)
    _recent = ((text, out),) + recent[:1]   # one assignment: a concurrent reader sees old or new
    return out


def _fold_with_map(text: str) -> tuple[str, Callable[[int], int]]:
    runs = [m.span() for m in _DROPPED_RE.finditer(text)]
    if not runs:
        return _fold_fast(text), _identity
    folded = _fold_fast(_DROPPED_RE.sub("", text))
    # each run of dropped characters would have stood at one folded index (its slot);
    # dropped_upto[k] counts the characters dropped up to the end of run k
    slots: list[int] = []
    dropped_upto: list[int] = []
    n_dropped = 0
    for s, e in runs:
        slots.append(s - n_dropped)
        n_dropped += e - s
        dropped_upto.append(n_dropped)
    n_fold = len(folded)
    n_text = len(text)

    def to_orig(i: int) -> int:
        if i >= n_fold:
            return n_text
        k = bisect.bisect_right(slots, i)
        return i + dropped_upto[k - 1] if k else i

    return folded, to_orig
