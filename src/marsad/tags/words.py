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
import re
from typing import Callable

from ..text.normalize import fold
from ..text.tokenize import AR_LETTERS, AR_MARKS

# quote marks are transparent: editors tag تنظيم «الدولة الإسلامية» as one phrase
QUOTE_MARKS = "«»\"“”„"
WORD_RE = re.compile(rf"[{AR_LETTERS}][{AR_LETTERS}{AR_MARKS}]*|[^\s{AR_LETTERS}{QUOTE_MARKS}]+")
AR_START = re.compile(rf"[{AR_LETTERS}]")
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
        self.cache: dict[str, tuple] = {}
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

    def runs(self, text: str) -> list[list[tuple[str, str, int, int]]]:
        """Runs of content words as (whole key, stem key, stem start, end) in `text`.

        Stopwords, punctuation, digits, Latin and words starting with a conjunction
        clitic end a run (a conjunction starts a new one).
        """
        folded = fold(text)
        same = len(folded) == len(text)
        src = folded if same else text
        analyze = self.analyze
        out: list[list[tuple[str, str, int, int]]] = []
        cur: list[tuple[str, str, int, int]] = []
        for m in WORD_RE.finditer(src):
            s = m.group()
            if not AR_START.match(s):
                if cur:
                    out.append(cur)
                    cur = []
                continue
            key = s if same else fold(s)
            stop, stem, off, conj = analyze(key)
            if stop:
                if cur:
                    out.append(cur)
                    cur = []
                continue
            if conj and cur:
                out.append(cur)
                cur = []
            start = m.start()
            if not same and off:
                off = _surface_offset(s, off)
            cur.append((key, stem, start + off, m.end()))
        if cur:
            out.append(cur)
        return out


def _surface_offset(surface: str, folded_off: int) -> int:
    """Surface index of folded index `folded_off` in a word with diacritics."""
    seen = 0
    for i, ch in enumerate(surface):
        if fold(ch):
            if seen == folded_off:
                return i
            seen += 1
    return len(surface)


def count_ngrams(runs: list[list[tuple[str, str, int, int]]], max_n: int = MAX_NGRAM) -> dict[str, list]:
    """key → [count, n, first start, first end] for every 1..max_n-gram of the runs."""
    counts: dict[str, list] = {}
    get = counts.get
    for run in runs:
        L = len(run)
        for i in range(L):
            w = run[i]
            k = w[1]
            e = get(k)
            if e is None:
                counts[k] = [1, 1, w[2], w[3]]
            else:
                e[0] += 1
            for n in range(2, min(max_n, L - i) + 1):
                last = run[i + n - 1]
                k = k + " " + last[0]
                e = get(k)
                if e is None:
                    counts[k] = [1, n, w[2], last[3]]
                else:
                    e[0] += 1
    return counts
