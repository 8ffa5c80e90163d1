"""Arabic normalization for matching keys, never for display.

Every operation here maps one character to at most one character, or deletes it,
so a normalized string always comes with a map back to the original offsets
(`normalize_with_offsets`). The original text is never modified: stages match on
keys and report spans in the original.
"""
from __future__ import annotations

import re

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
DIACRITICS = "".join(chr(c) for c in list(range(0x064B, 0x0660)) + [0x0670] + list(range(0x06D6, 0x06EE)))
TATWEEL = "\u0640"
# Zero-width and bidi controls that web pages sprinkle into Arabic text.
CONTROLS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"

ALEF_FORMS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"}
YA_FORMS = {"ى": "ي", "ی": "ي", "ې": "ي"}
TA_MARBUTA = {"ة": "ه"}
OTHER_LETTERS = {"ک": "ك", "ڪ": "ك", "ۀ": "ه", "ؤ": "و", "ئ": "ي"}
ARABIC_INDIC = {chr(0x0660 + i): str(i) for i in range(10)}
PERSIAN_DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)}
QUOTES = {c: '"' for c in "«»“”„‟″〝〞＂"} | {c: "'" for c in "‘’‚‛′"}
PUNCT = {"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ","}


def _table(*maps: dict, delete: str = "") -> dict[int, int | None]:
    table: dict[int, int | None] = {}
    for m in maps:
        for k, v in m.items():
            table[ord(k)] = ord(v)
    for ch in delete:
        table[ord(ch)] = None
    return table


ASCII_LOWER = {chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}
_KEY_TABLE = _table(ALEF_FORMS, YA_FORMS, TA_MARBUTA, OTHER_LETTERS, ARABIC_INDIC,
                    PERSIAN_DIGITS, QUOTES, PUNCT, ASCII_LOWER,
                    delete=DIACRITICS + TATWEEL + CONTROLS)
_DIGITS_TABLE = _table(ARABIC_INDIC, PERSIAN_DIGITS, PUNCT)
_SPACE_RE = re.compile(r"\s+")


def strip_diacritics(s: str) -> str:
    """Remove harakat, tanwin, shadda and sukun (سُلِّمت → سلمت)."""
    return s.translate({ord(c): None for c in DIACRITICS})


def remove_tatweel(s: str) -> str:
    """Remove kashida stretching (الـمـرصد → المرصد)."""
    return s.replace(TATWEEL, "")


def remove_controls(s: str) -> str:
    """Remove zero-width and bidi control characters."""
    return s.translate({ord(c): None for c in CONTROLS})


def normalize_alef(s: str) -> str:
    """Fold hamza and madda forms of alef to bare alef (إسلامية → اسلامية)."""
    return s.translate(_table(ALEF_FORMS))


def normalize_ya(s: str) -> str:
    """Fold alef maqsura to ya (موسى → موسي), as most news sites mix them."""
    return s.translate(_table(YA_FORMS))


def normalize_ta_marbuta(s: str) -> str:
    """Fold ta marbuta to ha (الدولة → الدوله)."""
    return s.translate(_table(TA_MARBUTA))


def normalize_digits(s: str) -> str:
    """Arabic-Indic and Persian digits to ASCII, Arabic decimal/thousands marks to . and ,."""
    return s.translate(_DIGITS_TABLE)


def normalize_quotes(s: str) -> str:
    """All typographic quotes («» “” ‘’) to ASCII quotes."""
    return s.translate(_table(QUOTES))


def normalize_key(s: str) -> str:
    """The matching key used across Marsad: all folds above, lowercased, spaces collapsed.

    Gazetteers, the actor catalogue and the search index all store keys made by this
    function, so a mention matches whatever spelling variant the outlet used.
    """
    return _SPACE_RE.sub(" ", s.translate(_KEY_TABLE).lower()).strip()


# (from, to) for every character the key fold changes; no target is itself changed, so
# replacing them one after another equals one translate
_KEY_PAIRS = tuple((chr(k), "" if v is None else chr(v)) for k, v in _KEY_TABLE.items() if v != k)
_LONG = 96      # from this length on, scanning for the few changed characters beats translate


def fold(s: str) -> str:
    """Like `normalize_key` but one character in, at most one out (ASCII-only lowercasing)."""
    if len(s) < _LONG:
        return s.translate(_KEY_TABLE)
    for a, b in _KEY_PAIRS:       # str.translate with a dict costs tens of ns a character
        if a in s:
            s = s.replace(a, b)
    return s


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Return (folded text, offsets) where offsets[i] is the original index of folded char i.

    offsets has one extra final entry equal to len(text), so a folded span [a, b)
    maps back to the original span [offsets[a], offsets[b]).
    """
    out: list[str] = []
    offsets: list[int] = []
    table = _KEY_TABLE
    for i, ch in enumerate(text):
        m = table.get(ord(ch), ord(ch))
        if m is None:
            continue
        out.append(chr(m))
        offsets.append(i)
    offsets.append(len(text))
    return "".join(out), offsets


_DELETED_RE = re.compile("[" + re.escape(DIACRITICS + TATWEEL + CONTROLS) + "]+")


class FoldedText:
    """`fold(text)` plus a cheap map from folded offsets back to `text` offsets.

    Folding deletes only diacritics, tatweel and control characters, which come in
    sparse runs; the map stores those runs instead of one offset per character, so
    folding a whole article costs one `str.translate` and one regex scan.
    """
    __slots__ = ("text", "key", "_run_starts", "_shifts")

    def __init__(self, text: str):
        self.text = text
        self.key = fold(text)
        self._run_starts: list[int] = []     # folded offset where each deleted run sat
        self._shifts: list[int] = []         # characters deleted up to and including it
        if len(self.key) != len(text):
            deleted = 0
            for m in _DELETED_RE.finditer(text):
                a, b = m.span()
                self._run_starts.append(a - deleted)
                deleted += b - a
                self._shifts.append(deleted)

    def original(self, i: int) -> int:
        """Offset in `text` of folded offset `i`; deleted marks at `i` are skipped, so a
        span end includes the diacritics written on its last letter."""
        starts = self._run_starts
        if not starts or i < starts[0]:
            return i
        lo, hi = 0, len(starts)
        while lo < hi:                        # bisect_right
            mid = (lo + hi) // 2
            if starts[mid] <= i:
                lo = mid + 1
            else:
                hi = mid
        return i + self._shifts[lo - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded span [start, end)."""
        return self.original(start), self.original(end)


# folded letter → every raw letter that folds to it (used by `raw_pattern`)
_VARIANTS: dict[str, str] = {}
for _raw_ch, _key_ch in (ALEF_FORMS | YA_FORMS | TA_MARBUTA | OTHER_LETTERS).items():
    _VARIANTS.setdefault(_key_ch, _key_ch)
    _VARIANTS[_key_ch] += _raw_ch


def raw_pattern(folded_regex: str) -> str:
    """Rewrite a regex written for folded keys (ا ي ه و ك) so it matches raw text
    directly (ا → [اأإآٱ…], ه → [هة], …); saves folding a whole article to run it.
    Diacritics and tatweel are not absorbed: write them into the pattern where needed."""
    out: list[str] = []
    in_class = escaped = False
    for ch in folded_regex:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            out.append(ch)
            escaped = True
            continue
        if in_class:
            if ch == "]":
                in_class = False
            out.append(_VARIANTS.get(ch, ch))
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            continue
        variants = _VARIANTS.get(ch)
        out.append(f"[{variants}]" if variants and len(variants) > 1 else ch)
    return "".join(out)
