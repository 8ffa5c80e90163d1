"""Candidate generation: find gazetteer names in the text, with clitic and prefix forms.

Works on the text alone (no dependency on the tokenizer or NER): Arabic words are read
with one regex over a same-length folded copy of the text, and each is tried as the start
of a name in its bare form and with و ف ب ل ك (and لل → ال) stripped: بدير الزور، لحلب،
وسوريا، للموصل. Names may span several words; the longest match wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalize import _KEY_TABLE
from .gazetteer import Gazetteer

# the matching fold, except that deleted marks (harakat, tatweel, controls) become MARK so
# the folded text keeps the original's offsets; MARK is dropped from keys afterwards
MARK = "\x01"
# a full BMP table (a str indexed by code point): translate never misses a key, which is
# several times faster than a dict table on Arabic text
_SAME_LENGTH_FOLD = "".join(
    chr(ord(MARK) if _KEY_TABLE.get(c, c) is None else _KEY_TABLE.get(c, c)) for c in range(0x10000))
# the characters the fold changes, as (from, to): replacing the few that occur is several
# times faster than translating every character of an article through the table
_FOLD_PAIRS = tuple((chr(i), c) for i, c in enumerate(_SAME_LENGTH_FOLD) if chr(i) != c)


def same_length_fold(text: str) -> str:
    """`text.translate(_SAME_LENGTH_FOLD)`, by C-speed scans for the characters it changes."""
    for a, b in _FOLD_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


WORD_RE = re.compile("[\u0621-\u063A\u0641-\u064A\u0671-\u06D3][\u0621-\u063A\u0641-\u064A\u0671-\u06D3\x01]*")
CONJ = "وف"
PREP = "بلك"
PREFIXES = CONJ + PREP
# function words that never begin a multi-word name (أن دور is not Indore)
FUNCTION_WORDS = frozenset("ان من في الي علي عن ما لا قد كل بعد قبل هذا هذه او ثم لم لن ان انه التي الذي".split())


@dataclass(slots=True)
class Mention:
    start: int           # offsets into doc.text
    end: int
    key: str             # spaceless gazetteer key
    cands: list[int]     # entry indices, best prior first
    word: int            # index of the first word (into Words)
    last_word: int
    prefixed: bool       # a clitic was stripped (بحلب): itself a hint of a place reading


class Words:
    """The Arabic words of a text: keys as a list, offsets read from the matches on demand."""
    __slots__ = ("text", "matches", "keys")

    def __init__(self, text: str):
        self.text = text
        folded = same_length_fold(text)
        self.matches = matches = list(WORD_RE.finditer(folded))
        keys = [m.group() for m in matches]
        if MARK in folded:
            keys = [k.replace(MARK, "") if MARK in k else k for k in keys]
        self.keys = keys

    def __len__(self) -> int:
        return len(self.keys)

    def start(self, j: int) -> int:
        return self.matches[j].start()

    def end(self, j: int) -> int:
        return self.matches[j].end()

    def joined(self, j: int) -> bool:
        """Only spaces (no punctuation, digits or newline) separate word j from word j-1."""
        gap = self.text[self.matches[j - 1].end():self.matches[j].start()]
        return gap == " " or (gap.isspace() and "\n" not in gap)


def words_of(text: str) -> Words:
    return Words(text)


def _surface_offset(text: str, start: int, folded_chars: int) -> int:
    """Offset in text after skipping `folded_chars` key characters of the word at `start`."""
    i = start
    seen = 0
    while seen < folded_chars:
        if _KEY_TABLE.get(ord(text[i]), 0) is not None:
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


# words naming a kind of place, which the gazetteer also lists before names (محافظة إدلب)
TYPE_WORDS = frozenset("منطقه محافظه مدينه ولايه اقليم بلده قضاء ناحيه مديريه حي قريه".split())


def _match_at(words: Words, i: int, k0: str, starts, keys, maxn: int) -> tuple[int, str, int] | None:
    """(last word, key, chars stripped) of the longest name starting at word i, else None."""
    wkeys = words.keys
    n = len(wkeys)
    best = None
    for form, cut in start_forms(k0):
        if form not in starts:
            continue
        s = form
        j = i
        if s in keys:
            best = (j, s, cut)
        while j + 1 < n and j + 1 - i < maxn and words.joined(j + 1):
            j += 1
            s += wkeys[j]
            if s in keys and (best is None or j > best[0]):
                best = (j, s, cut)
        if best is not None:
            break
    return best


def find_mentions(text: str, gaz: Gazetteer, words: Words | None = None) -> list[Mention]:
    if words is None:
        words = Words(text)
    starts = gaz.starts
    keys = gaz.keys
    maxn = gaz.max_tokens
    wkeys = words.keys
    out: list[Mention] = []
    n = len(wkeys)
    i = 0
    while i < n:
        k0 = wkeys[i]
        if k0 in FUNCTION_WORDS:
            i += 1
            continue
        if k0 not in starts:
            # cheap rejection before building the stripped forms
            if k0[0] not in PREFIXES or len(k0) < 4 or not (
                    k0[1:] in starts or k0[2:] in starts or "ال" + k0[2:] in starts or "ال" + k0[3:] in starts):
                i += 1
                continue
        best = _match_at(words, i, k0, starts, keys, maxn)
        if best is None:
            i += 1
            continue
        j, key, cut = best
        if j > i and k0[cut:] in TYPE_WORDS and i + 1 < n:
            # «منطقة بغداد الجديدة»: the type word's name (منطقة بغداد) is shorter than the
            # name that starts after it (بغداد الجديدة): the longer one is the place
            nxt = _match_at(words, i + 1, wkeys[i + 1], starts, keys, maxn)
            if nxt is not None and nxt[0] > j:
                i += 1
                continue
        ws = words.start(i)
        start = ws + cut if len(k0) == words.end(i) - ws else _surface_offset(text, ws, cut)
        out.append(Mention(start, words.end(j), key, keys[key], i, j, cut > 0))
        i = j + 1
    return out
