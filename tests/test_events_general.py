"""General Arabic-news rules (issue 5, held-out gap), each on a sentence we wrote ourselves."""
from __future__ import annotations

from datetime import datetime

import pytest

from marsad.doc import Doc
from marsad.events.casualties import find_figures, summarize
from marsad.events.stage import EventStage
from marsad.text.normalize import fold
from marsad.text.stage import TextStage


def figures(sentence: str) -> tuple:
    figs = find_figures(fold(sentence))
    return summarize(figs, "killed")["best"], summarize(figs, "injured")["best"]


@pytest.mark.parametrize("sentence,expected", [
    # a second count with its own casualty noun is another figure, not more of the first
    ("أسفر الهجوم عن مقتل 12 شخصا و4 من الجرحى", (12, 4)),
    ("أدى القصف إلى مقتل 9 أشخاص وخمسة جرحى", (9, 5)),
    ("قتل ضابط و3 جنود في الكمين", (4, None)),                  # one count still adds up
    ("قتل 5 من المسلحين و2 من الجنود", (7, None)),
    # verb, then a place/time phrase, then its subject count
    ("وقتل في المواجهات 6 من المسلحين", (6, None)),
    ("وأصيب أمس ثلاثة جنود بجروح", (None, 3)),
    ("قتل في الغارة جنديان", (2, None)),
    ("قتل في عام 2010 رجل أعمال", (None, None)),               # a year is no count
    ("قتل قائد ميداني وأحد مرافقيه في الكمين", (2, None)),       # و + number word goes on counting
    # words between a count of people and its (passive) verb
    ("وقالت المصادر إن 14 جنديا من الجيش على الأقل أصيبوا في الهجوم", (None, 14)),
    ("وأكد المسؤول أن قياديا بارزا في الجماعة قتل في الغارة", (1, None)),
    ("وقال إن ضابطا في الجيش قتل 3 مسلحين", (3, None)),          # active verb: the object is the toll
    ("مقتل 9 أشخاص من بينهم جندي واحد، وأن 20 شخصا آخرين أصيبوا", (9, 20)),
    ("وقالت الوزارة إن ضابطي شرطة ومدنيا أصيبوا في الانفجار", (None, 3)),   # a dual in construct
])
def test_count_forms(sentence, expected):
    assert figures(sentence) == expected


def full_events(text: str) -> list[dict]:
    from marsad.pipeline import Pipeline
    p = Pipeline(["text", "entities", "geo", "events"])
    return p.run(p.make_doc(text, published="2015-07-25T10:00:00")).events


def test_market_word_inside_a_town_name_is_no_target():
    # «سوق» in سوق الشيوخ names the town: soldiers at a checkpoint there fought, no market was hit
    evs = full_events("قتل 5 جنود في هجوم شنه مسلحون على حاجز في قضاء سوق الشيوخ جنوب العراق.")
    assert [(e["event_type"], e["location"]["name"]) for e in evs] == [("Battles", "سوق الشيوخ")]
    # a real market stays a civilian target
    evs = full_events("قتل 4 مدنيين في هجوم مسلح على سوق شعبي في بغداد.")
    assert [e["event_type"] for e in evs] == ["Violence against civilians"]


def test_two_kinds_of_violence_at_two_named_spots_stay_apart():
    text = ("شنت طائرات النظام السوري غارة على مدينة أريحا في ريف إدلب، ما أدى إلى مقتل 5 مدنيين. "
            "ودارت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في جبل الزاوية.")
    evs = full_events(text)
    assert sorted((e["sub_event_type"], e["location"]["name"]) for e in evs) == \
        [("Air/drone strike", "أريحا"), ("Armed clash", "جبل الزاوية")]
    # the same kind of violence told twice, once at the town and once at its countryside, is one event
    text = ("قصفت قوات النظام بالمدفعية مدينة أريحا. وطال القصف المدفعي أيضا ريف إدلب الجنوبي.")
    assert len(full_events(text)) == 1


@pytest.mark.parametrize("sentence,expected", [
    ("وأوضح مصدر أن شخصا قتل، وأصيب ستة آخرون بجروح", (1, 6)),     # the killed had their own count
    ("عثرت الشرطة على جثث 5 أشخاص قرب النهر", (5, None)),
])
def test_more_count_forms(sentence, expected):
    assert figures(sentence) == expected


def test_sum_of_separate_incidents_is_no_toll():
    evs = full_events("قتل وجرح 9 أشخاص في هجمات متفرقة في بغداد أمس، بينهم 4 قتلى.")
    assert all(e["fatalities"]["best"] is None for e in evs)


