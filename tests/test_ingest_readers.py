"""Readers: the seed layout, encodings, HTML, JSON/JSONL and every kind of bad input."""
from __future__ import annotations

import gzip
import json

import pytest

from marsad.errors import InputError
from marsad.ingest import read_inputs
from marsad.ingest.encoding import decode_bytes, detect_language
from marsad.ingest.plaintext import parse_plain_article
from marsad.ingest.tag_line import split_tag_line

ARTICLE = """قصف مدفعي على حي جوبر

السبت 1 أغسطس 2015 09:45 م

تعرض حي جوبر في دمشق لقصف مدفعي عنيف مساء اليوم.

وقال ناشطون إن ثلاثة أشخاص أصيبوا.

كلمات مفتاحية

دمشق، جوبر، قصف
"""


def test_plain_layout_title_dateline_body_tags():
    art = parse_plain_article(ARTICLE)
    assert art["title"] == "قصف مدفعي على حي جوبر"
    assert art["published"].isoformat() == "2015-08-01T21:45:00"
    assert art["text"].startswith("تعرض حي جوبر") and art["text"].endswith("أصيبوا.")
    assert "كلمات" not in art["text"]
    assert art["tags"] == ["دمشق", "جوبر", "قصف"]


def test_plain_text_without_layout_is_all_body():
    art = parse_plain_article("قتل شخصان في انفجار عبوة ناسفة.\nوأصيب آخرون.")
    assert art["title"] is None and art["published"] is None
    assert art["text"] == "قتل شخصان في انفجار عبوة ناسفة.\nوأصيب آخرون."


def test_tag_line_split_on_known_names():
    phrases = frozenset({"دير الزور", "حزب الله", "النظام السوري"})
    assert split_tag_line("دير الزور حزب الله النظام السوري جثث روس", phrases) == [
        "دير الزور", "حزب الله", "النظام السوري", "جثث روس"]


def test_seed_article_layout(seed_text, seed_expected):
    art = parse_plain_article(seed_text)
    assert art["title"] == seed_expected["title"]
    assert art["published"].strftime("%Y-%m-%dT%H:%M:%S") == seed_expected["published"]
    assert "كلمات مفتاحية" not in art["text"]
    assert art["text"].rstrip().endswith("منذ بدايات النزاع.")
    assert art["tags"] == seed_expected["tags"]


def test_tag_line_uses_catalogue_and_gazetteer():
    # the line arrives space-joined; names from the committed resources give the cuts
    assert split_tag_line("تعز الحوثيون المقاومة الشعبية التحالف العربي اليمن") == [
        "تعز", "الحوثيون", "المقاومة الشعبية", "التحالف العربي", "اليمن"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256", "iso-8859-6"])
def test_encodings_are_detected(encoding):
    text = "أعلنت وزارة الداخلية اعتقال خمسة مشتبه بهم في مدينة الموصل شمال العراق"
    decoded, _ = decode_bytes(text.encode(encoding))
    assert decoded == text


def test_binary_and_empty_are_refused():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes(range(256)) * 10, "x.bin")
    with pytest.raises(InputError, match="empty"):
        decode_bytes(b"  \n", "e.txt")


def test_language_flag():
    assert detect_language("قتل خمسة أشخاص في تفجير") == "ar"
    assert detect_language("Five people were killed in a bombing") == "en"


def test_jsonl_batch_reports_bad_lines_and_keeps_good(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "a1", "text": "اشتباكات في حلب"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps({"id": "a4", "text": 5}),
        json.dumps({"id": "a5", "text": "غارة على الرقة", "published": "2015-08-02"}, ensure_ascii=False),
    ]), encoding="utf-8")
    results = list(read_inputs([str(p)]))
    assert [r.ok for r in results] == [True, False, False, False, True]
    assert results[1].where.endswith("batch.jsonl:2") and "invalid JSON" in str(results[1].error)
    assert "missing 'text'" in str(results[2].error)
    assert results[4].item["id"] == "a5"


def test_jsonl_gz_and_directories(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    with gzip.open(d / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"text": "تفجير في كركوك"}, ensure_ascii=False) + "\n")
    (d / "b.txt").write_text("قصف على درعا", encoding="utf-8")
    items = [r.item["text"] for r in read_inputs([str(d)])]
    assert items == ["تفجير في كركوك", "قصف على درعا"]


def test_html_main_text(tmp_path):
    body = "".join(f"<p>الفقرة رقم {i}: أعلن الجيش العراقي سيطرته على مناطق جديدة في محافظة الأنبار غرب البلاد بعد معارك عنيفة.</p>" for i in range(5))
    html = (f"<html><head><title>الجيش العراقي يتقدم في الأنبار</title></head><body>"
            f"<nav>الرئيسية | سياسة | رياضة</nav><article><h1>الجيش العراقي يتقدم في الأنبار</h1>{body}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>")
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    (res,) = list(read_inputs([str(p)]))
    assert res.ok, res.error
    assert "الأنبار" in res.item["text"] and "جميع الحقوق" not in res.item["text"]


def test_oversized_file_is_refused(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(("قصف " * 1000).encode() * 20)
    (res,) = list(read_inputs([str(p)], max_bytes=50_000))
    assert not res.ok and "limit" in str(res.error)
