"""Pipeline stage adding `doc.entities`: tagger spans, catalogue matches, linking.

1. The CRF tags each sentence's words (clitics regrouped, see words.py).
   Names found once are spread to their other mentions in the article.
2. Strong catalogue aliases found in the text add what the tagger missed and widen
   spans it cut short (قوات النظام السوري, not just النظام السوري).
3. Bare anaphoric heads (التنظيم, التحالف) become mentions of the one earlier entity
   they can refer to; then every mention is linked (linking.py).
Each entity: text, start, end, type, subtype, canonical, entity_id, actor_type, country.
"""
from __future__ import annotations

from typing import Any

from ..doc import Doc
from ..text.normalize import fold
from . import actors
from .bio import spans
from .linking import anaphor_head, link_entities, resolve_anaphor
from .model import NerModel
from .propagate import propagate
from .subtypes import subtype_of
from .words import Word, group_words

QUOTE_PAIRS = {"«": "»", "“": "”", "(": ")"}


def _close_quotes(text: str, start: int, end: int) -> int:
    """Extend `end` over a closing quote whose opener is inside the span (تنظيم «الدولة الإسلامية»)."""
    for o, c in QUOTE_PAIRS.items():
        if text.count(o, start, end) > text.count(c, start, end) and end < len(text) and text[end] == c:
            return end + 1
    return end


class EntityStage:
    def __init__(self, model: NerModel | None = None):
        self._model = model

    @property
    def model(self) -> NerModel:
        if self._model is None:
            self._model = NerModel.pretrained()
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        doc.entities = find_entities(doc.text, group_words(doc.text, doc.tokens), self.model)
        return doc


def _tagged(words: list[Word], model: NerModel) -> list[dict[str, Any]]:
    """Tagger spans, sentence by sentence, then spread over the document (propagate.py)."""
    sents: list[list[Word]] = []
    for w in words:
        if not sents or sents[-1][-1].sent != w.sent:
            sents.append([])
        sents[-1].append(w)
    tagged = [spans(t) for t in model.tag_sentences([[w.text for w in sent] for sent in sents])]
    tagged = propagate([[w.key for w in sent] for sent in sents], tagged, model.log_freq)
    tagged = [_countryside(sent, sent_spans) for sent, sent_spans in zip(sents, tagged)]
    out = []
    for sent, sent_spans in zip(sents, tagged):
        for s, e, label in sent_spans:
            while s < e and sent[s].punct:
                s += 1
            while e > s and sent[e - 1].punct:
                e -= 1
            if s < e:
                out.append({"start": sent[s].start, "end": sent[e - 1].end, "type": label,
                            "key": " ".join(w.key for w in sent[s:e])})
    return out


# «ريف» (countryside) in construct names a place only with its governorate: ريف إدلب.
# The corpora the tagger learnt from are Moroccan, where الريف is the Rif, so it tags a
# lone ريف as a place and leaves إدلب out; a direction after الريف (الريف الشمالي) is
# a stretch of countryside, not the Rif.
_RIF_CONSTRUCT = frozenset(c + w for c in ("", "و", "ب", "ل", "ف", "وب", "ول") for w in ("ريف", "ارياف"))
# words that begin a place name of two words or name the kind of place before it
_NAME_HEADS = frozenset(fold(w) for w in (
    "محافظة", "مدينة", "بلدة", "قرية", "منطقة", "مقاطعة", "ولاية", "قضاء", "ناحية", "دير", "جبل", "وادي",
    "رأس", "عين", "تل", "أبو", "بني", "بيت", "كفر", "خان", "جسر", "سهل", "قصر", "مرج", "دار", "معرة"))
_DIRECTIONS = frozenset(d + e for d in ("الشمالي", "الجنوبي", "الشرقي", "الغربي") for e in ("", "ه"))


def _countryside(sent: list[Word], sent_spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Extend a lone LOC «ريف» over the place it is in construct with (ريف إدلب, ريف
    محافظة حمص, ريف دير الزور), taking in the spans that place had; drop «الريف» +
    direction."""
    out: list[tuple[int, int, str]] = []
    k = 0
    while k < len(sent_spans):
        s, e, label = sent_spans[k]
        k += 1
        if label == "LOC" and e == s + 1:
            key = sent[s].key
            nxt = sent[e] if e < len(sent) and not sent[e].punct else None
            if key in _RIF_CONSTRUCT:
                if nxt is None:
                    continue                       # ريف with nothing after it names nothing
                e += 1
                if nxt.key in _NAME_HEADS and e < len(sent) and not sent[e].punct:
                    e += 1
                while k < len(sent_spans) and sent_spans[k][0] < e:
                    e = max(e, sent_spans[k][1])   # the place's own span joins it
                    k += 1
            elif key == "الريف" and nxt is not None and nxt.key in _DIRECTIONS:
                continue
        out.append((s, e, label))
    return out


def _catalogue(text: str, words: list[Word]) -> list[dict[str, Any]]:
    content = [(w.key, w.start, w.end) for w in words if not w.punct]
    return [{"start": m.start, "end": m.end, "type": m.actor.type, "actor": m.actor}
            for m in actors.match_words(text, content)]


def _merge(tagged: list[dict[str, Any]], found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tagger spans plus catalogue spans; on overlap the longer span wins, catalogue on ties."""
    merged = list(found)
    for t in tagged:
        clash = [m for m in merged if m["start"] < t["end"] and t["start"] < m["end"]]
        if not clash:
            merged.append(t)
        elif all(t["end"] - t["start"] > m["end"] - m["start"] and t["start"] <= m["start"]
                 and m["end"] <= t["end"] for m in clash):
            for m in clash:
                merged.remove(m)
            merged.append(t)
    return sorted(merged, key=lambda x: x["start"])


def find_entities(text: str, words: list[Word], model: NerModel) -> list[dict[str, Any]]:
    merged = _merge(_tagged(words, model), _catalogue(text, words))
    entities: list[dict[str, Any]] = []
    for m in merged:
        end = _close_quotes(text, m["start"], m["end"])
        ent = {"text": text[m["start"]:end], "start": m["start"], "end": end, "type": m["type"],
               "subtype": None, "canonical": None, "entity_id": None}
        if "actor" in m:
            a = m["actor"]
            ent.update(canonical=a.canonical, entity_id=a.id, actor_type=a.actor_type,
                       country=a.country, subtype=a.subtype)
        else:
            ent["subtype"] = subtype_of(m.get("key", ""), m["type"])
        entities.append(ent)
    link_entities(entities)
    _add_anaphors(text, words, entities)
    return entities


def _add_anaphors(text: str, words: list[Word], entities: list[dict[str, Any]]) -> None:
    """Mentions like التنظيم that refer back to exactly one earlier entity with that head."""
    if not entities:
        return
    covered = [(e["start"], e["end"]) for e in entities]
    added = []
    for w in words:
        head = anaphor_head(w.key)
        if head is None or any(s <= w.start < e for s, e in covered):
            continue
        earlier = [e for e in entities if e["end"] <= w.start]
        target = resolve_anaphor(head, earlier)
        if target is None:
            continue
        added.append({"text": text[w.start:w.end], "start": w.start, "end": w.end,
                      "type": target["type"], "subtype": target.get("subtype"),
                      "canonical": target["canonical"], "entity_id": target["entity_id"],
                      "actor_type": target.get("actor_type"), "country": target.get("country")})
    if added:
        entities.extend(added)
        entities.sort(key=lambda e: e["start"])
