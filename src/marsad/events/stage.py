"""Pipeline stage adding `doc.events`: detect, attach arguments, merge, code.

Works on whatever earlier stages left: without entities it still finds generic
actors (civilians, gunmen, police), without places it leaves location null, and
without a publication date only dates with a year resolve. Per-event extras that
are not part of the record (trigger spans, sentence indices) go to
doc.meta["event_extras"], aligned with doc.events.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from ..doc import Doc
from .actors import find_actor_mentions
from .arguments import CIVILIANS, find_reporters, location_dict, pick_actors, pick_place, place_mentions, stray_places
from .casualties import find_figures, summarize
from .detect import Mention, detect_mentions, place_key_spans, victims_in
from .keys import FoldedText, fold_arabic, skip_run
from .quantities import word_value
from .merge import Draft, merge_mentions
from .taxonomy import is_violent
from .triggers import has_candidates

LOOKBACK_SENTENCES = 2
# militias fighting on the government's side: ACLED codes their gains "Government regains territory"
# ("government forces or their affiliates"); canonical names of the actor catalogue
GOVERNMENT_AFFILIATES = frozenset({"المقاومة الشعبية", "الحشد الشعبي", "الحشد العشائري"})


class EventStage:
    def __call__(self, doc: Doc) -> Doc:
        doc.events, doc.meta["event_extras"] = extract_events(doc)
        return doc


# nationality adjectives (العراقي، السورية) also say which country an article is about
NISBA = {"عراقي": "IQ", "سوري": "SY", "يمني": "YE", "تركي": "TR", "مصري": "EG", "لبناني": "LB", "ليبي": "LY",
         "سعودي": "SA", "أردني": "JO", "فلسطيني": "PS", "تونسي": "TN", "بحريني": "BH", "كويتي": "KW"}
NISBA_RX = re.compile(r"(?<!\w)(?:[وبل]?ال)(" + "|".join(NISBA) + r")(?:ة|ين|ون)?(?!\w)")


def _country(doc: Doc, pmentions) -> str | None:
    counts = Counter(doc.places[i].get("country_code") for _, _, i, dl in pmentions if not dl)
    counts.pop(None, None)
    if len(counts) < 2:
        return counts.most_common(1)[0][0] if counts else None
    for m in NISBA_RX.finditer(doc.text):      # several countries: let the text's nationality words weigh in
        counts[NISBA[m.group(1)]] += 1
    return counts.most_common(1)[0][0] if counts else None


def extract_events(doc: Doc) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    if not doc.sentences:
        return [], []
    text = doc.text
    # fold only sentences that can hold a trigger, and the two after each (casualty follow-ups)
    chosen = [i for i, s in enumerate(doc.sentences) if has_candidates(text[s.start:s.end])]
    if not chosen:
        return [], []
    keep = sorted({j for i in chosen for j in (i, i + 1, i + 2) if j < len(doc.sentences)})
    folded = FoldedText(text, [(doc.sentences[j].start, doc.sentences[j].end) for j in keep])
    published = doc.published.date() if doc.published else None
    mentions = detect_mentions(doc, folded, published)
    if not mentions:
        return [], []
    pmentions = place_mentions(doc)
    pspans = place_key_spans(doc, folded)
    doc_country = _country(doc, pmentions)
    stray = stray_places(doc, pmentions, doc_country)
    if stray:
        pmentions = [p for p in pmentions if p[2] not in stray]
    main_date = next((m.date for m in mentions if m.date is not None and m.sent <= 3 and not m.background), None)
    drafts: list[tuple[Draft, bool]] = []
    for m in mentions:
        d = _draft(doc, folded, m, pmentions, doc_country, pspans)
        if m.sent > 1 and m.trigger is not None and not m.figures and m.date is None and not d.place_own \
                and m.trigger.trigger.rank < 80 and m.kind not in ("protest", "arrest", "release") \
                and not opens_new_story(folded.key, m.ks):     # «من جهة أخرى، …»: announced as another event
            continue      # a generic word (مواجهة، هجوم) with no count, date or place tying it to an occurrence
        if m.kind == "territory" and m.sent > 1 and m.date is None and not m.figures \
                and not opens_new_story(folded.key, m.ks) and not NEWS_CUE.search(folded.key, m.ks, m.ke):
            continue      # «وسيطر المتشددون على مدينة سرت»: who holds what, told later with no day, no source
            # and no news connector («كما»، «في غضون ذلك»), is background
        if m.kind == "casualty" and m.trigger is not None and drafts:
            # «مجزرتين نفذهما طيران النظام. وسقط 20 قتيلا في بلدة …»: a bare toll right after a
            # typed event is more of the same kind of violence
            prev, bg = next((x for x in reversed(drafts) if x[0].kind not in ("casualty", "")), (None, True))
            if prev is not None and is_violent(prev.event_type) and not bg \
                    and 0 <= m.sent - prev.sentences[-1] <= 2:
                d.event_type, d.sub_event_type, d.plover = prev.event_type, prev.sub_event_type, prev.plover
        for part in split_by_place(doc, folded, m, d, pmentions):
            drafts.append((part, m.background))
    events = merge_mentions(drafts, doc.places)
    _carry_air_force(events)
    title_places: list = []
    out, extras = [], []
    for ev in events:
        if ev.date is None:
            if main_date is not None:
                ev.date, ev.date_precision = main_date.date, main_date.precision
            elif published is not None:
                ev.date, ev.date_precision = published, 2
        if ev.place is None:
            ev.place = _lead_place(doc, pmentions)
        if ev.place is None:
            ev.place = _only_place(doc, pmentions)
        elif (doc.places[ev.place].get("feature") or "") == "admin1":
            ev.place = _dateline_inside(doc, pmentions, ev.place)
        rec = _record(doc, ev)
        finer = _title_place(doc, ev.place, title_places) if doc.title else None
        if finer is not None:
            rec["location"] = location_dict(finer)
        out.append(rec)
        extras.append({"kind": ev.kind, "sentences": ev.sentences,
                       "triggers": [list(t) for t in ev.triggers]})
    return out, extras


def _carry_air_force(events: list[Draft]) -> None:
    """A strike list names who flies once: «شنت طائرات التحالف 16 غارة … وجرت الضربات الأخرى قرب
    كركوك» — later strikes of the article with no actor1 take the previous strike's."""
    last = None
    for ev in events:
        if ev.sub_event_type != "Air/drone strike":
            continue
        if ev.actor1 is not None:
            last = (ev.actor1, ev.actor2)
        elif last is not None:
            ev.actor1 = last[0]
            if ev.actor2 is None or ev.actor2.get("canonical") == last[0].get("canonical"):
                ev.actor2 = last[1]      # and whom it strikes, unless the list names another target


