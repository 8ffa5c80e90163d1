"""Rank an article's keyword tags the way an editor picks them.

Candidates are 1-3 word runs of content words (see `words`). A cheap tf·idf score
(idf from `resources/tags/phrases.tsv.gz`, built from the news corpus) keeps the best
few dozen; those are scored by a small logistic ranker learned from editor tags
(`resources/tags/ranker.json`, training/train_tag_ranker.py) over features an editor
would weigh: how often and how early the article uses the phrase, whether the title
does, how rare it is in the news, how tightly its words stick together across the
corpus (دير الزور always comes as a pair, قوات النظام rarely does), and whether a
single word behaves like a name or like a common noun. Entities and places from
earlier stages are boosted and shown in their canonical form. Near-duplicates
collapse onto the fuller phrase (تنظيم الدولة → تنظيم الدولة الإسلامية).
"""
from __future__ import annotations

import bisect
import functools
import gzip
import heapq
import json
import math
from operator import mul
import re
from typing import Any

from ..resources import path as resource_path
from ..text.normalize import fold
from .folded import fold_letters
from .words import WordAnalyzer, token_spans

PREFILTER = 48          # candidates kept by tf·idf before the ranker looks at them
TITLE_WEIGHT = 3.0      # a title occurrence counts like this many body occurrences
SUPERSET_RATIO = 0.5    # a fuller phrase replaces its part if the article uses it this often
PRONOUN_SUFFIXES = ("ها", "هم", "هما", "كم", "نا", "هن")

FEATURES = ("bias", "log_tf", "title", "early", "idf", "bigram", "trigram", "unknown_phrase",
            "coherence", "generic", "definite", "pronoun_suffix", "verb_prefix", "tf_idf",
            "head_generic", "tail_generic", "title_only", "entity", "entity_title", "place")
# Used when resources/tags/ranker.json is absent: hand-set, roughly what the learner finds.
DEFAULT_WEIGHTS = {"bias": -4.0, "log_tf": 1.0, "title": 1.0, "early": 1.0, "idf": 2.0,
                   "bigram": 0.5, "trigram": 0.3, "unknown_phrase": -2.0, "coherence": 0.7,
                   "generic": -1.5, "definite": 0.0, "pronoun_suffix": -1.5, "verb_prefix": -0.5,
                   "tf_idf": 0.5, "head_generic": -0.5, "tail_generic": 0.0, "title_only": -1.0,
                   "entity": 2.0, "entity_title": 0.5, "place": 0.0}


@functools.cache
def load_table(name: str) -> tuple[int, dict[str, int]]:
    """(number of corpus documents, key → document frequency); empty if not built."""
    p = resource_path(f"tags/{name}")
    if not p.exists():
        return 1, {}
    table: dict[str, int] = {}
    with gzip.open(p, "rt", encoding="utf-8") as f:
        n_docs = int(f.readline().split("\t")[1])
        for line in f:
            k, _, c = line.rstrip("\n").rpartition("\t")
            table[k] = int(c)
    return n_docs, table


@functools.cache
def load_idf() -> tuple[int, dict[str, float]]:
    """(number of corpus documents, phrase → log((N+1)/(df+1))), read straight from the
    table so the hot path does no logarithms; equal counts share one float object."""
    p = resource_path("tags/phrases.tsv.gz")
    if not p.exists():
        return 1, {}
    table: dict[str, float] = {}
    with gzip.open(p, "rt", encoding="utf-8") as f:
        n_docs = int(f.readline().split("\t")[1])
        log_n = math.log(n_docs + 1)
        by_count: dict[str, float] = {}
        for line in f:
            k, _, c = line.rstrip("\n").rpartition("\t")
            v = by_count.get(c)
            if v is None:
                v = by_count[c] = log_n - math.log(int(c) + 1)
            table[k] = v
    return n_docs, table


@functools.cache
def load_weights() -> tuple[float, ...]:
    p = resource_path("tags/ranker.json")
    w = dict(DEFAULT_WEIGHTS)
    if p.exists():
        with open(p, encoding="utf-8") as f:
            w.update(json.load(f)["weights"])
    return tuple(w[name] for name in FEATURES)


def genericness(key: str, wdf) -> float:
    """How much one word behaves like a common noun rather than a name, in [0, 1].

    Common nouns and adjectives come both with and without the article (قافلة and
    القافلة, السوري and سوري); names keep one form (القلمون, موسكو, سوريا).
    """
    df = wdf(key, 0)
    if not df:
        return 0.0
    alt = key[2:] if key.startswith("ال") else "ال" + key
    return min(wdf(alt, 0) / df, 1.0)


