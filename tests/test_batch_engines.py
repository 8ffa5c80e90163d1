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


@pytest.mark.parametrize("direct,gz", [(True, False), (True, True), (False, False)],
                         ids=["direct-ranges", "direct-ranges-gz", "jvm-io"])
def test_spark_local2_matches_single_process(tmp_path, direct, gz):
    """Both plans: tasks reading their own byte ranges, and Spark's own readers/writers."""
    pytest.importorskip("pyspark", reason="pyspark not installed (pip install 'marsad[spark]')")
    if not shutil.which("java"):
        pytest.skip("Spark needs a Java runtime (apt-get install default-jre-headless)")
    arts = _articles(200 if not gz else 60)
    from marsad.batch.local import run_local
    from marsad.batch.spark import run_spark
    inp = _write_input(tmp_path, arts)
    if gz:
        with open(inp, "rb") as f, gzip.open(inp + ".gz", "wb") as g:
            g.write(f.read())
        inp += ".gz"
    timings = {}
    counts = run_spark(inp, str(tmp_path / "out"), master="local[2]", direct=direct, timings=timings)
    assert counts == {"records": len(arts), "errors": 2}
    assert timings["start_s"] > 0 and timings["run_s"] > 0
    got = {r["id"]: r for r in _read_parts(tmp_path / "out" / "records")}
    assert got == _expected(arts)
    events = _read_parts(tmp_path / "out" / "events")
    assert len(events) == sum(len(r["events"]) for r in got.values())
    run_local(inp, str(tmp_path / "local"), workers=2)
    for sub in ("events", "errors"):                 # same rows as the local pool, order aside
        want = sorted(json.dumps(r, sort_keys=True) for r in _read_parts(tmp_path / "local" / sub))
        assert sorted(json.dumps(r, sort_keys=True) for r in _read_parts(tmp_path / "out" / sub)) == want
