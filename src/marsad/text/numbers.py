"""Numbers in Arabic news: digits of both scripts, number words and vague quantities.

`parse_number("ثلاثة آلاف")` → 3000; `find_numbers(doc)` → spans labelled "number"
with data {"value", "vague"}. Vague quantities follow ACLED's conservative coding:
عشرات/tens → 10, dozens → 12, مئات/hundreds → 100, آلاف/thousands → 1000 (and
عشرات الآلاف → 10000). Numbers are read off the tokens: their folded norms (أ→ا, ة→ه,
ى→ي, digits→ASCII) make spelling variants and diacritics irrelevant, and their offsets
are already those of the original text. Adjacent number words compose (ثلاثة آلاف
وخمسمائة → 3500); clitics split off by the tokenizer (و + ثلاثة) are folded back in.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..doc import Doc, Span, Token
from .normalize import fold
from .tokenize import tokenize, watch

# word → (value, class): u unit, t ten (teens), d decade, h hundreds, m multiplier,
# m2 dual multiplier (ألفين = 2000), mp plural multiplier (آلاف: needs a count, else
# vague), v vague quantity, o "one" only before عشر (أحد عشر).
_LEXICON_SURFACE: dict[int, tuple[str, tuple[str, ...]]] = {}
_WORDS: list[tuple[str, int | float, str]] = [
    *[(w, 1, "u") for w in ("واحد", "واحدة")],
    *[(w, 1, "o") for w in ("أحد", "إحدى")],
    *[(w, 2, "u") for w in ("اثنان", "اثنين", "اثنتان", "اثنتين", "إثنين", "إثنان", "اثنا", "اثني",
                            "اثنتا", "اثنتي")],
    *[(w, 3, "u") for w in ("ثلاث", "ثلاثة")], *[(w, 4, "u") for w in ("أربع", "أربعة")],
    *[(w, 5, "u") for w in ("خمس", "خمسة")], *[(w, 6, "u") for w in ("ست", "ستة")],
    *[(w, 7, "u") for w in ("سبع", "سبعة")], *[(w, 8, "u") for w in ("ثمان", "ثماني", "ثمانية")],
    *[(w, 9, "u") for w in ("تسع", "تسعة")], *[(w, 10, "t") for w in ("عشر", "عشرة")],
    *[(w, v, "d") for v, ws in ((20, "عشرون عشرين"), (30, "ثلاثون ثلاثين"), (40, "أربعون أربعين"),
                                 (50, "خمسون خمسين"), (60, "ستون ستين"), (70, "سبعون سبعين"),
                                 (80, "ثمانون ثمانين"), (90, "تسعون تسعين")) for w in ws.split()],
    *[(w, 100, "h1") for w in ("مئة", "مائة", "مية")],
    *[(w, 200, "h") for w in ("مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مئتي", "مائتا", "مائتي")],
    *[(p + s, v * 100, "h") for v, p in ((3, "ثلاث"), (4, "أربع"), (5, "خمس"), (6, "ست"), (7, "سبع"),
                                         (8, "ثمان"), (8, "ثماني"), (9, "تسع")) for s in ("مئة", "مائة")],
    ("ألف", 1000, "m"), *[(w, 2000, "m2") for w in ("ألفا", "ألفان", "ألفين", "ألفي")],
    *[(w, 1000, "mp") for w in ("آلاف", "ألوف")],
    ("مليون", 10**6, "m"), *[(w, 2 * 10**6, "m2") for w in ("مليونا", "مليونان", "مليونين", "مليوني")],
    ("ملايين", 10**6, "mp"),
    ("مليار", 10**9, "m"), *[(w, 2 * 10**9, "m2") for w in ("مليارا", "ملياران", "مليارين", "ملياري")],
    ("مليارات", 10**9, "mp"),
    ("عشرات", 10, "v"), ("مئات", 100, "v"), ("مئاة", 100, "v"),
    ("dozens", 12, "v"), ("tens", 10, "v"), ("hundreds", 100, "v"), ("thousands", 1000, "v"),
    ("dozen", 12, "u"),
]
LEXICON: dict[str, tuple[int | float, str]] = {fold(w): (v, c) for w, v, c in _WORDS}

# every spelling with its clitics: وثلاثة, بثلاثة, الثلاثة, والآلاف, للعشرات ...
_PREFIXES = {"": (False, False)}
for _c in ("", "و", "ف"):
    for _p in ("", "ب", "ل", "ك"):
        for _d in ("", "ال"):
            if _c + _p + _d:
                _PREFIXES[_c + _p + _d] = (_c != "", _d != "")
_PREFIXES["لل"] = (False, True)
_PREFIXES["ولل"] = _PREFIXES["فلل"] = (True, True)
NUMBER_WORDS: dict[str, tuple[int | float, str, bool, bool]] = {}   # form → value, class, conj, definite
for _pre, (_conj, _def) in sorted(_PREFIXES.items(), key=lambda kv: -len(kv[0])):
    for _w, (_v, _cls) in LEXICON.items():
        NUMBER_WORDS[_pre + _w] = (_v, _cls, _conj, _def)
for _w, (_v, _cls) in LEXICON.items():      # a bare form wins over prefix + shorter word (واحد)
    NUMBER_WORDS[_w] = (_v, _cls, False, False)
_DIGIT_CHARS = frozenset("0123456789")
watch(NUMBER_WORDS)
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
MULTIPLIER = ("m", "m2", "mp")


def _digits_value(s: str) -> int | float | None:
    if not _DIGITS_RE.fullmatch(s):
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return int(s.replace(",", ""))
    s = s.replace(",", ".")
    if s.count(".") > 1:
        return None
    try:
        return float(s) if "." in s else int(s)
    except ValueError:
        return None


class _Item:
    """One number word or digit group: token range [first, last], offsets [start, end)."""
    __slots__ = ("first", "last", "start", "end", "value", "cls", "conj", "definite")

    def __init__(self, first, last, start, end, value, cls, conj, definite):
        self.first, self.last, self.start, self.end = first, last, start, end
        self.value, self.cls, self.conj, self.definite = value, cls, conj, definite


def _items(tokens: list[Token], hits: list[int] | None = None) -> list[_Item]:
    """Number items of a token list, with split-off clitics folded back into each item."""
    out = []
    words = NUMBER_WORDS
    digits = _DIGIT_CHARS
    for i in range(len(tokens)) if hits is None else hits:
        tok = tokens[i]
        kind = tok.kind
        if kind == "num":
            value = _digits_value(tok.norm)
            if value is not None:
                out.append(_Item(i, i, tok.start, tok.end, value, "n", False, False))
            continue
        if kind != "word" and kind != "latin":
            continue
        entry = words.get(tok.norm)
        if entry is None:
            continue
        value, cls, conj, definite = entry
        first = i
        while first > 0 and tokens[first - 1].kind == "clitic" and not tokens[first - 1].space_after:
            first -= 1
            if tokens[first].norm in ("و", "ف"):
                conj = True
        if first < i and tok.norm.startswith("ال") and tokens[i - 1].norm == "ل":
            definite = True                  # لل + ثلاثة
        out.append(_Item(first, i, tok.start, tok.end, value, cls, conj, definite))
    return out


def _attaches(prev: _Item, place: int | float, item: _Item) -> bool:
    """Whether `item` continues the number whose last item is `prev`."""
    if item.first != prev.last + 1:
        return False                         # only adjacent words make one number
    cls = item.cls
    if cls in MULTIPLIER:
        return prev.cls in ("u", "t", "d", "h", "h1", "n", "v") and not item.conj
    if item.conj:
        if cls == "n" or cls == "v" or cls == "o":
            return False
        return item.value < place or (prev.cls == "u" and cls == "d")   # مئة وعشرون, خمسة وعشرون
    if cls == "t":
        return prev.cls in ("u", "o")        # خمسة عشر, أحد عشر
    if cls == "h1":
        return prev.cls == "u" and 3 <= prev.value <= 9     # ثلاث مئة
    return False


def _group(items: list[_Item]) -> Iterable[tuple[int, int, int | float, bool]]:
    """Compose adjacent items into numbers: (start, end, value, vague)."""
    i = 0
    n = len(items)
    while i < n:
        first = items[i]
        total = 0
        current = first.value if first.cls not in MULTIPLIER else 0
        vague = first.cls == "v"
        if first.cls in MULTIPLIER:
            total = first.value
            vague = first.cls == "mp"
        place = first.value
        j = i + 1
        while j < n and _attaches(items[j - 1], place, items[j]):
            item = items[j]
            if item.cls in ("m", "mp"):
                total += (current or 1) * item.value
                current = 0
                if items[j - 1].cls == "v":
                    vague = True
            elif item.cls == "m2":
                total += item.value
                current = 0
            elif item.cls == "t" and not item.conj:
                current += 10
            elif item.cls == "h1" and not item.conj:
                current *= 100
            else:
                current += item.value
            place = item.value
            j += 1
        last = items[j - 1]
        # a lone أحد is "one of", الاثنين is Monday, العشرين is "the twentieth"
        if not (first is last and (first.cls == "o" or first.definite and first.cls == "d"
                                   or first.definite and first.value == 2)):
            value = total + current
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            yield first.start, last.end, value, vague
        i = j


def parse_quantity(s: str) -> tuple[int | float, bool] | None:
    """(value, vague) of a string that is one number ("ثلاثة آلاف", "١٤", "عشرات"), else None."""
    if not isinstance(s, str):
        return None
    tokens = tokenize(s.strip())
    if not tokens:
        return None
    items = _items(tokens)
    if not items or items[0].first != 0:
        return None
    found = list(_group(items))
    if len(found) != 1 or found[0][1] != tokens[-1].end:
        return None
    return found[0][2], found[0][3]


def parse_number(s: str) -> int | float | None:
    """The value of a number written in digits or words, else None.

    >>> parse_number("خمسة وعشرين"), parse_number("٣٠٠"), parse_number("مئات")
    (25, 300, 100)
    """
    q = parse_quantity(s)
    return q[0] if q else None


def find_numbers(doc: Doc, hits: list[int] | None = None) -> list[Span]:
    """Number spans of the document ("number", data {"value", "vague"}), read off
    `doc.tokens` (tokenized here if empty), skipping numbers inside date spans
    (the 28 of 28 أغسطس is not a quantity). `hits`: the watched token indices that
    `append_tokens` reported, so only those tokens are visited."""
    tokens = doc.tokens
    if not tokens:
        tokens, hits = tokenize(doc.text), None
    dates = sorted((d.start, d.end) for d in doc.dates)
    spans: list[Span] = []
    k = 0
    for start, end, value, vague in _group(_items(tokens, hits)):
        while k < len(dates) and dates[k][1] <= start:
            k += 1
        if k < len(dates) and dates[k][0] < end:
            continue
        spans.append(Span(start, end, "number", {"value": value, "vague": vague}))
    return spans
