"""The actor catalogue: canonical names, Arabic aliases, ACLED actor type and country.

Data lives in resources/actors/actors.tsv (hand-reviewed). Aliases are compared as
gazetteer keys (normalized, clitic-stripped words), so «قوات الأسد», وقوات الأسد and
لقوات الاسد all reach the same actor. Aliases marked `~` in the file are ambiguous
words (المرصد، القاعدة): `lookup` accepts them, `match_actors` does not match them alone.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..resources import path as resource_path
from ..text.tokenize import tokenize
from .gazetteer import MAX_WORDS, phrase_key

CATALOGUE_FILE = "actors/actors.tsv"
SKIP_PUNCT = set("«»\"'“”„‘’()")
MAX_ALIAS_WORDS = 9


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    canonical: str
    type: str                 # PER | ORG | LOC | MISC
    subtype: str | None
    actor_type: str | None    # ACLED actor type, None for media/monitors
    country: str | None       # ISO 3166-1 alpha-2
    aliases: tuple[str, ...]
    weak: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorMatch:
    start: int
    end: int
    text: str
    actor: Actor


@functools.cache
def catalogue() -> tuple[Actor, ...]:
    actors = []
    with open(resource_path(CATALOGUE_FILE), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 7:
                raise ValueError(f"{CATALOGUE_FILE}: expected 7 columns: {line!r}")
            aid, canonical, typ, subtype, actor_type, country, aliases = cols
            names = [a for a in aliases.split("|") if a]
            strong = tuple(dict.fromkeys([canonical] + [a for a in names if not a.startswith("~")]))
            weak = tuple(a[1:] for a in names if a.startswith("~"))
            actors.append(Actor(aid, canonical, typ, subtype or None, actor_type or None,
                                country or None, strong, weak))
    return tuple(actors)


@functools.cache
def _index() -> tuple[dict[tuple[str, ...], Actor], dict[tuple[str, ...], Actor], dict[str, Actor]]:
    strong: dict[tuple[str, ...], Actor] = {}
    weak: dict[tuple[str, ...], Actor] = {}
    by_id: dict[str, Actor] = {}
    for a in catalogue():
        by_id[a.id] = a
        for name in a.aliases:
            strong.setdefault(phrase_key(name), a)
        for name in a.weak:
            weak.setdefault(phrase_key(name), a)
    return strong, weak, by_id


def get(actor_id: str) -> Actor | None:
    return _index()[2].get(actor_id)


def lookup(name: str, weak: bool = True) -> Actor | None:
    """The actor a name refers to (any spelling variant, quotes and clitics ignored), else None."""
    strong_idx, weak_idx, _ = _index()
    for key in _variants(phrase_key(name)):
        hit = strong_idx.get(key)
        if hit is None and weak:
            hit = weak_idx.get(key)
        if hit is not None:
            return hit
    key = phrase_key(name)
    if hit is None and len(key) > 1:
        # a leading descriptor the catalogue does not list: "عناصر تنظيم داعش" → تنظيم داعش
        for i in range(1, len(key)):
            hit = strong_idx.get(key[i:])
            if hit is not None:
                break
    return hit


def _variants(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The key, then the key with an attached و/ف and ب/ل/ك taken off its first word (وحزب الله)."""
    out = [key]
    if key:
        w = key[0]
        if len(w) > 3 and w[0] in "وف":
            w = w[1:]
            out.append((w,) + key[1:])
        if len(w) > 3 and w[0] in "بلك":
            out.append((w[1:],) + key[1:])
    return out


def gazetteer_entries() -> list[tuple[str, str]]:
    """(alias, type) pairs of strong aliases, the tagger's gazetteer features."""
    return [(name, a.type) for a in catalogue() for name in a.aliases]


def match_actors(text: str) -> list[ActorMatch]:
    """Longest non-overlapping catalogue matches in `text` (strong aliases only), with offsets."""
    words = [(core_key(t.norm), t.start, t.end) for t in tokenize(text)
             if t.kind != "clitic" and t.text not in SKIP_PUNCT]
    return match_words(text, words)


def core_key(norm: str) -> str:
    from .features import core_form
    return core_form(norm)


def match_words(text: str, words: list[tuple[str, int, int]]) -> list[ActorMatch]:
    """Catalogue matches over (core key, start, end) words; quotes were already dropped."""
    strong_idx = _index()[0]
    longest = _first_lengths()
    out: list[ActorMatch] = []
    n = len(words)
    free = 0                     # the first word not inside a match yet
    # only words that begin some alias can begin a match
    for i in [i for i, w in enumerate(words) if w[0] in longest]:
        if i < free:
            continue
        L = min(longest[words[i][0]], n - i)
        while L > 0:
            a = strong_idx.get(tuple(w[0] for w in words[i:i + L]))
            if a is not None:
                s, e = words[i][1], words[i + L - 1][2]
                out.append(ActorMatch(s, e, text[s:e], a))
                free = i + L
                break
            L -= 1
    return out


@functools.cache
def _first_lengths() -> dict[str, int]:
    out: dict[str, int] = {}
    for key in _index()[0]:
        if key and len(key) <= MAX_ALIAS_WORDS:
            out[key[0]] = max(out.get(key[0], 0), len(key))
    return out


assert MAX_WORDS <= MAX_ALIAS_WORDS
