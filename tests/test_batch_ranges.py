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
    more = plan_ranges(str(path), 2, max_lines=1000)      # small tasks on a big file
    assert len(more) == 5 and all(800 < sum(1 for _ in range_lines(str(path), r)) < 1200 for r in more)


def test_range_task_writes_what_the_local_pool_writes(tmp_path):
    """The direct plan's task, run without Spark: same rows as the local engine, a bad line an error."""
    import json
    import os

    from marsad.batch.spark import SUBDIRS, _range_writer

    lines = [json.dumps({"id": f"a{i}", "text": f"قتل {i + 2} أشخاص في انفجار بمدينة حلب يوم الأحد."},
                        ensure_ascii=False) for i in range(12)]
    lines.insert(4, '{"id": "broken", ')
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from marsad.batch.local import run_local
    run_local(str(path), str(tmp_path / "local"), workers=1)
    out = tmp_path / "direct"
    for sub in SUBDIRS:
        os.makedirs(out / sub)
    ranges = [tuple(r) for r in plan_ranges(str(path), 3)]
    counts = list(_range_writer(str(path), str(out), None)(iter(ranges)))
    assert sum(c[0] for c in counts) == 12 and sum(c[1] for c in counts) == 1
    for sub in SUBDIRS:
        got = sorted(line for p in sorted((out / sub).glob("part-*")) for line in p.read_text().splitlines())
        want = sorted((tmp_path / "local" / sub / "part-00000").read_text().splitlines())
        assert got == want and got, sub
        assert not list((out / sub).glob(".*attempt*"))
