"""Lists of places in one report are one event per place (issue 5, dev3's blind errors).

Coalition statements count strikes place by place («خمس غارات قرب الموصل وثلاث قرب الرمادي»)
or list where the rest fell; ACLED codes one event per location. Sentences are our own."""
from __future__ import annotations

from marsad.text.normalize import fold


def full_events(text: str) -> list[dict]:
    from marsad.pipeline import Pipeline
    p = Pipeline(["text", "entities", "geo", "events"])
    return p.run(p.make_doc(text, published="2015-07-25T10:00:00")).events


def places(evs: list[dict]) -> list[tuple[str, str]]:
    return [(e["sub_event_type"], fold(e["location"]["name"]) if e["location"] else None) for e in evs]


def test_counted_list_of_strikes_is_one_event_per_place():
    evs = full_events("وقال بيان للتحالف إن طائراته نفذت أمس خمس غارات قرب الموصل وثلاث قرب الرمادي و4 قرب سنجار.")
    assert [p for _, p in places(evs)] == [fold(n) for n in ("الموصل", "الرمادي", "سنجار")]
    assert {t for t, _ in places(evs)} == {"Air/drone strike"}


def test_a_relative_clause_naming_new_places_is_not_a_retelling():
    text = ("شنت طائرات التحالف الدولي أمس عشر غارات جوية في العراق وسوريا. "
            "وأضاف البيان أن الغارات الجوية التي جرت في سوريا تركزت حول الحسكة وحلب.")
    names = [p for _, p in places(full_events(text))]
    assert fold("الحسكة") in names and fold("حلب") in names


def test_strikes_named_by_their_verb():
    evs = full_events("وجرت الضربات الأخرى للتحالف أمس قرب كركوك والفلوجة.")
    assert places(evs) == [("Air/drone strike", fold("كركوك")), ("Air/drone strike", fold("الفلوجة"))]
    evs = full_events("وقتل اثنان من عناصر الحزب أمس في ضربة إسرائيلية جوية استهدفت سيارتهما في القنيطرة.")
    assert [e["sub_event_type"] for e in evs] == ["Air/drone strike"]


def test_a_mandate_to_strike_is_no_strike():
    assert full_events("وخسر الوزير تصويتا في البرلمان على تفويض لشن ضربات على مواقع التنظيم في سوريا.") == []


def test_other_victims_in_another_circumstance_are_another_event():
    evs = full_events("قتل ثلاثة جنود أمس في هجوم على حاجز في مدينة أجدابيا. "
                      "وقتل جنديان آخران عندما أرسل الجيش تعزيزات إلى المنطقة.")
    assert [e["fatalities"]["best"] for e in evs] == [3, 2]
    evs = full_events("قتل ثلاثة جنود أمس في هجوم على حاجز في مدينة أجدابيا. وأصيب خمسة آخرون في الهجوم.")
    assert [(e["fatalities"]["best"], e["injuries"]["best"]) for e in evs] == [(3, 5)]


def test_a_stretch_between_two_places_is_no_list():
    evs = full_events("قتل 4 جنود أمس في كمين نصبه مسلحون على الطريق بين أجدابيا وطبرق.")
    assert len(evs) == 1


def test_an_events_toll_so_far_is_no_period_total():
    evs = full_events("نصب مسلحون كمينا لرتل للجيش أمس قرب مدينة أجدابيا والحصيلة حتى الآن قتيلان وخمسة جرحى.")
    assert [(e["event_type"], e["fatalities"]["best"]) for e in evs] == [("Battles", 2)]


def test_a_singular_speaker_is_not_the_subject_of_a_plural_verb():
    from marsad.events.casualties import find_figures, summarize
    figs = find_figures(fold("وقال مسؤول عسكري إن خمسة جنود قتلوا في الهجوم"))
    assert summarize(figs, "killed")["best"] == 5


def test_who_holds_what_told_later_without_day_or_source_is_background():
    lead = "قتل ثلاثة جنود أمس في هجوم على حاجز في مدينة أجدابيا. وأصيب خمسة آخرون في الهجوم. "
    evs = full_events(lead + "وسيطر المتشددون على مدينة سرت إلى الغرب من أجدابيا.")
    assert [e["sub_event_type"] for e in evs] == ["Armed clash"]
    evs = full_events(lead + "كما قالت مصادر عسكرية إن المتشددين سيطروا على مدينة سرت.")
    assert len(evs) == 2


def test_fighters_taken_captive_are_an_abduction():
    evs = full_events("وأسرت المقاومة الشعبية أمس 30 من مسلحي الحوثي في مديرية لودر بمحافظة أبين.")
    assert [e["sub_event_type"] for e in evs] == ["Abduction/forced disappearance"]


def test_a_strike_list_names_who_flies_once():
    evs = full_events("قال بيان إن القوات التي تقودها الولايات المتحدة شنت أمس خمس غارات قرب الموصل. "
                      "وجرت الضربات الأخرى قرب كركوك والفلوجة.")
    assert len(evs) == 3
    assert {e["actor1"]["canonical"] for e in evs if e["actor1"]} == {"التحالف الدولي"}
    assert all(e["actor1"] for e in evs)
