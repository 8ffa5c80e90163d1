"""Keyword tags: clitic peeling, candidates, ranking, near-duplicates, entities, offsets."""
from __future__ import annotations

import pytest

from marsad.pipeline import Pipeline
from marsad.record import validate_record
from marsad.tags.evaluate import match_key, score_doc
from marsad.tags.keyphrases import KeyphraseExtractor, bare, extract_keyphrases
from marsad.tags.words import peel
from marsad.text.normalize import fold

ARTICLE = (
    "شنت طائرات التحالف الدولي غارات جوية على مواقع تنظيم «الدولة الإسلامية» في دير الزور، "
    "وقال سكان إن الغارات استهدفت أحياء في مدينة دير الزور. "
    "وأضاف المرصد السوري لحقوق الإنسان أن قوات النظام السوري تقدمت في ريف دير الزور الغربي، "
    "بينما انسحب عناصر تنظيم الدولة الإسلامية من ثلاث قرى. "
    "وتمكنت قوات النظام السوري من السيطرة على طريق يربط بدير الزور بمدينة تدمر. "
    "ويسعى تنظيم الدولة الإسلامية إلى استعادة المواقع التي خسرها في دير الزور."
)
TITLE = "التحالف يقصف مواقع تنظيم الدولة الإسلامية في دير الزور"


def test_peel_removes_clitics_before_the_article():
    assert peel(fold("بالتحالف"), None)[0] == "التحالف"
    stem, off, conj = peel(fold("وبالتحالف"), None)
    assert (stem, off, conj) == ("التحالف", 2, True)
    # لل + تحالف: the elided alef comes back in the key
    assert peel(fold("للتحالف"), None)[0] == "التحالف"


def test_peel_bare_prefix_only_when_the_stem_is_a_common_word():
    df = {"دير": 500, "بدير": 20, "بريطانيا": 900, "ريطانيا": 0}.get
    assert peel("بدير", lambda k: df(k, 0))[0] == "دير"
    assert peel("بريطانيا", lambda k: df(k, 0))[0] == "بريطانيا"


def test_keyphrases_read_like_tags():
    kps = extract_keyphrases(ARTICLE, TITLE)
    texts = [k["text"] for k in kps]
    keys = [match_key(t) for t in texts]
    assert match_key("دير الزور") in keys[:3]
    assert match_key("تنظيم الدولة الإسلامية") in keys[:5]
    # no clitic-prefixed forms, no quote marks, no stopwords as whole tags
    assert not any(t.startswith(("بدير", "لل", "وال", "بال")) for t in texts)
    assert not any(ch in t for t in texts for ch in "«»\"")
    assert "في" not in keys and "على" not in keys
    # scores are best first
    assert [k["score"] for k in kps] == sorted((k["score"] for k in kps), reverse=True)


def test_no_near_duplicates_the_fuller_phrase_wins():
    kps = extract_keyphrases(ARTICLE, TITLE)
    words = [bare(fold(k["text"])).split() for k in kps]
    for i, a in enumerate(words):
        for j, b in enumerate(words):
            if i != j and len(a) < len(b):
                assert not any(b[x:x + len(a)] == a for x in range(len(b) - len(a) + 1)), (kps[i], kps[j])
    keys = [match_key(k["text"]) for k in kps]
    assert match_key("تنظيم الدولة") not in keys


def test_offsets_point_at_the_phrase_in_the_text():
    for kp in extract_keyphrases(ARTICLE, TITLE):
        if kp["start"] is None:         # a title-only phrase has no evidence in the body
            continue
        assert match_key(ARTICLE[kp["start"]:kp["end"]]) == match_key(kp["text"])


def test_entities_are_grouped_and_shown_canonically():
    text = ("أعلن حزب الله أن مقاتليه صدوا هجوماً. وقال الحزب في بيان إن الهجوم فشل. "
            "وأكد مسؤول في الحزب أن المعارك مستمرة قرب بلدة عرسال.")
    ents = []
    for surface in ("حزب الله", "الحزب"):
        start = 0
        while (i := text.find(surface, start)) >= 0:
            ents.append({"text": surface, "start": i, "end": i + len(surface), "type": "ORG",
                         "subtype": "Group", "canonical": "حزب الله", "entity_id": "hezbollah"})
            start = i + len(surface)
    kps = KeyphraseExtractor().extract(text, None, ents, None, k=5)
    assert kps[0]["text"] == "حزب الله"
    assert sum(k["text"] in ("الحزب", "حزب الله") for k in kps) == 1


