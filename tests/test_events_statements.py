"""Statements, period totals and undated background are no events (issue 5, dev3's blind errors).

Each rule is checked on sentences we wrote ourselves, with a positive twin where the rule
could over-reach."""
from __future__ import annotations

import pytest

from marsad.events.casualties import find_figures, summarize
from marsad.text.normalize import fold


def full_events(text: str) -> list[dict]:
    from marsad.pipeline import Pipeline
    p = Pipeline(["text", "entities", "geo", "events"])
    return p.run(p.make_doc(text, published="2015-07-25T10:00:00")).events


@pytest.mark.parametrize("text", [
    # a speaker's stance on fighting
    "أعربت المنظمة الدولية عن قلقها إزاء تجدد الاشتباكات في مدينة سبها جنوب ليبيا.",
    "وأعلنت الحكومة رفضها تعرض المدنيين للقصف في مدينة الموصل.",
    # readiness and purpose
    "وقال الوزير إنه مستعد لإصدار أوامر بشن ضربات جوية على مواقع التنظيم في سوريا.",
    "وبدأت الشرطة تحقيقا موسعا بهدف القبض على منفذي الهجوم في مدينة أضنة.",
    # the trigger noun's predicate is a future or a purpose
    "وقال المتحدث إن الغارات الجوية على مواقع الجيش في حلب ستزيد من معاناة السكان.",
    "ويقول المسؤولون إن الغارات تهدف إلى إضعاف قدرة التنظيم في محافظة الرقة.",
    # a condemnation's epithets right after the trigger
    "وأكد المتحدث باسم الوزارة أن الهجوم الإرهابي الغادر يكشف حقيقة التنظيم.",
])
def test_statements_about_violence_are_no_events(text):
    assert full_events(text) == []


def test_a_plain_report_next_to_those_words_stays():
    evs = full_events("قتل 4 جنود أمس في هجوم شنه مسلحون على حاجز للجيش في مدينة العريش.")
    assert [(e["event_type"], e["fatalities"]["best"]) for e in evs] == [("Battles", 4)]


def test_a_share_is_no_count_of_people():
    for s in ("نسب التقرير سقوط 40% من القتلى إلى القصف", "تراجع عدد القتلى بنسبة 6 في المئة",
              "مقتل 12 بالمئة من الضحايا في الاشتباكات"):
        assert summarize(find_figures(fold(s)), "killed")["best"] is None, s
    assert summarize(find_figures(fold("مقتل 12 شخصا في الاشتباكات")), "killed")["best"] == 12


def test_more_about_a_period_total_is_no_event():
    text = ("قالت الوكالة إن 200 مسلح قتلوا خلال شهر من الغارات الجوية على معاقل الحزب في شمال العراق. "
            "وأضافت أن خمسة من قادة الحزب قتلوا في الغارات.")
    assert full_events(text) == []


def test_a_pattern_over_years_is_no_event():
    assert full_events("وتتواصل الغارات الجوية على مواقع التنظيم في محافظة مأرب منذ سنوات.") == []


def test_background_dated_only_by_its_week_is_left_out():
    assert full_events("وأصيب ثلاثة جنود في انفجار لغم أرضي قرب الحدود مع سوريا الأسبوع الماضي.") == []
    evs = full_events("وأصيب ثلاثة جنود في انفجار لغم أرضي قرب الحدود مع سوريا أمس.")
    assert [(e["sub_event_type"], e["injuries"]["best"]) for e in evs] == [("Remote explosive/landmine/IED", 3)]


def test_an_attempt_on_a_place_changes_no_hands():
    evs = full_events("وصد المقاتلون الأكراد أمس محاولة التنظيم استعادة بلدة صرين في ريف حلب.")
    assert "territory" not in " ".join(e["sub_event_type"] for e in evs)
    evs = full_events("واستعاد المقاتلون الأكراد أمس السيطرة على بلدة صرين في ريف حلب.")
    assert ["territory" in e["sub_event_type"] for e in evs] == [True]


def test_a_series_of_raids_across_the_country_is_no_event():
    assert full_events("وقامت الأجهزة الأمنية بسلسلة من المداهمات في مختلف أنحاء البلاد بحثا عن الخلايا النائمة.") == []


def test_an_also_sentence_after_a_period_total_continues_it():
    text = ("أفاد المرصد بأن غارات التحالف قتلت 900 من مسلحي التنظيم خلال عشرة أشهر. "
            "كما لقي 40 مسلحا من جبهة النصرة حتفهم جراء غارات التحالف على مقراتها في ريف إدلب.")
    assert full_events(text) == []
