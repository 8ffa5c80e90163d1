"""The folded matching text of a document, with a way back to original offsets.

Event patterns match on `fold`ed text (hamza/ya/ta-marbuta folded, digits ASCII).
`fold` deletes diacritics and tatweel, which would shift offsets; most news text
has none, so the fast path folds with one `str.translate` and keeps offsets as-is.
"""
from __future__ import annotations

from bisect import bisect_left

from ..text.normalize import fold, normalize_with_offsets


class FoldedText:
    """`key` is the folded text; `orig(i)` maps a key offset to the original text."""

    __slots__ = ("key", "_offsets")

    def __init__(self, text: str):
        key = fold(text)
        if len(key) == len(text):
            self.key, self._offsets = key, None
        else:
            self.key, self._offsets = normalize_with_offsets(text)

    def orig(self, i: int) -> int:
        return i if self._offsets is None else self._offsets[i]

    def key_index(self, orig: int) -> int:
        """Key offset of the first folded character at or after original offset `orig`."""
        return orig if self._offsets is None else bisect_left(self._offsets, orig)


def fold_arabic(pattern: str) -> str:
    """Fold only the Arabic letters of a regex pattern (its ASCII escapes stay intact)."""
    return "".join(fold(c) if "\u0600" <= c <= "\u06ff" else c for c in pattern)
