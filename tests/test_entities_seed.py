"""Acceptance check on the seed article: expected entities found with their types,
and every alias of the main actors linked to one canonical id."""
import pytest

from marsad.entities.linking import clean_name
from marsad.pipeline import Pipeline
from marsad.text.normalize import normalize_key


@pytest.fixture(scope="module")
def seed_entities():
    from support import shared_path
    text = shared_path("seed/article.txt").read_text(encoding="utf-8")
    p = Pipeline(["text", "entities"])
    return p.run(p.make_doc(text)).entities


def key(s):
    return normalize_key(clean_name(s))


def test_expected_entities_found_with_types(seed_entities, seed_expected):
    found = {(key(e["text"]), e["type"]) for e in seed_entities}
    missing = [(x["text"], x["type"]) for x in seed_expected["entities"]
               if (key(x["text"]), x["type"]) not in found]
    assert missing == []


@pytest.mark.parametrize("canonical,aliases", [
    ("تنظيم الدولة الإسلامية", ["تنظيم «الدولة الإسلامية»", "تنظيم الدولة", "داعش", "تنظيم داعش", "التنظيم"]),
    ("حزب الله", ["حزب الله", "الحزب"]),
    ("التحالف الدولي", ["التحالف الدولي", "التحالف"]),
    ("النظام السوري", ["قوات النظام السوري", "النظام السوري", "قوات النظام"]),
])
def test_aliases_link_to_one_canonical_id(seed_entities, canonical, aliases):
    wanted = {key(a) for a in aliases}
    hits = [e for e in seed_entities if key(e["text"]) in wanted or key(e["text"]) == key(canonical)]
    assert {key(e["text"]) for e in hits} >= wanted - {key("داعش")}   # داعش appears only inside تنظيم داعش
    assert len({e["entity_id"] for e in hits}) == 1
    assert {e["canonical"] for e in hits} == {canonical}


def test_short_form_links_to_full_name(seed_entities):
    ids = {e["entity_id"] for e in seed_entities if key(e["text"]) in {key("رامي عبد الرحمن"), key("عبد الرحمن")}}
    assert len(ids) == 1
