"""The events evaluation: alignment and per-field scoring on hand-made predicted/gold pairs."""
from __future__ import annotations

from marsad.events.evaluate import align, field_scores, km


def _ev(etype, date, loc, evidence, killed=None, actor1=None):
    return {"event_type": etype, "sub_event_type": "Air/drone strike", "plover": "FIGHT", "date": date,
            "location": loc, "actor1": actor1, "actor2": None,
            "fatalities": {"low": killed, "best": killed, "high": killed},
            "injuries": {"low": None, "best": None, "high": None}, "evidence": evidence}


MAYADIN = {"name": "الميادين", "lat": 35.01982, "lon": 40.45154}
BUKAMAL = {"name": "البوكمال", "lat": 34.45226, "lon": 40.91854}


def test_km_between_mayadin_and_bukamal():
    assert 70 < km(MAYADIN, BUKAMAL) < 80


def test_alignment_prefers_overlapping_evidence_then_type_date_place():
    gold = [_ev("Explosions/Remote violence", "2017-09-14", MAYADIN, [[100, 200]], 14),
            _ev("Explosions/Remote violence", "2017-08-30", BUKAMAL, [[500, 600]])]
    pred = [_ev("Explosions/Remote violence", "2017-08-30", BUKAMAL, [{"start": 900, "end": 950}]),
            _ev("Explosions/Remote violence", "2017-09-15", MAYADIN, [{"start": 150, "end": 180}], 14)]
    assert sorted(align(pred, gold)) == [(0, 1), (1, 0)]


def test_field_scores_date_within_a_day_and_actor_names():
    gold = _ev("Explosions/Remote violence", "2017-09-14", MAYADIN, [[0, 5]], 14, actor1="التحالف الدولي")
    pred = _ev("Explosions/Remote violence", "2017-09-15", MAYADIN, [{"start": 0, "end": 5}], 14,
               actor1={"name": "طائرات التحالف", "canonical": "التحالف الدولي", "actor_type": None})
    s = field_scores(pred, gold)
    assert s["date_1day"] and s["location_50km"] and s["fatalities"] and s["actor1"]
    pred["fatalities"]["best"] = 12
    assert not field_scores(pred, gold)["fatalities"]


def test_events_sharing_one_sentence_pair_by_place():
    # «تظاهرات في الميادين والبوكمال»: two gold and two predicted events with the same evidence
    gold = [_ev("Protests", "2017-09-14", BUKAMAL, [[0, 80]]), _ev("Protests", "2017-09-14", MAYADIN, [[0, 80]])]
    pred = [_ev("Protests", "2017-09-14", MAYADIN, [{"start": 0, "end": 80}]),
            _ev("Protests", "2017-09-14", BUKAMAL, [{"start": 0, "end": 80}])]
    assert sorted(align(pred, gold)) == [(0, 1), (1, 0)]
