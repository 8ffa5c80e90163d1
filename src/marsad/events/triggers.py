"""The trigger lexicon (resources/events/triggers.json), indexed for a fast scan.

A single big alternation tried at every word start costs milliseconds per article.
Instead each entry's regex is indexed by every first word it can start with (the
patterns are finite alternations); the scan walks the words once, strips clitics
(و ف ب ل ك ال), and tries only the entries indexed under the exact stem.
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
from ..text.normalize import fold
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


class _Space(Exception):
    pass


def _first_words(items) -> set[str]:
    """Every first word a parsed pattern can begin with (its language up to the first space)."""
    outs = {""}
    done: set[str] = set()          # strings that already reached a space
    for op, av in items:
        if op is LITERAL:
            alts, stop = {chr(av)}, False
        elif op is IN:
            lits = {chr(v) for o, v in av if o is LITERAL}
            if len(lits) != len(av):
                done |= outs          # a character class such as \s: the word ends here
                return done
            alts, stop = lits, False
        elif op is SUBPATTERN:
            alts, stop = _first_words(av[-1]), False
        elif op is BRANCH:
            alts, stop = set().union(*(_first_words(b) for b in av[1])), False
        elif op in (MAX_REPEAT, MIN_REPEAT):
            lo, hi, sub = av
            one = _first_words(sub)
            if hi > 1 or any(x == "" for x in one) and lo > 0:
                done |= outs
                return done
            alts, stop = one | ({""} if lo == 0 else set()), False
        else:
            done |= outs
            return done
        outs = {a + b for a in outs for b in alts}
        if stop:
            break
    return done | outs


@functools.cache
def lexicon() -> tuple[dict[str, list[int]], tuple[re.Pattern, ...], tuple[Trigger, ...]]:
    entries = load_json("events/triggers.json")["triggers"]
    triggers, patterns = [], []
    index: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        if e.get("indefinite"):
            INDEFINITE.add(i)
        check(e["type"], e["sub"], e["plover"])
        triggers.append(Trigger(e["type"], e["sub"], e["plover"], e["rank"], e.get("kind", "")))
        body = _expand(e["re"])
        patterns.append(re.compile(f"(?:{body}){SUFFIX}"))
        for w in _first_words(sre_parse.parse(body)):
            if len(w) < 2:
                raise ValueError(f"trigger pattern without a first word: {e['re']}")
            index.setdefault(w, []).append(i)
    return index, tuple(patterns), tuple(triggers)


_TOKEN_CORE = re.compile(r"\w+")
_NON_WORD = "\"'«»(“[-،,.:؛;"
_candidate_cache: dict[str, tuple[tuple[int, int], ...]] = {}
CACHE_LIMIT = 200_000


_core_cache: dict[str, tuple[tuple[int, int], ...]] = {}
INDEFINITE: set[int] = set()       # entries that never match after the article (ال، لل)


def _core_candidates(core: str) -> tuple[tuple[int, int], ...]:
    """(offset of the stem in the word, entry index) pairs for one word (`\\w+` run), cached:
    the same word comes with many punctuation marks around it («الهجوم»، الهجوم،)."""
    index = lexicon()[0]
    word = fold(core)
    out = []
    for k in range(min(5, len(word) - 1)):
        if k and word[:k] not in CLITIC_SET:
            continue
        for i in index.get(word[k:], ()):
            if k >= 2 and i in INDEFINITE and word[:k].endswith(("ال", "لل")):
                continue
            out.append((k, i))
    res = tuple(out)
    if len(_core_cache) > CACHE_LIMIT:
        _core_cache.clear()
    _core_cache[core] = res
    return res


def word_candidates(token: str) -> tuple[tuple[int, int], ...]:
    """(offset of the stem in the token, entry index) pairs a whitespace token could start.

    Cached per distinct token (news vocabulary repeats), so a scan costs one dict
    lookup per word; an empty tuple means no trigger can start at this token.
    """
    hit = _candidate_cache.get(token)
    if hit is not None:
        return hit
    m = _TOKEN_CORE.search(token)
    if m is None:
        res = ()
    else:
        core = m.group()
        rel = _core_cache.get(core)
        if rel is None:
            rel = _core_candidates(core)
        lead = m.start()
        res = tuple((lead + k, i) for k, i in rel) if rel and lead else rel
    if len(_candidate_cache) > CACHE_LIMIT:
        _candidate_cache.clear()
    _candidate_cache[token] = res
    return res


def has_candidates(text: str) -> bool:
    """Cheap test on the raw text: can any trigger occur at all?"""
    get = _candidate_cache.get
    for tok in text.split():
        c = get(tok)
        if c is None:
            c = word_candidates(tok)
        if c:
            return True
    return False


def find_triggers(key: str, start: int = 0, end: int | None = None) -> list[TriggerHit]:
    """Trigger hits in folded text `key[start:end]`, left to right, non-overlapping."""
    patterns, triggers = lexicon()[1:]
    end = len(key) if end is None else end
    seg = key[start:end] if start or end != len(key) else key
    get = _candidate_cache.get
    hits: list[TriggerHit] = []
    reached = 0
    cursor = 0
    for tok in seg.split():
        c = get(tok)
        if c is None:
            c = word_candidates(tok)
        if not c:
            continue
        p = seg.find(tok, cursor)
        while p > 0 and not seg[p - 1].isspace():
            p = seg.find(tok, p + 1)
        cursor = p + len(tok)
        if p < reached:
            continue
        best = None
        for k, i in c:
            mm = patterns[i].match(seg, p + k)
            if mm and (best is None or mm.end() > best[2]):
                best = (i, p + len(tok) - len(tok.lstrip(_NON_WORD)), mm.end())   # the hit keeps its clitics
        if best is not None:
            i, s0, e0 = best
            hits.append(TriggerHit(triggers[i], start + s0, start + e0, seg[s0:e0]))
            reached = e0
    return hits
