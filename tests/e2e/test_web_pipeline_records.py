"""The dashboard over what the real pipeline makes of the example articles: every
article view renders every entity, place mention, event evidence and quote span it
was given, with no script errors. (test_web_dashboard.py uses hand-annotated records
for exact expectations; this one follows whatever the stages currently produce.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from e2e_support import OUT, serving
from test_web_dashboard import css, severe_console_errors, wait_for  # type: ignore[import-not-found]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def analyzed_server(tmp_path_factory):
    from marsad.ingest import read_inputs
    from marsad.pipeline import Pipeline
    from web_fakes import FakeStore
    pipeline = Pipeline()
    records = []
    for res in read_inputs([str(p) for p in sorted(EXAMPLES.glob("*.txt"))]):
        item = dict(res.item)
        records.append(pipeline.analyze(item.pop("text"), **item))
    try:
        from marsad.corpus.store import open_store
        store = open_store(f"sqlite:///{tmp_path_factory.mktemp('analyzed') / 'e.db'}")
    except ImportError:
        store = FakeStore()
    store.add_records(records)
    with serving(store) as url:
        yield url, records


def test_every_span_of_every_example_is_highlighted(browser, analyzed_server):
    url, records = analyzed_server
    assert records, "examples/ has articles"
    for rec in records:
        browser.get(f"{url}/#article={rec['id']}")
        wait_for(browser, lambda: browser.execute_script("return state.article && state.article.id") == rec["id"],
                 what=f"article {rec['id']}")
        keys = set()
        for span in css(browser, "#article-text [data-keys]"):
            keys.update(span.get_attribute("data-keys").split())
        want = {f"ent{i}" for i in range(len(rec["entities"]))}
        want |= {f"place{i}" for i, p in enumerate(rec["places"]) if p["mentions"]}
        want |= {f"event{i}" for i, e in enumerate(rec["events"]) if e["evidence"]}
        want |= {f"quote{i}" for i in range(len(rec["quotes"]))}
        assert want <= keys, sorted(want - keys)
        assert css(browser, "#article-text")[0].text.replace("\n", "") == rec["text"].replace("\n", "")
        assert len(css(browser, "#article-events > li.event-card")) == len(rec["events"])
    browser.save_screenshot(str(OUT / "08-pipeline-article.png"))
    assert not severe_console_errors(browser)
