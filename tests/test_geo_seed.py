"""The seed article's places resolve as in ../shared/seed/expected.json."""
from __future__ import annotations

from marsad.doc import Doc
from marsad.geo.resolve import haversine_km
from marsad.geo.stage import geoparse


def test_seed_places(seed_text, seed_expected):
    doc = geoparse(Doc(text=seed_text))
    by_surface: dict[str, list[dict]] = {}
    for p in doc.places:
        for s, e in p["mentions"]:
            by_surface.setdefault(seed_text[s:e], []).append(p)
    for want in seed_expected["places"]:
        got = by_surface.get(want["name"])
        assert got, f"{want['name']} not found"
        p = got[0]
        assert p["country_code"] == want["country_code"], want["name"]
        assert p["precision"] == want["precision"], want["name"]
        if "geonameid" in want:
            assert p["geonameid"] == want["geonameid"], want["name"]
        if "lat" in want:
            assert haversine_km(p["lat"], p["lon"], want["lat"], want["lon"]) < 161, want["name"]
    jl = by_surface.get("جنوب لبنان")
    assert jl and jl[0]["country_code"] == "LB"
    # the West Bank of the Euphrates is a river bank, not Palestine
    assert all(p["country_code"] != "PS" for p in doc.places)
