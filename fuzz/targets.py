"""Fuzz targets for atheris: readers, encodings, feeds and the date/number parsers.

Each target takes bytes and must not raise anything but InputError (readers) or
nothing at all (parsers). `run_all.py` runs each for a fixed time or count.
"""
from __future__ import annotations

import json

from marsad.errors import InputError


def target_decode(data: bytes) -> None:
    from marsad.ingest.encoding import decode_bytes
    try:
        decode_bytes(data, "fuzz")
    except InputError:
        pass


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def target_plain(data: bytes) -> None:
    from marsad.ingest.plaintext import parse_plain_article
    art = parse_plain_article(_text(data))
    assert isinstance(art["text"], str)


def target_json(data: bytes) -> None:
    from marsad.ingest.records import iter_json_document, iter_jsonl
    for _ in iter_json_document(_text(data), "fuzz.json"):
        pass
    for _ in iter_jsonl(iter(data.splitlines(keepends=True)), "fuzz.jsonl", 100_000):
        pass


def target_html(data: bytes) -> None:
    from marsad.ingest.html import parse_html_article
    try:
        parse_html_article(_text(data), "fuzz.html")
    except InputError:
        pass


def target_feed(data: bytes) -> None:
    try:
        from marsad.corpus.feeds import parse_feed_items
    except ImportError:
        return
    try:
        for _ in parse_feed_items(_text(data), "fuzz.xml"):
            pass
    except InputError:
        pass


def target_dates(data: bytes) -> None:
    from datetime import datetime
    from marsad.doc import Doc
    from marsad.text.dates import parse_dateline, parse_published
    from marsad.text.stage import TextStage
    s = _text(data)
    for fn in (parse_dateline, parse_published):
        v = fn(s)
        assert v is None or isinstance(v, datetime)
    TextStage()(Doc(text=s, published=datetime(2015, 8, 3, 10, 0)))


def target_numbers(data: bytes) -> None:
    try:
        from marsad.text.numbers import parse_number
    except ImportError:
        return
    parse_number(_text(data))


TARGETS = {name[len("target_"):]: fn for name, fn in dict(globals()).items() if name.startswith("target_")}

SEEDS = {
    "decode": ["قتل 5 أشخاص".encode("utf-8"), "قتل".encode("cp1256"), "قتل".encode("utf-16")],
    "plain": ["عنوان\n\nالجمعة 15 سبتمبر 2017 06:09 ص\n\nنص الخبر.\n\nكلمات مفتاحية\n\nدمشق".encode()],
    "json": [json.dumps({"id": "1", "text": "غارة على حلب"}, ensure_ascii=False).encode()],
    "html": ["<html><title>خبر</title><body><article><p>قصف على درعا اليوم</p></article></body></html>".encode()],
    "feed": [b"<?xml version='1.0'?><rss><channel><item><title>x</title><link>http://a/b</link></item></channel></rss>"],
    "dates": ["في 28 أغسطس/آب الماضي، ومساء الأربعاء، وأمس، و26 شوال 1436 هـ".encode()],
    "numbers": ["ثلاثة آلاف و27 قتيلا وعشرات الجرحى".encode()],
}
