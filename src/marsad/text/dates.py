"""Dates in Arabic news: datelines, Gregorian and Hijri dates, relative expressions.

`parse_dateline` / `parse_published` read an article's own date. `find_dates(doc)`
finds every date expression in the body and resolves it against `doc.published`:
absolute Gregorian dates in all Arab month-naming systems (سبتمبر/أيلول/شتنبر, the
double form أغسطس/آب), Hijri dates (26 شوال 1436 هـ, Umm al-Qura via `hijridate`),
numeric dates, and relative expressions (أمس، اليوم (الاثنين)، مساء الأربعاء، فجر أمس،
الليلة الماضية، الأسبوع الماضي، 28 أغسطس/آب الماضي، منذ يومين، الشهر الماضي). Each span is
labelled with the ISO date ("" when a relative expression has no publication date
to resolve against) and carries {"precision": 1 day | 2 week | 3 month or more,
"relative": bool}. Matching runs on the folded text, so أ/ا, ة/ه, ى/ي, digit scripts
and diacritics don't matter.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ..doc import Doc, Span
from .normalize import normalize_key, raw_pattern
from .tokenize import tokenize, watch

MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: ["يناير", "كانون الثاني", "جانفي", "ينير"],
    2: ["فبراير", "شباط", "فيفري", "فبراير"],
    3: ["مارس", "آذار", "مارس"],
    4: ["أبريل", "ابريل", "نيسان", "أفريل", "ابريل"],
    5: ["مايو", "أيار", "ماي"],
    6: ["يونيو", "حزيران", "جوان", "يونيه"],
    7: ["يوليو", "تموز", "جويلية", "يوليوز", "يوليه"],
    8: ["أغسطس", "آب", "أوت", "غشت", "اغسطس"],
    9: ["سبتمبر", "أيلول", "شتنبر"],
    10: ["أكتوبر", "تشرين الأول", "اكتوبر"],
    11: ["نوفمبر", "تشرين الثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "دجنبر"],
}
for _m, _names in _MONTH_NAMES.items():
    for _n in _names:
        MONTHS[normalize_key(_n)] = _m

_DIG = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MONTH_ALT = "|".join(sorted((re.escape(k) for k in MONTHS), key=len, reverse=True))
DATELINE_RE = re.compile(
    rf"(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_ALT})(?:\s*/\s*(?:{_MONTH_ALT}))?\s+(?P<year>\d{{4}})"
    r"(?:\s*[-–,،]?\s*(?P<hh>\d{1,2}):(?P<mm>\d{2})(?:\s*(?P<ampm>[صم]))?)?")


def parse_dateline(line: str) -> datetime | None:
    """'الجمعة 15 سبتمبر 2017 06:09 ص' → 2017-09-15 06:09; None if it is not a dateline."""
    key = normalize_key(line.translate(_DIG))
    m = DATELINE_RE.search(key)
    if not m:
        return None
    try:
        hh = int(m.group("hh") or 0)
        mm = int(m.group("mm") or 0)
        if m.group("ampm") == "م" and hh < 12:
            hh += 12
        elif m.group("ampm") == "ص" and hh == 12:
            hh = 0
        return datetime(int(m.group("year")), MONTHS[m.group("month")], int(m.group("day")), hh, mm)
    except (ValueError, KeyError):
        return None


def parse_published(value: str) -> datetime | None:
    """An input `published` field: ISO 8601 (with or without time/zone) or an Arabic dateline."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return dt.replace(tzinfo=None)
    except ValueError:
        pass
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%d/%m/%Y", "%a, %d %b %Y %H:%M:%S"):
        try:
            return datetime.strptime(value[:len(value)], fmt)
        except ValueError:
            continue
    return parse_dateline(value)


# ---------------------------------------------------------------- dates in the body

HIJRI_MONTHS: dict[str, int] = {}
_HIJRI_NAMES = {
    1: ["محرم"], 2: ["صفر"], 3: ["ربيع الأول", "ربيع أول"],
    4: ["ربيع الآخر", "ربيع الثاني", "ربيع ثاني", "ربيع آخر"],
    5: ["جمادى الأولى", "جمادى الأول", "جمادى أولى"],
    6: ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني"],
    7: ["رجب"], 8: ["شعبان"], 9: ["رمضان"], 10: ["شوال"],
    11: ["ذو القعدة", "ذي القعدة"], 12: ["ذو الحجة", "ذي الحجة"],
}
for _m, _names in _HIJRI_NAMES.items():
    for _n in _names:
        HIJRI_MONTHS[normalize_key(_n)] = _m
