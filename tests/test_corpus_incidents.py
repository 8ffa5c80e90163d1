"""Incident clustering on plain event dicts: what joins, what stays apart, what the
consolidated record says."""
from __future__ import annotations

from marsad.corpus.incidents import IncidentIndex, consolidate, features, haversine_km

from test_corpus_store import ARIHA, KOBANI, SURUC, event

TEXT = "نص الخبر"


def feat(aid: str, ev: dict, published: str, source: str = "aawsat", idx: int = 0) -> dict:
    return features(ev, {"id": aid, "source": source, "published": published}, f"{aid}:{idx}")


def suruc(killed, day="2015-07-20", actor1="تنظيم الدولة الإسلامية", sub="Suicide bomb", place="سروج", at=SURUC):
    return event(sub, day, TEXT, place, at, "TR", killed, actor1, "مدنيون")


def test_reports_of_one_bombing_join_with_rising_toll():
    idx = IncidentIndex()
    ids = {idx.add(feat("a", suruc(27), "2015-07-20T14:00:00")),
           idx.add(feat("b", suruc(30, actor1=None), "2015-07-21T02:00:00", "okaz")),
           idx.add(feat("c", suruc(32, day="2015-07-21"), "2015-07-21T20:00:00", "alriyadh")),
           # another outlet places it at the nearby Syrian town, and calls it an IED
           idx.add(feat("d", suruc(None, sub="Remote explosive/landmine/IED", place="كوباني", at=KOBANI),
                        "2015-07-21T03:00:00", "alweeam"))}
    assert len(ids) == 1
    (inc,) = idx.incidents()
    assert inc["report_ids"] == ["a", "b", "c", "d"] and inc["outlets"] == ["aawsat", "okaz", "alriyadh", "alweeam"]
    assert (inc["fatalities_best"], inc["fatalities_low"], inc["fatalities_high"]) == (32, 27, 32)
    assert inc["day"] == "2015-07-20" and inc["sub_event_type"] == "Suicide bomb"


def test_same_city_same_day_conflicting_details_stay_apart():
    idx = IncidentIndex()
    a = idx.add(feat("a", suruc(32), "2015-07-20T14:00:00"))
    # a clash in the same town the same day: another mechanism
    b = idx.add(feat("b", event("Armed clash", "2015-07-20", TEXT, "سروج", SURUC, "TR", 1,
                                "حزب العمال الكردستاني", "الشرطة التركية"), "2015-07-20T22:00:00"))
    # a bombing the same day there with a toll that cannot be the same count
    c = idx.add(feat("c", suruc(2), "2015-07-20T15:00:00", "okaz"))
    # the same kind of attack 5 days later is a new incident
    d = idx.add(feat("d", suruc(None, day="2015-07-25"), "2015-07-25T10:00:00"))
    # and one 600 km away the same day
    e = idx.add(feat("e", event("Suicide bomb", "2015-07-20", TEXT, "أريحا", ARIHA, "SY", 30), "2015-07-20T16:00:00"))
    assert len({a, b, c, d, e}) == 5


def test_events_of_one_article_are_never_merged():
    idx = IncidentIndex()
    a = idx.add(feat("a", suruc(32), "2015-07-20T14:00:00", idx=0))
    b = idx.add(feat("a", suruc(32), "2015-07-20T14:00:00", idx=1))
    assert a != b


def test_retrospective_report_with_same_place_type_and_toll_joins():
    idx = IncidentIndex()
    a = idx.add(feat("a", suruc(32), "2015-07-20T14:00:00"))
    later = idx.add(feat("b", suruc(32, day="2015-07-25"), "2015-07-25T10:00:00"))   # dated by publication
    assert later == a


def test_undated_event_uses_publication_day_and_unplaced_needs_shared_actor():
    idx = IncidentIndex()
    a = idx.add(feat("a", suruc(27), "2015-07-20T14:00:00"))
    no_place = event("Suicide bomb", None, TEXT, None, None, None, 28, "تنظيم الدولة الإسلامية", None)
    assert idx.add(feat("b", no_place, "2015-07-21T08:00:00")) == a
    anonymous = event("Suicide bomb", None, TEXT, None, None, None, None, None, None)
    assert idx.add(feat("c", anonymous, "2015-07-21T09:00:00")) != a


def test_consolidated_toll_is_latest_figure_of_most_specific_report():
    vague = suruc(40, place="تركيا", at=None)
    vague["location"]["precision"] = 3
    members = [feat("a", suruc(27), "2015-07-20T14:00:00"), feat("b", suruc(32), "2015-07-21T09:00:00"),
               feat("c", vague, "2015-07-22T09:00:00")]
    inc = consolidate("inc-x", members)
    assert (inc["fatalities_best"], inc["fatalities_low"], inc["fatalities_high"]) == (32, 27, 40)
    assert inc["location_name"] == "سروج" and inc["report_count"] == 3


def test_haversine_suruc_kobani():
    assert 8 < haversine_km(*SURUC, *KOBANI) < 15


def test_a_report_bridging_two_incidents_merges_them():
    idx = IncidentIndex()
    ariha = "أريحا"
    # first reports disagree on the weapon and the actors, so they start apart...
    a = idx.add(feat("a", event("Shelling/artillery/missile attack", "2015-08-03", TEXT, ariha, ARIHA, "SY", None,
                                "النظام السوري", "مدنيون"), "2015-08-03T20:30:00"))
    b = idx.add(feat("b", event("Air/drone strike", "2015-08-03", TEXT, ariha, ARIHA, "SY", 31,
                                "تركيا", "سوريا"), "2015-08-03T20:45:00", "okaz"))
    assert a != b
    # ...until a report fits both: shelling by the regime, a toll close to 31
    c = idx.add(feat("c", event("Shelling/artillery/missile attack", "2015-08-03", TEXT, ariha, ARIHA, "SY", 27,
                                "النظام السوري", "سوريا"), "2015-08-04T18:00:00", "alwatan"))
    labels = idx.labels()
    assert labels["a:0"] == labels["b:0"] == labels["c:0"] == c
    (inc,) = idx.incidents()
    assert set(inc["report_ids"]) == {"a", "b", "c"} and inc["report_count"] == 3


def test_territory_taken_in_two_towns_is_two_incidents():
    idx = IncidentIndex()
    take = "Government regains territory"
    a = idx.add(feat("a", event(take, "2015-07-26", TEXT, "الوهط", (12.99, 44.90), "YE", None,
                                "المقاومة الشعبية", "الحوثيون"), "2015-07-27T18:00:00"))
    b = idx.add(feat("b", event(take, "2015-07-25", TEXT, "صبر", (13.10, 44.85), "YE", None,
                                "المقاومة الشعبية", "الحوثيون"), "2015-07-26T10:00:00", "okaz"))
    c = idx.add(feat("c", event(take, "2015-07-26", TEXT, "الوهط", (12.99, 44.90), "YE", None,
                                "المقاومة الشعبية", "الحوثيون"), "2015-07-27T20:00:00", "alriyadh"))
    assert a != b and c == a
