"""The geo dev set: `marsad eval geo` scoring meets the bars on the dev split."""
from __future__ import annotations

import json

from support import REPO, shared_path

from marsad.geo.evaluate import load_articles, score


def test_dev_split_meets_bars():
    news = shared_path("data/news/saudinewsnet.jsonl.gz")
    rows = [json.loads(line) for line in (REPO / "devsets/geo/annotations.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    dev = [r for r in rows if r["split"] == "dev"]
    assert len(rows) >= 60 and sum(len(r["mentions"]) for r in rows) >= 300
    r = score(dev, load_articles(news, {x["article_id"] for x in dev}))
    assert r["recall"] >= 0.95
    assert r["exact_id"] >= 0.90
    assert r["acc_161km"] >= 0.95
