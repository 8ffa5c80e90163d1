"""Actor mentions an event can take its actor1/actor2 from.

The entity stage links catalogue actors (canonical name, ACLED actor type). This
adds what a catalogue of named groups cannot hold: civilians, unidentified gunmen,
protesters, and bare security forces (الشرطة، قوات الأمن، الجيش), which take the
canonical name of the event's country (الشرطة المصرية in Egypt).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .keys import fold_arabic


@dataclass(slots=True)
class ActorMention:
    start: int                  # original offsets
    end: int
    name: str                   # surface text
    canonical: str
    actor_type: str | None
    generic: str = ""           # "police" | "army" | "" : canonical depends on the country


W = r"(?<![\w])(?:[وف])?(?:[بلك])?"
E = r"(?![\w])"

GENERIC = [
    (r"(?:ال)?(?:مدنيين|مدنيون|المدنيين|مدنيا|مواطنين|المواطنين|السكان|الأهالي|المصلين|أطفال|الأطفال|نساء)",
     "مدنيون", "Civilians", ""),
    (r"(?:ال)?(?:مسلحين|مسلحون)_(?:ال)?(?:مجهولين|مجهولون)|(?:ال)?مجهولين|(?:ال)?مجهولون|مسلحون|مسلحين|(?:ال)?مسلحين",
     "مسلحون", "Political militias", ""),
    (r"(?:ال)?(?:متظاهرين|متظاهرون|المتظاهرين|محتجين|محتجون|المحتجين)", "متظاهرون", "Protesters", ""),
    (r"(?:قوات|رجال|عناصر|دوريات|دورية)_(?:ال)?(?:أمن|الأمن|الشرطة|شرطة)|(?:ال)?(?:شرطة|الشرطة|الأمن|الأمنية|أمنية)|قوى_الأمن",
     "", "State forces", "police"),
    (r"(?:ال)?(?:جيش|الجيش|القوات_المسلحة|قوات_الجيش|جنود|الجنود|جنديا|جندي)", "", "State forces", "army"),
    # the US-led coalition by description: «القوات التي تقودها الولايات المتحدة»، «قوة المهام المشتركة»
    (r"(?:القوات|قوات|التحالف|طائرات|الطائرات)_(?:التي_تقودها|الذي_تقوده|بقيادة)_(?:الولايات_المتحدة|واشنطن)"
     r"|قوة_المهام_المشتركة", "التحالف الدولي", "External/Other forces", ""),
]
GENERIC_RX = [(re.compile(fold_arabic(W + "(?:" + p + ")" + E).replace("_", r"\s+")), c, t, g)
              for p, c, t, g in GENERIC]

# canonical name of bare police/army by country (catalogue names where they exist)
NATIONAL = {
    ("EG", "police"): "الشرطة المصرية", ("EG", "army"): "الجيش المصري",
    ("TR", "police"): "الشرطة التركية", ("TR", "army"): "الجيش التركي",
    ("SA", "police"): "قوات الأمن السعودية", ("SA", "army"): "القوات السعودية",
    ("SY", "police"): "النظام السوري", ("SY", "army"): "النظام السوري",
    ("IQ", "police"): "القوات العراقية", ("IQ", "army"): "الجيش العراقي",
    ("YE", "police"): "القوات اليمنية", ("YE", "army"): "الجيش اليمني",
    ("LB", "police"): "قوى الأمن الداخلي اللبنانية", ("LB", "army"): "الجيش اللبناني",
    ("BH", "police"): "الشرطة البحرينية", ("KW", "police"): "الشرطة الكويتية",
    ("LY", "army"): "الجيش الليبي", ("TN", "police"): "الشرطة التونسية", ("TN", "army"): "الجيش التونسي",
}


def find_actor_mentions(text: str, key: str, orig, entities: list[dict], start: int, end: int) -> list[ActorMention]:
    """Actor mentions in original span [start, end): linked entities first, then generic actors.

    `key` is the folded text and `orig` maps key offsets to original ones.
    """
    out: list[ActorMention] = []
    for e in entities:
        if e["start"] >= start and e["end"] <= end and e.get("actor_type") and e.get("canonical") \
                and e.get("type") != "LOC":      # a country name is a place here, not an actor
            out.append(ActorMention(e["start"], e["end"], e["text"], e["canonical"], e["actor_type"]))
    if not entities:
        out = catalogue_mentions(text, start, end)
    taken = [(m.start, m.end) for m in out]
    return out + generic_mentions(text, key, orig, start, end, taken)


def catalogue_mentions(text: str, start: int, end: int) -> list[ActorMention]:
    """Without the entity stage: the actor catalogue matched directly on the sentence."""
    try:
        from ..entities.actors import match_actors
    except ImportError:
        return []
    try:
        found = match_actors(text[start:end])
    except (FileNotFoundError, OSError):
        return []
    return [ActorMention(start + m.start, start + m.end, m.text, m.actor.canonical, m.actor.actor_type)
            for m in found if m.actor.actor_type]


def generic_mentions(text: str, key: str, orig, start: int, end: int, taken=()) -> list[ActorMention]:
    out = []
    ks, ke = start, end
    if hasattr(orig, "__self__") and hasattr(orig.__self__, "key_index"):
        ks, ke = orig.__self__.key_index(start), orig.__self__.key_index(end)
    for rx, canonical, atype, generic in GENERIC_RX:
        for m in rx.finditer(key, ks, ke):
            s, e = orig(m.start()), orig(m.end())
            while s < e and text[s] in "وفبلك" and text[s:e] != m.group():
                break
            if any(a < e and s < b for a, b in taken):
                continue
            out.append(ActorMention(s, e, text[s:e], canonical, atype, generic))
            taken = list(taken) + [(s, e)]
    out.sort(key=lambda m: m.start)
    return out


def national(mention: ActorMention, country: str | None) -> str | None:
    """Canonical name of a mention, resolving bare police/army by the event's country."""
    if not mention.generic:
        return mention.canonical
    if country and (country, mention.generic) in NATIONAL:
        return NATIONAL[(country, mention.generic)]
    return None
