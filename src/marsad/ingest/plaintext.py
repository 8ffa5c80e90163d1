"""The plain-text article layout Marsad was first built for (see examples/):

    title line
    dateline (الجمعة 15 سبتمبر 2017 06:09 ص)
    body paragraphs
    كلمات مفتاحية          ← optional tag block
    tag tag tag …

Title and dateline are recognised only when the dateline parses, so a file that is
just body text stays body text.
"""
from __future__ import annotations


from ..text.dates import parse_dateline
from ..text.normalize import normalize_key
from .tag_line import split_tag_line

TAG_HEADERS = {normalize_key(h) for h in ("كلمات مفتاحية", "الكلمات المفتاحية", "كلمات دلالية",
                                           "الكلمات الدلالية", "وسوم", "الوسوم", "Tags", "Keywords")}
MAX_TITLE = 250
MAX_DATELINE = 80


def _lines_with_offsets(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return out


def parse_plain_article(raw: str) -> dict:
    """Split raw text into {title, published, text, tags}; `text` is the body verbatim."""
    lines = _lines_with_offsets(raw)
    nonempty = [(s, e) for s, e in lines if raw[s:e].strip()]
    title = published = None
    body_start = 0
    if len(nonempty) >= 2:
        (s0, e0), (s1, e1) = nonempty[0], nonempty[1]
        first, second = raw[s0:e0].strip(), raw[s1:e1].strip()
        dl0 = parse_dateline(first) if len(first) <= MAX_DATELINE else None
        dl1 = parse_dateline(second) if len(second) <= MAX_DATELINE else None
        if dl1 and len(first) <= MAX_TITLE and not dl0:
            title, published, body_start = first, dl1, e1
        elif dl0:
            published, body_start = dl0, e0
    body_end = len(raw)
    tags: list[str] = []
    for idx in range(len(nonempty) - 1, max(len(nonempty) - 4, -1), -1):
        s, e = nonempty[idx]
        if s < body_start:
            break
        if normalize_key(raw[s:e]) in TAG_HEADERS:
            body_end = s
            for ts, te in nonempty[idx + 1:]:
                tags.extend(split_tag_line(raw[ts:te]))
            break
    text = raw[body_start:body_end]
    # offsets refer to the body: strip only the leading/trailing blank lines
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if not text and title:
        text = title
    return {"title": title, "published": published, "text": text, "tags": tags, "body_offset": body_start + lead}