def test_outlets_cited_as_sources_are_not_tags():
    text = "وقال مسؤول لـ«الشرق الأوسط» إن القصف استهدف دير الزور. وأضاف أن القصف على دير الزور مستمر."
    i = text.index("الشرق الأوسط")
    ents = [{"text": "الشرق الأوسط", "start": i, "end": i + 12, "type": "ORG", "subtype": "Media",
             "canonical": "صحيفة الشرق الأوسط", "entity_id": "asharq-alawsat"}]
    texts = [k["text"] for k in KeyphraseExtractor().extract(text, None, ents, None)]
    assert "صحيفة الشرق الأوسط" not in texts and "الشرق الأوسط" not in texts


def test_stage_fills_the_record():
    rec = Pipeline(["text", "tags"]).analyze(ARTICLE, title=TITLE)
    assert validate_record(rec) == []
    assert rec["keyphrases"] and all(set(k) == {"text", "score"} for k in rec["keyphrases"])
    assert Pipeline(["text", "tags"]).analyze("")["keyphrases"] == []


def test_match_key_and_scores():
    assert match_key("بالتحالف «الدولي»") == match_key("التحالف الدولي")
    gold = {match_key(t) for t in ("دير الزور", "حزب الله", "موسكو")}
    pred = [match_key(t) for t in ("دير الزور", "روسيا", "حزب الله")]
    p, r, f = score_doc(pred, gold, 10)["exact"]
    assert (round(p, 3), round(r, 3)) == (0.667, 0.667) and round(f, 3) == 0.667
    # partial: one phrase a word-level part of the other
    assert score_doc([match_key("تنظيم الدولة")], {match_key("تنظيم الدولة الإسلامية")}, 5)["partial"][0] == 1.0


def test_seed_tags_in_top_ten(seed_text, seed_expected):
    from marsad.ingest.plaintext import parse_plain_article
    art = parse_plain_article(seed_text)
    assert "كلمات مفتاحية" not in art["text"]          # the tag block is never fed in
    try:
        pipe = Pipeline()
        pipe.components
    except Exception as e:  # an earlier stage not built in this checkout
        pytest.skip(f"full pipeline unavailable: {e}")
    rec = pipe.analyze(art["text"], title=art["title"])
    top = {match_key(k["text"]) for k in rec["keyphrases"][:10]}
    hits = [t for t in seed_expected["tags"] if match_key(t) in top]
    # the acceptance bar: at least 6 of the editor's 8 tags in the top 10
    assert len(hits) >= 6, (hits, [k["text"] for k in rec["keyphrases"]])


def test_fold_with_map_keeps_offsets_through_diacritics():
    from marsad.tags.folded import fold_letters, fold_with_map
    text = "وقالَ مضيفاً «أكّد» إلى مستشفى"
    folded, to_orig = fold_with_map(text)
    assert folded == fold_letters(text) == "وقال مضيفا «اكد» الي مستشفي"
    i = folded.index("مضيفا")
    assert text[to_orig(i):to_orig(i + len("مضيفا"))] == "مضيفاً"   # the tanwin stays with its word
    assert to_orig(len(folded)) == len(text)


def test_bad_spans_from_earlier_stages_are_ignored():
    text = "الحرب في سوريا. الحرب في سوريا."
    kps = extract_keyphrases(text, entities=[{"start": None, "end": 3}, {"start": 5, "end": 2},
                                             {"start": 0, "end": 999, "canonical": "x"}],
                             places=[{"name": None, "mentions": [[0, 2]]}, {"mentions": None}])
    assert kps and all(k["end"] is None or k["end"] <= len(text) for k in kps)
    assert extract_keyphrases("") == [] and extract_keyphrases("hello world") == []
