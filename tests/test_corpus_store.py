"""The corpus store on SQLite and (when MARSAD_TEST_PG_URL is set) PostgreSQL: writing,
duplicates, round trips, filters, Arabic search, incidents and exports."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import uuid
from datetime import date

import pytest

from marsad.corpus.store import Filters, open_store
from marsad.record import ACLED_TYPES, validate_record

PG_URL = os.environ.get("MARSAD_TEST_PG_URL")

SURUC = (36.976, 38.425)
KOBANI = (36.891, 38.354)          # ~11 km from Suruç, over the border
ARIHA = (35.813, 36.609)


@contextlib.contextmanager
def private_pg_schema(url: str):
    """A PostgreSQL URL whose tables live in a fresh schema of their own, dropped afterwards,
    so test runs sharing one database (CI beside a developer) never see each other's rows."""
    from sqlalchemy import create_engine, text
    from marsad.corpus.store import engine_url
    name = f"marsad_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    eng = create_engine(engine_url(url))
    with eng.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{name}"
    finally:
        with eng.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
        eng.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'marsad.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL store tests need MARSAD_TEST_PG_URL (see .ci/postgres.sh)")
    with private_pg_schema(PG_URL) as url:
        yield url


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def _type_of(sub: str) -> str:
    return next(t for t, subs in ACLED_TYPES.items() if sub in subs)


def event(sub: str, day: str | None, text: str, place: str | None = None, at=None, cc: str | None = None,
          killed: int | None = None, actor1: str | None = None, actor2: str | None = None,
          admin1: str | None = None, actor1_type: str | None = None) -> dict:
    """A contract event whose evidence is the whole `text`."""
    loc = None
    if place:
        loc = {"name": place, "geonameid": None, "lat": at[0] if at else None, "lon": at[1] if at else None,
               "country_code": cc, "admin1": admin1, "precision": 1}
    return {"event_type": _type_of(sub), "sub_event_type": sub, "plover": "ASSAULT", "date": day,
            "date_precision": 1, "location": loc,
            "actor1": {"name": actor1, "canonical": actor1, "actor_type": actor1_type} if actor1 else None,
            "actor2": {"name": actor2, "canonical": actor2, "actor_type": "Civilians"} if actor2 else None,
            "fatalities": {"low": killed, "best": killed, "high": killed},
            "injuries": {"low": None, "best": None, "high": None},
            "reported_by": [], "evidence": [{"start": 0, "end": len(text)}]}


def record(aid: str, text: str, title: str | None = None, source: str = "aawsat",
           published: str | None = "2015-07-21T10:00:00", events=(), places=(), entities=(), tags=()) -> dict:
    rec = {"id": aid, "url": f"http://example.com/{aid}", "source": source, "title": title,
           "published": published, "language": "ar", "text": text, "tags": list(tags),
           "entities": list(entities), "places": list(places), "events": list(events),
           "keyphrases": [{"text": "تفجير", "score": 0.5}], "quotes": []}
    assert validate_record(rec) == []
    return rec


SURUC_TEXT = "قتل 27 شخصا على الأقل في تفجير انتحاري استهدف مركزا ثقافيا في بلدة سروج التركية قرب الحدود السورية."


def suruc_record(aid: str, killed: int, source: str, published: str, text: str = SURUC_TEXT) -> dict:
    ev = event("Suicide bomb", "2015-07-20", text, "سروج", SURUC, "TR", killed, "تنظيم الدولة الإسلامية", "مدنيون")
    ent = {"text": "سروج", "start": text.index("سروج"), "end": text.index("سروج") + 4, "type": "LOC",
           "subtype": None, "canonical": None, "entity_id": None}
    place = {"name": "سروج", "geonameid": None, "lat": SURUC[0], "lon": SURUC[1], "country_code": "TR",
             "admin1": "Şanlıurfa", "feature": "PPL", "precision": 1,
             "mentions": [[ent["start"], ent["end"]]]}
    return record(aid, text, title="تفجير انتحاري في سروج", source=source, published=published,
                  events=[ev], places=[place], entities=[ent], tags=["تركيا", "تفجير"])


