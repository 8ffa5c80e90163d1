"""Line-aligned byte ranges of a local JSONL(.gz) file, read by the workers themselves.

Why: shipping every article through the JVM (read, pickle to Python, pickle records back,
write) costs the Spark engine CPU the local pool does not spend. When the file is on a path
every worker can open, the driver only plans ranges and each task reads its own slice.
Lines and their numbers are exactly those of the local engine's text-mode reading
(UTF-8 with replacement, universal newlines), so `where` in error rows matches too.
"""
from __future__ import annotations

import gzip
from typing import BinaryIO, Iterator, NamedTuple


class Range(NamedTuple):
    index: int
    start: int          # byte offset (of the decompressed stream for .gz) of the first line
    end: int            # offset just past the last line
    first_line: int     # 1-based number of the first line, as text-mode reading counts it


def _open(path: str) -> BinaryIO:
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")


def _breaks(raw: bytes) -> int:
    """Line breaks in one b"\\n"-terminated chunk under universal newlines (\\n, \\r\\n, \\r)."""
    return 1 + raw.count(b"\r") - raw.count(b"\r\n") if b"\r" in raw else 1


def text_lines(raw: bytes) -> list[str]:
    """One b"\\n"-terminated chunk as the lines text-mode reading yields (with their "\\n")."""
    s = raw.decode("utf-8", "replace")
    if "\r" not in s:
        return [s]
    parts = s.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def plan_ranges(path: str, n: int, max_lines: int | None = None) -> list[Range]:
    """Split into about n ranges of about equal bytes, each starting at a line start; with
    max_lines, into more if needed so that a range holds about max_lines lines at most."""
    with _open(path) as f:
        size = lines = 0
        for block in iter(lambda: f.read(1 << 20), b""):
            size += len(block)
            lines += block.count(b"\n")
    if max_lines:
        n = max(n, -(-lines // max_lines))
    n = max(1, n)
    targets = [size * k // n for k in range(1, n)]
    bounds: list[tuple[int, int]] = [(0, 1)]      # (offset, line number starting there)
    offset, line = 0, 1
    with _open(path) as f:
        for raw in f:
            offset += len(raw)
            line += _breaks(raw)
            while targets and offset >= targets[0]:
                targets.pop(0)
                if offset > bounds[-1][0] and offset < size:
                    bounds.append((offset, line))
    bounds.append((size, line))
    return [Range(i, a[0], b[0], a[1]) for i, (a, b) in enumerate(zip(bounds, bounds[1:]))]


def range_lines(path: str, r: Range, label: str | None = None) -> Iterator[tuple[str, str]]:
    """(where, line) for the non-blank lines of one range; where is "LABEL:LINE"."""
    label = path if label is None else label
    line = r.first_line
    with _open(path) as f:
        f.seek(r.start)
        offset = r.start
        for raw in f:
            if offset >= r.end:
                break
            offset += len(raw)
            for text in text_lines(raw):
                if text.strip():
                    yield f"{label}:{line}", text
                line += 1