def _draft(doc: Doc, folded: FoldedText, m: Mention, pmentions, doc_country, pspans) -> Draft:
    text = doc.text
    reporters = find_reporters(text, folded.key, folded.orig, doc.entities, m.ks, m.ke)
    rep_spans = [(s, e) for _, s, e in reporters]
    actors = find_actor_mentions(text, folded.key, folded.orig, doc.entities, m.start, m.end)
    place = pick_place(doc, pmentions, m.start, m.end, m.trig_start, [(a.start, a.end) for a in actors])
    place_own = place is not None
    coarse = place is not None and _precision(doc, place[0]) == 3
    if (place is None or coarse) and m.event_type:
        # the place of the preceding sentences (same paragraph: no blank line in between);
        # a country alone is refined by a town named just before in that country
        for back in range(1, LOOKBACK_SENTENCES + 1):
            j = m.sent - back
            if j < 0:
                break
            ps = doc.sentences[j]
            if "\n\n" in text[ps.end:m.start] and back > 1:
                break
            prev = pick_place(doc, pmentions, ps.start, ps.end, ps.end, [])
            if prev is None:
                continue
            if not coarse:
                place = prev
                break
            if _precision(doc, prev[0]) < 3 and \
                    doc.places[prev[0]].get("country_code") == doc.places[place[0]].get("country_code") \
                    and _could_be_inside(doc.places[prev[0]], doc.places[place[0]]):
                place, place_own = prev, False
                break
    pidx = place[0] if place else None
    country = doc.places[pidx].get("country_code") if pidx is not None else doc_country
    violent = is_violent(m.event_type)
    etype, sub, plover = m.event_type, m.sub_event_type, m.plover
    a1, a2 = pick_actors(actors, m.trig_start, m.trig_end, text, (m.start, m.end), country,
                         rep_spans, violent, m.kind, etype, sub,
                         victims_in(folded.key, m.ks, m.ke, pspans)) if m.event_type else (None, None)
    if m.kind == "bodies":
        # who found the bodies (الشرطة) is no party; who killed them is unknown unless claimed
        a1 = None
        if a2 is not None and a2.get("actor_type") != "Civilians" and not any(a.start >= m.trig_end for a in actors):
            a2 = None                     # the victims follow the trigger: «جثث عناصر من الصحوة»
        if a2 is None and etype == "Violence against civilians":
            a2 = CIVILIANS
    if m.kind == "territory" and a1 is not None:
        if a1.get("actor_type") == "State forces" or a1.get("canonical") in GOVERNMENT_AFFILIATES:
            sub = "Government regains territory"
        else:
            sub = "Non-state actor overtakes territory"
    d = m.date
    return Draft(etype, sub, plover, m.kind, d.date if d else None, d.precision if d else 3,
                 bool(d and d.explicit), pidx, _finesse(doc, pidx),
                 a1, a2, list(m.figures), [r[0] for r in reporters], [m.sent], [(m.start, m.end)],
                 [(m.trig_start, m.trig_end)] if m.trigger else [], place_own, m.anaphoric,
                 any(f.firm_latest for f in m.figures), m.trigger.trigger.rank if m.trigger else 0,
                 opens_new_story(folded.key, m.ks) or _other_victims(folded.key, m.ks, m.ke))


