"""`marsad analyze` end to end: output contract, input order, and bad input handling."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from marsad.record import validate_record

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], input=stdin, capture_output=True,
                          env=env, timeout=300)


def test_examples_give_valid_records():
    files = sorted(str(p) for p in (REPO / "examples").glob("*.txt"))
    proc = run_cli("analyze", *files)
    assert proc.returncode == 0, proc.stderr.decode()
    recs = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(recs) == len(files)
    for rec in recs:
        assert validate_record(rec) == []
        assert rec["title"] and rec["published"]


def test_bad_inputs_reported_rest_written(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join([
        json.dumps({"id": "g1", "text": "قتل جنديان في هجوم على حاجز بسيناء"}, ensure_ascii=False),
        '{"id": "broken", "text": ',
        json.dumps({"id": "notext", "title": "بلا نص"}, ensure_ascii=False),
        json.dumps({"id": "g2", "text": "تظاهر المئات في بيروت"}, ensure_ascii=False),
    ]), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    undecodable = tmp_path / "latin.txt"
    undecodable.write_bytes("naïve café déjà vu ".encode("latin-1") * 5 + b"\x81\x8d\x8f\x90\x9d")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(("انفجار " * 100).encode() * 8000)      # ~10 MB
    out = tmp_path / "out.jsonl"
    proc = run_cli("analyze", str(good), str(empty), str(binary), str(undecodable), str(huge),
                   "-o", str(out))
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert "Traceback" not in err
    assert f"{good}:2: invalid JSON" in err
    assert f"{good}:3: missing 'text' key" in err
    assert f"{empty}: empty input" in err
    assert f"{binary}: binary file" in err
    assert f"{undecodable}: cannot decode" in err
    assert f"{huge}: file is over" in err
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["g1", "g2"]


def test_stdin_and_unknown_stage():
    proc = run_cli("analyze", "-", stdin="اشتباكات عنيفة في ريف حماة".encode())
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["text"] == "اشتباكات عنيفة في ريف حماة"
    proc = run_cli("analyze", "--stages", "text,nope", "-", stdin=b"x")
    assert proc.returncode == 1 and "unknown stage" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()
