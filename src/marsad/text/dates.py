"""Dates in Arabic news: datelines, Gregorian/Hijri dates and relative expressions.

(Foundation version: datelines and absolute Gregorian dates; relative expressions
and Hijri dates are resolved by `find_dates`.)
"""
from __future__ import annotations

import re
from datetime import datetime

from .normalize import normalize_key

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