def bare(key: str) -> str:
    """Key without the article on each word: the identity used to spot duplicates."""
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in key.split(" "))


def _fragment(a: list[str], b: list[str]) -> bool:
    """True if `a` overlaps `b` at an edge (مدينة دير against دير الزور): a broken phrase."""
    for m in range(1, min(len(a), len(b))):
        if a[-m:] == b[:m] or a[:m] == b[-m:]:
            return True
    return False


def _contains(big: list[str], small: list[str]) -> bool:
    n, m = len(big), len(small)
    if m >= n:
        return False
    return any(big[i:i + m] == small for i in range(n - m + 1))


SPLIT_CHARS = " \t\n«»\"“”„"
SPLIT_RE = re.compile(r"[\s«»\"“”„]+")
# quote marks and the spaces around them, as one run (display_form drops the empty pieces
# between adjacent marks anyway); a space run is entered only at its start, so splitting
# a long run of spaces or quote marks stays linear
QUOTE_RE = re.compile(r"(?:(?<!\s)\s++)?[«»\"“”„][\s«»\"“”„]*+")


def display_form(text: str, key: str, start: int, end: int) -> str:
    """The candidate as written, with a peeled لل restored to ال (للتحالف → التحالف) and
    quote marks dropped (تنظيم «الدولة الإسلامية» → تنظيم الدولة الإسلامية)."""
    s = text[start:end]
    if key.startswith("ال") and fold(s[:2]) != "ال" and fold(s[:1]) == "ل":
        s = "ا" + s
    if "«" in s or "»" in s or '"' in s or "“" in s or "”" in s:
        s = " ".join(p for p in QUOTE_RE.split(s) if p)
    return s


def title_form(title: str | None, key: str) -> str:
    """Surface of a title-only candidate: the title words whose keys make `key`."""
    if not title:
        return key
    from .words import WORD_RE, AR_START
    ws = [m for m in WORD_RE.finditer(title) if AR_START.match(m.group())]
    want = key.split(" ")
    n = len(want)
    for i in range(len(ws) - n + 1):
        keys = [fold(m.group()) for m in ws[i:i + n]]
        if keys[1:] == want[1:] and keys[0].endswith(want[0][2:] if want[0].startswith("ال") else want[0]):
            first = ws[i].group()
            off = len(keys[0]) - len(want[0]) if len(keys[0]) >= len(want[0]) else 0
            return display_form(title, want[0], ws[i].start() + off, ws[i + n - 1].end()) \
                if len(fold(first)) == len(first) else title[ws[i].start():ws[i + n - 1].end()]
    return key


_MISSING = object()
SPAN_CACHE_SIZE = 100_000


