"""The entity stage on real Arabic sentences: offsets, clitics, catalogue links, short forms."""
import pytest

from marsad.entities.linking import link_entities
from marsad.pipeline import Pipeline
from marsad.record import ENTITY_KEYS, to_record, validate_record


@pytest.fixture(scope="module")
def run():
    p = Pipeline(["text", "entities"])
    return lambda text: p.run(p.make_doc(text))


def test_entities_have_exact_offsets_and_extra_keys(run):
    text = ("وقال وزير الخارجية الأمريكي جون كيري في القاهرة إن قوات النظام السوري قصفت "
            "مدينة البوكمال، بحسب المرصد السوري لحقوق الإنسان.")
    doc = run(text)
    assert doc.entities == sorted(doc.entities, key=lambda e: e["start"])
    for e in doc.entities:
        assert text[e["start"]:e["end"]] == e["text"]
        assert {"actor_type", "country"} <= set(e)
    by_text = {e["text"]: e for e in doc.entities}
    assert by_text["جون كيري"]["type"] == "PER"
    assert by_text["جون كيري"]["entity_id"].startswith("x-")     # not in the catalogue: local id
    assert by_text["القاهرة"]["type"] == "LOC"
    assert by_text["المرصد السوري لحقوق الإنسان"]["entity_id"] == "sohr"
    regime = by_text["قوات النظام السوري"]
    assert (regime["entity_id"], regime["actor_type"], regime["country"]) == ("sy-regime", "State forces", "SY")
    rec = to_record(doc)
    assert validate_record(rec) == []
    assert all(tuple(e) == ENTITY_KEYS for e in rec["entities"])


def test_span_starts_after_conjunction_clitic(run):
    text = "وصلت القافلة إلى دير الزور والميادين بعد اتفاق مع حزب الله."
    doc = run(text)
    spans = [e["text"] for e in doc.entities]
    assert "حزب الله" in spans
    assert not any(s.startswith("والميادين") for s in spans)


def test_anaphoric_head_links_to_the_one_earlier_group(run):
    text = ("أعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم. "
            "وقال مصدر إن التنظيم يسيطر على المنطقة منذ عامين.")
    doc = run(text)
    ids = {e["text"]: e["entity_id"] for e in doc.entities}
    assert ids.get("التنظيم") == ids["تنظيم الدولة الإسلامية"] == "isis"


def test_short_person_name_links_to_the_full_one():
    ents = [{"text": "رامي عبد الرحمن", "start": 0, "end": 15, "type": "PER"},
            {"text": "عبد الرحمن", "start": 40, "end": 50, "type": "PER"},
            {"text": "أحمد معتوق", "start": 60, "end": 70, "type": "PER"}]
    link_entities(ents)
    assert ents[0]["entity_id"] == ents[1]["entity_id"] != ents[2]["entity_id"]
    assert ents[1]["canonical"] == "رامي عبد الرحمن"
    assert ents[0]["entity_id"].startswith("x-")


def test_empty_text_gives_no_entities(run):
    assert run("").entities == []
    assert run("...").entities == []


def _words(sentence: str):
    from marsad.entities.words import group_words
    from marsad.text.tokenize import tokenize
    return group_words(sentence, tokenize(sentence))


@pytest.mark.parametrize("sentence, spans, expected", [
    # a lone ريف takes in the governorate it is in construct with, tagged or not
    ("قصفت الطائرات ريف إدلب الجنوبي", [(2, 3, "LOC")], ["ريف إدلب"]),
    ("دارت اشتباكات في ريف حلب", [(3, 4, "LOC"), (4, 5, "LOC")], ["ريف حلب"]),
    ("سقطت قذائف على ريف محافظة حمص", [(3, 4, "LOC"), (5, 6, "LOC")], ["ريف محافظة حمص"]),
    ("تقدمت القوات في ريف دير الزور", [(3, 4, "LOC")], ["ريف دير الزور"]),
    # ريف with nothing after it, and الريف + a direction, name no place
    ("وصلت التعزيزات إلى الريف الشمالي", [(3, 4, "LOC")], []),
    ("عاد السكان إلى ريف .", [(3, 4, "LOC")], []),
    # الريف alone stays: in Moroccan news it is the Rif
    ("ولد في الريف المغربي", [(2, 3, "LOC")], ["الريف"]),
])
def test_countryside_names_the_place_it_is_in_construct_with(sentence, spans, expected):
    from marsad.entities.stage import _countryside
    words = _words(sentence)
    out = _countryside(words, spans)
    assert [sentence[words[s].start:words[e - 1].end] for s, e, _ in out] == expected


def test_pipeline_reports_rif_idlib_not_a_lone_rif():
    record = Pipeline(["text", "entities"]).analyze(
        "قصفت الطائرات ريف إدلب الجنوبي، وفي الريف الشمالي قتل 3 مدنيين. ودارت اشتباكات في ريف حلب.")
    texts = [e["text"] for e in record["entities"]]
    assert "ريف" not in texts and "الريف" not in texts
    assert "ريف إدلب" in texts and "ريف حلب" in texts