def test_add_get_round_trip_and_duplicates(store):
    rec = suruc_record("a1", 27, "aawsat", "2015-07-20T18:00:00")
    res = store.add_records([rec, rec])
    assert (res.stored, res.duplicates, res.failed) == (1, 1, 0)
    # the same text under another id is the same article
    assert store.add_records([dict(rec, id="a1-copy")]).duplicates == 1
    got = store.get_article("a1")
    assert validate_record(got) == []
    for key in ("title", "text", "published", "tags", "entities", "places", "keyphrases", "quotes"):
        assert got[key] == rec[key]
    assert {k: got["events"][0][k] for k in rec["events"][0]} == rec["events"][0]
    assert got["events"][0]["event_id"] == "a1:0" and got["events"][0]["incident_id"]
    assert store.get_article("missing") is None
    st = store.stats()
    assert (st["articles"], st["events"], st["incidents"]) == (1, 1, 1)


def test_invalid_record_fails_without_rows(store):
    bad = record("b1", "نص قصير عن الاشتباكات في حلب")
    bad["entities"] = [{"text": "حلب", "start": 0, "end": 3, "type": "LOC", "subtype": None,
                        "canonical": None, "entity_id": None}]      # offsets do not give the text
    res = store.add_records([bad])
    assert res.failed == 1 and "entity offsets" in res.errors[0][1]
    assert store.stats()["articles"] == 0 and store.stats()["entities"] == 0


def test_search_stems_and_highlights_original_text(store):
    texts = {
        "s1": "شنت طائرات التحالف غارات على مواقع التنظيم في الرقة.",
        "s2": "قتل عشرة مدنيين في غارة جوية بدمشق صباح اليوم.",
        "s3": "أعلنت الجماعة الإسلامية مسؤوليتها عن الهجوم.",
        "s4": "ارتفعت أسعار النفط في الأسواق العالمية.",
    }
    store.add_records([record(k, v, title=None) for k, v in texts.items()])
    ids = lambda q: {h["article_id"] for h in store.search(q, Filters())}   # noqa: E731
    assert ids("غارة") == {"s1", "s2"}            # غارات finds غارة and back
    assert ids("دمشق") == {"s2"}                  # بدمشق is found by دمشق
    assert ids("بدمشق") == {"s2"}
    assert ids("إسلامية") == {"s3"}               # الإسلامية
    assert ids("غارة دمشق") == {"s2"}             # all words must match
    assert ids("كلمةغيرموجودة") == set() and store.search("   ", Filters()) == []
    hit = store.search("دمشق", Filters())[0]
    assert "⟦بدمشق⟧" in hit["snippet"]
    (s, e), = hit["highlights"]
    assert texts["s2"][s:e] == "بدمشق"


def test_search_ranks_title_matches_first_and_filters(store):
    store.add_records([
        record("t1", "تحدث الوزير عن الاقتصاد ثم ذكر الغارات في سطر أخير.", title="الاقتصاد السعودي",
               published="2015-07-22T09:00:00"),
        record("t2", "تفاصيل الغارة الجوية على مدينة إدلب وعدد الضحايا.", title="غارة جوية على إدلب",
               published="2015-08-02T09:00:00"),
        record("t3", "ارتفعت أسعار النفط في الأسواق العالمية.", title="النفط"),
        record("t4", "افتتح معرض الكتاب أبوابه للزوار.", title="معرض الكتاب"),
        record("t5", "فاز المنتخب في المباراة الودية.", title="كرة القدم"),
        record("t6", "توقعات بطقس حار في الرياض.", title="الطقس"),
    ])
    hits = store.search("غارات", Filters())
    assert [h["article_id"] for h in hits] == ["t2", "t1"] and hits[0]["score"] > hits[1]["score"]
    since = store.search("غارات", Filters(since=date(2015, 8, 1)))
    assert [h["article_id"] for h in since] == ["t2"]


