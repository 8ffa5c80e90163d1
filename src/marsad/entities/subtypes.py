"""Fine subtypes (NewsFANE classes) for names the tagger finds outside the catalogue.

resources/ner/subtypes.tsv maps a name key (clitic-stripped, folded words) to the class
NewsFANE annotators gave it most often; built by training/train_ner.py. A name whose
class disagrees with the predicted coarse type gets no subtype.
"""
from __future__ import annotations

import functools

from ..resources import path as resource_path
from .bio import coarse_type

SUBTYPES_FILE = "ner/subtypes.tsv"


@functools.cache
def _table() -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        with open(resource_path(SUBTYPES_FILE), encoding="utf-8") as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("\t")
                if v:
                    out[k] = v
    except FileNotFoundError:
        pass
    return out


def subtype_of(key: str, coarse: str) -> str | None:
    sub = _table().get(key)
    if sub is None or coarse_type(sub) != coarse:
        return None
    return sub
