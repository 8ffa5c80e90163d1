"""Counts of people in folded Arabic text: digits, number words, duals and vague amounts.

ACLED's conservative rules: "at least 27" → 27, عشرات → 10, مئات → 100, a singular
person noun (مقتل ضابط) → 1, a dual (مقتل جنديين) → 2, "several"/unknown → None.
"""
from __future__ import annotations

import re

from .keys import fold_arabic

_UNITS = {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "اثنتان": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثماني": 8, "ثمانية": 8, "ثمان": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
}
_TENS = {"عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "أربعين": 40, "أربعون": 40,
         "خمسين": 50, "خمسون": 50, "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70,
         "ثمانين": 80, "ثمانون": 80, "تسعين": 90, "تسعون": 90}
_BIG = {"أحد": 1, "إحدى": 1, "مئة": 100, "مائة": 100, "مئتين": 200, "مائتين": 200, "مئتي": 200, "ألف": 1000, "ألفين": 2000}
VAGUE = {"عشرات": 10, "العشرات": 10, "مئات": 100, "المئات": 100, "آلاف": 1000, "الآلاف": 1000}

WORD_VALUES = {fold_arabic(k): v for k, v in (_UNITS | _TENS | _BIG).items()}
VAGUE_VALUES = {fold_arabic(k): v for k, v in VAGUE.items()}

# people nouns: a bare singular counts one, a dual counts two
_PERSON = ("شخص", "جندي", "ضابط", "طفل", "طفلة", "امرأة", "سيدة", "شرطي", "عنصر", "مدني", "مقاتل", "مسلح",
           "رجل", "مواطن", "صحفي", "مصور", "قيادي", "قائد", "عسكري", "طالب", "فتاة", "سائق", "مسؤول",
           "ناشط", "مدرس", "عامل", "حارس", "مجند", "متظاهر", "طيار", "لاجئ", "مهاجر", "شاب", "مسن", "رضيع",
           "فلسطيني", "سوري", "عراقي", "يمني", "تركي", "مصري", "لبناني", "حوثي", "إرهابي", "انتحاري", "زعيم",
           "نقيب", "ملازم", "رقيب", "عريف", "عقيد", "مقدم", "رائد", "مجند", "مدرس", "طبيب", "قاض")
SINGULAR = frozenset(fold_arabic(w) for w in _PERSON)
SINGULAR = SINGULAR | frozenset(w + "ا" for w in SINGULAR if not w.endswith("ه"))   # accusative: شرطيا، قياديا
_DUALS = ("شخصين", "جنديين", "ضابطين", "طفلين", "طفلتين", "امرأتين", "سيدتين", "شرطيين", "عنصرين",
          "رجلين", "مواطنين", "صحفيين", "مسلحين", "شقيقين", "مقاتلين", "حارسين", "مجندين", "شابين")
# plural-looking duals (مواطنين، صحفيين، مسلحين، مقاتلين، مجندين) only count as two after "اثنين"
DUAL = frozenset(fold_arabic(w) for w in _DUALS[:9] + ("رجلين", "شقيقين", "حارسين", "شابين", "ضابطي", "جنديي")) \
    | frozenset(w + "ان" for w in SINGULAR if not w.endswith("ه"))   # nominative duals: شرطيان، جنديان

_NUM_RE = re.compile(r"\d+(?:[.,]\d{3})*")
APPROX = _APPROX = frozenset(fold_arabic(w) for w in ("نحو", "حوالي", "زهاء", "قرابة", "قرابه", "أكثر", "اكثر", "أقل",
                                             "من", "ما", "لا", "يقل", "عن", "يزيد", "على", "الأقل", "الاقل", "أنه", "إلى"))


def word_value(w: str) -> int | None:
    """Value of one folded token that is a number (digits or a number word), else None."""
    if w[:1].isdigit():
        m = _NUM_RE.match(w)
        if m and m.end() == len(w):
            try:
                return int(m.group().replace(",", "").replace(".", ""))
            except ValueError:
                return None
        return None
    for pre in ("و", ""):
        if pre and not w.startswith(pre):
            continue
        core = w[len(pre):]
        if core in WORD_VALUES:
            return WORD_VALUES[core]
    return None