def test_filters_on_events_and_articles(store):
    store.add_records([
        suruc_record("f1", 27, "aawsat", "2015-07-20T18:00:00"),
        record("f2", "اشتباكات عنيفة في حلب بين قوات النظام والمعارضة.", published="2015-07-25T08:00:00",
               events=[event("Armed clash", "2015-07-25", "اشتباكات عنيفة في حلب بين قوات النظام والمعارضة.",
                             "حلب", (36.2, 37.16), "SY", None, "قوات النظام السوري", None,
                             actor1_type="State forces")]),
    ])
    evs = store.list_events(Filters(country="SY"))
    assert [e["article_id"] for e in evs] == ["f2"] and evs[0]["event_id"] == "f2:0"
    assert [e["article_id"] for e in store.list_events(Filters(place="سروج"))] == ["f1"]
    assert [e["article_id"] for e in store.list_events(Filters(actor="الدولة الاسلامية"))] == ["f1"]
    assert [e["article_id"] for e in store.list_events(Filters(event_type="Battles"))] == ["f2"]
    assert [e["article_id"] for e in store.list_events(Filters(until=date(2015, 7, 21)))] == ["f1"]
    assert [a["id"] for a in store.list_articles(Filters(country="TR"))] == ["f1"]
    arts = store.list_articles(Filters())
    assert [a["id"] for a in arts] == ["f2", "f1"] and arts[1]["event_count"] == 1
    assert [a["id"] for a in store.list_articles(Filters(), limit=1, offset=1)] == ["f1"]
    assert len(store.list_incidents(Filters(country="TR"))) == 1


def test_incident_joins_reports_across_outlets(store):
    reports = [("r1", 27, "aawsat", "2015-07-20T14:00:00"), ("r2", 28, "alriyadh", "2015-07-20T20:00:00"),
               ("r3", 30, "okaz", "2015-07-21T06:00:00"), ("r4", 32, "alwatan", "2015-07-21T12:00:00")]
    for aid, killed, src, pub in reports:
        text = SURUC_TEXT.replace("27", str(killed)) + f" (مصدر {src})"
        store.add_records([suruc_record(aid, killed, src, pub, text)])
    # a different incident the same day in the same town: a shooting with one dead
    shot = "قتل شرطي بالرصاص في سروج مساء اليوم."
    store.add_records([record("r5", shot, source="okaz", published="2015-07-20T22:00:00",
                              events=[event("Armed clash", "2015-07-20", shot, "سروج", SURUC, "TR", 1,
                                            "حزب العمال الكردستاني", "الشرطة التركية")])])
    incs = store.list_incidents(Filters())
    assert len(incs) == 2
    big = next(i for i in incs if i["report_count"] > 1)
    assert big["report_ids"] == ["r1", "r2", "r3", "r4"]
    assert big["outlets"] == ["aawsat", "alriyadh", "okaz", "alwatan"]
    assert big["fatalities"] == {"low": 27, "best": 32, "high": 32}       # latest firm figure
    assert big["date"] == "2015-07-20" and big["location"]["name"] == "سروج"
    assert {e["incident_id"] for e in store.list_events(Filters()) if e["article_id"] != "r5"} == {big["incident_id"]}


def test_exports_use_acled_columns(store):
    store.add_records([suruc_record("x1", 27, "aawsat", "2015-07-20T14:00:00"),
                       suruc_record("x2", 32, "okaz", "2015-07-21T14:00:00",
                                    SURUC_TEXT.replace("27", "32"))])
    rows = list(csv.DictReader(io.StringIO("".join(store.export("events", "csv", Filters())))))
    assert len(rows) == 2
    for col in ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                "actor1", "inter1", "interaction", "civilian_targeting", "iso", "country", "admin1",
                "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
                "plover", "injuries_best", "fatalities_low", "fatalities_high", "incident_id", "report_count"):
        assert col in rows[0]
    row = next(r for r in rows if r["article_id"] == "x1")
    assert (row["country"], row["iso"], row["year"], row["location"]) == ("Turkey", "792", "2015", "سروج")
    assert row["civilian_targeting"] == "Civilian targeting" and row["inter2"] == "7"
    assert row["notes"] == SURUC_TEXT
    inc_rows = list(csv.DictReader(io.StringIO("".join(store.export("incidents", "csv", Filters())))))
    assert len(inc_rows) == 1 and inc_rows[0]["report_count"] == "2" and inc_rows[0]["fatalities"] == "32"
    assert inc_rows[0]["fatalities_low"] == "27" and inc_rows[0]["report_ids"] == "x1; x2"
    lines = list(store.export("incidents", "jsonl", Filters()))
    assert json.loads(lines[0])["report_ids"] == ["x1", "x2"]
    geo = json.loads("".join(store.export("events", "geojson", Filters())))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 2
    assert geo["features"][0]["geometry"]["coordinates"] == [SURUC[1], SURUC[0]]
    arts = json.loads("".join(store.export("articles", "geojson", Filters())))
    assert {f["properties"]["id"] for f in arts["features"]} == {"x1", "x2"}
    with pytest.raises(ValueError):
        list(store.export("events", "xml", Filters()))


