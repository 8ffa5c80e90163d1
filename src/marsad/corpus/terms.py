"""Search terms: the same normalization as the pipeline plus a light Arabic stemmer.

Index and query go through `terms()`, so both sides agree on every fold: غارات and
غارة both become غار, بدمشق becomes دمشق, الإسلامية and إسلامية both become اسلام.
The stemmer is deliberately light (in the spirit of Larkey's Light10): it strips
clitic prefixes and inflectional suffixes but never guesses roots, so it conflates
plural, feminine and clitic forms of a word without merging unrelated words.
"""
from __future__ import annotations

import functools
import re

from ..text.normalize import normalize_key

# After normalize_key: alef forms → ا, ة → ه, ى → ي, digits → ASCII, lowercased Latin.
WORD_RE = re.compile(r"\w+")
# A word in ORIGINAL text: letters, digits, and the marks normalize_key deletes.
SURFACE_WORD_RE = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d]+")

ARTICLE_PREFIXES = ("بال", "كال", "فال", "وال", "لل", "ال")   # longest first
CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
SUFFIXES = ("هما", "كما", "تين", "تان", "يين", "ات", "ون", "ين", "ان", "ها", "هم", "هن", "كم", "نا",
            "يه", "ه", "ي")
MIN_STEM = 3           # never strip below three letters
ARABIC_RE = re.compile(r"^[\u0621-\u064A]+$")


@functools.lru_cache(maxsize=200_000)
def stem(key: str) -> str:
    """Light stem of one normalized word (a `normalize_key` output).

    >>> stem("غارات"), stem("غاره"), stem("بدمشق"), stem("الاسلاميه")
    ('غار', 'غار', 'دمشق', 'اسلام')
    """
    if len(key) <= MIN_STEM or not ARABIC_RE.match(key):
        return key
    w = key
    for p in ARTICLE_PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            w = w[len(p):]
            break
    else:
        if w[0] in CONJUNCTIONS and len(w) - 1 >= MIN_STEM:
            w = w[1:]
            for p in ARTICLE_PREFIXES[:5]:          # و + بال… / لل… handled by the table above
                if w.startswith(p) and len(w) - len(p) >= 2:
                    w = w[len(p):]
                    break
            else:
                if w.startswith("ال") and len(w) - 2 >= 2:
                    w = w[2:]
                elif w[0] in PREPOSITIONS and len(w) - 1 >= MIN_STEM:
                    w = w[1:]
        elif w[0] in PREPOSITIONS and len(w) - 1 >= MIN_STEM:
            w = w[1:]
    for s in SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= MIN_STEM:
            w = w[: -len(s)]
            break
    return w


def terms(text: str) -> list[str]:
    """Index terms of a text, in order (stopwords kept: the ranking discounts them)."""
    return [stem(w) for w in WORD_RE.findall(normalize_key(text))]


def surface_terms(text: str):
    """(start, end, term) for each word of ORIGINAL text, offsets into `text`."""
    for m in SURFACE_WORD_RE.finditer(text):
        key = normalize_key(m.group())
        for w in WORD_RE.findall(key):
            yield m.start(), m.end(), stem(w)