# discourse markers that open the report of another event
NEW_STORY = re.compile(fold_arabic(r"(?:إلى\s+ذلك|الى\s+ذلك|وفي\s+حادث\s+(?:منفصل|آخر)|في\s+حادث\s+(?:منفصل|آخر)|"
                                  r"وفي\s+هجوم\s+آخر|من\s+جهة\s+أخرى|من\s+جهة\s+ثانية|من\s+جانب\s+آخر|من\s+ناحية\s+أخرى|على\s+صعيد\s+آخر|كما\s+(?:انفجر|قتل|لقي)|"
                                  r"وفي\s+تطور\s+آخر|وفي\s+سياق\s+(?:متصل|آخر|منفصل)|في\s+سياق\s+(?:متصل|آخر|منفصل))"))


# «وقتل جنديان آخران عندما أرسلت الحكومة تعزيزات»، «قتل خمسة جنود آخرين في انفجار قنبلة»: other
# victims in another circumstance are another event («وأصيب 20 آخرون» or «… في الانفجار» still add
# to the event just told)
OTHER_VICTIMS = re.compile(fold_arabic(r"(?<!\w)(?:اخر|اخرون|اخرين|اخران|اخرين|اخريان)\s+(?:\S+\s+)?"
                                       r"(?:(?:عندما|حين|حينما|لدى|اثناء|لما)(?!\w)|(?:في|جراء|اثر|بسبب)\s+(?!ال)\w)"))


def _other_victims(key: str, ks: int, ke: int) -> bool:
    """«وقتل جنديان آخران عندما …» with no toll of its own sentence before («خمسة جنود قتلوا وفقد 15
    آخرون عندما هاجم …» are the others of that same attack)."""
    m = OTHER_VICTIMS.search(key, ks, ke)
    if m is None:
        return False
    head = key[ks:m.start()].split()
    return not find_figures(" ".join(head[:-2]))


def opens_new_story(key: str, pos: int) -> bool:
    """Whether the sentence at `pos` opens with a marker of another event (after ≤ 20 non-word chars)."""
    j = skip_run(key, pos, 0, 20)
    return j >= 0 and NEW_STORY.match(key, j) is not None


# a sentence that reports news: a source or a connector of the day's round-up
NEWS_CUE = re.compile(fold_arabic(r"(?<!\w)(?:و)?(?:قال|قالت|أعلن|أعلنت|أفاد|أفادت|ذكر|ذكرت|أكد|أكدت|أوضح|أوضحت|أضاف|"
                                  r"أضافت|مصادر|مصدر|بيان|كما|غضون|تمكنت|تمكن|تمكنوا)(?!\w)"))
LIST_GLUE = re.compile(r"^[\s،,]*(?:و\s*)(?:(?:مدينة|مدينتي|بلدة|بلدات|قرية|قرى|مدن|محافظة|محافظات|"
                       r"منطقة|مناطق|حي|أحياء|ريف)\s+)?$")
SPLIT_KINDS = frozenset({"protest", "shelling", "bomb", "attack", "clash", "casualty", "killing", ""})


# «على بوابة 200 الرابطة بين أجدابيا وطبرق»، «الطريق بين حلب ودمشق»: a stretch between two places, no list
BETWEEN_BEFORE = re.compile(r"(?<!\w)(?:بين|ما\s+بين)\s+(?:(?:مدينتي|مدينة|بلدتي|بلدة|قريتي|قرية|منطقتي)\s+)?$")


def _list_gap(gap: str) -> bool:
    """A gap inside a list of places that holds one more (ungeocoded) member: «البصرة وذي قار والحلة»."""
    toks = gap.replace("،", " ").replace(",", " ").split()
    return 0 < len(toks) <= 3 and toks[0].startswith("و") and toks[-1].startswith("و") \
        and sum(not t.startswith("و") for t in toks) <= 1


