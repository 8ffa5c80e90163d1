"""General rules found by annotating dev2 (articles outside dev and held-out), on made-up sentences."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from marsad.doc import Doc
from marsad.events.casualties import find_figures, summarize
from marsad.events.stage import EventStage
from marsad.events.timing import find_date_cues
from marsad.text.normalize import fold
from marsad.text.stage import TextStage


def events_of(text: str, published: datetime | None = None) -> list[dict]:
    doc = TextStage()(Doc(text=text, published=published))
    return EventStage()(doc).events


def figures(sentence: str) -> tuple:
    figs = find_figures(fold(sentence))
    return summarize(figs, "killed")["best"], summarize(figs, "injured")["best"]


@pytest.mark.parametrize("sentence,expected", [
    ("أفادت الخلية بمقتل وجرح 110 من عناصر التنظيم", (None, None)),      # one combined count
    ("قتل وأصيب سبعة أشخاص في حادثين", (None, None)),
    ("أن 390 مقاتلا من الحزب قتلوا وجرح 400 آخرون", (390, 400)),          # the killed had their own count
    ("قال مسؤولون إن ما لا يقل عن خمسة أشخاص لقوا حتفهم", (5, None)),
    ("وأوضحت القيادة أن 7 عناصر من تنظيم داعش قتلوا وجرح أربعة", (7, 4)),
])
def test_casualty_forms(sentence, expected):
    assert figures(sentence) == expected


def test_ordinal_word_dates():
    cues = find_date_cues(fold("قتل في ضربة جوية في الثامن من يوليو"), date(2015, 7, 22))
    assert [(c.date, c.explicit) for c in cues] == [(date(2015, 7, 8), True)]
    assert find_date_cues(fold("في كانون الأول 2014 قتل"), date(2015, 7, 22)) == []


def test_protest_then_dispersal_is_one_protest():
    evs = events_of("تظاهر مئات المعلمين أمس الأربعاء أمام البرلمان للمطالبة بالإفراج عن زملائهم. "
                    "وفرقت قوات الأمن المظاهرة بالقوة.", datetime(2015, 7, 23, 12))
    assert [e["sub_event_type"] for e in evs] == ["Protest with intervention"]


def test_statement_day_after_the_trigger_is_not_the_event_day():
    evs = events_of("قتل 21 شخصا في هجوم انتحاري تبنته حركة طالبان، حسبما أعلن مسؤولون اليوم الأحد. "
                    "وقالت الوزارة إن الهجوم الانتحاري وقع مساء السبت.", datetime(2015, 8, 9, 12))
    assert [(e["sub_event_type"], e["date"]) for e in evs] == [("Suicide bomb", "2015-08-08")]


def test_a_date_only_sentence_dates_the_event_just_told():
    evs = events_of("أكدت وزارة الدفاع مقتل تسعة جنود في هجوم مسلح على دورية للجيش. "
                    "وقالت الوزارة إن الحادثة وقعت يوم 17 يوليو 2015 مساء.", datetime(2015, 7, 22, 12))
    assert [e["date"] for e in evs] == ["2015-07-17"]


@pytest.mark.parametrize("text", [
    "قتل 17 شخصا في تحطم طائرة هليكوبتر للجيش نتيجة خلل فني.",                 # an accident
    "زار مدير الشرطة المصابين في حادث تفجير المسجد بالمستشفى.",               # a visit to victims
    "أعرب الأزهر عن استنكاره الشديد للهجوم الإرهابي الذي استهدف المسجد.",     # a condemnation
])
def test_not_events(text):
    assert events_of(text, datetime(2015, 8, 7, 12)) == []


def test_stun_grenades_are_not_explosions():
    evs = events_of("ألقى محتجون الحجارة على الشرطة التي استخدمت قنابل الصوت لتفريقهم اليوم.", datetime(2015, 7, 26, 12))
    assert all(e["event_type"] != "Explosions/Remote violence" for e in evs)


def test_sabq_dateline_is_not_background():
    evs = events_of("سبق- أبها: قتل 13 شخصا في تفجير انتحاري استهدف مسجدا لقوات الأمن اليوم.", datetime(2015, 8, 6, 18))
    assert [(e["sub_event_type"], e["fatalities"]["best"]) for e in evs] == [("Suicide bomb", 13)]


def test_the_sum_of_a_series_is_no_ones_toll():
    evs = events_of("قتل 30 شخصا على الأقل في سلسلة تفجيرات استهدفت مناطق مختلفة أمس. "
                    "وانفجرت سيارة مفخخة في سوق شعبية ما أدى إلى مقتل 19 شخصا.", datetime(2015, 7, 23, 12))
    assert [e["fatalities"]["best"] for e in evs] == [19]


def test_both_sides_dead_are_one_toll():
    assert figures("وأسفرت المعارك عن مقتل 9 من المسلحين و3 من الجنود") == (12, None)
    assert figures("قتل 5 أشخاص وأصيب 4 من المارة") == (5, 4)


def test_a_related_context_opens_another_event_and_no_side_fights_itself():
    text = ("اندلعت اشتباكات عنيفة صباح اليوم بين مسلحي جماعة الحوثي وقوات الجيش في مدينة مأرب اليمنية. "
            "وقتل في المواجهات 6 من الحوثيين. "
            "وفي سياق متصل، شنت طائرات التحالف العربي غارات على مواقع في محافظة حجة شمال البلاد.")
    import marsad
    events = marsad.analyze(text, published="2015-07-20T10:00:00")["events"]
    assert [e["event_type"] for e in events] == ["Battles", "Explosions/Remote violence"]
    assert [e["location"]["name"] for e in events] == ["مأرب", "حجة"]    # a province is not the town before
    for e in events:
        a1, a2 = e["actor1"], e["actor2"]
        assert not (a1 and a2 and a1["canonical"] == a2["canonical"])


def test_stopping_the_shelling_is_not_shelling():
    text = "أعلنت الفصائل هدنة في البلدة تشمل وقف القصف المتبادل لمدة يومين."
    assert not any(e["event_type"] == "Explosions/Remote violence"
                   for e in events_of(text, datetime(2015, 8, 12, 10)))
