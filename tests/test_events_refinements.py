"""Refinements of event arguments: referenced events, weekday dates, stray geocodes, added tolls."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from marsad.doc import Doc
from marsad.events.arguments import stray_places
from marsad.events.stage import EventStage
from marsad.events.timing import find_date_cues
from marsad.text.normalize import fold
from marsad.text.stage import TextStage


def events_of(text: str, published: datetime | None = None) -> list[dict]:
    doc = TextStage()(Doc(text=text, published=published))
    return EventStage()(doc).events


def test_weekday_after_relative_day_wins():
    pub = date(2015, 7, 19)   # a Sunday
    cues = find_date_cues(fold("وقع الانفجار أمس الأول الجمعة في السوق"), pub)
    assert [c.date for c in cues] == [date(2015, 7, 17)]


def test_arrest_for_an_earlier_bombing_is_two_events_with_their_own_dates():
    text = ("أعلن وزير الداخلية اليوم الأحد اعتقال المتورطين بالتفجير الذي استهدف سوقا في البلدة "
            "أمس الأول الجمعة.")
    evs = events_of(text, datetime(2015, 7, 19, 12))
    kinds = {e["sub_event_type"]: e["date"] for e in evs}
    assert kinds.get("Arrests") == "2015-07-19"
    assert kinds.get("Remote explosive/landmine/IED") == "2015-07-17"


def test_a_lone_place_of_a_foreign_country_is_a_stray_geocode():
    doc = Doc(text="x")
    doc.places = [{"name": "بني", "country_code": "PK", "feature": "village"},
                  {"name": "ديالى", "country_code": "IQ", "feature": "admin1"},
                  {"name": "بغداد", "country_code": "IQ", "feature": "city"}]
    mentions = [(0, 3, 0, False), (10, 15, 1, False), (20, 25, 2, False)]
    assert stray_places(doc, mentions, "IQ") == frozenset({0})
    assert stray_places(doc, mentions, None) == frozenset()


def test_victims_added_with_idafa_ila_count_in_the_toll():
    evs = events_of("حدث تفجير انتحاري في مسجد للقوات نتج عنه استشهاد 12 من منسوبي القوات إضافة إلى ثلاثة "
                    "من العاملين في الموقع وإصابة سبعة آخرين.")
    assert evs and evs[0]["fatalities"]["best"] == 15 and evs[0]["injuries"]["best"] == 7


def test_worst_attack_this_year_is_not_a_statistic():
    evs = events_of("وسقط عشرات القتلى جراء التفجير الانتحاري في سوق شعبية ويعد الأسوأ من نوعه خلال العام الجاري.")
    assert evs and evs[0]["fatalities"]["best"] == 10


def test_attack_and_clash_in_two_towns_of_one_sentence_are_two_events():
    from marsad.pipeline import Pipeline
    text = ("وقتل ثلاثة جنود ومسلح أمس الأحد في هجوم بمدينة العريش عاصمة محافظة شمال سيناء "
            "واشتباك بمدينة السويس التي تقع شرقي القاهرة.")
    rec = Pipeline(["text", "geo", "events"]).analyze(text, published="2015-08-10T10:00:00")
    towns = sorted((e["location"] or {}).get("name") or "" for e in rec["events"])
    assert towns == ["السويس", "العريش"]
    assert all(e["date"] == "2015-08-09" for e in rec["events"])


def test_ila_dhalik_opens_another_event():
    text = ("قتل 16 شخصا وجرح 30 في تفجير سيارة مفخخة في شارع تجاري ببغداد أمس الأربعاء. "
            "إلى ذلك، قتل خمسة أشخاص وجرح 16 في هجوم انتحاري استهدف نقطة تفتيش للشرطة.")
    evs = events_of(text, datetime(2015, 7, 23, 10))
    assert sorted(e["fatalities"]["best"] for e in evs) == [5, 16]


def test_bombings_on_two_named_days_stay_apart():
    text = ("قتل 12 شخصا في تفجير سيارة مفخخة في سوق ببغداد الأربعاء. "
            "وقتل 19 شخصا في تفجير سيارة مفخخة استهدف سوقا تجارية الثلاثاء.")
    evs = events_of(text, datetime(2015, 7, 23, 10))
    assert sorted(e["date"] for e in evs) == ["2015-07-21", "2015-07-22"]


def test_a_sentence_packing_several_events_gives_one_per_clause():
    from marsad.pipeline import Pipeline
    text = ("ونفذ الطيران الحربي غارات عدة على مدينة بنش بريف إدلب الشمالي، بينما قتل قائد عسكري "
            "خلال اشتباكات مع قوات النظام في جسر الشغور، في وقت أقدمت جبهة النصرة في مدينة خان شيخون "
            "على إعدام محام بإطلاق النار عليه.")
    rec = Pipeline(["text", "geo", "events"]).analyze(text, published="2015-08-04T10:00:00")
    subs = sorted(e["sub_event_type"] for e in rec["events"])
    assert subs == ["Air/drone strike", "Armed clash", "Attack"]


def test_a_scene_that_spreads_is_not_a_withdrawal():
    assert not [e for e in events_of("وانسحب هذا المشهد على ريف إدلب حيث اشتد القتال.")
                if e["sub_event_type"] == "Non-violent transfer of territory"]


def test_a_town_in_the_title_refines_the_region_of_the_text():
    from marsad.pipeline import Pipeline
    text = "حدث تفجير انتحاري في مسجد مقر قوات الطوارئ بمنطقة عسير أثناء صلاة الظهر نتج عنه استشهاد 15 شخصا."
    pl = Pipeline(["text", "geo", "events"])
    rec = pl.analyze(text, title="تفجير انتحاري بمسجد قوات الطوارئ بأبها", published="2015-08-06T18:00:00")
    assert rec["events"][0]["location"]["name"] == "أبها"
    rec = pl.analyze(text, title="تفجير انتحاري في مسجد", published="2015-08-06T18:00:00")
    assert rec["events"][0]["location"]["name"] == "عسير"


def test_an_attack_named_only_as_the_cause_of_another_is_background():
    evs = events_of("تبنى متمردو حزب العمال الكردستاني قتل شرطيين تركيين قرب الحدود ردا على الهجوم الانتحاري "
                    "الدموي الذي نسب إلى تنظيم داعش.", datetime(2015, 7, 23, 10))
    assert [e["sub_event_type"] for e in evs] == ["Armed clash"]
    assert evs[0]["fatalities"]["best"] == 2


@pytest.mark.parametrize("sentence", [
    "أوقعت الغارات الجوية التركية على مواقع المتمردين حتى الآن أكثر من 260 قتيلا.",
    "أعدم تنظيم داعش أكثر من 2000 شخص من أهل الموصل.",
    "ويستمر الأمن باعتقال 935 معتقلا وثقت المجموعة أسماءهم.",
])
def test_running_totals_are_not_events(sentence):
    assert not [e for e in events_of(sentence) if e["fatalities"]["best"]]


def test_opening_fire_with_the_subject_in_between():
    evs = events_of("فتح مسلح النار فجر أمس الاثنين على المارة في شارع الاستقلال وسط المدينة، ما أسفر عن إصابة "
                    "خمسة أشخاص بينهم سائح.", datetime(2015, 7, 21, 10))
    assert len(evs) == 1 and evs[0]["event_type"] == "Violence against civilians"
    assert evs[0]["injuries"]["best"] == 5 and evs[0]["date"] == "2015-07-20"


def test_massacres_by_aircraft_are_air_strikes_and_per_town_tolls_in_a_war_report():
    text = ("شهدت محافظتا إدلب وحلب مجزرتين في أول أيام عيد الفطر، نفذهما طيران النظام الحربي. "
            "وسقط 20 قتيلا على الأقل بينهم أطفال في بلدة معرة مصرين، كما سقط 6 قتلى في بلدة دارة عزة، "
            "مع استمرار المعارك في محيط البلدات المحاصرة.")
    from marsad.pipeline import Pipeline
    evs = Pipeline(["text", "geo", "events"]).analyze(text, published="2015-07-21T10:00:00")["events"]
    assert evs[0]["sub_event_type"] == "Air/drone strike" and evs[0]["date"] == "2015-07-17"
    assert sorted(e["fatalities"]["best"] for e in evs if e["fatalities"]["best"]) == [6, 20]


def test_shelling_without_losses_has_zero_fatalities():
    evs = events_of("قصفت قوات النظام أمس أماكن في قرية غمام بريف اللاذقية، لكن هذا القصف لم يؤد إلى خسائر بشرية.",
                    datetime(2015, 8, 4, 10))
    assert evs and evs[0]["fatalities"]["best"] == 0


def test_a_stated_zero_gives_way_to_a_count():
    from marsad.events.casualties import Figure, summarize
    figs = [Figure("killed", 0, False, False, 0), Figure("killed", 4, False, False, 10)]
    assert summarize(figs, "killed")["best"] == 4


def test_clashes_going_on_while_a_shelling_is_told_are_their_own_event():
    from marsad.pipeline import Pipeline
    text = ("قصف الحوثيون أحياء سكنية في مدينة تعز أمس. وجاء هذا القصف بينما استمرت الاشتباكات بين المقاومة "
            "الشعبية والحوثيين في مدينة عدن.")
    evs = Pipeline(["text", "geo", "events"]).analyze(text, published="2015-07-20T10:00:00")["events"]
    subs = [e["sub_event_type"] for e in evs]
    assert "Armed clash" in subs


def test_bare_tolls_after_air_strikes_are_air_strikes_too():
    from marsad.pipeline import Pipeline
    text = ("شهدت محافظتا إدلب وحلب مجزرتين في أول أيام عيد الفطر، نفذهما طيران النظام الحربي. "
            "وسقط 20 قتيلا على الأقل بينهم أطفال في بلدة معرة مصرين، كما سقط 6 قتلى في بلدة دارة عزة، "
            "مع استمرار المعارك في محيط البلدات المحاصرة.")
    evs = Pipeline(["text", "geo", "events"]).analyze(text, published="2015-07-21T10:00:00")["events"]
    tolls = [e for e in evs if e["fatalities"]["best"]]
    assert tolls and all(e["sub_event_type"] == "Air/drone strike" for e in tolls)


def test_the_day_of_a_statement_is_not_the_day_of_the_clashes():
    text = ("قال مسؤولون اليوم (الثلاثاء) إن العشرات سقطوا قتلى في اشتباكات بين مسلحين من قبيلتين في مدينة سبها. "
            "وقال عميد البلدية إن الاشتباكات تفجرت بين الطرفين قبل أربعة أيام.")
    evs = events_of(text, datetime(2015, 7, 21, 18))
    assert [e["date"] for e in evs] == ["2015-07-17"]


def test_intensified_strikes_on_a_named_day_are_an_event_but_not_without_one():
    dated = "كثفت قوات التحالف، أمس، غاراتها الجوية على مواقع الحوثيين في مدينة لحج."
    undated = "كثفت قوات التحالف غاراتها الجوية على مواقع الحوثيين في اليمن."
    assert [e["sub_event_type"] for e in events_of(dated, datetime(2015, 7, 25, 10))] == ["Air/drone strike"]
    assert events_of(undated, datetime(2015, 7, 25, 10)) == []


def test_comes_two_days_after_dates_the_earlier_attack():
    pub = date(2015, 7, 22)
    cues = find_date_cues(fold("ويأتي ذلك بعد يومين على هجوم انتحاري"), pub)
    assert [c.date for c in cues] == [date(2015, 7, 20)]
    assert find_date_cues(fold("أفرج عنه بعد يومين من اختطافه"), pub) == []


def test_a_call_to_free_the_kidnapped_is_not_a_kidnapping():
    assert events_of("دعا المبعوث الأممي إلى الإفراج فورا عن الإيطاليين المختطفين في منطقة مليتة.") == []


def test_a_car_bomb_of_a_past_month_and_year_is_history():
    text = "وهي لبنانية أوقفت في فبراير 2014 بينما كانت تقود سيارة مفخخة في بلدة عرسال."
    assert events_of(text, datetime(2015, 7, 21, 10)) == []


def test_riot_with_intervention_keeps_a_valid_acled_pair():
    """A riot word with police intervention is coded with a sub-type that belongs to its type."""
    from marsad.pipeline import Pipeline
    from marsad.record import ACLED_TYPES, validate_record
    text = ("اندلعت أعمال شغب في وسط المدينة يوم الجمعة، وفرقت قوات الأمن المحتجين بالغاز المسيل "
            "للدموع واعتقلت عشرات منهم.")
    rec = Pipeline().analyze(text, published="2015-08-07T12:00:00")
    assert validate_record(rec) == []
    for ev in rec["events"]:
        assert ev["sub_event_type"] in ACLED_TYPES[ev["event_type"]]
