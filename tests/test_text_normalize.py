"""Normalization for matching keys: folds spelling variants, never moves offsets."""
from marsad.text.normalize import (FoldedText, fold, normalize_alef, normalize_digits, normalize_key,
                                   normalize_quotes, normalize_ta_marbuta, normalize_with_offsets,
                                   normalize_ya, raw_pattern, remove_controls, remove_tatweel,
                                   strip_diacritics)
import re


def test_each_fold_does_one_thing():
    assert strip_diacritics("سُلِّمت") == "سلمت"
    assert remove_tatweel("الـمـرصد") == "المرصد"
    assert remove_controls("دير\u200f الزور\u200b") == "دير الزور"
    assert normalize_alef("إسلامية أحمد آمنة") == "اسلامية احمد امنة"
    assert normalize_ya("موسى") == "موسي"
    assert normalize_ta_marbuta("الدولة") == "الدوله"
    assert normalize_digits("١٤ و٦٠ و۲۰") == "14 و60 و20"
    assert normalize_quotes("«الشرق الأوسط»") == '"الشرق الأوسط"'


def test_normalize_key_matches_spelling_variants():
    assert normalize_key("تنظيم «الدولة الإسلاميّة»") == normalize_key('تنظيم "الدوله الاسلاميه"')
    assert normalize_key("  دير   الزور ") == "دير الزور"
    assert normalize_key("ISIS") == "isis"


def test_normalization_is_idempotent():
    for s in ["وأشار «رامي عبد الرحمن» مدير «المرصد السوري لحقوق الإنسان»",
              "سُلِّمت للطرف الروسي ١٤ شخصاً", "الـمـرصد\u200f إلى موسى"]:
        assert normalize_key(normalize_key(s)) == normalize_key(s)
        assert fold(fold(s)) == fold(s)


def test_fold_maps_one_char_to_at_most_one():
    s = "مضيفاً في تصريحات لـ«الشرق الأوسط»: «قد تكون تلك الجثث سُلِّمت»"
    folded, offsets = normalize_with_offsets(s)
    assert folded == fold(s)
    assert len(offsets) == len(folded) + 1
    for i, ch in enumerate(folded):
        assert fold(s[offsets[i]]) == ch


def test_folded_text_maps_spans_back_to_the_original():
    s = "مضيفاً في تصريحات سُلِّمت للطرف الروسي"
    ft = FoldedText(s)
    assert ft.key == fold(s)
    for word in ("سلمت", "مضيفا", "الروسي", "في"):
        i = ft.key.index(word)
        a, b = ft.span(i, i + len(word))
        assert fold(s[a:b]) == word
    assert ft.span(ft.key.index("سلمت"), ft.key.index("سلمت") + 4) == (s.index("سُلِّمت"), s.index("سُلِّمت") + 7)


def test_folded_text_without_marks_is_identity():
    s = "كشف التدخل الروسي"
    ft = FoldedText(s)
    assert all(ft.original(i) == i for i in range(len(s) + 1))


def test_raw_pattern_matches_unfolded_spellings():
    rx = re.compile(raw_pattern("الاسبوع الماضي|الدوله الاسلاميه"))
    assert rx.search("الأسبوع الماضي")
    assert rx.search("تنظيم الدولة الإسلامية")
    assert re.compile(raw_pattern(r"[وف]?امس")).fullmatch("وأمس")