class KeyphraseExtractor:
    """`extract(text, title, entities, places, k)` → [{"text","score","start","end"}]."""

    def __init__(self, weights: tuple[float, ...] | None = None):
        self.n_docs, self.idf = load_idf()
        wdf = load_table("words.tsv.gz")[1]
        self.wdf = wdf.get
        self.analyzer = WordAnalyzer(lambda k: wdf.get(k, 0))
        self.log_n = math.log(self.n_docs + 1)
        self.weights = weights if weights is not None else load_weights()
        self._span_keys: dict[str, str | None] = {}

    def candidates(self, text: str, title: str | None, entities=None, places=None):
        """Prefiltered candidates as (key, features, first token, n, display, span), plus the
        counting context (tokens, folded text, to_orig) to locate the chosen ones.

        Entities and places of earlier stages become one candidate per real-world thing
        (all mentions of تنظيم الدولة الإسلامية، التنظيم، داعش count together), shown in
        canonical form; the plain phrases they cover are dropped.
        """
        counts, firsts, toks, folded, to_orig = self.analyzer.count(text)
        tcounts = self.analyzer.count(title)[0] if title else {}
        groups, covered = self._entity_groups(text, entities, places)
        log_n = self.log_n
        idf = self.idf.get
        # a phrase seen once and not in the title is never an editor's tag
        cheap = [(c * idf(key, log_n), key) for key, c in counts.items() if c > 1 and key not in covered]
        for key, t in tcounts.items():
            if key not in covered and (key in counts or " " in key):   # title-only phrases too
                cheap.append(((counts.get(key, 0) + TITLE_WEIGHT * t) * idf(key, log_n), key))
        keep = {k for _, k in heapq.nlargest(PREFILTER, cheap)}
        keep.update(k for k in tcounts if k not in covered and (k in counts or " " in k))
        n_toks = max(len(toks), 1)
        tget = tcounts.get
        out = []
        for key in sorted(keep):           # sorted: ties rank the same in every process
            tf = counts.get(key, 0)
            first = firsts.get(key, -1)     # -1: only in the title, no offsets in the body
            n = key.count(" ") + 1
            early = 1.0 - first / n_toks if first >= 0 else 0.0
            out.append((key, self._features(key, n, tf, tget(key, 0), early), first, n, None, None))
        L = max(len(text), 1)
        for g in groups.values():
            key = g["key"]
            n = key.count(" ") + 1
            title_tf = max((tget(k, 0) for k in g["keys"] | {key}), default=0)
            early = 1.0 - g["first"] / L
            out.append((key, self._features(key, min(n, 3), g["tf"], title_tf, early, True, g["place"]), -1, n,
                        g["display"], (g["first"], g["first_end"])))
        return out, (toks, folded, to_orig)

    def _features(self, key: str, n: int, tf: int, title_tf: int, early: float, entity: bool = False,
                  place: bool = False) -> tuple:
        idf_of = self.idf.get
        wdf = self.wdf
        log_n = self.log_n
        raw_idf = idf_of(key, log_n)
        idf = raw_idf / log_n
        words = key.split(" ")
        last, head_word = words[-1], words[0]
        if n > 1:
            # log((df+1)/(df of its rarest word+1)): how often the words come as this phrase
            coh = min(max(idf_of(w, log_n) for w in words) - raw_idf, 0.0)
            gen = 0.0
            head, tail = genericness(head_word, wdf), genericness(last, wdf)
        else:
            coh = head = tail = 0.0
            gen = genericness(key, wdf)
        log_tf = math.log(1 + tf + TITLE_WEIGHT * title_tf)   # a title mention weighs like several
        return (1.0, log_tf, min(title_tf, 3), early, idf,
                1.0 if n == 2 else 0.0, 1.0 if n >= 3 else 0.0,
                1.0 if n > 1 and key not in self.idf and not entity else 0.0, coh, gen,
                1.0 if head_word.startswith("ال") else 0.0,
                1.0 if len(last) > 4 and last.endswith(PRONOUN_SUFFIXES) else 0.0,
                1.0 if head_word[:1] in ("ي", "ت", "ن") and not head_word.startswith("ال") else 0.0,
                log_tf * idf, head, tail, 1.0 if tf == 0 else 0.0, 1.0 if entity else 0.0,
                1.0 if entity and title_tf else 0.0, 1.0 if place else 0.0)

    def extract(self, text: str, title: str | None = None, entities=None, places=None,
                k: int = 10) -> list[dict[str, Any]]:
        if not text:
            return []
        w = self.weights
        cands, ctx = self.candidates(text, title, entities, places)
        scored = []
        for key, feats, first, n, display, span in cands:
            z = sum(map(mul, w, feats))
            scored.append((z, key, feats[1], first, n, display, span))
        scored.sort(key=lambda x: -x[0])
        return self._select(text, title, scored, k, ctx)

    def _entity_groups(self, text: str, entities, places) -> tuple[dict[str, dict], set[str]]:
        """One group per entity id / canonical name / place, and every key they cover."""
        groups: dict[str, dict] = {}
        by_key: dict[str, str] = {}
        covered: set[str] = set()

        def add(gid: str, display: str, s: int, e: int, place: bool = False) -> None:
            key = self._span_key(text, s, e)
            if key is not None:
                covered.add(key)
                gid = by_key.get(key, gid) if gid not in groups else gid
            g = groups.get(gid)
            if g is None:
                dkey = self._span_key(display, 0, len(display)) or key or fold_letters(display)
                g = groups[gid] = {"display": display, "key": dkey, "keys": set(), "tf": 0, "first": s,
                                   "first_end": e, "place": False}
                covered.add(dkey)
                by_key.setdefault(dkey, gid)
            g["tf"] += 1
            g["place"] = g["place"] or place
            if s < g["first"]:
                g["first"], g["first_end"] = s, e
            if key is not None:
                g["keys"].add(key)
                by_key.setdefault(key, gid)

        n = len(text)
        place_spans = sorted((a, b) for pl in places or () for a, b in pl.get("mentions") or () if 0 <= a < b <= n)
        place_starts = [a for a, _ in place_spans]

        def inside_place(s: int, e: int) -> bool:
            j = bisect.bisect_right(place_starts, s) - 1
            while j >= 0 and place_starts[j] >= s - 80:
                a, b = place_spans[j]
                if e <= b and b - a > e - s:
                    return True
                j -= 1
            return False

        for ent in entities or ():
            s, e = ent.get("start"), ent.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n):
                continue
            if place_spans and inside_place(s, e):
                continue                    # دير inside the place دير الزور: the longer mention wins
            display = ent.get("canonical") or ent.get("text") or text[s:e]
            if ent.get("subtype") == "Media":
                key = self._span_key(text, s, e)
                if key:
                    covered.add(key)        # an outlet cited as a source is not a topic
                continue
            add(ent.get("entity_id") or "e:" + fold_letters(display), display, s, e)
        for pl in places or ():
            name = pl.get("name")
            for a, b in pl.get("mentions") or ():
                if name and 0 <= a < b <= n:
                    add("p:" + fold_letters(name), name, a, b, True)
        return groups, covered

    def _span_key(self, text: str, start, end) -> str | None:
        """The candidate key covering exactly text[start:end], if it is one."""
        if start is None or end is None or not 0 <= start < end <= len(text) or end - start > 60:
            return None
        span = text[start:end]
        cache = self._span_keys
        key = cache.get(span, _MISSING)
        if key is _MISSING:
            key = self._key_of(span)
            if len(cache) >= SPAN_CACHE_SIZE:
                cache.clear()
            cache[span] = key
        return key

    def _key_of(self, span: str) -> str | None:
        """The candidate key of one mention's surface (names recur: cached by `_span_key`)."""
        words = SPLIT_RE.split(fold_letters(span).strip(SPLIT_CHARS))
        if not 1 <= len(words) <= 3:
            return None
        analyze = self.analyzer.analyze
        first = analyze(words[0])
        if first[0] or any(analyze(w)[0] for w in words[1:]):
            return None
        return " ".join([first[1]] + words[1:])

    def _locate(self, toks, folded: str, to_orig, first: int, n: int) -> tuple[int, int]:
        """Offsets of the phrase's first occurrence, found by string search (C speed);
        (-1, -1) when its words are not written with single spaces between them."""
        target = " ".join(toks[first:first + n])
        L = len(target)
        pos = folded.find(target)
        while pos >= 0:
            if (pos == 0 or not folded[pos - 1].isalpha()) and (pos + L == len(folded) or not folded[pos + L].isalpha()):
                off = self.analyzer.analyze(toks[first])[2]
                return to_orig(pos + off), to_orig(pos + L)
            pos = folded.find(target, pos + 1)
        return -1, -1

    def _select(self, text: str, title: str | None, scored: list, k: int, ctx) -> list[dict[str, Any]]:
        """Top k, without near-duplicates: a part yields to its fuller phrase."""
        toks, folded, to_orig = ctx
        spans = None
        chosen: list[list] = []      # [score, key, log_tf, start, end, display, bare words]
        for z, key, log_tf, first, n, ent_display, span in scored:
            if len(chosen) >= k:
                break
            if span is not None:
                s, e = span
            elif first >= 0:
                s, e = self._locate(toks, folded, to_orig, first, n)
                if s < 0:
                    if spans is None:
                        spans = token_spans(folded)
                    s, e = self.analyzer.span(toks, spans, to_orig, first, n)
            else:
                s = e = -1
            bw = bare(key).split(" ")
            display = ent_display or (display_form(text, key, s, e) if s >= 0 else title_form(title, key))
            skip = False
            for j, c in enumerate(chosen):
                if c[6] == bw or c[5] == display or _contains(c[6], bw) or _fragment(bw, c[6]):
                    skip = True
                    break
                if _contains(bw, c[6]):
                    if math.exp(log_tf) - 1 >= SUPERSET_RATIO * (math.exp(c[2]) - 1):
                        chosen[j] = [c[0], key, log_tf, s, e, display, bw]
                    skip = True
                    break
            if not skip:
                chosen.append([z, key, log_tf, s, e, display, bw])
        out = []
        seen: list[list[str]] = []
        for z, key, _, s, e, display, bw in chosen:
            if any(_contains(x, bw) or x == bw for x in seen):
                continue
            seen.append(bw)
            kp = {"text": display, "score": round(1.0 / (1.0 + math.exp(-z)), 4), "start": s, "end": e}
            if s < 0:                       # from the title: no evidence span in the body
                kp["start"] = kp["end"] = None
            out.append(kp)
        return out


@functools.cache
def default_extractor() -> KeyphraseExtractor:
    return KeyphraseExtractor()


def extract_keyphrases(text: str, title: str | None = None, entities=None, places=None,
                       k: int = 10) -> list[dict[str, Any]]:
    return default_extractor().extract(text, title, entities, places, k)
