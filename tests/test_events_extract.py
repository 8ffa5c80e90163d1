"""Event extraction: triggers, filters, casualty counts, dates and merging on real Arabic sentences."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from marsad.doc import Doc
from marsad.events.casualties import find_figures, summarize
from marsad.events.keys import FoldedText
from marsad.events.stage import EventStage
from marsad.events.timing import find_date_cues
from marsad.record import to_record, validate_record
from marsad.text.normalize import fold
from marsad.text.stage import TextStage


def events_of(text: str, published: datetime | None = None) -> list[dict]:
    doc = TextStage()(Doc(text=text, published=published))
    return EventStage()(doc).events


def figures(sentence: str) -> dict:
    figs = find_figures(fold(sentence))
    return {"killed": summarize(figs, "killed")["best"], "injured": summarize(figs, "injured")["best"]}


@pytest.mark.parametrize("sentence,killed,injured", [
    ("أسفر عن مقتل 14 شخصاً وإصابة 60 آخرين", 14, 60),
    ("مقتل 27 شخصا بينهم 5 أطفال", 27, None),
    ("قتل ضابط و3 جنود في الهجوم", 4, None),
    ("سقوط عشرات القتلى", 10, None),
    ("أسفر عن 27 قتيلا و40 جريحا", 27, 40),
    ("ما أدى إلى مقتل ما لا يقل عن 32 شخصا", 32, None),
    ("مقتل جنديين وإصابة خمسة آخرين", 2, 5),
    ("ارتفاع ضحايا «دار سعد» إلى نحو 300 قتيل وجريح", None, None),
])
def test_casualty_counts(sentence, killed, injured):
    assert figures(sentence) == {"killed": killed, "injured": injured}


def test_rising_toll_takes_the_latest_firm_figure():
    figs = find_figures(fold("قتل 20 شخصا في التفجير. وقالت المصادر إن عدد القتلى ارتفع إلى 32 شخصا"))
    assert summarize(figs, "killed") == {"low": 20, "best": 32, "high": 32}


def test_relative_and_explicit_dates():
    pub = date(2017, 9, 15)   # a Friday
    cue = find_date_cues(fold("وصلت الحافلات مساء الأربعاء"), pub)[0]
    assert cue.date == date(2017, 9, 13)
    cue = find_date_cues(fold("وانطلقت في 28 أغسطس/آب الماضي حافلة"), pub)[0]
    assert cue.date == date(2017, 8, 28)
    assert find_date_cues(fold("قتل 5 أمس"), pub)[0].date == date(2017, 9, 14)


def test_offsets_survive_diacritics():
    text = "سُلِّمت الجثث ثم وقع انفجار"
    f = FoldedText(text)
    i = f.key.index("انفجار")
    assert text[f.orig(i):f.orig(i + len("انفجار"))] == "انفجار"


def test_single_sentence_without_date_or_title():
    evs = events_of("قتل 12 مدنيا في انفجار سيارة مفخخة استهدف سوقا شعبيا.")
    assert len(evs) == 1
    ev = evs[0]
    assert (ev["event_type"], ev["sub_event_type"], ev["plover"]) == \
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT")
    assert ev["fatalities"]["best"] == 12
    assert ev["date"] is None


@pytest.mark.parametrize("sentence", [
    "أدانت المملكة التفجير الإرهابي الذي استهدف المصلين.",                 # condemnation
    "تستعد تركيا لشن هجوم واسع على مواقع تنظيم داعش.",                    # plan
    "لم تسجل أي اشتباكات بين الجيش والمسلحين في المدينة.",                 # negation
    "هل يشن التحالف غارات جديدة على مواقع الحوثيين؟",                      # question
    "قتل 3042 مدنيا خلال 10 أشهر من القصف في سوريا.",                      # statistics
    "سجل المرصد مقتل 250 ألف شخص منذ بداية النزاع في سوريا عام 2011.",     # statistics
    "لو شنت القوات هجوما على المدينة لسقط مئات القتلى من المسلحين.",        # hypothetical
])
def test_not_events(sentence):
    assert events_of(sentence) == []


def test_sentences_about_one_event_merge_and_other_dates_stay_apart():
    text = ("قتل 20 شخصا وأصيب 40 آخرون في تفجير انتحاري استهدف مسجدا أمس الجمعة.\n"
            "وقالت وزارة الداخلية إن الانتحاري فجر حزاما ناسفا داخل المسجد أثناء الصلاة.\n"
            "وكان مسلحون قد اغتالوا ضابطا في الشرطة في 3 يوليو الماضي.")
    evs = events_of(text, datetime(2015, 8, 8, 10, 0))
    assert len(evs) == 2
    main, background = evs
    assert main["sub_event_type"] == "Suicide bomb"
    assert main["date"] == "2015-08-07"
    assert main["fatalities"]["best"] == 20 and main["injuries"]["best"] == 40
    assert len(main["evidence"]) == 2
    assert background["date"] == "2015-07-03"


def test_records_validate_and_evidence_is_in_text():
    text = "شنت طائرات التحالف غارات جوية على مواقع الحوثيين أمس، ما أسفر عن مقتل 7 مسلحين، بحسب مصادر محلية."
    doc = EventStage()(TextStage()(Doc(text=text, published=datetime(2015, 7, 21), id="x")))
    rec = to_record(doc)
    assert validate_record(rec) == []
    ev = rec["events"][0]
    assert ev["sub_event_type"] == "Air/drone strike" and ev["date"] == "2015-07-20"
    assert ev["reported_by"] == ["مصادر محلية"]
    for sp in ev["evidence"]:
        assert text[sp["start"]:sp["end"]].strip()


def test_eid_resolves_through_the_hijri_calendar():
    cue = find_date_cues(fold("شهدت إدلب مجزرة في أول أيام عيد الفطر"), date(2015, 7, 21))[0]
    assert cue.date == date(2015, 7, 17)


def test_a_date_inside_a_name_is_not_a_date():
    assert find_date_cues(fold("استعادت القوات قصر 22 مايو الرئاسي"), date(2015, 7, 21)) == []


def test_bombing_near_police_makes_police_the_target_not_the_bomber():
    evs = events_of("قتل شرطيان في انفجار عبوة ناسفة استهدفت دورية للشرطة في العريش أمس.",
                    datetime(2015, 8, 10))
    assert len(evs) == 1
    ev = evs[0]
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED"
    assert ev["actor1"] is None
    assert ev["fatalities"]["best"] == 2


def test_protests_have_protesters_as_actor1():
    evs = events_of("تظاهر آلاف العراقيين أمس الجمعة في ساحة التحرير احتجاجا على سوء الخدمات.",
                    datetime(2015, 8, 8))
    assert evs and evs[0]["event_type"] == "Protests"
    assert evs[0]["actor1"]["canonical"] == "متظاهرون"


def test_two_week_totals_are_statistics():
    assert events_of("قتل نحو 390 مقاتلا كرديا في الغارات التركية خلال أسبوعين.") == []


def test_background_mention_without_a_date_is_left_out():
    text = ("قتل 5 جنود في هجوم على حاجز للجيش أمس.\n"
            "وكان مسلحون قد شنوا هجمات مماثلة على حواجز الجيش.")
    evs = events_of(text, datetime(2015, 8, 8))
    assert len(evs) == 1 and evs[0]["fatalities"]["best"] == 5


def test_casualty_counts_with_accusatives_and_qualifiers():
    assert figures("أن شرطيا قتل وأصيب آخر") == {"killed": 1, "injured": None}
    assert figures("عن مقتل ضابط شرطة مصري ومجند، وإصابة ثلاثة آخرين") == {"killed": 2, "injured": 3}
    assert figures("ما تسبب بمقتل31 شخصا") == {"killed": 31, "injured": None}
