"""Arguments of an event mention: actors, location, reporting source.

Location: the most precise place mentioned in the event's sentence (nearest to the
trigger), never the dateline city or a place only inside an actor's name; else
the place of the preceding sentences; else the article's lead place.
Actors: actor1 acts (before the trigger, or named by شنها/نفذها/من قبل), actor2 is
the target (after the trigger), civilians when the text says the victims were.
"""
from __future__ import annotations

import re
from typing import Any

from .actors import ActorMention, national
from .keys import fold_arabic

W = r"(?<![\w])(?:[وف])?"
REPORT_RX = re.compile(fold_arabic(
    W + r"(?:بحسب|حسب|وفق|وفقا_ل|طبقا_ل|نقلا_عن|نقلت|قال|قالت|أفاد|أفادت|ذكر|ذكرت|أعلن|أعلنت|أكد|أكدت|"
        r"أشار|أشارت|أوضح|أوضحت|صرح|صرحت|أضاف|أضافت)_(?:ما_(?:قال|ذكر|أفاد|أعلن)(?:ت)?_)?"
        r"(?P<src>(?:[«\"]?[\w]+[»\"]?(?:\s+|$|(?=\W))){1,5})").replace("_", r"\s+"))
SOURCE_STOP = frozenset(fold_arabic(w) for w in (
    "إن", "أن", "ان", "في", "على", "عن", "إلى", "الى", "من", "بأن", "بان", "أمس", "اليوم", "لـ", "له", "لها", "إنه", "انه",
    "أنه", "إنها", "أنها", "ان", "مقتل", "قتل", "إصابة", "خلال", "الذي", "التي", "بيان", "تصريح", "تصريحات", "وقوع",
    "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "مساء", "صباح", "لاحقا", "ايضا", "أيضا"))
SOURCE_HEAD = frozenset(fold_arabic(w) for w in (
    "مصادر", "مصدر", "وزارة", "الوزارة", "المرصد", "وكالة", "الوكالة", "الشرطة", "الجيش", "مسؤول", "مسؤولون",
    "مسؤولان", "شهود", "الداخلية", "متحدث", "المتحدث", "ناشطون", "ناشطين", "مراسل", "التلفزيون", "بيان", "قيادة",
    "محافظ", "رئيس", "الرئيس", "الإعلام", "مدير", "مكتب", "الأمم", "منظمة", "مسعفون", "مسعفين", "طبيب", "أطباء",
    "وسائل", "صحيفة", "قناة", "التحالف", "القوات", "قوات", "الحكومة", "السلطات", "وزير", "الخارجية", "رئاسة"))
AGENT_RX = re.compile(fold_arabic(W + r"(?:شنها|شنتها|نفذها|نفذه|نفذتها|من_قبل|على_يد|تبنى|تبنت|تبناه|أعلن_مسؤوليته|"
                                      r"بطائرات|طائرات|طيران|مقاتلات|مدفعية|قوات|عناصر|مسلحو|مسلحي|شنت|شن)" + r"(?![\w])"
                                  ).replace("_", r"\s+"))
VICTIM_RX = re.compile(fold_arabic(W + r"(?:ال)?(?:مدنيين|مدنيون|مدنيا|مدني|أطفال|الأطفال|نساء|النساء|طفل|طفلا|امرأة|"
                                       r"المصلين|مصلين|السكان|الأهالي|المواطنين|مواطنين|مواطنا|سياح|السياح|الزوار|المارة|"
                                       r"مسجد|سوق|مدرسة|مستشفى|حفل|عرس|تجمع|مركز_ثقافي|حافلة_ركاب)" + r"(?![\w])"
                                   ).replace("_", r"\s+"))
PLACE_PREP = frozenset("فبل")
REFERENCE_BEFORE = re.compile(r"(?:(?:جنوب|شمال|شرق|غرب)(?:ي|ى)?(?:\s+(?:شرق|غرب)(?:ي|ى)?)?|كم|كلم|كيلومتر|كيلومترا|"
                              r"كيلومترات|ميلا|أميال)\s+(?:من\s+)?(?:مدينة\s+|العاصمة\s+|بلدة\s+)?[«\"]?$")
# «على الحدود مع العراق وسوريا»: the neighbours across a border locate it, they are not where it happened
BORDER_BEFORE = re.compile(r"(?:حدود|الحدود|الحدودية|الحدودي)\s+(?:مع|بين)\s+(?:\S+\s+){0,3}?و?$")
METONYM_BEFORE = re.compile(r"(?:موافقة|رفض|طلب|اتهام|اتهامات|حكومة|سفير|سفارة|سفارتي|مطالب|ضغوط|دعم|رد|تحذير|"
                            r"مسؤولي|مسؤولو|قرار|موقف|علاقات|تنسيق|مع)\s*[«\"]?$")


TARGET_BEFORE = re.compile(fold_arabic(r"(?:على|ضد|استهدف\S*|مواقع|معاقل|تجمعات|صفوف|مقرات|مقر|تحصينات|عناصر|"
                                       r"مراكز|آليات|دوريات|دورية|حاجز|نقاط|مسلحي|معسكرات|مخازن|قادة|مقاتلي)\s*$"))
CLAIM_RX = re.compile(fold_arabic(r"(?:تبنى|تبنت|تبناه|تبنته|أعلن\S*\s+مسؤولي|نفذه|نفذها|نفذته|قام\s+به|شنه|شنها|"
                                  r"شنته|يتبنى|المسؤولية)"))
AIR_FORCES = frozenset({"State forces", "External/Other forces"})
PROTESTERS = {"name": "متظاهرون", "canonical": "متظاهرون", "actor_type": "Protesters"}
CIVILIANS = {"name": "مدنيون", "canonical": "مدنيون", "actor_type": "Civilians"}
# who flies air strikes where the text does not say: Yemen 2015 on had only the Arab coalition's
DEFAULT_AIR_FORCE = {"YE": {"name": "التحالف العربي", "canonical": "التحالف العربي",
                            "actor_type": "External/Other forces"}}


def pick_actors(mentions: list[ActorMention], trigger_start: int, trigger_end: int, text: str,
                sentence: tuple[int, int], country: str | None, reporters: list[tuple[int, int]], violent: bool, kind: str,
                event_type: str, sub_event_type: str, victims: bool
                ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """actor1/actor2 as contract dicts from the mentions of the event's sentence.

    actor1 precedes the trigger as its subject or follows it as its genitive (غارات التحالف);
    an actor after على/ضد/مواقع is the target. Bombings and killings name a perpetrator
    only when the text claims it; the police or army near them are the target.
    """
    cands = [m for m in mentions if not any(a <= m.start < b for a, b in reporters)]
    civilians = [m for m in cands if m.actor_type == "Civilians"]
    actors = [m for m in cands if m.actor_type != "Civilians" and national(m, country)]
    if event_type in ("Protests", "Riots"):
        prot = [m for m in cands if m.actor_type == "Protesters"]
        a1 = _as_dict(prot[0], country) if prot else PROTESTERS
        others = [m for m in actors if m.actor_type not in ("Protesters", "Civilians")]
        a2 = _as_dict(others[0], country) if others and sub_event_type != "Peaceful protest" else None
        return a1, a2

    def is_target(m: ActorMention) -> bool:
        return bool(TARGET_BEFORE.search(fold_arabic(text[max(0, m.start - 14):m.start])))

    before = [m for m in actors if m.end <= trigger_start]
    after = [m for m in actors if m.start >= trigger_end]
    a1 = None
    if after and after[0].start - trigger_end < 25 and not is_target(after[0]):
        a1 = after[0]                      # "غارات التحالف"، "قصف قوات النظام"، "هجوم لتنظيم داعش"
    subj = [m for m in before if not is_target(m)]
    if subj and (a1 is None or kind in ("clash", "territory", "arrest")):
        a1 = subj[-1]
    targets = [m for m in actors if m is not a1 and is_target(m)]
    rest = [m for m in actors if a1 is None or national(m, country) != national(a1, country)]
    a2 = targets[0] if targets else (min(rest, key=lambda m: abs(m.start - trigger_end)) if rest else None)
    if a1 is None and not targets and rest and kind in ("clash", "territory"):
        a1 = rest[0]
        a2 = next((m for m in rest[1:] if national(m, country) != national(a1, country)), None)
    if sub_event_type == "Air/drone strike" and a1 is not None and a1.actor_type not in AIR_FORCES:
        flyers = [m for m in actors if m.actor_type in AIR_FORCES and not is_target(m)]
        a1 = flyers[0] if flyers else None
        if a2 is not None and a1 is not None and national(a2, country) == national(a1, country):
            a2 = None
    unconventional = event_type == "Violence against civilians" or (
        event_type == "Explosions/Remote violence" and sub_event_type not in (
            "Air/drone strike", "Shelling/artillery/missile attack"))
    if unconventional and a1 is not None:
        if a1.actor_type == "State forces" and a2 is None:
            a1, a2 = None, a1              # police/army near a bombing are its target
        elif a1.actor_type != "State forces" and not CLAIM_RX.search(fold_arabic(text[sentence[0]:sentence[1]])) \
                and not (a1.start >= trigger_end and a1.start - trigger_end < 25):
            a1 = None                      # a suspect is not a perpetrator until someone claims it
    out1, out2 = _as_dict(a1, country), _as_dict(a2, country)
    if violent and event_type != "Battles" and (out2 is None or out2.get("actor_type") == "Protesters") \
            and (civilians or victims):
        out2 = _as_dict(civilians[0], country) if civilians else CIVILIANS
    if out1 is None and sub_event_type == "Air/drone strike" and country in DEFAULT_AIR_FORCE:
        out1 = DEFAULT_AIR_FORCE[country]
    return out1, out2


def _as_dict(m: ActorMention | None, country: str | None) -> dict[str, Any] | None:
    if m is None:
        return None
    canonical = national(m, country)
    if canonical is None:
        return None
    return {"name": m.name, "canonical": canonical, "actor_type": m.actor_type}


def find_reporters(text: str, key: str, orig, entities: list[dict], ks: int, ke: int
                   ) -> list[tuple[str, int, int]]:
    """Who the sentence says reported it: (name, start, end) in original offsets."""
    out = []
    for m in REPORT_RX.finditer(key, ks, ke):
        s0 = m.start("src")
        words = list(re.finditer(r"[«\"]?[\w]+[»\"]?", key[s0:m.end("src")]))
        keep = []
        for w in words:
            core = w.group().strip("«»\"")
            if core in SOURCE_STOP or (not keep and core.startswith("ل") and len(core) < 3):
                break
            keep.append(w)
        if not keep:
            continue
        first = keep[0].group().strip("«»\"")
        s, e = orig(s0 + keep[0].start()), orig(s0 + keep[-1].end())
        ent = next((x for x in entities if x["start"] <= s < x["end"] or s <= x["start"] < e), None)
        if ent is not None and ent.get("type") in ("ORG", "PER"):
            out.append((ent.get("canonical") or ent["text"], ent["start"], ent["end"]))
        elif first in SOURCE_HEAD or first.startswith("ال") and len(keep) >= 2:
            name = text[s:e].strip("«»\" ")
            out.append((name, s, e))
    return out


def place_mentions(doc) -> list[tuple[int, int, int, bool]]:
    """(start, end, place_index, is_dateline) for every geocoded mention, sorted."""
    meta = doc.meta.get("place_mentions")
    if meta:
        out = [(m["start"], m["end"], m["place_index"], bool(m.get("dateline"))) for m in meta]
    else:
        dl = doc.meta.get("dateline_place")
        out = []
        for i, p in enumerate(doc.places):
            for s, e in p.get("mentions") or ():
                out.append((s, e, i, dl is not None and (dl == i or dl == p.get("name"))))
    out.sort()
    return out


def stray_places(doc, mentions: list[tuple[int, int, int, bool]], doc_country: str | None) -> frozenset[int]:
    """Places alone in a country nothing else in the article points to: a geocoding slip
    («بني سعد» read as a Pakistani village in an article about Iraq), never the event's place."""
    if doc_country is None:
        return frozenset()
    by_country: dict[str, set[int]] = {}
    for _, _, i, _ in mentions:
        cc = doc.places[i].get("country_code")
        if cc:
            by_country.setdefault(cc, set()).add(i)
    return frozenset(next(iter(ids)) for cc, ids in by_country.items() if cc != doc_country and len(ids) == 1
                     and (doc.places[next(iter(ids))].get("feature") or "") != "country")


def pick_place(doc, mentions: list[tuple[int, int, int, bool]], start: int, end: int, trigger: int,
               actor_spans: list[tuple[int, int]], exclude: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """(place_index, mention_start) of the best place mentioned in [start, end), else None."""
    best = None
    for s, e, idx, dateline in mentions:
        if s < start or e > end or dateline or idx in exclude:
            continue
        if any(a <= s and e <= b for a, b in actor_spans):
            continue
        if METONYM_BEFORE.search(doc.text, max(0, s - 14), s):
            continue          # «بموافقة دمشق»: a government, not a place
        p = doc.places[idx]
        prec = p.get("precision") or 3
        feature = p.get("feature") or ""
        if feature == "country":
            prec = 3
        prep = s > 0 and (doc.text[s - 1] in PLACE_PREP or doc.text[s - 1] == " ")
        if BORDER_BEFORE.search(doc.text, max(0, s - 40), s):
            continue
        if REFERENCE_BEFORE.search(doc.text, max(0, s - 30), s):
            prec += 2         # «700 كيلومتر جنوب طرابلس»: a reference point, not where it happened
        score = (prec, 0 if s >= trigger else 1, abs(s - trigger), 0 if prep else 1)
        if best is None or score < best[0]:
            best = (score, idx, s)
    return (best[1], best[2]) if best else None


def location_dict(place: dict) -> dict[str, Any]:
    prec = place.get("precision") or 3
    return {"name": place.get("name"), "geonameid": place.get("geonameid"), "lat": place.get("lat"),
            "lon": place.get("lon"), "country_code": place.get("country_code"), "admin1": place.get("admin1"),
            "precision": prec if prec in (1, 2, 3) else 3}
