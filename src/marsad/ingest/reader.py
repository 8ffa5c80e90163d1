"""Turn paths (files, directories, '-') into a stream of input articles or errors.

Each yielded `InputResult` names where it came from (file, file:line, file[i]) so a
batch reports a bad article precisely and goes on with the rest.
"""
from __future__ import annotations

import gzip
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError
from .encoding import decode_bytes, detect_language
from .html import parse_html_article
from .plaintext import parse_plain_article
from .records import iter_json_document, iter_jsonl

FORMATS = ("auto", "text", "html", "json", "jsonl", "feed")
DEFAULT_MAX_BYTES = 2_000_000          # one article; news articles are rarely over 100 KB
EXTENSIONS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
              ".xhtml": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
              ".rss": "feed", ".atom": "feed", ".xml": "feed"}


@dataclass
class InputResult:
    where: str
    item: dict | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def format_of(path: str, head: bytes = b"") -> str:
    """Input format from the extension (.jsonl.gz included), else from the first bytes."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if start.startswith(b"{"):
        first = head.split(b"\n", 1)[0].strip()
        return "jsonl" if first.endswith(b"}") else "json"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"<"):
        if b"<rss" in start or b"<feed" in start or b"<rdf" in start:
            return "feed"
        return "html"
    return "text"


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Expand directories recursively (sorted, hidden files skipped)."""
    for p in paths:
        if p != "-" and os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield os.path.join(root, f)
        else:
            yield p


def _open_binary(path: str):
    if path == "-":
        return sys.stdin.buffer
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def read_inputs(paths: Iterable[str], input_format: str = "auto",
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputResult]:
    for path in iter_paths(paths):
        yield from read_path(path, input_format, max_bytes)


def read_path(path: str, input_format: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputResult]:
    where = "<stdin>" if path == "-" else path
    try:
        fh = _open_binary(path)
    except FileNotFoundError:
        yield InputResult(where, error=InputError("no such file", where))
        return
    except IsADirectoryError:
        yield InputResult(where, error=InputError("is a directory", where))
        return
    except OSError as e:
        yield InputResult(where, error=InputError(f"cannot open ({e.strerror or e})", where))
        return
    try:
        try:
            head = fh.peek(4096)[:4096] if hasattr(fh, "peek") else b""
        except (OSError, EOFError) as e:
            yield InputResult(where, error=InputError(f"cannot read ({e})", where))
            return
        fmt = input_format if input_format != "auto" else format_of(path, head)
        if fmt == "jsonl":
            for w, res in iter_jsonl(iter(fh), where, max_bytes):
                yield InputResult(w, res) if isinstance(res, dict) else InputResult(w, error=res)
            return
        try:
            data = fh.read(max_bytes + 1)
        except (OSError, EOFError) as e:
            yield InputResult(where, error=InputError(f"cannot read ({e})", where))
            return
        if len(data) > max_bytes:
            size = len(data) + (_remaining_size(fh) if path != "-" else 0)
            yield InputResult(where, error=InputError(
                f"file is over the {max_bytes / 1e6:g} MB limit for one article ({size / 1e6:.1f} MB read); "
                "raise --max-bytes or split it", where))
            return
        yield from _read_document(data, where, fmt)
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()


def _remaining_size(fh) -> int:
    try:
        return os.fstat(fh.fileno()).st_size - fh.tell() if not isinstance(fh, gzip.GzipFile) else 0
    except (OSError, AttributeError):
        return 0


def _read_document(data: bytes, where: str, fmt: str) -> Iterator[InputResult]:
    try:
        text, _enc = decode_bytes(data, where)
    except InputError as e:
        yield InputResult(where, error=e)
        return
    if fmt == "json":
        for w, res in iter_json_document(text, where):
            yield InputResult(w, res) if isinstance(res, dict) else InputResult(w, error=res)
        return
    try:
        if fmt == "html":
            item = parse_html_article(text, where)
        elif fmt == "feed":
            from ..corpus.feeds import parse_feed_items   # feeds live with corpus ingest
            for w, item in parse_feed_items(text, where):
                yield InputResult(w, item)
            return
        else:
            item = parse_plain_article(text)
    except ImportError:
        yield InputResult(where, error=InputError("feeds are not supported by this build", where))
        return
    except InputError as e:
        yield InputResult(where, error=e)
        return
    if not item["text"].strip():
        yield InputResult(where, error=InputError("no article text", where))
        return
    item.pop("body_offset", None)
    yield InputResult(where, {k: v for k, v in item.items() if v not in (None, [])} | {"text": item["text"]})


__all__ = ["InputResult", "read_inputs", "read_path", "format_of", "detect_language", "FORMATS",
           "DEFAULT_MAX_BYTES", "Path"]
