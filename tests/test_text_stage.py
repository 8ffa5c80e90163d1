"""The text stage on whole articles: the seed bars and offset round trips."""
import gzip
import json
from datetime import datetime

from support import shared_path

from marsad.doc import Doc
from marsad.text.dates import parse_dateline
from marsad.text.stage import TextStage

ARTICLE = ("الجمعة 15 سبتمبر 2017\n"
           "قال المتحدث باسم الجيش، أمس، إن القوات سيطرت على البلدة بعد اشتباكات عنيفة. "
           "وأضاف أن «عشرات المسلحين قتلوا. وأسر 14 آخرون» مساء الأربعاء.\n"
           "وكانت القوات قد بدأت الهجوم في 28 أغسطس/آب الماضي.")


def seed_parts(text):
    """(published, body, body offset) of the seed layout: title, dateline, body, tag block."""
    lines = text.split("\n")
    dateline_idx = next(i for i, line in enumerate(lines) if parse_dateline(line))
    published = parse_dateline(lines[dateline_idx])
    start = sum(len(line) + 1 for line in lines[:dateline_idx + 1])
    end = text.index("كلمات مفتاحية")
    return published, text[start:end].strip()


def assert_round_trip(doc):
    text = doc.text
    for t in doc.tokens:
        assert text[t.start:t.end] == t.text
        assert 0 <= t.sent < len(doc.sentences)
        s = doc.sentences[t.sent]
        assert s.start <= t.start and t.end <= s.end
    for s in doc.sentences:
        assert text[s.start:s.end].strip() == text[s.start:s.end] != ""
    for span in doc.dates + doc.numbers:
        assert 0 <= span.start < span.end <= len(text)
    # every non-space character is in exactly one token
    assert sum(t.end - t.start for t in doc.tokens) == sum(not c.isspace() for c in text)


def test_stage_fills_every_layer():
    doc = TextStage()(Doc(text=ARTICLE, published=datetime(2017, 9, 15, 6, 9)))
    assert_round_trip(doc)
    assert len(doc.sentences) == 4
    assert [(ARTICLE[d.start:d.end], d.label) for d in doc.dates] == [
        ("الجمعة 15 سبتمبر 2017", "2017-09-15"), ("أمس", "2017-09-14"), ("مساء الأربعاء", "2017-09-13"),
        ("28 أغسطس/آب الماضي", "2017-08-28")]
    assert [(ARTICLE[n.start:n.end], n.data) for n in doc.numbers] == [
        ("عشرات", {"value": 10, "vague": True}), ("14", {"value": 14, "vague": False})]


def test_stage_on_empty_and_odd_text():
    for text in ["", "   \n\n ", ".", "«", "١٢٣", "abc"]:
        doc = TextStage()(Doc(text=text))
        assert_round_trip(doc)


def test_seed_article_dates_resolve(seed_text):
    published, body = seed_parts(seed_text)
    assert published == datetime(2017, 9, 15, 6, 9)
    doc = TextStage()(Doc(text=body, published=published))
    assert_round_trip(doc)
    day_dates = {d.label for d in doc.dates if d.data["precision"] == 1}
    assert day_dates == {"2017-08-28", "2017-08-30", "2017-09-13", "2017-09-14"}
    by_text = {body[d.start:d.end]: d.label for d in doc.dates}
    assert by_text["مساء الأربعاء"] == "2017-09-13"
    assert by_text["أمس"] == "2017-09-14"
    week = [d for d in doc.dates if d.data["precision"] == 2]
    assert len(week) == 1 and body[week[0].start:week[0].end].startswith("الأسبوع")


def test_seed_title_is_one_sentence_and_names_stay_whole(seed_text):
    title = seed_text.split("\n")[0]
    doc = TextStage()(Doc(text=title))
    assert len(doc.sentences) == 1
    assert "القلمون" in [t.text for t in doc.tokens]
    _, body = seed_parts(seed_text)
    toks = TextStage()(Doc(text=body)).tokens
    surfaces = [t.text for t in toks]
    assert "الميادين" in surfaces and "والميادين" not in surfaces
    numbers = TextStage()(Doc(text=body)).numbers
    assert {(body[n.start:n.end], n.data["value"]) for n in numbers} >= {("14", 14), ("60", 60), ("مئات", 100)}


def test_round_trip_on_news_sample():
    path = shared_path("data/news/saudinewsnet.jsonl.gz")
    stage = TextStage()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 300:
                break
            rec = json.loads(line)
            doc = stage(Doc(text=rec["text"], published=datetime.fromisoformat(rec["published"])))
            assert_round_trip(doc)
            for d in doc.dates:
                assert d.label != "" and d.data["precision"] in (1, 2, 3)


def test_eval_text_reports_the_seed_bar():
    from marsad.text.evaluate import seed_dates
    report = seed_dates(shared_path("seed/article.txt"))
    assert report["ok"], report
