"""Helpers for tests in any folder: where the repo and ../shared are, and skipping without it.

(Import from here, not from conftest: tests/e2e has a conftest of its own.)
"""
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
