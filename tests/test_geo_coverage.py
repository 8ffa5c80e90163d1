"""Places of conflict news the gazetteer used to miss, and type words before longer names."""
from __future__ import annotations

import pytest

from marsad.doc import Doc
from marsad.geo.stage import geoparse


def places_of(text: str) -> dict[str, dict]:
    doc = geoparse(Doc(text=text))
    return {text[s:e]: p for p in doc.places for s, e in p["mentions"]}


@pytest.mark.parametrize("text,surface,cc,lat,lon,geonameid", [
    ("هاجم مسلحون قرية قرب بلدة لامو الساحلية في كينيا", "لامو", "KE", -2.27, 40.90, 189741),
    ("اشتبك الجيش مع مسلحين في بلدة باتيكول بجنوب الفلبين", "باتيكول", "PH", 6.09, 121.11, 1684409),
    ("قصفت طائرة مسيرة مواقع في ولاية باكتيكا", "ولاية باكتيكا", "AF", 32.5, 68.8, None),
    ("انفجرت سيارة مفخخة في سوق خان بني سعد شمال شرقي بغداد", "خان بني سعد", "IQ", 33.57, 44.54, None),
    ("انفجرت عبوة في حي بغداد الجديدة", "بغداد الجديدة", "IQ", 33.32, 44.48, None),
    ("عثر على جثة في منطقة الزعفرانية", "الزعفرانية", "IQ", 33.26, 44.49, None),
])
def test_added_places(text, surface, cc, lat, lon, geonameid):
    p = places_of(text)[surface]
    assert (p["country_code"], p["geonameid"]) == (cc, geonameid)
    assert abs(p["lat"] - lat) < 0.05 and abs(p["lon"] - lon) < 0.05


def test_type_word_yields_to_a_longer_name_after_it():
    # «منطقة بغداد» is the province; «بغداد الجديدة» after the type word is the district meant
    assert list(places_of("انفجرت عبوة في منطقة بغداد الجديدة أمس")) == ["بغداد الجديدة"]
    # with nothing longer after it the type word still belongs to the name
    assert places_of("قصفت الطائرات محافظة إدلب")["محافظة إدلب"]["feature"] == "admin1"


def test_quarter_word_before_a_province_name():
    # «حي التأميم» is a quarter (of Ramadi), not the Iraqi province once called التأميم
    assert "التأميم" not in places_of("وحررت القوات حي التأميم من قبضة المسلحين")
    assert places_of("اشتباكات في محافظة التأميم")["محافظة التأميم"]["feature"] == "admin1"