def read_count(words: list[str], i: int, stop: frozenset[str] = frozenset()) -> tuple[int | None, int, bool]:
    """Read a count of people starting at words[i]: (value, next index, vague).

    A count ends after a noun in `stop` (27 قتيلا و40 جريحا are two counts).
    Handles "ما لا يقل عن 27"، "نحو 100"، "خمسة وعشرين"، "عشرات"، "ضابط و3 جنود" (→ 4),
    "جنديين" (→ 2). Returns (None, i, False) when no count starts there.
    """
    n = len(words)
    j = i
    while j < n and j - i < 5 and words[j] in _APPROX:
        j += 1
    total = 0
    found = False
    vague = False
    joined = False          # words[j] had its و stripped: «قائد وأحد العناصر» goes on with أحد
    while j < n:
        w = words[j]
        part = None
        was_joined, joined = joined, False
        if w in VAGUE_VALUES or (w.startswith("و") and w[1:] in VAGUE_VALUES and found):
            part = VAGUE_VALUES.get(w, VAGUE_VALUES.get(w[1:]))
            vague = True
            j += 1
        else:
            v = word_value(w)
            if v is not None and (not found or was_joined or w.startswith("و") or w[:1].isdigit()):
                # compound number words: خمسة وعشرين ، مئة وخمسين
                j += 1
                while j < n and words[j].startswith("و") and word_value(words[j]) is not None \
                        and not words[j][1:2].isdigit():
                    v += word_value(words[j])
                    j += 1
                if j < n and words[j] in ("الف", "الاف", "آلاف"):
                    v *= 1000
                    j += 1
                part = v
                if j < n and not words[j].startswith("و"):
                    j += 1       # the counted noun (شخصا، جنود، قتيلا) — checked by the caller
                    if words[j - 1] in stop:
                        return total + part, j, vague
            elif w in DUAL or (w.startswith("و") and w[1:] in DUAL and found):
                part = 2
                j += 1
                # «ضابطي شرطة ومدنيا»: a dual in construct takes its qualifier before the next person
                if j + 1 < n and not words[j].startswith("و"):
                    nx = words[j + 1]
                    if nx.startswith("و") and (nx[1:] in SINGULAR or nx[1:] in DUAL or nx[1:2].isdigit()):
                        j += 1
            elif w in SINGULAR or (w.startswith("و") and w[1:] in SINGULAR and found):
                part = 1
                j += 1
                # "ضابط شرطة مصري ومجند": skip up to two qualifiers before a و + person/number
                for skip in (1, 2, 3):
                    if j + skip < n and all(not x.startswith("و") for x in words[j:j + skip]):
                        nx = words[j + skip]
                        if nx.startswith("و") and (nx[1:] in SINGULAR or nx[1:] in DUAL or nx[1:2].isdigit()
                                                   or word_value(nx[1:]) is not None):
                            j += skip
                            break
        if part is None:
            # "ضابط و3 جنود": a following و+number continues the count
            if found and w.startswith("و") and len(w) > 1 and w[1].isdigit() and not _own_count(words, j, stop):
                words[j] = w[1:]
                continue
            break
        total += part
        found = True
        if j < n and words[j].startswith("و") and len(words[j]) > 1 and words[j][1].isdigit():
            if _own_count(words, j, stop):
                break
            words[j] = words[j][1:]
            continue
        if j < n and (words[j][1:] in SINGULAR or words[j][1:] in DUAL or words[j][1:] in VAGUE_VALUES) \
                and words[j].startswith("و"):
            if _own_count(words, j, stop):
                break
            continue
        if j < n and words[j].startswith("و") and word_value(words[j][1:]) is not None:
            if _own_count(words, j, stop):
                break
            words[j] = words[j][1:]
            joined = True
            continue
        break
    if not found:
        return None, i, False
    return total, j, vague


def _own_count(words: list[str], j: int, stop: frozenset[str]) -> bool:
    """Whether the و-number at words[j] starts a count with its own casualty noun
    («12 شخصا و4 من الجرحى»، «و4 جرحى»): a second figure, not more of the first one."""
    k = j + 1
    while k < len(words) and words[k] in ("من", "الف", "الاف", "آلاف") and k - j <= 2:
        k += 1
    return k < len(words) and words[k] in stop
