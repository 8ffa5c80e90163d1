"""Fatalities and injuries stated in a sentence, by ACLED's conservative rules.

Reads folded sentence text word by word: a head word (مقتل، قتل، مصرع… / إصابة، جرح…)
followed by a count, or a count followed by a casualty noun (27 قتيلا، 60 جريحا).
Counts after بينهم/منهم are subsets and never add; "ارتفعت حصيلة القتلى إلى N"
marks N as the latest firm figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .keys import fold_arabic
from .quantities import APPROX, DUAL, SINGULAR, VAGUE_VALUES, WORD_VALUES, read_count, word_value


def _f(*words: str) -> frozenset[str]:
    return frozenset(fold_arabic(w) for w in words)


KILL_HEADS = _f("مقتل", "قتل", "قتلت", "قتلوا", "استشهاد", "مصرع", "وفاة", "سقوط", "قضى", "قضاء",
                "استشهد", "يقتل", "تقتل", "إعدام", "أعدم", "ذبح", "ومقتل", "وقتل", "واستشهاد", "ومصرع",
                "بمقتل", "لمقتل", "وسقوط", "أودى", "أودت", "بحياة", "حياة", "وقتلت", "اغتيال", "لقي", "لقيا", "لقوا",
                "لقيت", "ولقي", "ولقيا", "ولقوا", "باستشهاد", "واستشهد",
                "جثث", "جثة", "جثامين", "جثتي")      # «العثور على جثث 5 أشخاص»
INJURE_HEADS = _f("إصابة", "إصابات", "وإصابة", "جرح", "وجرح", "أصيب", "أصيبت", "وأصيب", "أصابت", "بإصابة",
                  "إصابه", "جرح", "اصابة", "وإصابات", "ويصاب", "إصابتهم")
KILL_NOUNS = _f("قتيل", "قتيلا", "قتيلاً", "قتلى", "القتلى", "شهيد", "شهيدا", "شهداء", "الشهداء", "قتيلين", "جثة", "جثث", "وفاة", "حالات_وفاة")
INJURE_NOUNS = _f("جريح", "جريحا", "جرحى", "الجرحى", "مصاب", "مصابا", "مصابين", "المصابين", "جريحين", "مصابون")
SUBSET = _f("بينهم", "منهم", "بينها", "ومنهم", "وبينهم", "غالبيتهم", "معظمهم", "أغلبهم")
RISE = _f("ارتفع", "ارتفعت", "ارتفاع", "بلغت", "بلغ", "وصل", "وصلت", "ليرتفع", "لترتفع")
TOLL = _f("حصيلة", "عدد", "حصيله")
TOLL_KILLED = _f("القتلى", "الشهداء", "الضحايا", "قتلى", "ضحايا", "شهداء", "قتيل", "وفيات", "الوفيات")
DIED = _f("مصرعهم", "حتفهم", "مصرعه", "حتفه", "مصرعهما", "حتفهما", "قتلوا", "قتلا", "قتل", "قتلت", "استشهدوا")
WOUNDED = _f("أصيبوا", "أصيبا", "أصيب", "أصيبت", "جرحوا", "جرحا")
FELL = _f("سقطوا", "سقط", "وسقطوا")
MET = _f("لقي", "لقيا", "لقوا", "لقيت", "ولقي", "ولقيا", "ولقوا")   # «خمسة أشخاص لقوا حتفهم»
STOP = KILL_NOUNS | INJURE_NOUNS
DUAL_KILLED = _f("قتيلان", "قتيلين", "وقتيلان", "وقتيلين", "شهيدان", "شهيدين", "وشهيدان", "وشهيدين")
DUAL_INJURED = _f("جريحان", "جريحين", "وجريحان", "وجريحين", "مصابان", "ومصابان")
# words a count of people can start with ("ما لا يقل عن"، "نحو"، number words, person nouns)
COUNT_START = frozenset(WORD_VALUES) | frozenset(VAGUE_VALUES) | SINGULAR | DUAL | APPROX \
    | frozenset("و" + w for w in list(WORD_VALUES) + list(SINGULAR))
_PERCENT = ("%", "٪")
PERCENT_WORDS = _f("بالمئة", "بالمائة", "المئة", "المائة", "بالمية")
_WORD_RE = re.compile(r"و?\d+(?:[.,]\d+)*|[^\W\d]+")   # "بمقتل31" → بمقتل + 31


@dataclass(slots=True)
class Figure:
    kind: str           # "killed" | "injured"
    value: int
    vague: bool
    firm_latest: bool   # stated as the (new) toll: ارتفعت الحصيلة إلى ...
    start: int          # key offset of the head word


def find_figures(key: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Casualty figures in folded text key[start:end]."""
    ms = list(_WORD_RE.finditer(key, start, len(key) if end is None else end))
    words = [m.group() for m in ms]
    for k, m in enumerate(ms):
        # «سقوط 70% من القتلى»، «بنسبة 6 في المئة»: a share, never a count of people
        if m.group()[-1:].isdigit() and (key[m.end():m.end() + 2].lstrip()[:1] in _PERCENT
                                         or k + 1 < len(words) and words[k + 1] in PERCENT_WORDS
                                         or k + 2 < len(words) and words[k + 1] == "في" and words[k + 2] in PERCENT_WORDS):
            words[k] = "نسبة"
    out: list[Figure] = []
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        kind = "killed" if w in KILL_HEADS else "injured" if w in INJURE_HEADS else None
        if kind:
            # "أودت بحياة 5", "لقي 3 أشخاص مصرعهم" style heads take the count right after
            value, j, vague = read_count(list(words), i + 1, STOP)
            if value is None and w in VERB_HEADS:
                value, j, vague = _count_after_phrase(words, i + 1)
            if value is not None and not _subset_before(words, i):
                if j < n and j - 1 >= 0 and (words[j - 1] in INJURE_NOUNS and kind == "killed"):
                    value = None   # "مقتل وإصابة 20" style mix: not a fatality count
                if value is not None and j < n + 1 and _mixed_noun(words, j):
                    value = None
                if value is not None and kind == "injured" and i > 0 and words[i - 1] in KILL_HEADS \
                        and not any(x[:1].isdigit() for x in words[max(0, i - 8):i - 1]) \
                        and not (out and out[-1].kind == "killed" and out[-1].start >= ms[max(0, i - 8)].start()):
                    # "بمقتل وجرح 110"، "قتل وأصيب سبعة": one combined count, neither figure (but
                    # "390 مقاتلا … قتلوا وجرح 400"، "شخصا قتل، وأصيب ستة": the killed had their own count)
                    value = None
                if value is not None:
                    extra, j = _added_count(words, j)
                    out.append(Figure(kind, value + extra, vague, _rise_before(words, i), ms[i].start()))
                    i = max(j, i + 1)
                    continue
        else:
            if w == "الي" and any(x in RISE for x in words[max(0, i - 4):i]):
                window = words[max(0, i - 7):i]
                k = "killed" if any(x in TOLL_KILLED for x in window) else \
                    "injured" if any(x in INJURE_NOUNS for x in window) else None
                value, j, vague = read_count(list(words), i + 1, STOP)
                if k and value is not None and not _mixed_noun(words, j):
                    out.append(Figure(k, value, vague, True, ms[i].start()))
                    i = max(j, i + 1)
                    continue
            dual = "killed" if w in DUAL_KILLED else "injured" if w in DUAL_INJURED else None
            if dual and not (i > 0 and (words[i - 1][:1].isdigit() or word_value(words[i - 1]) is not None)) \
                    and not _subset_before(words, i):
                # «والحصيلة قتيلان وخمسة جرحى»: a dual casualty noun is its own count of two
                out.append(Figure(dual, 2, False, _rise_before(words, i), ms[i].start()))
                i += 1
                continue
            if not (w[:1].isdigit() or w[1:2].isdigit() or w in COUNT_START):
                i += 1
                continue
            seq = list(words)
            if w.startswith("و") and w[1:2].isdigit():
                seq[i] = w[1:]
            value, j, vague = read_count(seq, i, STOP)
            if value is not None and j > i:
                noun = words[j - 1] if j - 1 > i else (words[j] if j < n else "")
                nxt = words[j] if j < n else ""
                k = None
                nxt2 = words[j + 1] if j + 1 < n else ""
                person = words[i] in SINGULAR or words[i] in DUAL or noun in SINGULAR or noun in PEOPLE_PLURALS
                if person and words[i] in SINGULAR and i > 0 and word_value(words[i - 1]) is not None:
                    i += 1
                    continue          # the counted noun of a number already read («18 مجندا»)
                if (nxt == "من" or nxt == "في" or person) and not (noun in KILL_NOUNS or noun in INJURE_NOUNS) \
                        and not (nxt in DIED or nxt in WOUNDED):
                    # «7 عناصر من تنظيم داعش قتلوا»، «قياديا كبيرا في تنظيم القاعدة قتل»، «18 مجندا
                    # بالشرطة أصيبوا»: words between the count and its verb (a verb with its own
                    # object count is active: «ضابط في الجيش قتل 3 مسلحين»)
                    for q in range(j if nxt not in ("من", "في") else j + 1, min(j + 5, n)):
                        if words[q] in DIED or words[q] in WOUNDED:
                            if read_count(list(words), q + 1, STOP)[0] is None:
                                nxt = words[q]
                                nxt2 = words[q + 1] if q + 1 < n else ""
                            break
                        if words[q] in KILL_HEADS or words[q] in INJURE_HEADS or words[q][:1].isdigit() \
                                or words[q] in WORD_VALUES:
                            break     # «مسؤول عسكري إن خمسة جنود قتلوا»: the verb has its own count
                    if words[i] in SINGULAR and value == 1 and nxt.endswith("وا"):
                        i += 1
                        continue      # a singular noun is not the subject of a plural verb
                if noun in KILL_NOUNS or nxt in KILL_NOUNS or nxt in DIED or noun in DIED \
                        or (nxt in FELL and nxt2 in KILL_NOUNS) or (nxt in MET and nxt2 in DIED):
                    k = "killed"
                elif noun in INJURE_NOUNS or nxt in INJURE_NOUNS or nxt in WOUNDED or noun in WOUNDED:
                    k = "injured"
                if k and not _subset_before(words, i) and not _mixed_noun(words, j) \
                        and not (nxt in KILL_NOUNS and j + 1 < n and _mixed_noun(words, j + 1)):
                    out.append(Figure(k, value, vague, _rise_before(words, i), ms[i].start()))
                    i = max(j, i + 1)
                    continue
        i += 1
    return out


