"""Reading CoNLL/BIO files and turning tag sequences into typed spans.

ANERcorp tags (PERS, ORG, LOC, MISC) and NewsFANE's 50 fine classes both map to
Marsad's four coarse types; the fine class is kept as the subtype. Lines are
`token TAG` (the token itself may contain odd spaces), blank lines end sentences.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

# NewsFANE fine class -> coarse type. "Group" (peoples and sects: العرب, الشيعة) is not
# a named entity in ANERcorp's scheme, so it maps to None (tagged O) for coarse use.
FINE_TO_COARSE: dict[str, str | None] = {
    **{c: "PER" for c in ("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER",
                          "Scientist", "Businessperson", "Lawyer", "Engineer", "Police_PER")},
    **{c: "LOC" for c in ("Nation", "Population-Center", "GPE-Cluster", "State-or-Province",
                          "Water-Body", "Land", "Continent", "County-or-District", "Path",
                          "Land-Region-Natural", "Building-Grounds", "Airport",
                          "Subarea-Facility", "Celestial", "Address", "Boundary",
                          "Special", "Region-General", "Region-International")},
    **{c: "ORG" for c in ("Non-Governmental", "Sports", "Government", "Media", "Commercial",
                          "Educational", "Medical-Science", "Police", "Entertainment",
                          "Religious_ORG")},
    **{c: "MISC" for c in ("Book", "Movie", "Software", "Hardware", "Projectile", "Shooting",
                           "Food", "Drug", "Plant", "Air", "Water", "Land-Vehicle", "Chemical",
                           "Blunt", "Exploding", "Nuclear", "Sharp", "Sound", "Subarea-Vehicle")},
    "Group": None,
}
COARSE = {"PER": "PER", "PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def coarse_type(label: str) -> str | None:
    """PERS → PER; a NewsFANE class → its coarse type; unknown classes → MISC."""
    if label in COARSE:
        return COARSE[label]
    return FINE_TO_COARSE.get(label, "MISC")


def read_bio(path: str | Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of (token, tag) pairs; empty tokens (stray lines) are dropped."""
    sent: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").strip()
            if not line:
                if sent:
                    yield sent
                sent = []
                continue
            parts = line.rsplit(None, 1)
            if len(parts) != 2:
                continue
            tok, tag = parts[0].strip("\u200f\u200e "), parts[1]
            tok = tok.replace(" ", "")
            if not tok:
                continue
            if tag != "O" and not tag.startswith(("B-", "I-")):
                tag = "O"
            sent.append((tok, tag))
    if sent:
        yield sent


def to_coarse(tags: list[str], keep_fine: bool = False) -> list[str]:
    """Map a tag sequence to coarse BIO tags (or fine tags with coarse prefixes dropped)."""
    out = []
    for t in tags:
        if t == "O":
            out.append("O")
            continue
        c = coarse_type(t[2:])
        out.append("O" if c is None else t[:2] + (t[2:] if keep_fine else c))
    return out


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of a BIO sequence; a stray I- opens a span (CoNLL rule)."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != label):
            if start >= 0:
                out.append((start, i, label))
                start, label = -1, ""
            if t != "O":
                start, label = i, t[2:]
    return out
