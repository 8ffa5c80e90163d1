"""ACLED event types and PLOVER categories as Marsad codes them, and how they relate.

The names come from the record contract (marsad.record); this module adds the
groupings detection and merging need: which types are violence, and how specific
each sub-type is when two sentences describing one event were typed differently.
"""
from __future__ import annotations

from ..record import ACLED_TYPES, PLOVER

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
POLITICAL_VIOLENCE = VIOLENT_TYPES | {"Protests"}

# How much a sub-type says about what happened: when sentences of one event were
# typed differently, the most specific wins (an IED beats a generic "attack").
SPECIFICITY: dict[str, int] = {
    "Chemical weapon": 10, "Suicide bomb": 9, "Grenade": 8, "Remote explosive/landmine/IED": 8,
    "Air/drone strike": 8, "Shelling/artillery/missile attack": 6, "Abduction/forced disappearance": 7,
    "Sexual violence": 7, "Government regains territory": 6, "Non-state actor overtakes territory": 6,
    "Excessive force against protesters": 7, "Protest with intervention": 6, "Peaceful protest": 5,
    "Violent demonstration": 6, "Mob violence": 5, "Attack": 4, "Armed clash": 3,
}


def is_violent(event_type: str) -> bool:
    return event_type in VIOLENT_TYPES


def check(event_type: str, sub_event_type: str, plover: str) -> None:
    """Raise if a coding is not in the taxonomy (used when loading the lexicon)."""
    if sub_event_type not in ACLED_TYPES.get(event_type, ()):
        raise ValueError(f"not an ACLED type: {event_type}/{sub_event_type}")
    if plover not in PLOVER:
        raise ValueError(f"not a PLOVER category: {plover}")