# passive/intransitive verbs whose subject (the count) may follow a place or time phrase:
# «قتل في المواجهات 6 من الحوثيين»، «أصيب أمس ثلاثة جنود»
VERB_HEADS = _f("قتل", "وقتل", "استشهد", "واستشهد", "أصيب", "وأصيب", "جرح", "وجرح", "لقي", "ولقي", "لقوا", "ولقوا")
PHRASE_PREP = _f("في", "خلال", "جراء", "إثر", "اثر", "بعد", "عقب", "بين", "داخل", "قرب", "وسط")
TIME_WORDS = _f("أمس", "امس", "اليوم", "مساء", "صباح", "فجر", "ليل", "ليلة", "الاثنين", "الثلاثاء", "الأربعاء",
                "الخميس", "الجمعة", "السبت", "الأحد")
PEOPLE_PLURALS = _f("أشخاص", "اشخاص", "جنود", "عناصر", "مدنيين", "مدنيون", "مسلحين", "مسلحون", "مقاتلين", "مقاتلون",
                    "أطفال", "نساء", "ضباط", "رجال", "شبان", "متظاهرين", "مواطنين", "عسكريين", "شرطيين", "أفراد",
                    "أفراد", "حوثيين", "إرهابيين", "مجندين", "طلاب", "عمال")


