"""Resolution in context: pick one gazetteer entry per mention using the whole article.

Evidence, in the spirit of Mordecai's ranking but as a few transparent rules:
  - the entry's prior (kind, population, a news prior for the Arab world), from the build;
  - the countries the article names or that its unambiguous places lie in;
  - nearness to places already resolved without doubt (أريحا near إدلب → Ariha, Syria);
  - the word before the name (مدينة/بلدة favour towns) and the nisba after it
    (قرية الحضر السورية → a Syrian Hadar).
Names that are also ordinary words (gazetteer `ambiguous`) need evidence to count at all, and
titles, media, adjectives (الطائرة السعودية) and organisation names are not places.
"""
from __future__ import annotations

import math
from collections import Counter

from ..text.normalize import fold
from .candidates import Mention, Words
from .gazetteer import CC, FEATURE, LAT, LON, POPULATION, PRIOR, Gazetteer

# words that announce a place right after them (keys, with their clitic forms)
_TRIGGERS = """مدينه بلده قريه محافظه ولايه منطقه مديريه ريف حي مخيم قضاء ناحيه شمال جنوب شرق غرب
شمالي جنوبي شرقي غربي وسط قرب اطراف ضواحي مطار بلدات مدن قري مناطق احياء محيط مشارف معبر عاصمه
العاصمه مدينتي بلدتي محافظتي مدينتا""".split()
TRIGGERS = frozenset(_TRIGGERS + ["ب" + t for t in _TRIGGERS] + ["و" + t for t in _TRIGGERS]
                     + ["وب" + t for t in _TRIGGERS] + ["ل" + t for t in _TRIGGERS]
                     + ["بال" + t for t in ("قرب",)])
TOWN_TRIGGERS = frozenset(t for t in TRIGGERS if t.lstrip("وبل").startswith(("مدين", "بلد", "قري", "عاصم", "العاصم")))
MOTION = frozenset("في الي من نحو باتجاه داخل عبر حتي".split())
# words before a name that make it part of an organisation or medium, not a place
MEDIA = frozenset("""صحيفه جريده قناه وكاله موقع مرصد تلفزيون اذاعه مجله نادي فريق لصحيفه لجريده لقناه
لوكاله لموقع لتلفزيون لاذاعه لمجله بصحيفه بقناه وصحيفه وقناه ووكاله انباء كاس بكاس لكاس جامعه
بجامعه لجامعه وجامعه شبكه اعلاميي""".split())
# country names that are also nisba adjectives after a definite noun (الطائرة السعودية)
NISBA_KEYS = frozenset({"السعوديه"})
# …and after an indefinite plural or feminine noun (عائلة سورية، قوات سورية)
NISBA_INDEF_KEYS = frozenset({"سوريه"})
# words before a name that make it something else: صلاة المغرب is the sunset prayer
NOT_AFTER = {"المغرب": frozenset("صلاه لصلاه وصلاه بعد قبل عقب حتي وقت اذان باذان".split())}
# a nisba adjective right after a name says its country: مدينة كوباني السورية، قرية الحضر السورية
_NISBA = {"SY": "السوريه", "IQ": "العراقيه", "YE": "اليمنيه", "LB": "اللبنانيه البقاعيه", "TR": "التركيه",
          "EG": "المصريه", "SA": "السعوديه", "JO": "الاردنيه", "IR": "الايرانيه", "RU": "الروسيه",
          "LY": "الليبيه", "PS": "الفلسطينيه", "IL": "الاسراييليه", "US": "الامريكيه الاميركيه",
          "FR": "الفرنسيه", "GB": "البريطانيه", "DE": "الالمانيه", "KW": "الكويتيه", "AE": "الاماراتيه",
          "QA": "القطريه", "BH": "البحرينيه", "OM": "العمانيه", "SD": "السودانيه", "TN": "التونسيه",
          "DZ": "الجزاييريه", "MA": "المغربيه", "PK": "الباكستانيه", "AF": "الافغانيه", "IN": "الهنديه",
          "CN": "الصينيه", "IT": "الايطاليه", "ES": "الاسبانيه", "GR": "اليونانيه", "UA": "الاوكرانيه"}
