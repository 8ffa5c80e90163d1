"""The compiled Arabic gazetteer (resources/geo/gazetteer.json), loaded once per process.

Built by training/build_gazetteer.py. Keys are `normalize_key` forms with spaces removed,
so البوكمال and البو كمال meet on one key; each key lists entry indices, best prior first.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from ..resources import path

# positions in an entry list
ID, NAME, GEONAMEID, LAT, LON, CC, ADMIN1, FEATURE, PRECISION, POPULATION, PRIOR = range(11)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: list            # [id, name, geonameid, lat, lon, cc, admin1, feature, precision, pop, prior]
    keys: dict               # spaceless key -> [entry index, ...] best prior first
    starts: frozenset        # first words of every (spaced) key: where a match can begin
    max_tokens: int
    ambiguous: frozenset     # keys that are also ordinary words: places only with evidence
    famous: frozenset        # entry indices of capitals, million-cities and hand-kept towns

    def lookup(self, key: str) -> list[int]:
        return self.keys.get(key.replace(" ", ""), [])


@functools.cache
def load_gazetteer() -> Gazetteer:
    with open(path("geo/gazetteer.json"), encoding="utf-8") as f:
        data = json.load(f)
    return Gazetteer(entries=data["entries"], keys=data["keys"], starts=frozenset(data["starts"]),
                     max_tokens=data["max_tokens"], ambiguous=frozenset(data["ambiguous"]),
                     famous=frozenset(data.get("famous", ())))
