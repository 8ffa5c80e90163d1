"""Arabic full-text search: stemmed terms in FTS5 / tsvector, ranked, with snippets.

The index holds `terms()` of title and body (normalized, lightly stemmed); a query
goes through the same function, so every query word must match some inflection of
itself (AND). Titles weigh three times the body. Snippets are cut from the ORIGINAL
text around the densest cluster of matched words, which are wrapped in ⟦ ⟧.
"""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from ..text.normalize import fold
from .terms import WORD_RE, stem, terms

if TYPE_CHECKING:
    from .store import Filters, Store

SNIPPET_OPEN, SNIPPET_CLOSE = "⟦", "⟧"
SNIPPET_CHARS = 200
_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d]")
_MARK_CLASS = "[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]*"

def query_terms(query: str) -> list[str]:
    return list(dict.fromkeys(terms(query)))

@functools.cache
def _variants() -> dict[str, str]:
    """Every character that fold() turns into a given character (أ إ آ ٱ → ا, ة → ه, ...)."""
    inv: dict[str, set[str]] = {}
    for ch in map(chr, list(range(0x20, 0x250)) + list(range(0x600, 0x700)) + [ord(c) for c in "“”„‟″〝〞＂‘’‚‛′«»"]):
        f = fold(ch)
        if f and f != ch:
            inv.setdefault(f, {f}).add(ch)
    return {k: "".join(sorted(v)) for k, v in inv.items()}

@functools.lru_cache(maxsize=1024)
def _terms_regex(qterms: frozenset[str]) -> re.Pattern:
    """A regex finding, in ORIGINAL text, every spelling of each term's letters
    (with harakat/tatweel anywhere between them), so no article is folded as a whole."""
    var = _variants()
    alts = []
    for t in sorted(qterms, key=len, reverse=True):
        parts = ["[" + re.escape(var.get(c, c)) + "]" if c in var else re.escape(c) for c in t]
        alts.append(_MARK_CLASS.join(parts))
    return re.compile("|".join(alts), re.IGNORECASE if any(c.isascii() for t in qterms for c in t) else 0)

def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or bool(_MARKS.match(ch))

def find_hits(body: str, qterms: set[str]) -> list[tuple[int, int]]:
    """[start, end) spans in `body` of words whose term is in `qterms`.

    Fast on long articles: a term's stem is a substring of every word it stems from, so
    one regex pass over the original text finds the candidate words, and only those
    are folded and stemmed.
    """
    if not qterms:
        return []
    n = len(body)
    words: dict[tuple[int, int], None] = {}
    for m in _terms_regex(frozenset(qterms)).finditer(body):
        s, e = m.span()
        while s > 0 and _is_word(body[s - 1]):
            s -= 1
        while e < n and _is_word(body[e]):
            e += 1
        words[(s, e)] = None
    hits = []
    for s, e in words:
        if any(stem(w) in qterms for w in WORD_RE.findall(fold(body[s:e]).lower())):
            hits.append((s, e))
    return hits

def make_snippet(body: str, qterms: set[str], width: int = SNIPPET_CHARS) -> tuple[str, list[list[int]]]:
    """(snippet with ⟦marked⟧ words, [start, end] of every hit in `body`)."""
    hits = find_hits(body, qterms)
    if not hits:
        cut = body[:width]
        return cut + ("…" if len(body) > width else ""), []
    best, best_score = 0, -1
    for i, (s, _) in enumerate(hits):           # window starting at each hit: most distinct terms
        seen = set()
        j = i
        while j < len(hits) and hits[j][1] - s <= width - 40:
            seen.add(stem(fold(body[hits[j][0]:hits[j][1]])))
            j += 1
        score = len(seen) * 100 + (j - i)
        if score > best_score:
            best, best_score = i, score
    start = max(0, hits[best][0] - 40)
    if start:
        sp = body.rfind(" ", 0, start + 1)
        start = sp + 1 if sp >= 0 and start - sp < 20 else start
    end = min(len(body), start + width)
    if end < len(body):
        sp = body.find(" ", end)
        end = sp if 0 <= sp < end + 20 else end
    out, pos = [], start
    for s, e in hits:
        if s < start or e > end:
            continue
        out.append(body[pos:s])
        out.append(SNIPPET_OPEN + body[s:e] + SNIPPET_CLOSE)
        pos = e
    out.append(body[pos:end])
    snippet = ("…" if start > 0 else "") + "".join(out).replace("\n", " ") + ("…" if end < len(body) else "")
    return snippet, [[s, e] for s, e in hits]

def search(store: "Store", query: str, filters: "Filters", limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Ranked hits for `query` (all terms must match), best first, with snippets.

    Two steps: rank on the index alone (no article text is read for the thousands of
    matches of a common word), then fetch title and text for the page of hits.
    """
    qterms = query_terms(query)
    if not qterms:
        return []
    where, params = store._article_where(filters, "a")
    params |= {"limit": limit, "offset": offset}
    extra = (" AND " + " AND ".join(where)) if where else ""
    if store.dialect == "postgresql":
        sql = ("SELECT a.seq, ts_rank(a.search_tsv, q) AS score "
               "FROM articles a, plainto_tsquery('simple', :q) q WHERE a.search_tsv @@ q" + extra +
               " ORDER BY score DESC, a.seq LIMIT :limit OFFSET :offset")
        params["q"] = " ".join(qterms)
        sign = 1.0
    else:
        if where:
            sql = ("SELECT a.seq, bm25(article_fts, 3.0, 1.0) AS score FROM article_fts "
                   "JOIN articles a ON a.seq = article_fts.rowid WHERE article_fts MATCH :q" + extra +
                   " ORDER BY score LIMIT :limit OFFSET :offset")
        else:
            sql = ("SELECT rowid AS seq, bm25(article_fts, 3.0, 1.0) AS score FROM article_fts "
                   "WHERE article_fts MATCH :q ORDER BY score LIMIT :limit OFFSET :offset")
        params["q"] = " ".join(f'"{t}"' for t in qterms)
        sign = -1.0                               # bm25(): lower is better
    with store.engine.connect() as conn:
        ranked = conn.execute(text(sql), params).all()
        if not ranked:
            return []
        seqs = {r[0]: r[1] for r in ranked}
        names = ", ".join(f":s{i}" for i in range(len(seqs)))
        rows = {r["seq"]: r for r in conn.execute(
            text(f"SELECT seq, id, title, published, source, url, text FROM articles WHERE seq IN ({names})"),
            {f"s{i}": s for i, s in enumerate(seqs)}).mappings()}
    qset = set(qterms)
    out = []
    for seq, score in seqs.items():
        r = rows[seq]
        snippet, highlights = make_snippet(r["text"], qset)
        out.append({"article_id": r["id"], "title": r["title"], "published": r["published"],
                    "source": r["source"], "url": r["url"], "score": round(sign * float(score), 6),
                    "snippet": snippet, "highlights": highlights[:50]})
    return out
