"""Turn what a person pasted or uploaded into one input article for the pipeline.

Pasted text and uploaded files go through the same readers as `marsad analyze`, so a
pasted article in the seed layout (title, dateline, body, tags) is split the same way.
"""
from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..ingest.encoding import decode_bytes
from ..ingest.html import parse_html_article
from ..ingest.plaintext import parse_plain_article
from ..ingest.reader import format_of

FIELDS = ("id", "title", "published", "url", "source")


def article_from_text(text: str, fields: dict[str, Any], layout: str = "auto") -> dict[str, Any]:
    """An input item from pasted text; explicit fields win over what the layout finds."""
    if not text or not text.strip():
        raise InputError("no article text", "text")
    if layout == "body":
        item: dict[str, Any] = {"text": text}
    elif layout == "html":
        item = parse_html_article(text, "text")
    else:
        item = parse_plain_article(text)
        item.pop("body_offset", None)
    if not (item.get("text") or "").strip():
        raise InputError("no article text", "text")
    for key in FIELDS:
        if fields.get(key):
            item[key] = fields[key]
    return {k: v for k, v in item.items() if v not in (None, [])} | {"text": item["text"]}


def article_from_upload(filename: str, data: bytes, fields: dict[str, Any]) -> dict[str, Any]:
    """An input item from an uploaded file (plain text or HTML, any common encoding)."""
    where = filename or "upload"
    text, _encoding = decode_bytes(data, where)
    fmt = format_of(filename or "upload.txt", data[:512])
    if fmt not in ("text", "html", "auto"):
        raise InputError(f"upload one article as text or HTML (got {fmt}); use `marsad ingest` for batches", where)
    return article_from_text(text, fields, "html" if fmt == "html" else "auto")
