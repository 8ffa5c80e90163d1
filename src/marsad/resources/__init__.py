"""Compact committed data: gazetteers, lexicons and trained models.

Everything here is rebuilt by `make models` from ../shared/data by the scripts under
training/; see NOTICE for the data it derives from. Loaders are cached so each
resource is read once per process.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(name: str) -> Path:
    return ROOT / name


@functools.cache
def load_text_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a UTF-8 text resource."""
    with open(ROOT / name, encoding="utf-8") as f:
        return tuple(line.rstrip("\n") for line in f if line.strip() and not line.startswith("#"))


@functools.cache
def load_json(name: str):
    with open(ROOT / name, encoding="utf-8") as f:
        return json.load(f)