NISBA_CC = {w: cc for cc, ws in _NISBA.items() for w in ws.split()}
# a short stripped form (ب+ادر, ف+اجأ) is too likely an accident unless the place is notable
MIN_STRIPPED_POP = 100000
NEWS_REGION = frozenset("SY IQ YE LB JO PS EG SA AE KW QA BH OM LY SD TN DZ MA MR SO DJ KM TR IR IL".split())
# names that are also a common construct: الضفة الغربية لنهر الفرات is a river bank
CONSTRUCT_KEYS = frozenset({"الضفهالغربيه"})
# words for a spot inside a province: the name after them is never the province itself
SPOT_WORDS = frozenset("حي قريه بلده مخيم مدينه".split())
QUOTE_PLACE_WORDS = frozenset("في الي من علي عن نحو داخل".split())
QUOTE_OPEN = "«\"“"
QUOTE_CLOSE = "»\"”"


ANCHOR_MARGIN = 3.0       # prior points by which a reading must lead to anchor the article


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _in_short_quote(text: str, m: Mention) -> bool:
    """«دير الزور 24» or «الشرق الأوسط»: a short quoted name is a title, not a place."""
    lo = max(0, m.start - 30)
    left = text[lo:m.start]
    k = max(left.rfind(q) for q in QUOTE_OPEN)
    if k < 0 or any(c in left[k + 1:] for c in QUOTE_CLOSE):
        return False
    right = text[m.end:m.end + 30]
    r = min((right.find(q) for q in QUOTE_CLOSE if q in right), default=-1)
    if r < 0:
        return False
    inner = left[k + 1:] + text[m.start:m.end] + right[:r]
    if inner.strip() == text[m.start:m.end]:
        # a lone quoted name («عدن») is still a place, unless it is what someone said to
        # a medium (تصريحات لـ«الشرق الأوسط»)
        before = text[max(0, lo + k - 2):lo + k]
        return before.endswith(("ـ", "ل"))
    # a place named inside a short quotation («القاء اللوم على تركيا») is still a place
    lead = left[k + 1:].split()
    if m.prefixed or (lead and fold(lead[-1]) in QUOTE_PLACE_WORDS):
        return False
    return len(inner.split()) <= 4


def keep_mentions(text: str, words: Words, mentions: list[Mention], gaz: Gazetteer,
                  entities: list[dict]) -> list[Mention]:
    """Drop mentions that are titles, organisations or ordinary words without place evidence."""
    orgs = [(e["start"], e["end"]) for e in entities if e.get("type") in ("ORG", "PER")]
    locs = [(e["start"], e["end"]) for e in entities if e.get("type") == "LOC"]
    triggered = {m.key for m in mentions if m.word > 0 and words.keys[m.word - 1] in TRIGGERS}
    countries = {gaz.entries[m.cands[0]][CC] for m in mentions
                 if gaz.entries[m.cands[0]][FEATURE] == "country" and m.key not in gaz.ambiguous}
    kept: list[Mention] = []
    for m in mentions:
        prev = words.keys[m.word - 1] if m.word > 0 else ""
        if prev in MEDIA:
            continue
        if any(s <= m.start and m.end <= e and (e - s) > (m.end - m.start) for s, e in orgs):
            continue
        if _in_short_quote(text, m):
            continue
        # …الطائرة السعودية is an adjective; …الإمارات والسعودية a second country
        if m.key in NISBA_KEYS and prev.startswith("ال") and prev not in MOTION and not m.prefixed \
                and not (kept and kept[-1].last_word == m.word - 1):
            continue
        if m.key in NISBA_INDEF_KEYS and not m.prefixed and prev.endswith(("ه", "ات")) \
                and prev not in TRIGGERS and prev not in MOTION and words.joined(m.word):
            continue
        if prev in NOT_AFTER.get(m.key, ()):
            continue
        if prev.lstrip("وب") in SPOT_WORDS and all(gaz.entries[i][FEATURE] in ("admin1", "country") for i in m.cands):
            continue      # «حي التأميم» in Ramadi is a quarter, not the province of that name
        if m.key in CONSTRUCT_KEYS and m.last_word + 1 < len(words) and \
                words.keys[m.last_word + 1].startswith(("ل", "من")):
            continue
        # in a list of places: «محافظات صعدة، وحجة، وعمران»
        in_list = bool(kept) and kept[-1].last_word == m.word - 1 and \
            text[kept[-1].end:m.start].strip(" ،,و") == ""
        if m.prefixed and not in_list and m.key not in triggered:
            e = gaz.entries[m.cands[0]]
            # باولو is Paolo, not ب + Oulu: a stripped clitic before a foreign town needs a
            # famous one; before a short form (ب+ادر) any town needs to be notable
            if e[FEATURE] == "city" and (
                    (len(m.key) <= 3 and e[POPULATION] < MIN_STRIPPED_POP)
                    or (e[CC] not in NEWS_REGION and m.cands[0] not in gaz.famous)):
                continue
        if m.key in gaz.ambiguous:
            is_loc = any(s <= m.start < e for s, e in locs)
            near_country = (prev in MOTION or m.prefixed) and any(
                gaz.entries[i][CC] in countries for i in m.cands)
            if not (m.key in triggered or is_loc or near_country or in_list):
                continue
        kept.append(m)
    return kept


