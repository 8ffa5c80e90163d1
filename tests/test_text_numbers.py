"""Numbers: digits of both scripts, number words, vague quantities (ACLED conventions)."""
import pytest

from marsad.doc import Doc
from marsad.text.numbers import find_numbers, parse_number, parse_quantity


@pytest.mark.parametrize("text,value", [
    ("14", 14), ("١٤", 14), ("۲۰", 20), ("1,500", 1500), ("3.5", 3.5), ("٣٫٥", 3.5),
    ("واحد", 1), ("اثنين", 2), ("ثلاثة", 3), ("ثلاث", 3), ("ثماني", 8), ("عشرة", 10),
    ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12), ("خمسة عشر", 15), ("ثلاث عشرة", 13),
    ("عشرين", 20), ("عشرون", 20), ("خمسة وعشرين", 25), ("مئة", 100), ("مائة", 100), ("مئتي", 200),
    ("ثلاثمائة", 300), ("ثلاث مئة", 300), ("مئة وعشرين", 120), ("ألف", 1000), ("ألفين", 2000),
    ("ثلاثة آلاف", 3000), ("عشرة آلاف", 10000), ("ثلاثمائة ألف", 300000),
    ("ثلاثة آلاف وخمسمائة وخمسة وعشرون", 3525), ("مليون", 1_000_000), ("سبعة ملايين", 7_000_000),
    ("3 آلاف", 3000), ("2.5 مليون", 2_500_000), ("وثلاثة", 3), ("بثلاثة", 3), ("الثلاثة", 3),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text,value", [
    ("عشرات", 10), ("العشرات", 10), ("مئات", 100), ("آلاف", 1000), ("عشرات الآلاف", 10000),
    ("مئات الآلاف", 100000), ("dozens", 12), ("وعشرات", 10),
])
def test_vague_quantities_follow_acled(text, value):
    assert parse_quantity(text) == (value, True)


@pytest.mark.parametrize("text", ["", "   ", "كتاب", "06:09", "الاثنين", "أحد", "ثلاثة كتب", "1.2.3", None, 5])
def test_not_a_number(text):
    assert parse_number(text) is None


def test_find_numbers_offsets_values_and_vagueness():
    text = "أسفر القصف عن مقتل 14 شخصاً وإصابة ٦٠ آخرين، ونزوح عشرات العائلات وثلاثة آلاف مدني."
    spans = find_numbers(Doc(text=text))
    got = [(text[s.start:s.end], s.data["value"], s.data["vague"]) for s in spans]
    assert got == [("14", 14, False), ("٦٠", 60, False), ("عشرات", 10, True), ("ثلاثة آلاف", 3000, False)]
    assert all(s.label == "number" for s in spans)


def test_find_numbers_skips_days_and_years_of_dates():
    from marsad.text.stage import TextStage
    text = "انطلقت في 28 أغسطس/آب 2017 حافلة تقل مئات المسلحين و12 امرأة."
    doc = TextStage()(Doc(text=text))
    assert [(text[s.start:s.end], s.data["value"]) for s in doc.numbers] == [("مئات", 100), ("12", 12)]
