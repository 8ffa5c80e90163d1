"""The folded matching text of a document, with a way back to original offsets.

Event patterns match on `fold`ed text (hamza/ya/ta-marbuta folded, digits ASCII).
`fold` deletes diacritics, tatweel and bidi marks, which shifts offsets; instead of a
per-character offset table, the positions of deleted characters are found once
(a C-level regex scan) and offsets are mapped with a binary search.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..text.normalize import CONTROLS, DIACRITICS, TATWEEL, fold

_DELETED_RE = re.compile("[" + re.escape(DIACRITICS + TATWEEL + CONTROLS) + "]")


class FoldedText:
    """`key` is the folded text; `orig(i)` maps a key offset to the original text."""

    __slots__ = ("key", "_deleted", "_shifted")

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None):
        """Fold `text`, or only the sorted original `spans` of it (the rest becomes spaces):
        event detection folds just the sentences that can hold a trigger."""
        if spans is None:
            self.key = fold(text)
            deleted = [] if len(self.key) == len(text) else [m.start() for m in _DELETED_RE.finditer(text)]
        else:
            parts, deleted, pos = [], [], 0
            for a, b in spans:
                if a > pos:
                    parts.append(" " * (a - pos))
                chunk = text[a:b]
                folded = fold(chunk)
                if len(folded) != len(chunk):
                    deleted.extend(a + m.start() for m in _DELETED_RE.finditer(chunk))
                parts.append(folded)
                pos = b
            if pos < len(text):
                parts.append(" " * (len(text) - pos))
            self.key = "".join(parts)
        self._deleted: list[int] = deleted
        # key offset at which the j-th deleted character sat
        self._shifted: list[int] = [d - j for j, d in enumerate(deleted)]

    def orig(self, i: int) -> int:
        return i + bisect_right(self._shifted, i) if self._shifted else i

    def key_index(self, orig: int) -> int:
        """Key offset of the first folded character at or after original offset `orig`."""
        return orig - bisect_left(self._deleted, orig) if self._deleted else orig


def fold_arabic(pattern: str) -> str:
    """Fold only the Arabic letters of a regex pattern (its ASCII escapes stay intact)."""
    return "".join(fold(c) if "\u0600" <= c <= "\u06ff" else c for c in pattern)


def _is_nonword(c: str) -> bool:
    return not (c.isalnum() or c == "_")      # exactly `re`'s \W on str


def skip_run(key: str, pos: int, lo: int, hi: int, spaces: bool = False) -> int:
    """Offset after the run of non-word characters (whitespace if `spaces`) at `pos`, or -1
    unless the run is `lo`..`hi` long: the `\\W{0,20}` / `\\s{1,20}` that used to open some
    patterns. As a pattern prefix it makes every position a match start that reads ahead 20
    characters, 10-25x a linear scan on runs of spaces or punctuation (issue 10's bar); the
    patterns behind it start with a letter, so skipping the run first gives the same matches."""
    test = str.isspace if spaces else _is_nonword
    end = min(len(key), pos + hi + 1)
    i = pos
    while i < end and test(key[i]):
        i += 1
    return i if lo <= i - pos <= hi else -1
