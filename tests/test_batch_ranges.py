"""Byte ranges of the Spark direct plan give exactly the lines (and line numbers) of text-mode reading."""
from __future__ import annotations

import gzip
import random

import pytest

from marsad.batch.local import _iter_lines
from marsad.batch.ranges import plan_ranges, range_lines

PIECES = [b'{"id": 1}\n', b"\n", b"  \n", b"a\rb\n", b"c\r\n", b"\r", b"\xc3\xa9\xff",
          '{"x": "ü"}\n'.encode(), b"tail\r\n", b"\r\n", b"z" * 50 + b"\n"]


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
def test_ranges_cover_the_file_like_text_mode(tmp_path, gz):
    rng = random.Random(7)
    path = str(tmp_path / ("in.jsonl.gz" if gz else "in.jsonl"))
    for trial in range(80):
        data = b"".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
        data += rng.choice([b"", b"end", b"end\r"])
        with (gzip.open if gz else open)(path, "wb") as f:
            f.write(data)
        want = list(_iter_lines(path))
        for n in (1, 2, 3, 8):
            ranges = plan_ranges(path, n)
            assert len(ranges) <= n
            assert all(a.end == b.start for a, b in zip(ranges, ranges[1:]))
            got = [x for r in ranges for x in range_lines(path, r)]
            assert got == want, (trial, n, data)


def test_ranges_are_balanced_by_bytes(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(f'{{"id": {i}, "text": "{"x" * (i % 97)}"}}\n' for i in range(5000)))
    ranges = plan_ranges(str(path), 4)
    sizes = [r.end - r.start for r in ranges]
    assert len(ranges) == 4 and max(sizes) - min(sizes) < 200
    assert [r.first_line for r in ranges][0] == 1
    assert sum(1 for r in ranges for _ in range_lines(str(path), r)) == 5000
