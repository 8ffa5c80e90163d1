"""Dates: datelines, Gregorian months of every Arab naming system, Hijri, relative."""
from datetime import date, datetime

import pytest

from marsad.doc import Doc
from marsad.text.dates import MONTHS, find_dates, parse_dateline, parse_published
from marsad.text.normalize import normalize_key

PUB = datetime(2015, 7, 20, 10, 30)          # a Monday


def dates_in(text, published=PUB):
    return [(text[s.start:s.end], s.label, s.data["precision"], s.data["relative"])
            for s in find_dates(Doc(text=text, published=published))]


def test_dateline_and_published():
    assert parse_dateline("الجمعة 15 سبتمبر 2017 06:09 ص") == datetime(2017, 9, 15, 6, 9)
    assert parse_dateline("الأربعاء ٣ آب/أغسطس ٢٠١٦ 08:15 م") == datetime(2016, 8, 3, 20, 15)
    assert parse_dateline("كلمات مفتاحية") is None
    assert parse_published("2015-07-21T02:51:32") == datetime(2015, 7, 21, 2, 51, 32)
    assert parse_published("2015-07-21T02:51:32Z") == datetime(2015, 7, 21, 2, 51, 32)
    assert parse_published("") is None and parse_published("غدا") is None


@pytest.mark.parametrize("names,month", [
    ("يناير كانون الثاني جانفي", 1), ("فبراير شباط فيفري", 2), ("مارس آذار", 3),
    ("أبريل إبريل نيسان أفريل", 4), ("مايو أيار ماي", 5), ("يونيو حزيران جوان", 6),
    ("يوليو تموز جويلية يوليوز", 7), ("أغسطس آب أوت غشت", 8), ("سبتمبر أيلول شتنبر", 9),
    ("أكتوبر تشرين الأول", 10), ("نوفمبر تشرين الثاني نونبر", 11), ("ديسمبر كانون الأول دجنبر", 12),
])
def test_month_names_of_every_naming_system(names, month):
    words = names.split()
    i = 0
    while i < len(words):
        name = words[i]
        if name in ("كانون", "تشرين"):
            name += " " + words[i + 1]
            i += 1
        i += 1
        assert MONTHS[normalize_key(name)] == month
        text = f"وقع الهجوم في 5 {name} 2014 قرب الحدود"
        assert dates_in(text)[0][1] == f"2014-{month:02d}-05", name


@pytest.mark.parametrize("text,expected", [
    ("انطلقت في 28 أغسطس/آب 2017 حافلة", ("28 أغسطس/آب 2017", "2017-08-28", 1, False)),
    ("في 3 آب/أغسطس 2016", ("3 آب/أغسطس 2016", "2016-08-03", 1, False)),
    ("يوم الخميس، 3 مارس 2016 م", ("يوم الخميس، 3 مارس 2016 م", "2016-03-03", 1, False)),
    ("في ١٥ أيلول ٢٠١٧ أعلن", ("١٥ أيلول ٢٠١٧", "2017-09-15", 1, False)),
    ("بتاريخ 15/9/2017 وصل", ("15/9/2017", "2017-09-15", 1, False)),
    ("نشر في 2017-09-15 صباحا", ("2017-09-15", "2017-09-15", 1, False)),
    ("في سبتمبر 2014 بدأت", ("سبتمبر 2014", "2014-09-01", 3, False)),
])
def test_absolute_gregorian(text, expected):
    assert dates_in(text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("الموافق 26 شوال 1436 هـ", ("26 شوال 1436 هـ", "2015-08-11", 1, False)),
    ("في ٢٦ شوال ١٤٣٦هـ", ("٢٦ شوال ١٤٣٦هـ", "2015-08-11", 1, False)),
    ("في 1 رمضان 1436", ("1 رمضان 1436", "2015-06-18", 1, False)),
    ("يوم 10 ذي الحجة 1435 هـ", ("10 ذي الحجة 1435 هـ", "2014-10-04", 1, False)),
    ("في 12 رمضان", ("12 رمضان", "2015-06-29", 1, True)),
    ("الموافق ١٤/ ١٠/ ١٤٣٦هـ", ("١٤/ ١٠/ ١٤٣٦هـ", "2015-07-30", 1, False)),
    ("الموافق 9 / 9 / 1436هـ", ("9 / 9 / 1436هـ", "2015-06-26", 1, False)),
])
def test_hijri_umm_al_qura(text, expected):
    assert dates_in(text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("وأعلن الجيش، أمس، سيطرته", ("أمس", "2015-07-19", 1, True)),
    ("حدد رئيس الوزراء، اليوم (الاثنين)، ملامح", ("اليوم (الاثنين)", "2015-07-20", 1, True)),
    ("وصلت القافلة مساء الأربعاء", ("مساء الأربعاء", "2015-07-15", 1, True)),
    ("شنت الطائرات غارات فجر أمس", ("فجر أمس", "2015-07-19", 1, True)),
    ("اندلعت اشتباكات الليلة الماضية", ("الليلة الماضية", "2015-07-19", 1, True)),
    ("سقطت قذائف الليل قبل الماضي", ("الليل قبل الماضي", "2015-07-18", 1, True)),
    ("أعلن التحالف الأسبوع الماضي", ("الأسبوع الماضي", "2015-07-13", 2, True)),
    ("في 28 أغسطس/آب الماضي", ("28 أغسطس/آب الماضي", "2014-08-28", 1, True)),
    ("في 12 يوليو الماضي", ("12 يوليو الماضي", "2015-07-12", 1, True)),
    ("قتل منذ يومين", ("منذ يومين", "2015-07-18", 1, True)),
    ("قبل ثلاثة أيام", ("قبل ثلاثة أيام", "2015-07-17", 1, True)),
    ("في الشهر الماضي", ("الشهر الماضي", "2015-06-01", 3, True)),
    ("يوم الجمعة الماضي", ("يوم الجمعة الماضي", "2015-07-17", 1, True)),
    ("يوم الاثنين الماضي", ("يوم الاثنين الماضي", "2015-07-13", 1, True)),
    ("وقال الخميس إن", ("الخميس", "2015-07-16", 1, True)),
    ("أول أمس", ("أول أمس", "2015-07-18", 1, True)),
    ("في شهر مارس الماضي", ("شهر مارس الماضي", "2015-03-01", 3, True)),
    ("منذ أسبوعين", ("منذ أسبوعين", "2015-07-06", 2, True)),
    ("اجتمع المجلس مساء أمس الأحد، برئاسة", ("مساء أمس الأحد", "2015-07-19", 1, True)),
    ("يزور الأردن غداً لبحث العلاقات", ("غداً", "2015-07-21", 1, True)),
    ("هبت عواصف قوية أمس الأول الخميس", ("أمس الأول الخميس", "2015-07-18", 1, True)),
    ("وصل أول من أمس (السبت)", ("أول من أمس (السبت)", "2015-07-18", 1, True)),
    ("تعرض المسرحية حتى السبت", ("حتى السبت", "2015-07-25", 1, True)),
])
def test_relative_expressions_resolve_against_publication(text, expected):
    assert dates_in(text) == [expected]


