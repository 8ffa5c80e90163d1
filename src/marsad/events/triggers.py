"""The trigger lexicon (resources/events/triggers.json), indexed for a fast scan.

A single big alternation tried at every word start costs milliseconds per article.
Instead each entry's regex is indexed by the two letters it can start with; the
scan walks the words once, strips clitics (و ف ب ل ك ال), and tries only the
entries indexed under the stem's first two letters.
"""
from __future__ import annotations

import functools
import re
try:
    import re._parser as sre_parse          # Python 3.11+
    from re._constants import BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN
except ImportError:                          # pragma: no cover
    import sre_parse                         # type: ignore
    from sre_constants import BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN  # type: ignore
from dataclasses import dataclass

from ..resources import load_json
from .keys import fold_arabic
from .taxonomy import check

SUFFIX = r"(?![\w])"
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "لل", "كال", "وب", "ول", "فب", "فل", "وك",
           "وبال", "ولل", "فبال", "فلل", "وكال")
CLITIC_SET = frozenset(CLITICS)
_WORD_RE = re.compile(r"\w+")


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
    body = pattern.removeprefix("<").removesuffix(">")
    if "<" in body or ">" in body:
        raise ValueError(f"trigger pattern must use < and > only at its ends: {pattern}")
    return fold_arabic(body).replace("..", r"(?:\s+\S+){0,3}\s+").replace("_", r"\s+")


def _prefixes(items, n: int = 2) -> set[str]:
    """All strings of length <= n a parsed regex can start with (complete: shorter = ends there)."""
    out = {""}
    for op, av in items:
        nxt: set[str] = set()
        if op is LITERAL:
            alts = {chr(av)}
        elif op is IN:
            alts = {chr(v) for o, v in av if o is LITERAL}
        elif op is SUBPATTERN:
            alts = _prefixes(av[-1], n)
        elif op is BRANCH:
            alts = set().union(*(_prefixes(b, n) for b in av[1]))
        elif op in (MAX_REPEAT, MIN_REPEAT):
            lo, _, sub = av
            one = _prefixes(sub, n)
            alts = one | ({""} if lo == 0 else set())
            alts |= {a + b for a in one for b in one}
        else:
            alts = {""}   # anything else (\s, lookarounds): stop extending here
        for p in out:
            if len(p) >= n:
                nxt.add(p)
            else:
                nxt.update((p + a)[:n] for a in alts)
        out = nxt
    return out


@functools.cache
def lexicon() -> tuple[dict[str, list[int]], tuple[re.Pattern, ...], tuple[Trigger, ...]]:
    entries = load_json("events/triggers.json")["triggers"]
    triggers, patterns = [], []
    index: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        check(e["type"], e["sub"], e["plover"])
        triggers.append(Trigger(e["type"], e["sub"], e["plover"], e["rank"], e.get("kind", "")))
        body = _expand(e["re"])
        patterns.append(re.compile(f"(?:{body}){SUFFIX}"))
        for p in _prefixes(sre_parse.parse(body)):
            if p == "ال":
                continue      # reached through the clitic split (ال + stem) instead
            if len(p) < 2:
                raise ValueError(f"trigger pattern too short to index: {e['re']}")
            index.setdefault(p, []).append(i)
    return index, tuple(patterns), tuple(triggers)


def find_triggers(key: str, start: int = 0, end: int | None = None) -> list[TriggerHit]:
    """Trigger hits in folded text `key[start:end]`, left to right, non-overlapping."""
    index, patterns, triggers = lexicon()
    end = len(key) if end is None else end
    hits: list[TriggerHit] = []
    reached = start
    for m in _WORD_RE.finditer(key, start, end):
        ws = m.start()
        if ws < reached:
            continue
        word = m.group()
        best = None
        for k in range(min(5, len(word) - 1)):
            if k and word[:k] not in CLITIC_SET:
                continue
            cands = index.get(word[k:k + 2])
            if not cands:
                continue
            for i in cands:
                mm = patterns[i].match(key, ws + k, end)
                if mm and (best is None or mm.end() > best[2]):
                    best = (i, ws, mm.end())
        if best is not None:
            i, s, e = best
            hits.append(TriggerHit(triggers[i], s, e, key[s:e]))
            reached = e
    return hits
