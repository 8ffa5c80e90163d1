"""Property-based tests: offsets round-trip, normalization is idempotent, parsers never
raise on arbitrary strings, and every record satisfies the output contract."""
from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.ingest.encoding import decode_bytes
from marsad.ingest.plaintext import parse_plain_article
from marsad.record import validate_record
from marsad.text.normalize import fold, normalize_key, normalize_with_offsets
from marsad.text.segment import split_sentences
from marsad.text.tokenize import tokenize

ARABIC = "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىةـًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩،؛؟«»"
arabicish = st.text(alphabet=st.sampled_from(list(ARABIC) + list(" .\n:()0123456789\u200f\u200c")), max_size=400)
anything = st.one_of(arabicish, st.text(max_size=300))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(anything)
def test_normalization_offsets_round_trip(text):
    norm, offsets = normalize_with_offsets(text)
    assert len(offsets) == len(norm) + 1
    for i, ch in enumerate(norm):
        assert fold(text[offsets[i]]) == ch
    assert fold(text) == norm


@SETTINGS
@given(anything)
def test_normalize_key_idempotent(text):
    once = normalize_key(text)
    assert normalize_key(once) == once


@SETTINGS
@given(anything)
def test_tokens_and_sentences_round_trip(text):
    prev_end = 0
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text
        assert tok.start >= prev_end and tok.end > tok.start
        prev_end = tok.end
    prev_end = 0
    for s in split_sentences(text):
        assert 0 <= s.start < s.end <= len(text) and s.start >= prev_end
        prev_end = s.end


@SETTINGS
@given(anything)
def test_article_tokens_equal_sentence_by_sentence_tokens(text):
    """The stage's one-pass tokenizer gives the tokens and hits of tokenizing each
    sentence on its own, even where boundaries cut whitespace-free chunks."""
    from marsad.text.tokenize import append_tokens, tokenize_sentences
    sentences = split_sentences(text)
    expected, expected_hits = [], []
    for i, sent in enumerate(sentences):
        append_tokens(text, expected, sent.start, sent.end, i, hits=expected_hits)
    hits: list[int] = []
    assert tokenize_sentences(text, sentences, hits) == expected
    assert hits == expected_hits


@SETTINGS
@given(anything)
def test_date_parsers_never_raise_or_invent_dates(text):
    from marsad.text.dates import parse_dateline, parse_published
    for parse in (parse_dateline, parse_published):
        value = parse(text)
        assert value is None or (isinstance(value, datetime) and 1 <= value.year <= 9999)


@SETTINGS
@given(anything, st.one_of(st.none(), st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1))))
def test_text_stage_never_raises(text, published):
    from marsad.doc import Doc
    from marsad.text.stage import TextStage
    doc = TextStage()(Doc(text=text, published=published))
    for span in list(doc.dates) + list(doc.numbers):
        assert 0 <= span.start <= span.end <= len(text)
    for span in doc.dates:
        if span.label:
            datetime.strptime(span.label, "%Y-%m-%d")


@SETTINGS
@given(st.binary(max_size=2000))
def test_decoder_raises_only_input_errors(data):
    try:
        text, enc = decode_bytes(data, "fuzz")
        assert isinstance(text, str) and enc
    except InputError as e:
        assert str(e).startswith("fuzz")


@SETTINGS
@given(anything)
def test_plain_reader_keeps_body_verbatim(text):
    art = parse_plain_article(text)
    assert art["text"] in text or art["text"] == art["title"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arabicish.filter(lambda s: s.strip()), st.sampled_from([None, "2015-08-03T10:00:00", "2017-09-15"]))
def test_full_pipeline_records_always_valid(text, published):
    from marsad.pipeline import Pipeline
    rec = Pipeline().analyze(text, published=published)
    assert validate_record(rec) == []


def test_feed_text_is_never_taken_for_a_url_or_path():
    """Fuzz regression: feedparser read '//[' as a URL and raised ValueError; a feed whose text
    is a path or URL must not make it open that file or fetch that URL."""
    import pytest
    from marsad.corpus.feeds import parse_feed_items
    for text in ("//[", "/etc/passwd", "http://127.0.0.1:9/feed.xml", "file:///etc/hostname"):
        with pytest.raises(InputError, match="not a readable RSS/Atom feed"):
            list(parse_feed_items(text, "regress.xml"))
