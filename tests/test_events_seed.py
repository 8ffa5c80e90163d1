"""Acceptance check on the seed article (needs ../shared): its events with dates and places."""
from __future__ import annotations

from marsad.pipeline import Pipeline


def test_seed_events(seed_text):
    rec = Pipeline(["text", "geo", "events"]).analyze(seed_text, published="2017-09-15T06:09:00")
    evs = rec["events"]
    strikes = [e for e in evs if e["sub_event_type"] == "Air/drone strike"]
    mayadin = [e for e in strikes if e["fatalities"]["best"] == 14]
    assert len(mayadin) == 1 and mayadin[0]["injuries"]["best"] == 60
    assert mayadin[0]["date"] in ("2017-09-14", "2017-09-15")
    assert any(e["date"] == "2017-08-30" for e in strikes)
    assert any(e["event_type"] == "Strategic developments" and e["date"] == "2017-08-28" for e in evs)
    # the not-events: no violent event with the "habitual strikes" sentence as its only evidence
    habitual = seed_text.index("وتعتبر تلك الغارات")
    assert not any(len(e["evidence"]) == 1 and e["evidence"][0]["start"] == habitual for e in evs)
