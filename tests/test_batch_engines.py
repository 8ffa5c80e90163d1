"""`marsad batch`: Spark (local[2]) and the local pool give exactly the records `marsad analyze` gives."""
from __future__ import annotations

import glob
import gzip
import itertools
import json
import shutil

import pytest

from marsad.pipeline import Pipeline

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _articles(n: int) -> list[dict]:
    news = SHARED / "data/news/saudinewsnet.jsonl.gz"
    if news.exists():
        with gzip.open(news, "rt", encoding="utf-8") as f:
            return [json.loads(line) for line in itertools.islice(f, n)]
    from marsad.ingest import read_inputs
    return [dict(r.item, id=f"ex{i}", published=str(r.item.get("published")))
            for i, r in enumerate(read_inputs([str(REPO / "examples")]))]


def _write_input(tmp_path, arts) -> str:
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(a, ensure_ascii=False) for a in arts]
    lines.insert(3, '{"id": "broken", "text": ')          # one bad line must not kill the job
    lines.insert(5, json.dumps({"id": "no-text"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _read_parts(folder) -> list[dict]:
    out = []
    for part in sorted(glob.glob(str(folder / "part-*"))):
        with open(part, encoding="utf-8") as f:
            out.extend(json.loads(line) for line in f if line.strip())
    return out


def _expected(arts) -> dict[str, dict]:
    pipeline = Pipeline()
    fields = ("id", "title", "published", "url", "source", "tags")
    return {str(a["id"]): pipeline.analyze(a["text"], **{k: a[k] for k in fields if a.get(k) is not None})
            for a in arts}


def test_local_pool_matches_single_process(tmp_path):
    arts = _articles(60)
    from marsad.batch.local import run_local
    counts = run_local(_write_input(tmp_path, arts), str(tmp_path / "out"), workers=2)
    assert counts == {"records": len(arts), "errors": 2}
    got = {r["id"]: r for r in _read_parts(tmp_path / "out" / "records")}
    assert got == _expected(arts)
    errors = _read_parts(tmp_path / "out" / "errors")
    assert {e["error"].split(" (")[0] for e in errors} == {"invalid JSON", "missing 'text' key"}


def test_spark_local2_matches_single_process(tmp_path):
    pytest.importorskip("pyspark", reason="pyspark not installed (pip install 'marsad[spark]')")
    if not shutil.which("java"):
        pytest.skip("Spark needs a Java runtime (apt-get install default-jre-headless)")
    arts = _articles(200)
    from marsad.batch.spark import run_spark
    counts = run_spark(_write_input(tmp_path, arts), str(tmp_path / "out"), master="local[2]")
    assert counts == {"records": len(arts), "errors": 2}
    got = {r["id"]: r for r in _read_parts(tmp_path / "out" / "records")}
    assert got == _expected(arts)
    events = _read_parts(tmp_path / "out" / "events")
    assert len(events) == sum(len(r["events"]) for r in got.values())
