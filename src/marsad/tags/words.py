"""Content words and candidate phrases of an article, with clitics peeled off.

Keyword candidates are runs of content words between stopwords, punctuation and
conjunctions; the first word of a candidate loses its prefixed clitics (بدير الزور →
دير الزور, للتحالف → التحالف) so it reads like an editor's tag. Whether a bare prefix
letter is a clitic (بدير → دير) or part of the word (بريطانيا) is decided by document
frequency: the stem must be a much more common word. The same code builds the
frequency tables (training/build_docfreq.py) and runs at analysis time, so keys
always agree.
"""
from __future__ import annotations

import functools
from collections import Counter
import itertools
import re
from typing import Callable

from ..text.normalize import CONTROLS, DIACRITICS, TATWEEL, fold
from ..text.tokenize import AR_LETTERS, AR_MARKS
from .folded import fold_with_map

# quote marks are transparent: editors tag تنظيم «الدولة الإسلامية» as one phrase
QUOTE_MARKS = "«»\"“”„"
WORD_RE = re.compile(rf"[{AR_LETTERS}][{AR_LETTERS}{AR_MARKS}]*|[^\s{AR_LETTERS}{QUOTE_MARKS}]+")
# the same over folded text: group 1 is an Arabic word, else a break. Folding drops the
# marks, so the word class admitting them changes nothing there; it keeps a raw run of
# letter+mark pairs one token instead of two per pair.
TOKEN_RE = re.compile(rf"([{AR_LETTERS}][{AR_LETTERS}{re.escape(DIACRITICS + TATWEEL + CONTROLS)}]*)"
                      rf"|[^\s{AR_LETTERS}{QUOTE_MARKS}]+")
AR_START = re.compile(rf"[{AR_LETTERS}]+")         # .match: does the word start with a letter

CONJ = "وف"
PREP = "بلك"
MAX_NGRAM = 3
MIN_STEM_RATIO = 3      # a stem must be this many times more frequent than the whole word
MIN_STEM_DF = 20

# A word as the hot path sees it: (whole key, stem key, stem offset in word, conj).
# whole key keeps clitics (used inside phrases: المرصد السوري لحقوق); stem key is the
# word with prefixed clitics peeled (used when the word starts a phrase).


@functools.cache
def stopwords() -> frozenset[str]:
    from ..resources import load_text_lines
    return frozenset(fold(w.strip()) for w in load_text_lines("text/stopwords_ar.txt"))


def is_stop(key: str, stops: frozenset[str]) -> bool:
    if len(key) <= 2 or key in stops:
        return True
    c = key[0]
    if c in CONJ or c in PREP:
        if key[1:] in stops:
            return True
        if c in CONJ and key[1] in PREP and key[2:] in stops:
            return True
    return False


def peel(key: str, word_df: Callable[[str], int] | None) -> tuple[str, int, bool]:
    """(stem key, offset of the stem in the word, begins with a conjunction) for one word.

    ال after a clitic is always a clitic boundary (وبالتحالف → التحالف, للتحالف →
    التحالف, the stem offset then points at the second ل); a bare prefix is peeled only
    when `word_df` says the stem is a much more common word (بدير → دير).
    """
    n = len(key)
    i = 0
    conj = False
    if n >= 5 and key[0] in CONJ and (key[1:3] == "ال" or key[1] in PREP and key[2:4] == "ال"
                                      or key[1:3] == "لل"):
        i, conj = 1, True
    if key[i:i + 2] == "لل" and n - i >= 5:
        return "ال" + key[i + 2:], i + 1, conj
    if key[i] in PREP and key[i + 1:i + 3] == "ال" and n - i >= 5:
        return key[i + 1:], i + 1, conj
    if i == 0 and word_df is not None and n >= 4 and key[0] in CONJ + PREP and not key.startswith("ال"):
        whole = word_df(key)
        for j in (2, 1) if key[0] in CONJ and key[1] in PREP else (1,):
            stem = key[j:]
            if len(stem) < 3:
                continue
            sdf = word_df(stem)
            if sdf >= MIN_STEM_DF and sdf >= MIN_STEM_RATIO * whole:
                return stem, j, key[0] in CONJ
    return key[i:], i, conj


class WordAnalyzer:
    """Word key → (stop?, stem key, stem offset, conj), memoised per process."""

    def __init__(self, word_df: Callable[[str], int] | None = None, cache_size: int = 200_000):
        self.word_df = word_df
        self.stops = stopwords()
        self.cache: dict[str, tuple] = {"": _BREAK}
        self.cache_size = cache_size

    def analyze(self, key: str) -> tuple:
        r = self.cache.get(key)
        if r is None:
            if is_stop(key, self.stops):
                r = (True, key, 0, False)
            else:
                stem, off, conj = peel(key, self.word_df)
                r = (len(stem) <= 2 or stem in self.stops, stem, off, conj)
            if len(self.cache) < self.cache_size:
                self.cache[key] = r
        return r

    def count(self, text: str) -> tuple[Counter, dict[str, int], list[str], str, object]:
        """Count every 1-3-gram candidate of `text`.

        Returns (key → count, key → token index of its first occurrence, tokens, folded
        text, to_orig). Tokens are the folded words, '' for a break (punctuation,
        digits, Latin). A candidate is a run of content words: stopwords, breaks and a
        conjunction clitic end the run; its key is the first word peeled, the rest
        whole (المرصد السوري لحقوق). Built from list comprehensions and Counter so the
        per-word work stays in C as far as it can.
        """
        folded, to_orig = fold_with_map(text)
        toks = TOKEN_RE.findall(folded)
        info = list(map(self.cache.get, toks))     # '' (a break) is cached as _BREAK
        if None in info:
            analyze = self.analyze
            info = [r if r is not None else analyze(k) for r, k in zip(info, toks)]
        stems = [None if r[0] else r[1] for r in info]
        # may word i+1 continue a phrase started before it? (content word, no conjunction)
        cont = [not (r[0] or r[3]) for r in info]
        n = len(toks)
        # start indices of the 1-, 2- and 3-grams: each a subset of the one before
        i1 = [i for i, s in enumerate(stems) if s is not None]
        i2 = [i for i in i1 if i + 1 < n and cont[i + 1]]
        i3 = [i for i in i2 if i + 2 < n and cont[i + 2]]
        keys = [stems[i] for i in i1]
        keys += [stems[i] + " " + toks[i + 1] for i in i2]
        keys += [stems[i] + " " + toks[i + 1] + " " + toks[i + 2] for i in i3]
        counts = Counter(keys)
        # the earliest index wins: it is written last
        first = dict(zip(reversed(keys), reversed(i1 + i2 + i3)))
        return counts, first, toks, folded, to_orig

    def span(self, toks: list[str], spans: list[tuple[int, int]], to_orig, first: int, n: int) -> tuple[int, int]:
        """Original offsets of the n-gram starting at token `first` (its first word peeled)."""
        off = self.analyze(toks[first])[2]
        return to_orig(spans[first][0] + off), to_orig(spans[first + n - 1][1])


_BREAK = (True, "", 0, False)


def token_spans(folded: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Folded offsets of the first `limit` tokens `WordAnalyzer.count` walked over."""
    return [m.span() for m in itertools.islice(TOKEN_RE.finditer(folded), limit)]
