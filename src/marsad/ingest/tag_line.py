"""Publisher tag lines: 'دير الزور القلمون تنظيم الدولة الإسلامية حزب الله …'.

Sites list tags as links; copied as text they often arrive joined by single spaces.
Separators (، , | ; tabs, double spaces) are used when present; otherwise the line is
cut at the boundaries of known names (actor catalogue, gazetteer), longest first, and
runs of unknown words stay together as one tag.
"""
from __future__ import annotations

import functools
import re

from ..text.normalize import normalize_key

_SEP_RE = re.compile(r"\s*(?:[،,|;؛\t#•·]|\s{2,})\s*")
MAX_PHRASE_WORDS = 6


@functools.cache
def known_phrases() -> frozenset[str]:
    """Normalized multi- and single-word names from the committed resources."""
    names: set[str] = set()
    try:
        from ..entities import actors
        for actor in actors.catalogue():
            names.update(normalize_key(a) for a in actor.aliases)
    except (ImportError, AttributeError, OSError, ValueError):
        pass
    try:
        from ..geo.gazetteer import NAME, PRECISION, load_gazetteer
        gaz = load_gazetteer()
        ambiguous = gaz.ambiguous
        for entry in gaz.entries:
            key = normalize_key(entry[NAME])
            # towns only when their name is not also an ordinary word
            if entry[PRECISION] > 1 or key.replace(" ", "") not in ambiguous:
                names.add(key)
    except (ImportError, AttributeError, OSError, ValueError):
        pass
    return frozenset(names)


def split_tag_line(line: str, phrases: frozenset[str] | None = None) -> list[str]:
    line = line.strip()
    if not line:
        return []
    parts = [p for p in _SEP_RE.split(line) if p.strip()]
    if len(parts) > 1:
        return [p.strip() for p in parts]
    phrases = known_phrases() if phrases is None else phrases
    words = line.split()
    keys = [normalize_key(w) for w in words]
    tags: list[str] = []
    pending: list[str] = []
    i = 0
    while i < len(words):
        match = 0
        for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            if " ".join(keys[i:i + n]) in phrases:
                match = n
                break
        if match:
            if pending:
                tags.append(" ".join(pending))
                pending = []
            tags.append(" ".join(words[i:i + match]))
            i += match
        else:
            pending.append(words[i])
            i += 1
    if pending:
        tags.append(" ".join(pending))
    return tags
