"""The trigger lexicon (resources/events/triggers.json) compiled to one regex.

One alternation with a named group per entry scans a whole folded article in a
single C-level pass, so articles without any trigger cost almost nothing.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..resources import load_json
from .keys import fold_arabic
from .taxonomy import check

PREFIX = r"(?<![\w])(?:[وف])?(?:[بلك])?(?:ال|ل)?"
SUFFIX = r"(?![\w])"


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    sub_event_type: str
    plover: str
    rank: int
    kind: str


@dataclass(slots=True)
class TriggerHit:
    trigger: Trigger
    start: int          # offsets in the folded key text
    end: int
    surface: str        # folded matched text


def _expand(pattern: str) -> str:
    return (fold_arabic(pattern).replace("..", r"(?:\s+\S+){0,3}\s+").replace("_", r"\s+")
            .replace("<", PREFIX).replace(">", SUFFIX))


@functools.cache
def lexicon() -> tuple[re.Pattern, tuple[Trigger, ...]]:
    entries = load_json("events/triggers.json")["triggers"]
    triggers = []
    parts = []
    for i, e in enumerate(entries):
        check(e["type"], e["sub"], e["plover"])
        triggers.append(Trigger(e["type"], e["sub"], e["plover"], e["rank"], e.get("kind", "")))
        parts.append(f"(?P<t{i}>{_expand(e['re'])})")
    # longest/most specific entries first in the lexicon file win at equal positions
    return re.compile("|".join(parts)), tuple(triggers)


def find_triggers(key: str, start: int = 0, end: int | None = None) -> list[TriggerHit]:
    """Trigger hits in folded text `key[start:end]`, left to right, non-overlapping."""
    rx, triggers = lexicon()
    hits = []
    for m in rx.finditer(key, start, len(key) if end is None else end):
        i = int(m.lastgroup[1:])
        hits.append(TriggerHit(triggers[i], m.start(), m.end(), m.group()))
    return hits