def test_reopening_migrates_once(store_url):
    from sqlalchemy import text
    s1 = open_store(store_url)
    s1.close()
    s2 = open_store(store_url)
    with s2.engine.connect() as conn:
        versions = [r[0] for r in conn.execute(text("SELECT version FROM schema_migrations ORDER BY version"))]
    s2.close()
    from marsad.corpus.schema import LATEST
    assert versions == list(range(1, LATEST + 1))


def test_store_merges_incidents_bridged_by_a_later_report(store):
    ariha = "أريحا"

    def rec(aid, sub, killed, a1, a2, pub, src):
        text = f"سقطت طائرة حربية على سوق في مدينة أريحا بريف إدلب ({aid})."
        return record(aid, text, source=src, published=pub,
                      events=[event(sub, "2015-08-03", text, ariha, ARIHA, "SY", killed, a1, a2)])
    store.add_records([rec("a", "Shelling/artillery/missile attack", None, "النظام السوري", "مدنيون",
                           "2015-08-03T20:30:00", "alyaum")])
    store.add_records([rec("b", "Air/drone strike", 31, "تركيا", "سوريا", "2015-08-03T20:45:00", "aawsat")])
    assert store.stats()["incidents"] == 2
    store.add_records([rec("c", "Shelling/artillery/missile attack", 27, "النظام السوري", "سوريا",
                           "2015-08-04T18:00:00", "alwatan")])
    (inc,) = store.list_incidents(Filters())
    assert sorted(inc["report_ids"]) == ["a", "b", "c"] and inc["report_count"] == 3
    assert {e["incident_id"] for e in store.list_events(Filters())} == {inc["incident_id"]}
    assert store.stats()["incidents"] == 1


def test_bulk_batch_merges_bridged_incidents_like_one_by_one(store):
    """The three Ariha reports in ONE write_batch: the events held back for the bulk insert
    follow the merge of their incidents."""
    from marsad.corpus.store import prepare

    def rec(aid, sub, killed, a1, a2, pub, src):
        text = f"سقطت طائرة حربية على سوق في مدينة أريحا بريف إدلب ({aid})."
        return prepare(record(aid, text, source=src, published=pub,
                              events=[event(sub, "2015-08-03", text, "أريحا", ARIHA, "SY", killed, a1, a2)]))
    out = store.write_batch([
        rec("a", "Shelling/artillery/missile attack", None, "النظام السوري", "مدنيون", "2015-08-03T20:30:00", "alyaum"),
        rec("b", "Air/drone strike", 31, "تركيا", "سوريا", "2015-08-03T20:45:00", "aawsat"),
        rec("c", "Shelling/artillery/missile attack", 27, "النظام السوري", "سوريا", "2015-08-04T18:00:00", "alwatan")])
    assert out == [True, True, True]
    (inc,) = store.list_incidents(Filters())
    assert sorted(inc["report_ids"]) == ["a", "b", "c"]
    assert {e["incident_id"] for e in store.list_events(Filters())} == {inc["incident_id"]}


def test_bulk_batch_skips_duplicates_and_isolates_a_bad_article(store):
    from marsad.corpus.store import prepare
    first = prepare(suruc_record("s1", 27, "aawsat", "2015-07-20T14:00:00"))
    second = prepare(suruc_record("s2", 28, "okaz", "2015-07-20T16:00:00", text=SURUC_TEXT + " وأصيب العشرات."))
    same_text = prepare(suruc_record("s1-copy", 27, "alyaum", "2015-07-20T15:00:00"))
    bad = prepare(record("bad", "خبر عن اجتماع وزراء الخارجية العرب في القاهرة."))
    bad["record"]["keyphrases"] = [{"score": 1.0}]          # no text: fails while its rows are built
    out = store.write_batch([first, bad, same_text, second])
    assert out[0] is True and isinstance(out[1], Exception) and out[2] is False and out[3] is True
    assert store.stats()["articles"] == 2 and store.get_article("bad") is None
    assert store.write_batch([first, same_text]) == [False, False]
    (inc,) = store.list_incidents(Filters())
    assert sorted(inc["report_ids"]) == ["s1", "s2"]
    hits = store.search("سروج")
    assert {h["article_id"] for h in hits} == {"s1", "s2"}