def _count_after_phrase(words: list[str], i: int) -> tuple[int | None, int, bool]:
    """A count of people after a short place/time phrase (≤ 3 words) that follows a verb head:
    the count must name people (6 من …، 6 جنود، جنديان), so «قتل في 2015» reads nothing."""
    n = len(words)
    k = i
    if k < n and words[k] in PHRASE_PREP:
        k += 1
        stop = min(n, k + 3)
        while k < stop and words[k] not in COUNT_START and not words[k][:1].isdigit() \
                and not words[k][1:2].isdigit() and words[k] not in STOP and words[k] not in KILL_HEADS:
            k += 1
            if k < n and (words[k][:1].isdigit() or words[k] in COUNT_START):
                break
    while k < n and words[k] in TIME_WORDS and k - i < 4:
        k += 1
    if k == i or k >= n:
        return None, i, False
    seq = list(words)
    value, j, vague = read_count(seq, k, STOP)
    if value is None or j <= k or words[k][:1].isdigit() and 1900 <= value <= 2100:
        return None, i, False       # «قتل في عام 2015 رجل»: a year, not a count
    counted = words[j - 1]
    if counted == "من" or counted in STOP or counted in PEOPLE_PLURALS or counted in SINGULAR or counted in DUAL:
        return value, j, vague
    return None, i, False


