"""The search analyzer: normalization plus light stemming, index and query alike."""
from __future__ import annotations

import pytest

from marsad.corpus.search import find_hits, make_snippet
from marsad.corpus.terms import stem, terms


@pytest.mark.parametrize("a,b", [
    ("غارات", "غارة"), ("بدمشق", "دمشق"), ("الإسلامية", "إسلامية"), ("والمعارضة", "معارضة"),
    ("للتحالف", "التحالف"), ("الانتحارية", "انتحاري"), ("التفجيرات", "تفجير"), ("بحلب", "حلب"),
    ("المسلحين", "مسلحون"), ("إسرائيل", "اسرائيل"), ("مُسلّحون", "مسلحون"),
])
def test_inflections_share_a_term(a, b):
    assert terms(a) == terms(b)


@pytest.mark.parametrize("a,b", [("لبنان", "بن"), ("سوريا", "سور"), ("دمشق", "مشق")])
def test_short_words_are_not_overstemmed(a, b):
    assert terms(a) != terms(b)


def test_stem_keeps_three_letters_and_non_arabic():
    assert stem("قتل") == "قتل" and stem("isis") == "isis" and stem("2015") == "2015"


def test_hits_and_snippet_offsets_are_in_the_original_text():
    body = "قالت مصادرُ محلية إن الغاراتِ استهدفت ريفَ دمشق، وإن غارةً أخرى ضربت بدمشق مساءً."
    hits = find_hits(body, set(terms("غارة دمشق")))
    assert [body[s:e] for s, e in hits] == ["الغاراتِ", "دمشق", "غارةً", "بدمشق"]
    snippet, highlights = make_snippet(body, set(terms("غارة")))
    assert "⟦الغاراتِ⟧" in snippet and "⟦غارةً⟧" in snippet
    assert [body[s:e] for s, e in highlights] == ["الغاراتِ", "غارةً"]