def test_liberation_of_a_place_is_a_territory_change():
    evs = full_events("أعلنت القوات الحكومية أمس تحرير مدينة عدن من المسلحين الحوثيين.")
    assert [(e["event_type"], e["location"]["name"]) for e in evs] == [("Battles", "عدن")]
    evs = full_events("وأعلن الجيش العراقي تحرير الرمادي بالكامل.")
    assert [e["sub_event_type"] for e in evs] == ["Government regains territory"]
    # not a place, a purpose, an offensive under way, or a name: no territory change
    for text in ("وتمكنت القوات الخاصة من تحرير الرهائن المحتجزين لدى المسلحين.",
                 "وتحشد القوات العراقية قرب الرمادي لتحرير المدينة من المسلحين.",
                 "وتتواصل عملية تحرير الرمادي من المسلحين منذ أسابيع.",
                 "وقالت جبهة تحرير سوريا إن قواتها تتقدم."):
        assert [e for e in full_events(text) if e["sub_event_type"].endswith("territory")] == [], text


def test_bodies_found():
    evs = full_events("عثرت الشرطة العراقية على جثث 5 أشخاص مجهولي الهوية في منطقة الزعفرانية جنوبي بغداد.")
    assert [(e["event_type"], e["fatalities"]["best"], e["actor1"], e["actor2"]["canonical"],
             e["location"]["name"]) for e in evs] == \
        [("Violence against civilians", 5, None, "مدنيون", "الزعفرانية")]     # the police only found them
    # a crime in the family is not political violence
    assert full_events("عثر على جثة طفل في منزله بعد أن قتله والده.") == []


def test_another_story_marker_keeps_events_apart():
    text = ("قتل شخص في انفجار عبوة ناسفة في منطقة بغداد الجديدة. "
            "من جانب آخر، عثرت الشرطة على جثتي جنديين في منطقة الزعفرانية جنوبي بغداد.")
    evs = full_events(text)
    assert sorted((e["location"]["name"], e["fatalities"]["best"]) for e in evs) == \
        [("الزعفرانية", 2), ("بغداد الجديدة", 1)]


def test_liberation_of_a_named_spot_not_in_the_gazetteer():
    evs = full_events("وتمكنت القوات العراقية أمس من تحرير جامعة الأنبار من قبضة المسلحين في الرمادي.")
    assert [e["sub_event_type"] for e in evs] == ["Government regains territory"]
    # the abstract noun (التحرير) is no event even with a place nearby
    assert full_events("ودعا إلى دعم التحرير، محذرا من ترك أهل الموصل بين خيارين.") == []


def test_a_later_sentence_dates_and_places_the_event():
    text = ("أعلن الجيش الأمريكي أن قياديا في تنظيم القاعدة قتل في غارة جوية في أفغانستان. "
            "وأوضح أن العملية التي جرت في 3 يوليو في ولاية باكتيكا أدت إلى مقتل القيادي.")
    evs = full_events(text)
    assert [(e["date"], e["location"]["name"]) for e in evs] == [("2015-07-03", "باكتيكا")]


def test_past_perfect_retelling_of_todays_event_gives_its_toll():
    text = ("أعلن التنظيم مسؤوليته عن التفجير الذي استهدف مسجدا للشرطة في مدينة أبها اليوم السبت. "
            "وقال إن منفذ العملية انطلق ملتحفا حزاما ناسفا صوب المسجد. "
            "وكان تفجير انتحاري قد وقع ظهر اليوم بالمسجد، أسفر عن مقتل 12 شخصا وإصابة آخرين.")
    evs = full_events(text)
    assert [(e["sub_event_type"], e["fatalities"]["best"]) for e in evs] == [("Suicide bomb", 12)]
    # an earlier attack told in the past perfect with its own (older) date is no toll of today's
    text = ("قتل 3 أشخاص في تفجير استهدف سوقا في مدينة الرمادي اليوم السبت. "
            "وكان تفجير مماثل قد وقع في المدينة الأسبوع الماضي وأسفر عن مقتل 20 شخصا.")
    assert [e["fatalities"]["best"] for e in full_events(text)][:1] == [3]


def test_abduction_as_a_kind_of_crime_is_no_abduction():
    text = ("اندلعت اشتباكات بين المسلحين وقوات الجيش في بلدة باتيكول جنوبي الفلبين أمس. "
            "وقال الجيش إن الجماعة ارتكبت جرائم خطف شخصيات بارزة لطلب الفدية.")
    assert [e["sub_event_type"] for e in full_events(text)] == ["Armed clash"]
    evs = full_events("اختطف مسلحون مجهولون خمسة مواطنين في مدينة تعز أمس.")
    assert [e["sub_event_type"] for e in evs] == ["Abduction/forced disappearance"]


def test_pro_government_militia_regains_territory():
    evs = full_events("وتمكنت المقاومة الشعبية أمس من تحرير مدينة عدن من الحوثيين.")
    assert [e["sub_event_type"] for e in evs] == ["Government regains territory"]


def test_verb_place_phrase_count_in_a_whole_article():
    evs = full_events("قتل في المواجهات 6 من الحوثيين وأصيب 10 آخرون في مديرية الوهط بمحافظة لحج.")
    assert [(e["event_type"], e["fatalities"]["best"], e["injuries"]["best"]) for e in evs] == [("Battles", 6, 10)]


def test_wanting_is_not_doing():
    assert full_events("وقال المحلل إن التنظيم يريد تفجير الأوضاع وقتل عشرات الجنود في مدينة سروج.") == []