ADDED = _f("إضافة", "بالإضافة", "اضافة", "علاوة")


def _added_count(words: list[str], j: int) -> tuple[int, int]:
    """«استشهاد 12 من منسوبي القوات إضافة إلى ثلاثة من العاملين», «مقتل 7 من الحوثيين و4 من
    المقاومة»: more victims of the same kind."""
    for k in range(j, min(j + 5, len(words) - 2)):
        if k > j and words[k][:1] == "و" and words[k][1:2].isdigit() and words[k + 1] == "من" \
                and words[j - 1] == "من":
            # «مقتل 7 من الحوثيين و4 من المقاومة»: both sides' dead, one toll (ACLED sums them)
            seq = list(words)
            seq[k] = words[k][1:]
            value, end, _ = read_count(seq, k, STOP)
            if value is not None:
                return value, end
            return 0, j
        if words[k] in ADDED and words[k + 1] in ("الي", "علي"):
            value, end, _ = read_count(list(words), k + 2, STOP)
            if value is not None and not (end < len(words) and words[end - 1] in STOP):
                return value, end
            return 0, j
        if words[k] in KILL_HEADS or words[k] in INJURE_HEADS or words[k][:1].isdigit():
            break
    return 0, j


def _subset_before(words: list[str], i: int) -> bool:
    return any(w in SUBSET for w in words[max(0, i - 2):i])


def _rise_before(words: list[str], i: int) -> bool:
    window = words[max(0, i - 6):i]
    return any(w in RISE for w in window) and any(w in TOLL or w.startswith("حصيل") for w in window) \
        or any(w in RISE for w in words[max(0, i - 2):i])


def _mixed_noun(words: list[str], j: int) -> bool:
    """"300 قتيل وجريح": a combined killed-and-injured count, neither figure."""
    return j < len(words) and words[j] in ("وجريح", "وجرحي", "ومصاب", "وقتيل", "ومصابين")


NO_LOSS = re.compile(fold_arabic(
    r"(?:دون|بدون|من\s+دون|ولم\s+(?:ترد|ترِد|يبلغ|تسجل|يسفر|يؤد|تسفر|تؤد)|لم\s+(?:ترد|يبلغ|تسجل|يسفر|يؤد|تسفر|تؤد))"
    r"\s+(?:\S+\s+){0,3}?(?:خسائر\s+(?:بشرية|في\s+الأرواح)|إصابات|ضحايا|أنباء\s+عن\s+(?:خسائر|إصابات|ضحايا))"))


def no_loss(key: str, start: int, end: int) -> Figure | None:
    """«دون أنباء عن خسائر»، «لم يؤد إلى خسائر بشرية»: a stated zero toll (ACLED codes 0)."""
    m = NO_LOSS.search(key, start, end)
    return Figure("killed", 0, False, False, m.start()) if m else None


def summarize(figures: list[Figure], kind: str) -> dict[str, int | None]:
    """{low, best, high} for one kind: best is the latest firm figure if stated, else the first.
    A stated zero stands only when no count of that kind is given anywhere."""
    vals = [f for f in figures if f.kind == kind]
    if any(f.value for f in vals):
        vals = [f for f in vals if f.value]
    if not vals:
        return {"low": None, "best": None, "high": None}
    firm = [f for f in vals if f.firm_latest]
    best = (firm[-1] if firm else vals[0]).value
    nums = [f.value for f in vals]
    return {"low": min(nums), "best": best, "high": max(nums)}