def resolve_mentions(words: Words, mentions: list[Mention], gaz: Gazetteer) -> list[int]:
    """The chosen entry index for each mention."""
    E = gaz.entries
    # anchors: mentions whose reading is not in doubt; their countries are the article's
    doc_cc: Counter = Counter()
    anchors: list[int] = []
    for m in mentions:
        c = m.cands
        # a mention anchors the article when it has one reading or one that clearly dominates
        if len(c) == 1 or E[c[0]][PRIOR] - E[c[1]][PRIOR] >= ANCHOR_MARGIN:
            e = E[c[0]]
            if e[CC]:
                doc_cc[e[CC]] += 1
            if e[FEATURE] != "country":
                anchors.append(c[0])
    chosen: list[int] = []
    for m in mentions:
        if len(m.cands) == 1:
            chosen.append(m.cands[0])
            continue
        prev = words.keys[m.word - 1] if m.word > 0 else ""
        nxt = m.last_word + 1
        said_cc = NISBA_CC.get(words.keys[nxt]) if nxt < len(words) and words.joined(nxt) else None
        best, best_score = m.cands[0], -1e9
        for i in m.cands:
            e = E[i]
            score = e[PRIOR]
            if e[CC] and doc_cc.get(e[CC]):
                score += 2.0 + 0.25 * min(doc_cc[e[CC]] - 1, 4)
            if anchors and e[FEATURE] != "country":
                near = min(haversine_km(e[LAT], e[LON], E[a][LAT], E[a][LON]) for a in anchors if a != i) \
                    if any(a != i for a in anchors) else 1e9
                if near < 150:
                    score += 1.5
                elif near < 400:
                    score += 0.5
            if prev in TOWN_TRIGGERS and e[FEATURE] in ("city", "district"):
                score += 3.0
            if said_cc and e[CC] == said_cc:
                score += 5.0
            if score > best_score:
                best, best_score = i, score
        chosen.append(best)
    return chosen


def place_for_span(doc, start: int, end: int, max_chars: int = 400) -> dict | None:
    """The place for an event whose evidence is text[start:end]: a place mentioned inside the
    span (the non-dateline mention nearest its middle), else the nearest mention before it in
    the same sentence or paragraph up to `max_chars` away; None if there is none.

    Events should use this rather than the dateline place (doc.meta["dateline_place"]),
    which says where the story was filed, not where things happened.
    """
    mentions = doc.meta.get("place_mentions") or []
    if not mentions:
        return None
    mid = (start + end) / 2
    inside = [m for m in mentions if not m["dateline"] and start <= m["start"] and m["end"] <= end]
    if inside:
        # prefer the finest place: towns over provinces and countries
        best = min(inside, key=lambda m: (doc.places[m["place_index"]]["precision"], abs(m["start"] - mid)))
        return doc.places[best["place_index"]]
    before = [m for m in mentions if not m["dateline"] and m["end"] <= start and start - m["end"] <= max_chars]
    if before:
        return doc.places[max(before, key=lambda m: m["end"])["place_index"]]
    return None
