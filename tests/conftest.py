"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(rel: str) -> Path:
    """Path inside ../shared, or skip the calling test with a clear reason."""
    p = SHARED / rel
    if not p.exists():
        pytest.skip(f"needs ../shared/{rel} (reference data not present beside the repo)")
    return p


@pytest.fixture
def seed_text() -> str:
    return shared_path("seed/article.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_expected() -> dict:
    import json
    return json.loads(shared_path("seed/expected.json").read_text(encoding="utf-8"))
