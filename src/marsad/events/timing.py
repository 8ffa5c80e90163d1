"""When an event happened: date cues in a sentence resolved against the article date.

Explicit dates (28 أغسطس/آب الماضي، 30 آب 2017), relative days (أمس، أول أمس، اليوم،
الليلة الماضية، قبل يومين) and weekdays (مساء الأربعاء → the last Wednesday on or
before the article date). Without an article date only dates with a year resolve.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..text.dates import MONTHS
from .keys import fold_arabic

_MONTH_ALT = "|".join(sorted((re.escape(k) for k in MONTHS), key=len, reverse=True))
W = r"(?<![\w])(?:[وف])?(?:[بل])?"
EXPLICIT_RE = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<month>{_MONTH_ALT})(?:\s*/\s*(?:{_MONTH_ALT}))?"
    rf"(?:\s*\(\s*(?:{_MONTH_ALT})\s*\))?(?:\s+(?:عام\s+|سنة\s+|سنه\s+)?(?P<year>\d{{4}}))?")
# «في الثامن من يوليو»، «الأول من أغسطس»: the day as an ordinal word
_ORDINAL_DAYS = {fold_arabic(k): v for k, v in {
    "الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7, "الثامن": 8,
    "التاسع": 9, "العاشر": 10}.items()}
ORDINAL_DATE_RE = re.compile(
    rf"(?<![\w])(?:[وفب])?(?P<day>{'|'.join(_ORDINAL_DAYS)})\s+(?:من\s+)?(?:شهر\s+)?(?P<month>{_MONTH_ALT})(?![\w])"
    rf"(?:\s*[-/]\s*(?:{_MONTH_ALT}))?(?:\s+(?:عام\s+|سنة\s+|سنه\s+)?(?P<year>\d{{4}}))?")
WEEKDAYS = {fold_arabic(k): v for k, v in {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3,
                                           "الجمعة": 4, "السبت": 5, "الأحد": 6}.items()}
_WD_ALT = "|".join(WEEKDAYS)
WEEKDAY_RE = re.compile(rf"{W}(?:(?:يوم|مساء|صباح|ليل|ليلة|فجر|ظهر|عصر|منذ|حتى)\s+)?(?P<wd>{_WD_ALT})(?![\w])")
_N = {"يومين": 2, "ثلاثة": 3, "ثلاثه": 3, "أربعة": 4, "اربعه": 4, "خمسة": 5, "خمسه": 5}
RELATIVE = [
    (re.compile(fold_arabic(W + r"(?:أول_أمس|أول_من_أمس|امس_الأول)(?![\w])").replace("_", r"\s+")), -2, 1),
    (re.compile(fold_arabic(W + r"(?:أمس|الليلة_الماضية|ليلة_أمس|البارحة|غداة)(?![\w])").replace("_", r"\s+")), -1, 1),
    (re.compile(fold_arabic(W + r"(?:قبل|منذ)_يومين(?![\w])").replace("_", r"\s+")), -2, 1),
    # «ويأتي ذلك بعد يومين على هجوم …»: the earlier event, counted back from the report
    (re.compile(fold_arabic(r"(?<![\w])ذلك_بعد_يومين_(?:على|من)(?![\w])").replace("_", r"\s+")), -2, 1),
    (re.compile(fold_arabic(W + r"(?:(?:صباح|مساء|ظهر|فجر|عصر|ليل|مطلع)_)?اليوم(?![\w])").replace("_", r"\s+")), 0, 1),
    (re.compile(fold_arabic(W + r"(?:الأسبوع_الماضي|الاسبوع_الماضي)(?![\w])").replace("_", r"\s+")), -7, 2),
    (re.compile(fold_arabic(W + r"(?:الشهر_الماضي)(?![\w])").replace("_", r"\s+")), -30, 3),
]
# a date inside a name: «قصر 22 مايو»، «شارع 26 يوليو»، «ثورة 30 يونيو»
NAME_BEFORE = re.compile(fold_arabic(r"(?:قصر|شارع|ميدان|جامعة|مستشفى|حي|جسر|ملعب|ساحة|مطار|ثورة|حركة|لواء|كتيبة|"
                                     r"مدينة|معسكر|منطقة|جيش|تيار|ائتلاف|ذكرى|اتفاق|اتفاقية|انتفاضة|بيان)\s*$"))
SINCE_BEFORE = re.compile(fold_arabic(r"(?:منذ|حتى|بحلول|قبل)\s+(?:\S+\s+)?$"))
# Islamic holidays: (pattern, Hijri month, day); "ثاني/ثالث أيام" add days
HOLIDAYS = [(re.compile(fold_arabic(r"(?:(أول|ثاني|ثالث|رابع)\s+(?:أيام|ايام)\s+)?(?:عيد\s+الفطر)")), 10, 1),
            (re.compile(fold_arabic(r"(?:(أول|ثاني|ثالث|رابع)\s+(?:أيام|ايام)\s+)?(?:عيد\s+الأضحى)")), 12, 10)]
_ORDINAL = {fold_arabic(k): v for k, v in {"أول": 0, "ثاني": 1, "ثالث": 2, "رابع": 3}.items()}
_DAY_COUNTS = {fold_arabic(k): v for k, v in {"ثلاثة": 3, "أربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7, "ثمانية": 8,
                                               "تسعة": 9, "عشرة": 10}.items()}
DAYS_AGO = re.compile(fold_arabic(r"(?<![\w])(?:قبل|منذ|ذلك\s+بعد)\s+(\d{1,2}|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة)\s+(?:أيام|ايام|يوما)(?![\w])"))
_WEEKDAY_STEMS = tuple(w[2:] for w in WEEKDAYS)          # اثنين، ثلاثاء ... without ال
_RELATIVE_STEMS = ("امس", "اليوم", "الليله", "البارحه", "يومين", "الماضي", "غداه")
STARTING_FROM = re.compile(fold_arabic(r"(?:اعتبارا|اعتبارًا|ابتداء|ابتداءً|بدءا|بدءًا|بدء)\s+من(?:\s+\S+){0,5}\s*$"))
NOT_TODAY = re.compile(fold_arabic(r"(?:عين|حتى|إلى|الى)\s+اليوم|اليوم\s+(?:العالمي|الوطني)"))


@dataclass(slots=True)
class DateCue:
    date: date
    precision: int      # 1 day | 2 week | 3 month+
    start: int          # key offset
    explicit: bool      # a calendar date or weekday, not just the publication day
    weekday: bool = False


def find_date_cues(key: str, published: date | None, start: int = 0, end: int | None = None) -> list[DateCue]:
    """Date cues in folded text key[start:end], resolved against `published`."""
    end = len(key) if end is None else end
    out: list[DateCue] = []
    matches = list(EXPLICIT_RE.finditer(key, start, end))
    if "ال" in key[start:end]:
        matches += ORDINAL_DATE_RE.finditer(key, start, end)
    for m in matches:
        month = MONTHS.get(m.group("month"))
        if not month:
            continue
        before = key[max(start, m.start() - 16):m.start()]
        if NAME_BEFORE.search(before) or SINCE_BEFORE.search(before):
            continue
        day = int(m.group("day")) if m.group("day").isdigit() else _ORDINAL_DAYS[m.group("day")]
        year = int(m.group("year")) if m.group("year") else (published.year if published else None)
        if year is None:
            continue
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if not m.group("year") and published and d > published + timedelta(days=1):
            try:
                d = date(year - 1, month, day)
            except ValueError:
                continue
        out.append(DateCue(d, 1, m.start(), True))
    if published is not None:
        seg = key[start:end]
        if not any(w in seg for w in _WEEKDAY_STEMS):
            return _finish(out, seg, key, published, start, end)
        for m in WEEKDAY_RE.finditer(key, start, end):
            wd = WEEKDAYS[m.group("wd")]
            if STARTING_FROM.search(key, max(start, m.start() - 45), m.start()):
                # «هدنة … اعتبارا من الساعة 11:59 مساء يوم الأحد»: the next such day, not the last
                ahead = (wd - published.weekday()) % 7
                out.append(DateCue(published + timedelta(days=ahead), 1, m.start(), True, True))
                continue
            back = (published.weekday() - wd) % 7
            out.append(DateCue(published - timedelta(days=back), 1, m.start(), True, True))
        return _finish(out, seg, key, published, start, end)
    out.sort(key=lambda c: c.start)
    return out


def _finish(out: list[DateCue], seg: str, key: str, published: date, start: int, end: int) -> list[DateCue]:
    """Relative days and holidays (only searched when their key words occur at all)."""
    if any(w in seg for w in _RELATIVE_STEMS):
        for rx, delta, prec in RELATIVE:
            for m in rx.finditer(key, start, end):
                if any(c.start == m.start() and not c.weekday for c in out):
                    continue      # «أمس الأول» already read as two days ago
                if delta == 0 and NOT_TODAY.search(key, max(start, m.start() - 6), min(end, m.end() + 10)):
                    continue
                out.append(DateCue(published + timedelta(days=delta), prec, m.start(), delta != 0 and prec == 1))
    for m in DAYS_AGO.finditer(key, start, end):
        n = m.group(1)
        days = int(n) if n.isdigit() else _DAY_COUNTS.get(n)
        if days and days <= 14:
            out.append(DateCue(published - timedelta(days=days), 1, m.start(), True))
    if "عيد" in seg:
        for rx, hmonth, hday in HOLIDAYS:
            for m in rx.finditer(key, start, end):
                d = holiday(published, hmonth, hday)
                if d is not None:
                    out.append(DateCue(d + timedelta(days=_ORDINAL.get(m.group(1) or "", 0)), 1, m.start(), True))
    out.sort(key=lambda c: c.start)
    # a weekday right after أمس/اليوم ("أمس الأربعاء") repeats the same day: keep the weekday
    days = [c.start for c in out if c.weekday]
    if days:
        out = [c for c in out if c.weekday or not any(0 < d - c.start <= 16 for d in days)]
    return out


def holiday(published: date, hmonth: int, hday: int) -> date | None:
    """The Gregorian date of the last such Hijri holiday on or before (about) the article date."""
    try:
        from hijridate import Gregorian, Hijri
        year = Gregorian(published.year, published.month, published.day).to_hijri().year
        for y in (year, year - 1):
            g = Hijri(y, hmonth, hday).to_gregorian()
            d = date(g.year, g.month, g.day)
            if d <= published + timedelta(days=1):
                return d
    except (ImportError, ValueError, OverflowError):
        return None
    return None
