"""Numbers in Arabic news: digits of both scripts, number words and vague quantities.

`parse_number("ثلاثة آلاف")` → 3000; `find_numbers(doc)` → spans labelled "number"
with data {"value", "vague"}. Vague quantities follow ACLED's conservative coding:
عشرات/tens → 10, dozens → 12, مئات/hundreds → 100, آلاف/thousands → 1000 (and
عشرات الآلاف → 10000). Matching runs on the folded text (أ→ا, ة→ه, ى→ي, digits→ASCII)
and maps back to original offsets, so spelling variants and diacritics don't matter.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..doc import Doc, Span
from .normalize import FoldedText, fold

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

_ALT = "|".join(sorted(map(re.escape, LEXICON), key=len, reverse=True))
_DIGITS = r"\d+(?:[.,]\d+)*"
# one number word (with its clitics, kept out of the span) or one digit group
ITEM_RE = re.compile(
    rf"(?<![\w.,:/])(?:(?P<num>{_DIGITS})(?![\w:/]|[.,]\d)"
    rf"|(?:(?P<bare>{_ALT})|(?P<pre>[وف]?(?:[بلك]|لل)?(?:ال)?)(?P<word>{_ALT}))(?!\w))")
# cheap gate: most text has no number at all in most places
_GATE_RE = re.compile(r"\d|" + "|".join(sorted({re.escape(w[:3]) for w in LEXICON}, key=len, reverse=True)))
_GAP_RE = re.compile(r"\s*")
MULTIPLIER = ("m", "m2", "mp")


def _digits_value(s: str) -> int | float | None:
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
    __slots__ = ("outer", "start", "end", "value", "cls", "conj", "definite")

    def __init__(self, outer, start, end, value, cls, conj, definite):
        self.outer, self.start, self.end, self.value, self.cls = outer, start, end, value, cls
        self.conj, self.definite = conj, definite


def _items(key: str) -> list[_Item]:
    out = []
    for m in ITEM_RE.finditer(key):
        if m.group("num") is not None:
            value = _digits_value(m.group("num"))
            if value is not None:
                out.append(_Item(m.start(), m.start(), m.end(), value, "n", False, False))
            continue
        bare = m.group("bare")
        if bare is not None:
            value, cls = LEXICON[bare]
            out.append(_Item(m.start(), m.start(), m.end(), value, cls, False, False))
            continue
        pre = m.group("pre")
        value, cls = LEXICON[m.group("word")]
        out.append(_Item(m.start(), m.start("word"), m.end(), value, cls, pre[:1] in ("و", "ف"),
                         pre.endswith("ال") or pre.endswith("لل")))
    return out


def _attaches(prev: _Item, place: int | float, item: _Item, key: str) -> bool:
    """Whether `item` continues the number whose last item is `prev`."""
    if _GAP_RE.match(key, prev.end).end() != item.outer:
        return False                         # only whitespace may separate the words
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


def _group(items: list[_Item], key: str) -> Iterable[tuple[int, int, int | float, bool]]:
    """Compose adjacent items into numbers: (start, end, value, vague) in folded offsets."""
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
        while j < n and _attaches(items[j - 1], place, items[j], key):
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
    key = fold(s).strip()
    if not key:
        return None
    found = list(_group(_items(key), key))
    if len(found) != 1 or found[0][1] != len(key):
        return None
    start = found[0][0]
    if key[:start].strip() not in ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "ال", "وال", "بال", "لل"):
        return None
    return found[0][2], found[0][3]


def parse_number(s: str) -> int | float | None:
    """The value of a number written in digits or words, else None.

    >>> parse_number("خمسة وعشرين"), parse_number("٣٠٠"), parse_number("مئات")
    (25, 300, 100)
    """
    q = parse_quantity(s)
    return q[0] if q else None


def find_numbers(doc: Doc) -> list[Span]:
    """Number spans of `doc.text` ("number", data {"value", "vague"}), skipping numbers
    inside date spans (the 28 of 28 أغسطس is not a quantity)."""
    text = doc.text
    if not _GATE_RE.search(text):
        return []
    folded = FoldedText(text)
    key = folded.key
    dates = [(d.start, d.end) for d in doc.dates]
    spans: list[Span] = []
    for a, b, value, vague in _group(_items(key), key):
        start, end = folded.span(a, b)
        if dates and any(ds < end and start < de for ds, de in dates):
            continue
        spans.append(Span(start, end, "number", {"value": value, "vague": vague}))
    return spans