LIST_PREPS = frozenset({"قرب", "في", "حول", "على", "عند", "من", "شمال", "جنوب", "شرق", "غرب", "بالقرب", "غربي", "شرقي",
                        "شمالي", "جنوبي"})
LIST_NOUNS = frozenset({"غارات", "غارة", "ضربات", "ضربة", "هجمات", "قذائف", "صواريخ", "مواقع"})


def _count_gap(gap: str) -> bool:
    """A gap that opens the next member of a counted list: «خمس غارات قرب الموصل وثلاث قرب الرمادي»،
    «15 قتيلا في حلب و6 في إدلب»: «و» + a count (+ the counted noun) + a preposition."""
    toks = gap.replace("،", " ").replace(",", " ").split()
    if not 1 <= len(toks) <= 5 or not toks[0].startswith("و") or len(toks[0]) < 2:
        return False
    head = toks[0][1:]
    if not (head.isdigit() or word_value(fold_arabic(head)) is not None):
        return False
    rest = toks[1:]
    if rest and rest[0] in LIST_NOUNS:
        rest = rest[1:]
    return all(t in LIST_PREPS for t in rest)


def split_by_place(doc: Doc, folded: FoldedText, m: Mention, d: Draft, pmentions) -> list[Draft]:
    """One event per place when a sentence lists several (ACLED codes one event per location):
    «تظاهرات في البصرة وذي قار والحلة», or separate tolls «20 قتيلا في X … و6 قتلى في Y»."""
    if not m.event_type or m.kind not in SPLIT_KINDS and d.event_type != "Explosions/Remote violence":
        return [d]
    in_sentence = [(s, e, i) for s, e, i, dl in pmentions
                   if m.start <= s and e <= m.end and not dl and (doc.places[i].get("precision") or 3) <= 2
                   and (doc.places[i].get("feature") or "") != "country"]
    places = [p for p in in_sentence if p[0] >= m.trig_start]
    if len(in_sentence) < 2:
        return [d]
    # (a) a list of sibling places right after one another
    if len(places) < 2 and not m.others:
        return [d]
    group = places[:1]
    for p in places[1:]:
        gap = doc.text[group[-1][1]:p[0]]
        if LIST_GLUE.match(gap) or _list_gap(gap) or _count_gap(gap):
            group.append(p)
        elif len(group) < 2:
            group = [p]
        else:
            break
    figs = d.figures
    # (c) two triggers, each with its own place: «في هجوم بمدينة العريش واشتباك بمدينة السويس»
    if m.others:
        own = []
        for hit, ts, te in [(m.trigger, m.trig_start, m.trig_end)] + m.others:
            after = [p for p in in_sentence if p[0] >= te and p[0] - te < 40]
            if after:
                own.append((ts, hit, after[0][2]))
        if len({o[2] for o in own}) >= 2:
            parts = []
            for k, (ts, hit, place) in enumerate(sorted(own, key=lambda o: o[0])):
                if any(q.place == place for q in parts):
                    continue
                part = _copy(d, place, figs if not parts else [])
                if hit is not m.trigger:
                    t = hit.trigger
                    part.event_type, part.sub_event_type, part.plover, part.kind = \
                        t.event_type, t.sub_event_type, t.plover, t.kind
                parts.append(part)
            return parts
    if len({g[2] for g in group}) >= 2 and not BETWEEN_BEFORE.search(doc.text, max(0, group[0][0] - 30), group[0][0]):
        parts = []
        for k, (s, e, i) in enumerate(group):
            if any(i == q.place for q in parts):
                continue
            parts.append(_copy(d, i, figs if k == 0 else []))
        for q in parts:
            q.anaphoric = False       # «الغارات التي جرت … تركزت حول X وY وZ»: each named place is news
        return parts
    # (b) separate tolls for separate places
    if len(figs) >= 2 and len(places) >= 2:
        by_place: dict[int, list] = {}
        for f in figs:
            fo = folded.orig(f.start)
            after = [p for p in places if p[0] >= fo and p[0] - fo < 90]
            target = after[0][2] if after else max((p for p in places if p[0] < fo), default=places[0])[2]
            by_place.setdefault(target, []).append(f)
        if len(by_place) >= 2:
            return [_copy(d, i, fs) for i, fs in by_place.items()]
    return [d]


def _copy(d: Draft, place: int, figures: list) -> Draft:
    from dataclasses import replace
    return replace(d, place=place, place_precision=1, figures=list(figures), reported_by=list(d.reported_by),
                   sentences=list(d.sentences), evidence=list(d.evidence), triggers=list(d.triggers))


