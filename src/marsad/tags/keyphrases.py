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

import functools
import gzip
import heapq
import json
import math
import re
from typing import Any

from ..resources import path as resource_path
from ..text.normalize import fold
from .words import WordAnalyzer, count_ngrams

PREFILTER = 48          # candidates kept by tf·idf before the ranker looks at them
TITLE_WEIGHT = 3.0      # a title occurrence counts like this many body occurrences
ENTITY_BONUS = 2.0      # added to the ranker's logit for entities/places of earlier stages
SUPERSET_RATIO = 0.5    # a fuller phrase replaces its part if the article uses it this often
MIN_PHRASE_DF = 3
PRONOUN_SUFFIXES = ("ها", "هم", "هما", "كم", "نا", "هن")

FEATURES = ("bias", "log_tf", "title", "early", "idf", "bigram", "trigram", "unknown_phrase",
            "coherence", "generic", "definite", "pronoun_suffix", "verb_prefix", "tf_idf",
            "head_generic", "tail_generic", "title_only")
# Used when resources/tags/ranker.json is absent: hand-set, roughly what the learner finds.
DEFAULT_WEIGHTS = {"bias": -4.0, "log_tf": 1.0, "title": 1.0, "early": 1.0, "idf": 2.0,
                   "bigram": 0.5, "trigram": 0.3, "unknown_phrase": -2.0, "coherence": 0.7,
                   "generic": -1.5, "definite": 0.0, "pronoun_suffix": -1.5, "verb_prefix": -0.5,
                   "tf_idf": 0.5, "head_generic": -0.5, "tail_generic": 0.0, "title_only": -1.0}


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


QUOTE_RE = re.compile(r"\s*[«»\"“”„]\s*")


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


class KeyphraseExtractor:
    """`extract(text, title, entities, places, k)` → [{"text","score","start","end"}]."""

    def __init__(self, weights: tuple[float, ...] | None = None):
        self.n_docs, self.pdf = load_table("phrases.tsv.gz")
        wdf = load_table("words.tsv.gz")[1]
        self.wdf = wdf.get
        self.analyzer = WordAnalyzer(lambda k: wdf.get(k, 0))
        self.log_n = math.log(self.n_docs + 1)
        self.weights = weights if weights is not None else load_weights()

    def candidates(self, text: str, title: str | None, entities=None, places=None):
        """Prefiltered candidates: list of (key, feature vector, start, end, entity display)."""
        counts = count_ngrams(self.analyzer.runs(text))
        tcounts = count_ngrams(self.analyzer.runs(title)) if title else {}
        for key, (tf, n, s, e) in tcounts.items():
            if key not in counts and n > 1:
                counts[key] = [0, n, -1, -1]    # title-only phrase: no offsets in the body
        ents = self._entity_keys(text, entities, places)
        pdf = self.pdf.get
        log_n = self.log_n
        cheap = []
        for key, (tf, n, s, e) in counts.items():
            t = tcounts.get(key)
            weight = tf + (TITLE_WEIGHT * t[0] if t else 0.0)
            if n > 1 and weight < 2 and key not in ents:
                continue            # a phrase seen once, not in the title: never a tag
            cheap.append((weight * (log_n - math.log(pdf(key, 0) + 1)), key))
        keep = {k for _, k in heapq.nlargest(PREFILTER, cheap)}
        keep.update(k for k in ents if k in counts)
        keep.update(k for k in tcounts if k in counts)
        L = max(len(text), 1)
        wdf = self.wdf
        out = []
        for key in keep:
            tf, n, s, e = counts[key]
            t = tcounts.get(key)
            df = pdf(key, 0)
            idf = (log_n - math.log(df + 1)) / log_n
            words = key.split(" ")
            if n > 1:
                parts = min(pdf(w, 0) for w in words)
                coh = min(math.log((df + 1) / (parts + 1)), 0.0)
                gen = 0.0
            else:
                coh = 0.0
                gen = genericness(key, wdf)
            last, first = words[-1], words[0]
            log_tf = math.log(1 + tf)
            if n > 1:
                head, tail = genericness(first, wdf), genericness(last, wdf)
            else:
                head = tail = 0.0
            feats = (1.0, log_tf, min(t[0], 3) if t else 0.0, 1.0 - s / L if s >= 0 else 0.0, idf,
                     1.0 if n == 2 else 0.0, 1.0 if n == 3 else 0.0,
                     1.0 if n > 1 and df < MIN_PHRASE_DF else 0.0, coh, gen,
                     1.0 if first.startswith("ال") else 0.0,
                     1.0 if len(last) > 4 and last.endswith(PRONOUN_SUFFIXES) else 0.0,
                     1.0 if first[0] in "يتن" and not first.startswith("ال") else 0.0,
                     log_tf * idf, head, tail, 1.0 if tf == 0 else 0.0)
            out.append((key, feats, s, e, ents.get(key)))
        return out

    def extract(self, text: str, title: str | None = None, entities=None, places=None,
                k: int = 10) -> list[dict[str, Any]]:
        if not text:
            return []
        w = self.weights
        scored = []
        for key, feats, s, e, ent_display in self.candidates(text, title, entities, places):
            z = sum(a * b for a, b in zip(w, feats))
            if ent_display is not None:
                z += ENTITY_BONUS
            scored.append((z, key, feats[1], s, e, ent_display))
        scored.sort(key=lambda x: -x[0])
        return self._select(text, title, scored, k)

    def _entity_keys(self, text: str, entities, places) -> dict[str, str]:
        """Candidate key → canonical display for entities and places of earlier stages."""
        out: dict[str, str] = {}
        for ent in entities or ():
            key = self._span_key(text, ent.get("start"), ent.get("end"))
            if key and key not in out:
                out[key] = ent.get("canonical") or ent.get("text") or ""
        for pl in places or ():
            for span in pl.get("mentions") or ():
                key = self._span_key(text, span[0], span[1])
                if key and key not in out:
                    out[key] = pl.get("name") or ""
        return out

    def _span_key(self, text: str, start, end) -> str | None:
        if start is None or end is None or not 0 <= start < end <= len(text):
            return None
        runs = self.analyzer.runs(text[start:end])
        if len(runs) != 1 or len(runs[0]) > 3:
            return None
        run = runs[0]
        return " ".join([run[0][1]] + [w[0] for w in run[1:]])

    def _select(self, text: str, title: str | None, scored: list, k: int) -> list[dict[str, Any]]:
        """Top k, without near-duplicates: a part yields to its fuller phrase."""
        chosen: list[list] = []      # [score, key, log_tf, start, end, display, bare words]
        for z, key, log_tf, s, e, ent_display in scored:
            if len(chosen) >= k:
                break
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
