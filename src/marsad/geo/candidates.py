"""Candidate generation: find gazetteer names in the text, with clitic and prefix forms.

Works on the text alone (no dependency on the tokenizer or NER): Arabic words are read
with a regex, folded to matching keys, and tried as the start of a name in their bare
form and with و ف ب ل ك (and لل → ال) stripped: بدير الزور، لحلب، وسوريا، للموصل.
Names may span several words; the longest match wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalize import fold
from .gazetteer import Gazetteer

AR_WORD_RE = re.compile(
    "[\u0621-\u063A\u0641-\u064A\u0671-\u06D3][\u0621-\u063A\u0641-\u064A\u064B-\u065F\u0670"
    "\u0671-\u06D3\u0640\u200c\u200d]*")
CONJ = "وف"
PREP = "بلك"


@dataclass(slots=True)
class Mention:
    start: int           # offsets into doc.text
    end: int
    key: str             # spaceless gazetteer key
    cands: list[int]     # entry indices, best prior first
    word: int            # index of the first word (into the word list)
    last_word: int
    prefixed: bool       # a clitic was stripped (بحلب): itself a hint of a place reading


@dataclass(slots=True)
class Word:
    start: int
    end: int
    key: str
    joined: bool         # only spaces separate it from the previous word


FOLDED_WORD_RE = re.compile("[\u0621-\u063A\u0641-\u064A\u0671-\u06D3]+")


def words_of(text: str) -> list[Word]:
    """Arabic words with their keys; `joined` is False after punctuation, digits or a newline."""
    folded = fold(text)
    if len(folded) != len(text):
        return _words_slow(text)
    out: list[Word] = []
    prev_end = 0
    append = out.append
    for m in FOLDED_WORD_RE.finditer(folded):
        s, e = m.span()
        gap = text[prev_end:s]
        append(Word(s, e, m.group(), prev_end > 0 and (gap == " " or (gap.isspace() and "\n" not in gap))))
        prev_end = e
    return out


def _words_slow(text: str) -> list[Word]:
    """words_of for text with diacritics or tatweel, where folding changes lengths."""
    out: list[Word] = []
    prev_end = 0
    for m in AR_WORD_RE.finditer(text):
        s, e = m.span()
        gap = text[prev_end:s]
        out.append(Word(s, e, fold(m.group()), bool(out) and gap.isspace() and "\n" not in gap))
        prev_end = e
    return out


def _surface_offset(text: str, start: int, folded_chars: int) -> int:
    """Offset in text after skipping `folded_chars` key characters of the word at `start`."""
    i = start
    seen = 0
    while seen < folded_chars:
        if fold(text[i]):
            seen += 1
        i += 1
    return i


def start_forms(key: str) -> list[tuple[str, int]]:
    """(form, number of key chars stripped) for a word that may begin a name."""
    forms = [(key, 0)]
    if len(key) < 4:
        return forms
    rest, cut = key, 0
    if key[0] in CONJ:
        rest, cut = key[1:], 1
        forms.append((rest, 1))
    if rest[0] in PREP and len(rest) > 3:
        if rest.startswith("لل"):
            forms.append(("ال" + rest[2:], cut + 1))
        # كـ only before the article (كالعراق): كلاوس is Klaus, not ك + لاوس
        if rest[0] != "ك" or rest.startswith("كال"):
            forms.append((rest[1:], cut + 1))
    return forms


def find_mentions(text: str, gaz: Gazetteer, words: list[Word] | None = None) -> list[Mention]:
    if words is None:
        words = words_of(text)
    starts = gaz.starts
    keys = gaz.keys
    maxn = gaz.max_tokens
    out: list[Mention] = []
    n = len(words)
    i = 0
    prefixes = CONJ + PREP
    while i < n:
        w = words[i]
        k0 = w.key
        if k0 not in starts and k0[0] not in prefixes:
            i += 1
            continue
        best = None
        for form, cut in start_forms(k0):
            if form not in starts:
                continue
            s = form
            j = i
            if s in keys:
                best = (j, s, cut)
            while j + 1 < n and j + 1 - i < maxn and words[j + 1].joined:
                j += 1
                s += words[j].key
                if s in keys and (best is None or j > best[0]):
                    best = (j, s, cut)
            if best is not None:
                break
        if best is None:
            i += 1
            continue
        j, key, cut = best
        start = w.start + cut if len(w.key) == w.end - w.start else _surface_offset(text, w.start, cut)
        out.append(Mention(start, words[j].end, key, keys[key], i, j, cut > 0))
        i = j + 1
    return out
