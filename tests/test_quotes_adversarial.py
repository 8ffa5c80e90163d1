"""The quote and tag stages stay linear on 100 KB adversarial text (issue: hardening).

Inputs are the regex audit's (long runs of letters, marks, tatweel, punctuation, digits,
spaces, «) plus runs shaped like attributions, which drive the Python side of the quote
finder: every word a speech verb, بحسب/وفقا لـ/نقلا عن without a sentence end, unclosed
quotes. A catastrophic pattern or a per-match rescan of the sentence took from 1 s to
a minute here; linear code takes well under a second. CPU time, so a busy machine does
not fail the test.
"""
from __future__ import annotations

import time

import pytest

from marsad.doc import Doc
from marsad.quotes.stage import QuoteStage
from marsad.regex_audit import ADVERSARIAL, SIZE
from marsad.tags.keyphrases import default_extractor
from marsad.tags.stage import TagStage
from marsad.text.stage import TextStage

CPU_SECONDS_PER_STAGE = 3.0


def _run(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


ATTRIBUTION_SHAPED = {
    "speech verbs": _run("وقال "),
    "verb speaker inna": _run("وقال مسؤول إن "),
    "hasabama": _run("بحسب ما قال "),
    "according, no sentence end": _run("، بحسب مصادر "),
    "wifqan li": _run("وفقا لـ "),
    "naqlan an": _run("نقلا عن "),
    "participles": _run("، مشيرا "),
    "unclosed quote": "قال المتحدث: «" + _run("كلام "),
    "short quotes": _run("قال «فلان» إن «"),
    "marks and quotes": _run("بَـّ «» "),
}
INPUTS = {**ADVERSARIAL, **ATTRIBUTION_SHAPED}


@pytest.fixture(scope="module")
def stages():
    default_extractor()                 # table loading is not part of the per-text cost
    return TextStage(), QuoteStage(), TagStage()


def _cpu(stage, doc: Doc) -> float:
    t = time.process_time()
    stage(doc)
    return time.process_time() - t


@pytest.mark.parametrize("label", list(INPUTS))
def test_quote_and_tag_stages_are_bounded_on_100kb(stages, label):
    text_stage, quote_stage, tag_stage = stages
    text = INPUTS[label]
    assert len(text) >= SIZE - 10
    doc = text_stage(Doc(text=text, title=text[:200]))
    quotes_cpu = _cpu(quote_stage, doc)
    tags_cpu = _cpu(tag_stage, doc)
    assert quotes_cpu < CPU_SECONDS_PER_STAGE, f"quotes took {quotes_cpu:.2f} s CPU on 100 KB of {label}"
    assert tags_cpu < CPU_SECONDS_PER_STAGE, f"tags took {tags_cpu:.2f} s CPU on 100 KB of {label}"
    for q in doc.quotes:                # whatever is found still points into the text
        assert 0 <= q["start"] <= q["end"] <= len(text)
    for kp in doc.keyphrases:
        assert kp["start"] is None or 0 <= kp["start"] < kp["end"] <= len(text)


@pytest.mark.parametrize("label", ["speech verbs", "according, no sentence end", "naqlan an"])
def test_quote_stage_grows_linearly(stages, label):
    text_stage, quote_stage, _ = stages
    unit = ATTRIBUTION_SHAPED[label][:40]
    small_doc = text_stage(Doc(text=_run(unit, 20_000)))
    large_doc = text_stage(Doc(text=_run(unit, 100_000)))
    small = max(min(_cpu(quote_stage, small_doc) for _ in range(3)), 0.002)
    large = min(_cpu(quote_stage, large_doc) for _ in range(2))
    # 5x the input: linear work takes ~5x the time, a quadratic rescan ~25x
    assert large < 12 * small, f"5x input took {large / small:.1f}x the CPU time"