def _title_place(doc: Doc, idx: int | None, cache: list) -> dict | None:
    """A town named in the title inside the region the text gives for the event
    («… بمسجد قوات الطوارئ بأبها» over «بمنطقة عسير»): the finer place of the same event."""
    if idx is None:
        return None
    p = doc.places[idx]
    country = (p.get("feature") or "") == "country"
    if not country and (p.get("precision") or 3) < 2:
        return None
    if not cache:
        cache.append(_geoparse_title(doc.title or ""))
    for t in cache[0]:
        if (t.get("precision") or 3) != 1 or (t.get("feature") or "") == "country" \
                or t.get("country_code") != p.get("country_code"):
            continue
        if country or (t.get("admin1") and t.get("admin1") == p.get("admin1")) or _near(t, p, REGION_KM):
            return t
    return None


REGION_KM = 150.0     # a town this close to a region's centroid (admin codes differ between sources)


def _near(a: dict, b: dict, limit: float) -> bool:
    if a.get("lat") is None or b.get("lat") is None:
        return False
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h))) <= limit


def _geoparse_title(title: str) -> list[dict]:
    try:
        from ..geo.stage import geoparse
        return geoparse(Doc(text=title)).places
    except Exception:   # noqa: BLE001 - no gazetteer: the text's own place stands
        return []


def _finesse(doc: Doc, idx: int | None) -> int:
    """Rank of a place's detail for merging: a province (3) refines a country (4)."""
    if idx is None:
        return 9
    p = doc.places[idx]
    return 4 if (p.get("feature") or "") == "country" else (p.get("precision") or 3)


def _precision(doc: Doc, idx: int) -> int:
    p = doc.places[idx]
    return 3 if (p.get("feature") or "") == "country" else (p.get("precision") or 3)


def _lead_place(doc: Doc, pmentions) -> int | None:
    """The first precise non-dateline place of the article's lead (first two sentences)."""
    if not doc.sentences:
        return None
    lead_end = doc.sentences[min(1, len(doc.sentences) - 1)].end
    cands = [(doc.places[i].get("precision") or 3, s, i) for s, e, i, dl in pmentions if not dl and s < lead_end]
    cands = [c for c in cands if c[0] <= 2]
    return min(cands)[2] if cands else None


def _only_place(doc: Doc, pmentions) -> int | None:
    """The one precise non-dateline place of an article that names only one («مستشفيات كابل»)."""
    found = {i for s, e, i, dl in pmentions if not dl and (doc.places[i].get("precision") or 3) <= 2}
    return found.pop() if len(found) == 1 else None


DATELINE_KM = 150


def _dateline_inside(doc: Doc, pmentions, region: int) -> int:
    """«سبق- أبها: … مسجد قوات الطوارئ بمنطقة عسير»: a region whose own city is the dateline
    is located at that city; a dateline elsewhere (a foreign desk) changes nothing."""
    r = doc.places[region]
    for s, e, i, dl in pmentions:
        p = doc.places[i]
        if dl and (p.get("precision") or 3) == 1 and p.get("country_code") == r.get("country_code") \
                and None not in (p.get("lat"), r.get("lat")) \
                and _km(p["lat"], p["lon"], r["lat"], r["lon"]) <= DATELINE_KM:
            return i
    return region


def _could_be_inside(town: dict, coarse: dict) -> bool:
    """A country takes any earlier town of its own; a province («محافظة حجة») only a town near
    it, not the city of the story before (Marib is 220 km from Hajjah's centre)."""
    if coarse.get("feature") != "admin1" or None in (town.get("lat"), coarse.get("lat")):
        return True
    return _km(town["lat"], town["lon"], coarse["lat"], coarse["lon"]) <= PROVINCE_KM


PROVINCE_KM = 150.0


def _km(la1: float, lo1: float, la2: float, lo2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (la1, lo1, la2, lo2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _record(doc: Doc, ev: Draft) -> dict[str, Any]:
    evidence = sorted(set(ev.evidence))
    return {
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "plover": ev.plover,
        "date": ev.date.isoformat() if ev.date else None,
        "date_precision": ev.date_precision if ev.date_precision in (1, 2, 3) else 3,
        "location": location_dict(doc.places[ev.place]) if ev.place is not None else None,
        "actor1": ev.actor1,
        "actor2": ev.actor2,
        "fatalities": summarize(ev.figures, "killed"),
        "injuries": summarize(ev.figures, "injured"),
        "reported_by": ev.reported_by,
        "evidence": [{"start": s, "end": e} for s, e in evidence],
    }