WEEKDAYS = {normalize_key(w): i for i, w in enumerate(
    ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"])}
WEEKDAYS[normalize_key("الإثنين")] = 0


def _alt(keys) -> str:
    return "|".join(k.replace(" ", r"\s+") for k in sorted(keys, key=len, reverse=True))


_MO = _alt(MONTHS)
_HMO = _alt(HIJRI_MONTHS)
_WD = _alt(WEEKDAYS)
_PAST = "الماضي|الماضيه|المنصرم|المنصرمه|الفايت|الفايته|السابق"
_NEXT = "المقبل|المقبله|القادم|القادمه"
_THIS = "الجاري|الجاريه|الحالي|الحاليه"
_TOD = (r"(?:(?:صباح|مساء|فجر|ظهر|عصر|ليل|ليله|ظهيره|صبيحه|منتصف\s+ليل|منتصف\s+ليله|"
        r"منتصف\s+نهار|نهار|حتي|مطلع|اواخر|اوايل)\s+)")
_DATE_RE = re.compile(raw_pattern(
    r"(?<![\w/.:\u064b-\u0652\u0640-])(?=[\dاويشصمفظعلنحغهقبتسجكدر])[وفبل]?(?P<x>"
    # 15 سبتمبر 2017 | الجمعة 15 أيلول | 28 أغسطس/آب الماضي
    rf"(?:(?:يوم\s+)?(?:{_WD})(?:\s*[,،]\s*|\s+))?(?:يوم\s+)?(?P<d>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?"
    rf"(?P<mo>{_MO})(?:\s*/\s*(?:{_MO})|\s*\(\s*(?:{_MO})\s*\))?"
    r"(?:(?:\s*[,،]\s*|\s+)(?:من\s+)?(?:عام\s+|سنه\s+|العام\s+)?(?P<y>\d{4})(?!\d)(?:\s*م(?!\w))?"
    rf"|\s+(?P<mrel>{_PAST}|{_NEXT}|{_THIS}))?"
    # 26 شوال 1436 هـ
    rf"|(?P<hd>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<hmo>{_HMO})"
    r"(?:\s+(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<hy>\d{4})(?!\d)(?:\s*ه\u0640?(?!\w))?|\s*(?P<hh>ه)\u0640?(?!\w))?"
    # سبتمبر 2017 | (شهر) أغسطس الماضي
    rf"|(?:شهر\s+)?(?P<mo2>{_MO})(?:\s*/\s*(?:{_MO}))?(?:\s+(?:من\s+)?(?:عام\s+|سنه\s+|العام\s+)?"
    rf"(?P<y2>\d{{4}})(?!\d)|\s+(?P<mrel2>{_PAST}|{_NEXT}|{_THIS}))"
    # 15/9/2017, 2017-09-15
    r"|(?P<nd>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<nm>\d{1,2})\s?(?P=sep)\s?(?P<ny>\d{4})(?![\d/.-]\d)(?:\s*ه\u0640?(?!\w))?"
    r"|(?P<iy>\d{4})-(?P<im>\d\d)-(?P<id>\d\d)(?!\d)"
    # الليل قبل الماضي | الليلة الماضية
    r"|(?P<night2>(?:الليل|الليله)\s+(?:ما\s+)?قبل\s+(?:الماضي|الماضيه|الفايت|الفايته))"
    r"|(?P<night1>الليله\s+(?:الماضيه|الفايته|المنصرمه|البارحه))"
    r"|(?P<tonight>الليله)(?!\s+(?:ال|قبل)\w*)"
    rf"|(?P<tomorrow>غدا|غداه)(?:\s*[(]?\s*(?:{_WD})\s*[)]?)?"
    # (مساء) (يوم) أمس | أول أمس | اليوم (الاثنين) | الأربعاء (الماضي)
    rf"|{_TOD}?(?:يوم\s+)?(?:(?P<ago2>اول\s+(?:من\s+)?(?:امس|البارحه)|امس\s+الاول)(?:\s*[(]?\s*(?:{_WD})\s*[)]?)?"
    rf"|(?P<ago1>امس|الامس|البارحه)(?!\u0651|\s+(?:القريب|الحاج))(?:\s*[(]?\s*(?:{_WD})\s*[)]?)?"
    rf"|(?P<today>اليوم)(?:\s*\(\s*(?P<wd1>{_WD})\s*\)|\s+(?P<wd1b>{_WD}))?(?!\s+ال\w|\s*\d)"
    rf"|(?P<wd>{_WD})(?:\s+(?P<wrel>{_PAST}|{_NEXT}))?)"
    # الأسبوع الماضي, الشهر الماضي, العام الماضي, هذا الأسبوع
    rf"|(?P<unit>الاسبوع|الشهر|العام|السنه)\s+(?P<urel>{_PAST}|{_NEXT}|{_THIS})"
    r"|هذا\s+(?P<unit2>الاسبوع|الشهر|العام)"
    # منذ يومين, قبل ثلاثة أيام, منذ أسبوع
    r"|(?:منذ|قبل)\s+(?:(?P<cnt>\d{1,3}|[^\W\d]{3,8})\s+)?"
    r"(?P<span>يومين|يوم|ايام|اسبوعين|اسبوع|اسابيع|شهرين|شهر|اشهر|شهور)(?!\w|\s+ال|\s+(?:من|علي)\s)"
    r")(?!\w)"))

_SPAN_UNITS = {"يومين": (2, 1), "يوم": (1, 1), "ايام": (0, 1), "اسبوعين": (14, 2), "اسبوع": (7, 2),
               "اسابيع": (0, 2), "شهرين": (60, 3), "شهر": (30, 3), "اشهر": (0, 3), "شهور": (0, 3)}
_PAST_WORDS = frozenset(_PAST.split("|"))
_NEXT_WORDS = frozenset(_NEXT.split("|"))
# Token norms that every date expression contains (with any clitics); the full
# pattern is tried only at such a token and at the words that may lead into it
# (مساء يوم الأربعاء, هذا الأسبوع), not at every position of the text.
_TRIGGER_WORDS = ["امس", "الامس", "اليوم", "الليل", "الليله", "البارحه", "غدا", "غداه", "الاسبوع", "الشهر",
                  "العام", "السنه", "منذ", "قبل", *WEEKDAYS, *(m.split()[0] for m in MONTHS)]
_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب")
TRIGGERS = frozenset(c + w for w in _TRIGGER_WORDS for c in _CLITICS)
watch(TRIGGERS)
# words that may stand before a trigger inside one expression
LEAD_WORDS = frozenset(c + w for c in _CLITICS for w in (
    "صباح", "مساء", "فجر", "ظهر", "عصر", "ليل", "ليله", "ظهيره", "صبيحه", "منتصف", "نهار", "حتي", "مطلع",
    "اواخر", "اوايل", "يوم", "اول", "من", "هذا", "شهر"))
# what may follow the day number of a date (15 سبتمبر, 26 شوال, 3 من شهر ...)
_AFTER_DAY = frozenset([m.split()[0] for m in MONTHS] + [m.split()[0] for m in HIJRI_MONTHS] + ["من", "شهر"])
_DIGIT_CHARS = frozenset("0123456789")
_MARKS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640")


def _month_start(d: date, months_back: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months_back, 12)
    return date(y, m + 1, 1)


def _day_month(day: int, month: int, ref: date, rel: str | None) -> date | None:
    """The date with this day and month nearest `ref` in the direction the text implies:
    the most recent one not after `ref`, or the next one for المقبل."""
    forward = rel in _NEXT_WORDS
    for k in range(9):                       # 29 February needs up to 8 years
        year = ref.year + k if forward else ref.year - k
        try:
            d = date(year, month, day)
        except ValueError:
            if day > 29 or month == 2 and day > 29:
                return None
            continue
        if (d >= ref) if forward else (d <= ref):
            return d
    return None


def _hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    try:
        from hijridate import Hijri
        g = Hijri(year, month, day, validate=True).to_gregorian()
        return date(g.year, g.month, g.day)
    except (ValueError, OverflowError, ImportError):
        return None


def _hijri_year(d: date) -> int | None:
    try:
        from hijridate import Gregorian
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    except (ValueError, OverflowError, ImportError):
        return None


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    from .numbers import parse_number
    value = parse_number(word)
    return int(value) if isinstance(value, (int, float)) and 0 < value < 1000 and value == int(value) else None


def _year(s: str, lo: int = 1900, hi: int = 2100) -> int | None:
    y = int(s)
    return y if lo <= y <= hi else None


def resolve(m: re.Match, ref: date | None) -> tuple[date | None, int, bool] | None:
    """(date or None, precision, relative) of one `_DATE_RE` match; None if not a date."""
    def g(name: str) -> str | None:
        value = m.group(name)
        return normalize_key(value) if value is not None else None
    if g("mo") is not None:
        day, month = int(g("d")), MONTHS[g("mo")]
        if not 1 <= day <= 31:
            return None
        if g("y"):
            try:
                return date(_year(g("y")), month, day), 1, False
            except (ValueError, TypeError):
                return None
        if ref is None:
            return None, 1, True
        d = _day_month(day, month, ref, g("mrel"))
        return (d, 1, True) if d else None
    if g("hmo") is not None:
        day, month = int(g("hd")), HIJRI_MONTHS[g("hmo")]
        if not 1 <= day <= 30 or month == 2 and not g("hy") and not g("hh"):
            return None                      # "3 صفر" may be a count of zeros, not a date
        if g("hy"):
            hy = _year(g("hy"), 1300, 1600)
            d = _hijri_to_gregorian(hy, month, day) if hy else None
            return (d, 1, False) if d else None
        if ref is None:
            return None, 1, True
        hy = _hijri_year(ref)
        if hy is None:
            return None
        d = _hijri_to_gregorian(hy, month, day)
        if d and d > ref:
            d = _hijri_to_gregorian(hy - 1, month, day)
        return d, 1, True
    if g("mo2") is not None:
        month = MONTHS[g("mo2")]
        if g("y2"):
            y = _year(g("y2"))
            return (date(y, month, 1), 3, False) if y else None
        if ref is None:
            return None, 3, True
        rel = g("mrel2")
        year = ref.year
        if rel in _PAST_WORDS and month >= ref.month:
            year -= 1
        elif rel in _NEXT_WORDS and month <= ref.month:
            year += 1
        return date(year, month, 1), 3, True
    if g("ny") is not None:
        year, month, day = int(g("ny")), int(g("nm")), int(g("nd"))
        if 1300 <= year <= 1600:              # 14/10/1436 هـ
            d = _hijri_to_gregorian(year, month, day) if 1 <= month <= 12 and 1 <= day <= 30 else None
            return (d, 1, False) if d else None
        try:
            return date(_year(g("ny")), month, day), 1, False
        except (ValueError, TypeError):
            return None
    if g("iy") is not None:
        try:
            return date(_year(g("iy")), int(g("im")), int(g("id"))), 1, False
        except (ValueError, TypeError):
            return None
    # everything below is relative to the publication date
    if g("wd") is not None or g("wd1") is not None or g("wd1b") is not None:
        wd = WEEKDAYS[g("wd") or g("wd1") or g("wd1b")]
        if ref is None:
            return None, 1, True
        rel = g("wrel")
        if g("x").startswith("حتي"):          # حتى السبت: until the coming Saturday
            return ref + timedelta(days=(wd - ref.weekday()) % 7), 1, True
        if rel in _NEXT_WORDS:
            return ref + timedelta(days=(wd - ref.weekday()) % 7 or 7), 1, True
        back = (ref.weekday() - wd) % 7
        if rel in _PAST_WORDS and back == 0:
            back = 7
        return ref - timedelta(days=back), 1, True
    offset = precision = None
    if g("ago1") is not None or g("night1") is not None:
        offset, precision = -1, 1
    elif g("ago2") is not None or g("night2") is not None:
        offset, precision = -2, 1
    elif g("today") is not None or g("tonight") is not None:
        offset, precision = 0, 1
    elif g("tomorrow") is not None:
        offset, precision = 1, 1
    elif g("unit") is not None or g("unit2") is not None:
        unit = g("unit") or g("unit2")
        rel = g("urel")
        step = -1 if rel in _PAST_WORDS else 1 if rel in _NEXT_WORDS else 0
        if ref is None:
            return None, 2 if unit == "الاسبوع" else 3, True
        if unit == "الاسبوع":
            return ref + timedelta(days=7 * step), 2, True
        if unit == "الشهر":
            return _month_start(ref, -step), 3, True
        return date(ref.year + step, 1, 1), 3, True
    elif g("span") is not None:
        days, precision = _SPAN_UNITS[g("span")]
        cnt = _count(g("cnt"))
        if g("cnt") is not None and cnt is None:
            return None
        if cnt is not None:
            if days in (0, 7, 30):
                days = cnt * (days or (1 if precision == 1 else 7 if precision == 2 else 30))
            else:
                return None                  # "منذ 3 يومين" is not a date
        elif days == 0:
            return None                      # منذ أيام: too vague to place
        if precision == 3:
            if ref is None:
                return None, 3, True
            return _month_start(ref, max(1, round(days / 30))), 3, True
        offset = -days
    if offset is None:
        return None
    return (ref + timedelta(days=offset) if ref else None), precision, True


def _is_newspaper(text: str, tokens: list, k: int, start: int, end: int) -> bool:
    """اليوم as the name of the Saudi daily al-Yaum: "عين اليوم" bylines, "(اليوم)"."""
    if text[start:end].strip() not in ("اليوم", "باليوم", "لليوم"):
        return False
    before = text[max(0, start - 2):start].strip()
    after = text[end:end + 2].strip()
    if before[-1:] in ("(", "«", '"', "“") and after[:1] in (")", "»", '"', "”"):
        return True
    return k > 0 and tokens[k - 1].norm == "عين"


def _candidate_starts(tokens: list, i: int) -> list[int]:
    """Token indices where a date containing trigger token `i` may begin, earliest first."""
    tok = tokens[i]
    if tok.kind == "num":
        norm = tok.norm
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if not ("/" in norm or "." in norm or nxt is not None and (nxt.norm in _AFTER_DAY or nxt.text in ("-", "/", "."))):
            return []
    k = i
    while k > 0 and i - k < 4:
        prev = tokens[k - 1]
        if prev.kind == "clitic" and not prev.space_after or prev.norm in LEAD_WORDS:
            k -= 1
        else:
            break
    return [j for j in range(k, i + 1)
            if j == 0 or tokens[j - 1].space_after or tokens[j - 1].kind == "punct"]


def find_dates(doc: Doc, hits: list[int] | None = None) -> list[Span]:
    """Date spans of `doc.text`, resolved against `doc.published` (see module doc).

    Reads `doc.tokens` (tokenizes if they are empty) to find where dates can start;
    `hits`, the watched token indices `append_tokens` reported, saves a pass over them."""
    text = doc.text
    if not isinstance(text, str) or not text:
        return []
    tokens = doc.tokens or tokenize(text)
    published = doc.published
    ref = published.date() if isinstance(published, datetime) else published if isinstance(published, date) else None
    spans: list[Span] = []
    done = 0                                  # offset where the last date ended
    match = _DATE_RE.match
    triggers = TRIGGERS
    digits = _DIGIT_CHARS
    if hits is None:
        hits = range(len(tokens))
    for i in hits:
        norm = tokens[i].norm
        if norm not in triggers and norm[:1] not in digits:
            continue
        p = tokens[i].start
        if p < done:
            continue
        for k in _candidate_starts(tokens, i):
            candidate = tokens[k].start
            if candidate < done:
                continue
            m = match(text, candidate)
            if m is None:
                continue
            try:
                resolved = resolve(m, ref)
            except (ValueError, OverflowError, KeyError, TypeError):
                resolved = None
            if resolved is None:
                continue
            d, precision, relative = resolved
            start, end = m.span("x")
            if m.group("today") is not None and _is_newspaper(text, tokens, k, start, end):
                continue
            while end < len(text) and text[end] in _MARKS:     # غداً: the tanwin belongs to the word
                end += 1
            spans.append(Span(start, end, d.isoformat() if d else "",
                              {"precision": precision, "relative": relative}))
            done = m.end()
            if done > p:
                break
    return spans
