"""RSS/Atom feeds as input articles (feedparser), from a file or an http(s) URL.

A feed entry becomes an input item with the entry's own text (content, else
summary) as the body: ingest stays offline for feed files, and a URL is fetched
once. Entries without any text (title-only items) carry nothing to analyze and are
skipped.
"""
from __future__ import annotations

import html
import re
import time
from html.parser import HTMLParser
from typing import Iterator

from ..errors import InputError

FETCH_TIMEOUT = 30
MAX_FEED_BYTES = 20_000_000
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article"}


class _TextOf(HTMLParser):
    """Text of an HTML fragment with block elements as line breaks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    p = _TextOf()
    p.feed(fragment)
    p.close()
    lines = (re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in "".join(p.parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _published(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return time.strftime("%Y-%m-%dT%H:%M:%S", t)
    return None


def entry_item(entry, feed_title: str | None) -> dict:
    body = ""
    for c in entry.get("content") or []:
        if c.get("value"):
            body = c["value"]
            break
    body = body or entry.get("summary") or entry.get("description") or ""
    item = {
        "text": html_to_text(body),
        "title": html_to_text(entry.get("title") or "") or None,
        "url": entry.get("link") or None,
        "id": entry.get("id") or entry.get("link") or None,
        "published": _published(entry),
        "source": feed_title or None,
        "tags": [t.get("term") for t in entry.get("tags") or [] if t.get("term")],
    }
    return {k: v for k, v in item.items() if v not in (None, [])} | {"text": item["text"]}


def parse_feed_items(text: str | bytes, where: str) -> Iterator[tuple[str, dict]]:
    """(where[i], item) for each entry with text; raises InputError if it is not a feed."""
    import feedparser
    # feedparser treats a str as a URL or a file name to open: always hand it the document
    # itself as bytes, so feed content can never make it fetch a URL or read a local file
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        parsed = feedparser.parse(data)
    except Exception as e:  # noqa: BLE001 - feedparser raises odd things on garbage
        raise InputError(f"not a readable RSS/Atom feed ({type(e).__name__})", where) from None
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no entries")[:160]
        raise InputError(f"not a readable RSS/Atom feed ({reason})", where)
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for i, entry in enumerate(parsed.entries):
        item = entry_item(entry, feed_title)
        if not item["text"].strip():
            continue
        yield f"{where}[{i}]", item


def fetch_feed(url: str, timeout: float = FETCH_TIMEOUT) -> bytes:
    """The bytes of a feed at an http(s) URL, through the watcher's polite client
    (one User-Agent, redirect and size caps, retries on network errors)."""
    from ..watch.fetch import Fetcher
    res = Fetcher(timeout=timeout, retries=1, min_host_interval=0, max_bytes=MAX_FEED_BYTES).get(url)
    if res.status != 200:
        raise InputError(f"cannot fetch ({res.error or f'HTTP {res.status}'})", url)
    return res.body


def read_feed_url(url: str):
    """InputResults for the entries of the feed at `url` (errors as results, never raised)."""
    from ..ingest.reader import InputResult
    try:
        data = fetch_feed(url)
        items = list(parse_feed_items(data, url))
    except InputError as e:
        yield InputResult(url, error=e)
        return
    for where, item in items:
        yield InputResult(where, item)
