"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""
from __future__ import annotations

import pytest
from support import REPO, SHARED, shared_path  # noqa: F401 - re-exported for older tests


@pytest.fixture(autouse=True)
def _collector_thresholds():
    """`marsad` CLI runs raise the garbage collector's threshold for the process
    (marsad.runtime.tune_gc); restore it so timing tests do not depend on test order."""
    import gc
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


@pytest.fixture
def seed_text() -> str:
    return shared_path("seed/article.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_expected() -> dict:
    import json
    return json.loads(shared_path("seed/expected.json").read_text(encoding="utf-8"))
