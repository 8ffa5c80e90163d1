"""No regex of the text layer backtracks catastrophically on long hostile input."""
import random
import re
import time

import pytest

from marsad.doc import Doc
from marsad.text.dates import parse_dateline, parse_published
from marsad.text.numbers import parse_number
from marsad.text import dates, normalize, numbers, segment, tokenize
from marsad.text.stage import TextStage

SIZE = 100_000
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى"
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩"
PUNCT = ".،؛:!؟?«»()\"'/-…\n "


def hostile_inputs():
    rnd = random.Random(7)
    yield "ا" * SIZE                                   # one endless word
    yield ("ا" + "\u0651\u064e") * (SIZE // 3)         # letters smothered in diacritics
    yield "\u0640" * SIZE                              # tatweel only
    yield "1" * SIZE                                   # one endless number
    yield "1." * (SIZE // 2)                           # endless decimal-looking run
    yield "1/" * (SIZE // 2)
    yield "." * SIZE                                   # endless terminator run
    yield "«" * SIZE                                   # unbalanced quotes
    yield "الليل قبل " * (SIZE // 10)                  # half date expressions, repeated
    yield "منذ " * (SIZE // 4)
    yield "15 " * (SIZE // 3)
    yield "15 سبتمبر/" * (SIZE // 10)
    yield "ثلاثة " * (SIZE // 6)                       # one endless number phrase
    yield "وال" * (SIZE // 3)
    yield "كلمة.. " * (SIZE // 7)                     # headline joints on one endless line
    yield "د. " * (SIZE // 3)                          # abbreviations that never end a sentence
    yield "(" + "جملة. " * (SIZE // 6)                 # one unclosed parenthesis
    yield "الجمعة" + " " * SIZE + "x"                  # a date cut off by a whitespace desert
    yield "15" + " " * SIZE + "سبتمبر"
    alphabet = LETTERS * 4 + MARKS + DIGITS + PUNCT
    yield "".join(rnd.choice(alphabet) for _ in range(SIZE))


@pytest.mark.parametrize("text", list(hostile_inputs()), ids=lambda t: repr(t[:12]))
def test_text_stage_is_linear_on_hostile_input(text):
    t0 = time.process_time()
    doc = TextStage()(Doc(text=text, published=None))
    elapsed = time.process_time() - t0
    assert elapsed < 5.0, f"{elapsed:.1f}s on {text[:20]!r}"
    assert all(text[t.start:t.end] == t.text for t in doc.tokens[:1000])


@pytest.mark.parametrize("text", ["1" * SIZE, "15 سبتمبر " * 5000, "ا" * SIZE, "ثلاثة " * 5000,
                                  "الجمعة" + " " * SIZE + "x"])
def test_parsers_are_linear(text):
    t0 = time.process_time()
    parse_dateline(text)
    parse_published(text)
    parse_number(text)
    assert time.process_time() - t0 < 5.0


def _module_patterns():
    for mod in (dates, normalize, numbers, segment, tokenize):
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                yield f"{mod.__name__}.{name}", value


@pytest.mark.parametrize("name,pattern", list(_module_patterns()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_text_pattern_scans_hostile_input_quickly(name, pattern):
    """finditer over the whole input, as a careless caller would, stays near-linear."""
    for text in (" " * SIZE, "بَ" * (SIZE // 2), "قتل 5 " * (SIZE // 6), "الجمعة" + " " * SIZE, "1,2.3:" * (SIZE // 6)):
        t0 = time.process_time()
        for _ in pattern.finditer(text):
            pass
        assert time.process_time() - t0 < 2.0, f"{name} on {text[:8]!r}"
