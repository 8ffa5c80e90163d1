"""Longest-match phrase gazetteer over clitic-stripped word forms, used as CRF features.

Entries are phrases (tuples of core forms, see features.core_form) with a coarse type;
a matched phrase marks its words gB=TYPE / gI=TYPE, which lets the tagger trust a known
name without memorising every spelling of it.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from ..text.normalize import fold
from .features import core_form

MAX_WORDS = 7


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The gazetteer key of a phrase: core forms of its words, punctuation dropped."""
    words = [w.strip("«»\"'()،,.") for w in phrase.split()]
    return tuple(core_form(fold(w)) for w in words if w)


class PhraseGazetteer:
    def __init__(self, entries: Iterable[tuple[str, str]]):
        self.types: dict[tuple[str, ...], str] = {}
        self.first: dict[str, int] = {}          # first word -> longest phrase length
        for phrase, typ in entries:
            key = phrase_key(phrase)
            if not key or len(key) > MAX_WORDS:
                continue
            self.types.setdefault(key, typ)
            self.first[key[0]] = max(self.first.get(key[0], 0), len(key))

    def __len__(self) -> int:
        return len(self.types)

    def matches(self, cores: Sequence[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping longest matches (start, end, type), left to right."""
        out = []
        n = len(cores)
        first, types = self.first, self.types
        free = 0                          # the first word not inside a match yet
        # only words that begin some phrase can begin a match
        for i in [i for i, c in enumerate(cores) if c in first]:
            if i < free:
                continue
            for L in range(min(first[cores[i]], n - i), 0, -1):
                typ = types.get(tuple(cores[i:i + L]))
                if typ is not None:
                    out.append((i, i + L, typ))
                    free = i + L
                    break
        return out

    def __call__(self, cores: Sequence[str]) -> list[list[str]]:
        feats: list[list[str]] = [[] for _ in cores]
        for s, e, typ in self.matches(cores):
            feats[s].append("gB=" + typ)
            for j in range(s + 1, e):
                feats[j].append("gI=" + typ)
        return feats
