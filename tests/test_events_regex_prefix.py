"""The event patterns that lost their leading `\\W{0,20}` / `\\s{1,20}` (issue 10's regex bar)
match exactly where the old single patterns matched: skip_run + the shorter pattern."""
from __future__ import annotations

import random
import re

from marsad.events import context, detect, stage
from marsad.events.keys import fold_arabic, skip_run

ALPHABET = [" ", "  ", "\n", "\t", ".", "،", "«", "»", "(", "-", "_", "5", "ـ", "و", "ف", "كان", "كانت", "كانوا",
            "الى ذلك", "إلى ذلك", "وفي حادث منفصل", "كما قتل", "شخص", "قتيل", "من ", "هذا الوضع", "تلك التوتر",
            "ب", "ال", "هذه", "x"]
ALPHABET = [fold_arabic(a) for a in ALPHABET]      # keys are folded text


def _old(new: re.Pattern, prefix: str) -> re.Pattern:
    return re.compile(prefix + new.pattern, new.flags)


CASES = [
    (stage.NEW_STORY, r"\W{0,20}", lambda k, p: stage.opens_new_story(k, p)),
    (detect.KANA_START, r"\W{0,20}", lambda k, p: (j := skip_run(k, p, 0, 20)) >= 0 and bool(detect.KANA_START.match(k, j))),
    (detect.DEMONSTRATIVE_SUBJECT, r"\s{1,20}",
     lambda k, p: (j := skip_run(k, p, 1, 20, spaces=True)) >= 0 and bool(detect.DEMONSTRATIVE_SUBJECT.match(k, j))),
    (context.PEOPLE_AFTER, r"\s{1,20}", lambda k, p: context._people_after(k, p)),
]


def test_skip_run_plus_pattern_equals_old_prefixed_pattern():
    rnd = random.Random(10)
    for new, prefix, check in CASES:
        old = _old(new, prefix)
        hits = 0
        for _ in range(3000):
            key = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 30)))
            for pos in range(len(key) + 1):
                expect = old.match(key, pos) is not None
                hits += expect
                assert check(key, pos) == expect, (prefix + new.pattern, key, pos)
        assert hits > 100        # the random texts do reach the patterns


def test_runs_longer_than_twenty_do_not_match():
    assert stage.opens_new_story(" " * 20 + fold_arabic("إلى ذلك"), 0)
    assert not stage.opens_new_story(" " * 21 + fold_arabic("إلى ذلك"), 0)
    assert context._people_after("5" + " " * 20 + "شخص", 1)
    assert not context._people_after("5" + " " * 21 + "شخص", 1)
    assert not context._people_after("5شخص", 1)


def test_conflict_lookaheads_change_no_match():
    old = context._rx(context.W + r"(?:[بل])?(?:ال|ل)?(" + context._CONFLICT_WORDS + ")" + context.E)
    words = [fold_arabic(w) for w in context._CONFLICT_WORDS.replace("_", " ").split("|")]
    pieces = words + [fold_arabic(w) for w in ("و", "ف", "ب", "ل", "ال", "ـ", "َ")] + [" ", "،", "x", "5", "  "]
    rnd = random.Random(11)
    hits = 0
    for _ in range(3000):
        key = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        spans = [m.span() for m in old.finditer(key)]
        hits += len(spans)
        assert [m.span() for m in context.CONFLICT.finditer(key)] == spans, key
    assert hits > 200