def test_weekday_is_the_most_recent_on_or_before_publication():
    monday = datetime(2015, 7, 20)
    assert dates_in("الاثنين", monday)[0][1] == "2015-07-20"
    assert dates_in("الاثنين الماضي", monday)[0][1] == "2015-07-13"
    assert dates_in("الأحد", monday)[0][1] == "2015-07-19"
    assert dates_in("الثلاثاء", monday)[0][1] == "2015-07-14"


def test_relative_without_publication_date_is_unresolved_but_absolute_is_not():
    got = dates_in("أمس، وفي 5 مارس 2016 وفي 28 أغسطس الماضي", None)
    assert [(g[0], g[1], g[3]) for g in got] == [("أمس", "", True), ("5 مارس 2016", "2016-03-05", False),
                                               ("28 أغسطس الماضي", "", True)]


def test_year_inference_handles_leap_days():
    assert dates_in("في 29 فبراير الماضي", datetime(2017, 3, 1))[0][1] == "2016-02-29"


def test_non_dates_are_ignored():
    assert dates_in("اليوم الوطني للمملكة") == []
    assert dates_in("بلغ عدد القتلى 2017 شخصا") == []
    assert dates_in("في 45 مارس") == []
    assert dates_in("3 صفر") == []
    assert dates_in("منذ أيام") == []
    assert dates_in("منذ بدايات النزاع") == []
    assert dates_in("ودعنا بالأمس القريب زميلا") == []
    assert dates_in("نحن في أمسّ الحاجة إلى الوحدة") == []
    assert dates_in("وأشار في اتصال هاتفي مع (اليوم) إلى أن") == []
    assert dates_in("عين اليوم – الدمام عقدت الأمانة") == []
    assert dates_in("ما بين اليوم 15 و20 من الشهر") == []      # "day 15", not today
    # an impossible day falls back to the month it names
    assert dates_in("في 31 فبراير الماضي") == [("فبراير الماضي", "2015-02-01", 3, True)]


def test_impossible_dates_are_never_returned():
    for text in ["31 فبراير 2016", "30 فبراير الماضي", "0 مارس 2015", "15/13/2017", "2017-02-30",
                 "35 شوال 1436 هـ", "1 محرم 1200 هـ", "5 مارس 0000", "12/12/9999"]:
        for _, label, _, _ in dates_in(text):
            assert label == "" or date.fromisoformat(label)


def test_never_raises_on_odd_input():
    for text in ["", " ", "٠٠:٠٠", "هـ", "1436 هـ", "منذ 999 يوم", "منذ ٠ أيام", "قبل مليون سنة", "اليوم (", "\x00"]:
        find_dates(Doc(text=text, published=PUB))
        find_dates(Doc(text=text))
