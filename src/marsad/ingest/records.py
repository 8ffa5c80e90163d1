"""JSON and JSONL inputs: one article object, a list of them, or one object per line."""
from __future__ import annotations

import json
from typing import Any, Iterator

from ..errors import InputError

FIELDS = ("id", "title", "published", "url", "source", "tags")


def article_from_object(obj: Any, where: str) -> dict:
    """Validate one input object; keep only the fields the pipeline takes."""
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}", where)
    text = obj.get("text")
    if text is None:
        raise InputError("missing 'text' key", where)
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, got {type(text).__name__}", where)
    if not text.strip():
        raise InputError("empty 'text'", where)
    item = {"text": text}
    for k in FIELDS:
        v = obj.get(k)
        if v is None:
            continue
        if k == "tags":
            if isinstance(v, str):
                v = [t.strip() for t in v.split(",") if t.strip()]
            elif not isinstance(v, list):
                raise InputError("'tags' must be a list of strings", where)
            item[k] = [str(t) for t in v]
        elif k == "id":
            item[k] = str(v)
        elif isinstance(v, str):
            item[k] = v
        else:
            raise InputError(f"'{k}' must be a string", where)
    return item


def iter_jsonl(lines: Iterator[bytes], path: str, max_line_bytes: int) -> Iterator[tuple[str, dict | InputError]]:
    """Yield (where, article or error) for each non-blank line; a bad line never stops the rest."""
    from .encoding import decode_bytes
    for lineno, raw in enumerate(lines, start=1):
        where = f"{path}:{lineno}"
        if not raw.strip():
            continue
        if len(raw) > max_line_bytes:
            yield where, InputError(f"line is {len(raw) / 1e6:.1f} MB, over the "
                                    f"{max_line_bytes / 1e6:.0f} MB limit", path, lineno)
            continue
        try:
            text, _ = decode_bytes(raw, where)
            obj = json.loads(text)
            yield where, article_from_object(obj, where)
        except InputError as e:
            e.path, e.line = path, lineno
            yield where, InputError(e.reason, path, lineno)
        except (json.JSONDecodeError, RecursionError) as e:
            msg = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            yield where, InputError(f"invalid JSON ({msg})", path, lineno)


def iter_json_document(text: str, path: str) -> Iterator[tuple[str, dict | InputError]]:
    """A .json file: one article object or a list of them."""
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        msg = f"invalid JSON ({e.msg} at line {e.lineno})" if isinstance(e, json.JSONDecodeError) else "invalid JSON"
        yield path, InputError(msg, path, getattr(e, "lineno", None))
        return
    if isinstance(obj, list):
        for i, o in enumerate(obj):
            where = f"{path}[{i}]"
            try:
                yield where, article_from_object(o, where)
            except InputError as e:
                yield where, e
    else:
        try:
            yield path, article_from_object(obj, path)
        except InputError as e:
            yield path, e
