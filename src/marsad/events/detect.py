"""Event mentions, one per sentence: the strongest trigger that survives the filters.

A sentence's mention carries its ACLED/PLOVER coding (refined by context: an
"attack" on worshippers is violence against civilians, shelling by aircraft is an
air strike), its casualty figures and date cues. Arguments and merging come later.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from ..doc import Doc
from ..text.dates import MONTHS
from .casualties import Figure, find_figures, no_loss
from ..text.normalize import fold
from .context import CONFLICT, DAY_CUE, LONG_PERIOD, SentenceFacts, window_before, conflict_article, has_big_count, inside_quote, is_anaphoric, is_background, is_not_prose, is_question, is_statistic, skip_reason
from .keys import FoldedText, fold_arabic, skip_run
from .timing import DateCue, find_date_cues
from .triggers import TriggerHit, find_triggers


def _rx(p: str) -> re.Pattern:
    return re.compile(fold_arabic(p).replace("_", r"\s+"))


W = r"(?<![\w])(?:[وف])?(?:[بلك])?(?:ال|(?<=ل)ل)?"     # «للجيش» = ل + الجيش
E = r"(?![\w])"
AIR = _rx(W + r"(طائرة|طائرات|طيران|مقاتلات|مقاتلة|حربية|مروحية|مروحيات|جوي|جوية|جويا|درون|بدون_طيار|مسيرة|التحالف)" + E)
VICTIMS = _rx(W + r"(مدنيين|مدنيون|مدنيا|أطفال|نساء|المصلين|مصلين|السكان|الأهالي|مواطنين|مواطنا|سياح|الزوار|المارة|"
                  r"مسجد|سوق|مدرسة|مستشفى|حفل|عرس|تجمع|مركز|حافلة|مقهى|كنيسة|حسينية|شبان|ناشطين|طلاب|صالة|سينما|فندق|"
                  r"مطعم|ملهى|شاطئ|سياح|السياح|أحياء|حي_سكني|منازل|المنازل|مساكن)" + E)
def place_key_spans(doc: Doc, folded: FoldedText) -> list[tuple[int, int]]:
    """Key spans of the geocoded place mentions, sorted: words inside a place name
    (سوق الشيوخ، سوق الغرب، مدرسة …) name a town, not a target."""
    return [(folded.key_index(m["start"]), folded.key_index(m["end"]))
            for m in doc.meta.get("place_mentions") or ()]


def victims_in(key: str, ks: int, ke: int, pspans: list[tuple[int, int]]) -> bool:
    """Whether key[ks:ke] names civilian victims or targets outside any place name."""
    for m in VICTIMS.finditer(key, ks, ke):
        if not any(a < m.end() and m.start(1) < b for a, b in pspans):
            return True
    return False


MILITARY = _rx(W + r"(جنود|جندي|جنديا|جنديين|جنديان|عنصرين|عنصران|ضابطين|عسكري|عسكرية|عسكريين|حاجز|دورية|ثكنة|نقطة|كتيبة|قاعدة|معسكر|الجيش|جيش|قوات|"
                   r"الشرطة|شرطة|شرطي|شرطيين|أمن|الأمن|أمنية|ضابط|ضباط|مجند|مجندين|مركز_شرطة|قسم_شرطة|كمين|مقاتلين|"
                   r"مسلحين|عناصر|مواقع|موقع|تحصينات)" + E)
INTERVENTION = _rx(W + r"(فرقت|تفريق|لتفريق|الغاز_المسيل|المسيل_للدموع|قنابل_الغاز|خراطيم|اعتقلت|اعتقال|اشتباكات|"
                       r"اشتبكت|الرصاص_المطاطي|هراوات)" + E)
PROTEST_KILLED = _rx(W + r"(مقتل|قتل|قتلى|استشهاد|أطلقت_النار|إطلاق_النار|الرصاص_الحي)" + E)
AGREEMENT_CONFLICT = _rx(W + r"(هدنة|الهدنة|إطلاق_النار|تبادل|إخلاء|مسلحين|مسلحي|فصائل|مقاتلين|مقاتلي|الحوثي|الحوثيين|"
                             r"تنظيم|انسحاب|أسرى|الأسرى|رهائن|الرهائن|المعارضة|النظام|المتمردين|ميليشيا|ميليشيات|جثث)" + E)
AGREEMENT_OTHER = _rx(W + r"(النووي|نووي|النووية|تجاري|التجارة|اقتصادي|الاقتصادية|استثمار|الاستثمار|الشراكة|نفط|النفط|"
                          r"الضريبة|الضرائب|الطيران_المدني|مذكرة_تفاهم|التعاون|السياحة|الغاز|الكهرباء|المناخ|الأسهم)" + E)
AGREEMENT_DONE = _rx(W + r"(توصل|توصلت|توصلوا|التوصل|توقيع|وقع|وقعت|وقعا|أبرم|أبرمت|إبرام|تم|دخل|سريان|بموجب|اتفقت|اتفق|"
                         r"اتفقا|أعلن|أعلنت|إعلان|بدء|بدأت|تنفيذ|خرق|خرقت|انهيار)" + E)
LAUNCH = _rx(W + r"(أطلق|أطلقت|أطلقوا|إطلاق|سقط|سقطت|سقوط|تساقط|استهدف|استهدفت|أصاب|أصابت|قصف|قصفت|انفجر|انفجرت|"
                 r"أسفر|أسفرت|أدى|طالت|ضرب|ضربت|تعرض|تعرضت|دك|دكت)" + E)
MISSILE_WORDS = frozenset(fold_arabic(w) for w in ("صاروخ", "صواريخ", "صاروخين", "صاروخية", "قذيفة", "قذائف",
                                                   "قذيفتين", "راجمات", "كاتيوشا", "هاون", "مدفعية", "مدفعي"))
# «وانسحب هذا المشهد على ريف إدلب»، «وأسفر ذلك عن»: a figure of speech about what was told, not an act
DEMONSTRATIVE_SUBJECT = _rx(r"(?:هذا|هذه|ذلك|تلك)_(?:المشهد|الوضع|الأمر|الحال|التصعيد|التوتر|المسلسل)" + E)
CAUSE_BEFORE = _rx(W + r"(بعد|عقب|إثر|اثر|خلفية|ردا_على|رداً_على|انتقاما_ل|انتقاما_من)" + r"(?:\s+\S+)?$")
MASSACRE = (fold_arabic("مجزر"), fold_arabic("مجازر"))     # «مجزرتين نفذهما طيران النظام»: air strikes
# «الإفراج عن الإيطاليين المختطفين»: the kidnapped as people held, not a kidnapping told here
OCCURRED = _rx(W + r"(وقع|وقعت|وقعا|حدث|حدثت|جرى|جرت)" + E)
# «قنابل الصوت»، «قنابل الغاز المسيل»: crowd control; «قنابل حارقة» thrown by rioters: part of the riot
# (matched after the spaces that follow the trigger, skipped in Python: a leading \s* is quadratic on a run of spaces)
NOT_WEAPON_AFTER = _rx(r"(?:الصوت|صوت|صوتية|الصوتية|الغاز|غاز|مسيلة|المسيلة|دخانية|الدخان|مضيئة|الإنارة|"
                       r"حارقة|الحارقة|المولوتوف|مولوتوف)(?![\w])")
# «سيطرت على الموقف»، «السيطرة على الحريق»: control of a situation, not of territory
NOT_TERRITORY_AFTER = _rx(r"(?:(?:عليه|عليها|على|علي)\s{1,3})?(?:الموقف|الوضع|الأوضاع|الحريق|حريق|الحرائق|النيران|"
                          r"النار|الحشود)(?![\w])")
SERIES = _rx(W + r"(سلسلة|سلسله|موجة|سلسلتي)" + E)
# «قتل وأصيب سبعة في حادثين منفصلين»، «في هجمات متفرقة»: the sum of several events, no one's toll
SEPARATE = _rx(W + r"(حادثين|حادثتين|حوادث|هجومين|هجمات|عمليتين|عمليات|اعتداءات|تفجيرين|تفجيرات|انفجارين|انفجارات)"
               r"(?:_\S+)?_(منفصلين|منفصلتين|منفصلة|متفرقة|متفرقين|مختلفة|متفرق)" + E)
def _followed_by(key: str, pos: int, rx: re.Pattern) -> bool:
    j = skip_run(key, pos, 0, 3, spaces=True)
    return j >= 0 and rx.match(key, j) is not None


# «تحرير»: a territory change only when a place follows («تحرير عدن»), not «تحرير الرهائن»، «لتحرير»
# (a purpose), «معركة تحرير» (an offensive under way) or a name («جبهة تحرير»، «منظمة التحرير»)
LIBERATE = frozenset(fold_arabic(w) for w in ("تحرير", "حرر", "حررت", "حرروا"))
LIBERATE_NOT_BEFORE = _rx(W + r"(معركة|معارك|عملية|عمليات|حملة|خطة|خطط|استكمال|هدف|بهدف|أجل|سبيل|جبهة|لجان|لجنة|"
                          r"مجلس|حركة|جيش|هيئة|منظمة|حزب|ساعة|ذكرى|عيد|يوم|بدء|بدأت|انطلاق|انطلقت|تواصل|يواصل|تواصلت)" + E)
LIBERATED_PLACE_CHARS = 40
PLACE_NOUN = _rx(r"(?:كامل_)?(?:مدينة|مدن|بلدة|بلدات|قرية|قرى|منطقة|مناطق|حي|أحياء|جامعة|مطار|قاعدة|معسكر|جبل|"
                 r"تلة|تلال|مبنى|مقر|مواقع|مديرية|محافظة|ناحية|قضاء|أجزاء|أراض|أراضي|مركز|مخيم|ميناء|مصفاة|سد)(?![\w])")


def _unliberated(key: str, ks: int, h: TriggerHit, pspans: list[tuple[int, int]]) -> bool:
    """A bare «تحرير/حرر» trigger that does not tell of a place taken back (see LIBERATE)."""
    bare = h.surface.lstrip("وف")
    stem = bare.lstrip("بلك")
    if stem.startswith("ال"):
        stem = stem[2:]
    if stem not in LIBERATE:
        return False
    if bare[:1] == "ل" or stem == fold_arabic("تحرير") and (bare.startswith("ال") or bare[1:3] == "ال") \
            or LIBERATE_NOT_BEFORE.search(window_before(key[ks:h.start], h.start - ks, 1)):
        return True
    if _followed_by(key, h.end, PLACE_NOUN):
        return False          # «تحرير جامعة الأنبار وحي التأميم»: a place not in the gazetteer
    return not any(h.end <= a <= h.end + LIBERATED_PLACE_CHARS for a, _ in pspans)


# «جرائم خطف»، «عمليات الخطف»، «حملة اختطاف»: a kind of crime or a campaign spoken of, not one abduction
GENERIC_CRIME_BEFORE = _rx(W + r"(جرائم|جريمة|عمليات|ظاهرة|حملة|حملات|موجة|تهم|تهمة|بتهمة|عصابات|عصابة)" + r"\W*$")


# «زار … المصابين في حادث تفجير مسجد»: a visit to the victims of an event told elsewhere
VISIT = _rx(W + r"(زار|زارت|يزور|تزور|زيارة|بزيارة|تفقد|تفقدت|يتفقد|عاد|عادت|يعود)" + E)
CAPTIVES = tuple(fold_arabic(w) for w in ("المختطف", "المخطوف"))
STALE_DAYS = 60
MONTH_YEAR = re.compile(r"(?<![\w])(" + "|".join(sorted((re.escape(k) for k in MONTHS), key=len, reverse=True))
                        + r")\s+(?:عام\s+|سنة\s+)?((?:19|20)\d\d)(?!\d)")     # older dated mentions are history, not news events
# a time given only as a week or a month: background that is not coded (no day to date it)
WEEK_ONLY = _rx(W + r"(?:الأسبوع|الاسبوع|الشهر)_(?:الماضي|المنصرم|الفائت|السابق)" + E)
INJURY_HEAD = _rx(W + r"(إصابة|أصيب|أصيبت|أصيبوا|جرح|جرحى|مصابين|مصابا|جريحا)" + E)


@dataclass
class Mention:
    sent: int
    start: int                   # sentence span, original offsets
    end: int
    ks: int                      # sentence span, key offsets
    ke: int
    trigger: TriggerHit | None
    trig_start: int              # original offsets of the trigger
    trig_end: int
    event_type: str
    sub_event_type: str
    plover: str
    kind: str
    figures: list[Figure] = field(default_factory=list)
    date: DateCue | None = None
    background: bool = False
    figures_only: bool = False   # a casualty sentence with no trigger of its own
    others: list = field(default_factory=list)   # other valid triggers: (hit, orig start, orig end)
    anaphoric: bool = False      # refers back to an event told before («هذا الانفجار»)


# «أعلن قائد للجيش في جنوب الفلبين أمس الاثنين أن …»: the speaker may take a few words
REPORT_BEFORE = _rx(W + r"(قال|قالت|قالوا|أعلن|أعلنت|ذكر|ذكرت|أفاد|أفادت|أكد|أكدت|صرح|صرحت)(?:_\S+){0,6}\W*$")
THAT = _rx(W + r"(إن|أن|ان)" + E)


def _old_month(key: str, ks: int, ke: int, published: date) -> bool:
    """A month with its year (فبراير 2014) more than STALE_DAYS before the article."""
    for m in MONTH_YEAR.finditer(key, ks, ke):
        month = MONTHS.get(m.group(1))
        if month and (published - date(int(m.group(2)), month, 28)).days > STALE_DAYS:
            return True
    return False


def _said_on(key: str, pos: int) -> bool:
    """A date right after «قال/أعلن …» (no «إن/أن» in between): the day of the statement."""
    m = REPORT_BEFORE.search(key, max(0, pos - 60), pos)
    return m is not None and not THAT.search(key, m.start() + 3, pos)


def best_date(cues: list[DateCue], trig_key: int, after: bool = False, key: str | None = None) -> DateCue | None:
    """Calendar dates beat weekdays beat أمس/اليوم; among equals, the nearest to the trigger.

    `after`: the trigger heads a relative clause («التفجير الذي وقع الجمعة») whose own date
    follows it; a date before it belongs to the sentence's main verb.
    """
    if not cues:
        return None
    if key is not None:
        # «قال مسؤولون اليوم (الثلاثاء) إن العشرات سقطوا …»: the day of the statement, not of the event
        # «قتل 21 شخصا في هجوم …، حسبما أعلن مسؤولون اليوم (الأحد)»: after the trigger too
        said = [c for c in cues if _said_on(key, c.start) and (c.start > trig_key or THAT.search(key, c.start, trig_key))]
        if said:
            cues = [c for c in cues if c not in said]
            if not cues:
                # only the statement's day: the event happened by then (about that day, not stated)
                c = max(said, key=lambda c: c.date)
                return DateCue(c.date, 2, c.start, False)

    def rank(c: DateCue) -> tuple[int, int, int]:
        return (1 if after and c.start < trig_key else 0,
                0 if c.explicit and c.precision == 1 else 1 if c.precision == 1 else 2, abs(c.start - trig_key))
    return min(cues, key=rank)


# where a sentence that packs several events turns to the next one: «…، بينما قتل …»، «…، كما دارت اشتباكات …»
CLAUSE_BREAK = re.compile(fold_arabic(r"[،,]\s*(?:و)?(?=(?:بينما|في\s+حين|فيما|في\s+وقت|كذلك|كما)\s)|"
                                      # «…، من جهتها، أعلنت …»، «…، بدورها، قالت …»: another report begins
                                      r"[،,]\s*(?:و)?(?=(?:من\s+جهته|من\s+جهتها|من\s+جانبه|من\s+جانبها|بدوره|بدورها)\W)|"
                                      r"\s(?=بينما\s|في\s+حين\s)"))
MIN_CLAUSE = 12
KANA_START = _rx(r"(?:و)?(?:كان|كانت|كانوا)" + E)


class _Span:
    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start, self.end = start, end


def _units(key: str, sents, sent_keys, by_sent, folded: FoldedText):
    """(sentence index, span, key start, key end, trigger hits, background) per clause of each sentence."""
    for i, s in enumerate(sents):
        ks, ke = sent_keys[i]
        hits = by_sent.get(i)
        background = is_background(key[ks:ke]) if hits else False
        cuts = [m.start() for m in CLAUSE_BREAK.finditer(key, ks, ke)] if hits and len(hits) > 1 else []
        bounds = [ks]
        for c in cuts:
            if c - bounds[-1] >= MIN_CLAUSE and ke - c >= MIN_CLAUSE:
                bounds.append(c)
        if len(bounds) == 1:
            yield i, s, ks, ke, hits, background
            continue
        bounds.append(ke)
        past_perfect = background and (j := skip_run(key, ks, 0, 20)) >= 0 and KANA_START.match(key, j) is not None
        for a, b in zip(bounds, bounds[1:]):
            part = [h for h in hits if a <= h.start < b]
            span = _Span(s.start if a == ks else folded.orig(a), s.end if b == ke else folded.orig(b))
            # «وجاء هذا القصف بينما استمرت الاشتباكات …»: only «وكان … قد» carries over to later clauses
            bg = background if a == ks or past_perfect else is_background(key[a:b])
            yield i, span, a, b, part or None, bg


ALSO_START = _rx(r"(?:و)?كما" + E)


def _also_start(skey: str) -> bool:
    """The sentence opens with «كما» (after ≤ 20 non-word characters, skipped in Python)."""
    j = skip_run(skey, 0, 0, 20)
    return j >= 0 and ALSO_START.match(skey, j) is not None


def _definite(surface: str) -> bool:
    """«الغارات»، «بالغارات»، «والهجمات»: a trigger with the article refers to something known."""
    s = surface.lstrip("وف")
    return s.startswith("ال") or s[1:3] == "ال"


def detect_mentions(doc: Doc, folded: FoldedText, published: date | None) -> list[Mention]:
    key = folded.key
    sents = doc.sentences
    if not sents:
        return []
    sent_keys = [(folded.key_index(s.start), folded.key_index(s.end)) for s in sents]
    starts = [k[0] for k in sent_keys]
    by_sent: dict[int, list[TriggerHit]] = {}
    for h in find_triggers(key):
        i = bisect_right(starts, h.start) - 1
        if i >= 0 and h.start < sent_keys[i][1]:
            by_sent.setdefault(i, []).append(h)
    out: list[Mention] = []
    pspans = place_key_spans(doc, folded)
    prev_event_sent = -10
    stat_sent, stat_subs = -10, frozenset()      # the last sentence skipped as a period total, its sub-types
    conflict_doc = None           # computed on first need: folds the whole article
    for i, s, ks, ke, hits, background in _units(key, sents, sent_keys, by_sent, folded):
        skey = key[ks:ke]
        if not hits:
            # "وأصيب 20 آخرون في الانفجار": figures for the event of the previous sentences
            if i - prev_event_sent <= 2 and INJURY_HEAD.search(skey) and not is_statistic(skey):
                figs = find_figures(key, ks, ke)
                if figs:
                    out.append(Mention(i, s.start, s.end, ks, ke, None, s.start, s.start, "", "", "", "casualty",
                                       figs, best_date(find_date_cues(key, published, ks, ke), ks),
                                       is_background(skey), True))
            elif i - prev_event_sent <= 2 and OCCURRED.search(skey) and not is_background(skey):
                # «وقالت ان هذه الحادثة وقعت يوم 17 يوليو»: the day of the event just told
                days = [c for c in find_date_cues(key, published, ks, ke) if c.explicit and c.precision == 1]
                if days:
                    out.append(Mention(i, s.start, s.end, ks, ke, None, s.start, s.start, "", "", "", "casualty",
                                       [], days[0], False, True))
            continue
        if is_question(skey) or is_not_prose(skey):
            continue
        facts = SentenceFacts(skey)
        if ks != sent_keys[i][0] or ke != sent_keys[i][1]:
            # a clause of a longer sentence: the conflict words of the whole sentence count
            facts._cache["conflict"] = CONFLICT.search(key, *sent_keys[i]) is not None
        if conflict_doc is None and any(h.trigger.kind in ("bomb", "killing", "attack", "clash", "casualty", "bodies")
                                        for h in hits) \
                and not facts.has("conflict", CONFLICT):
            conflict_doc = conflict_article(fold(doc.text))
        valid = [h for h in hits
                 if skip_reason(skey, h.start - ks, h.trigger.kind, h.trigger.rank, bool(conflict_doc), facts) is None
                 and not ((j := skip_run(key, h.end, 1, 20, spaces=True)) >= 0 and DEMONSTRATIVE_SUBJECT.match(key, j))
                 and not h.surface.lstrip("وفبلك").startswith(CAPTIVES)
                 and not (h.trigger.kind in ("bomb", "") and _followed_by(key, h.end, NOT_WEAPON_AFTER))
                 and not (h.trigger.kind == "territory" and (_followed_by(key, h.end, NOT_TERRITORY_AFTER)
                                                             or _unliberated(key, ks, h, pspans)))]
        valid = [h for h in valid if not (h.trigger.sub_event_type == "Abduction/forced disappearance"
                                          and GENERIC_CRIME_BEFORE.search(window_before(skey, h.start - ks, 2)))]
        if not valid:
            continue
        main = max(valid, key=lambda h: (h.trigger.rank, -h.start))
        t = main.trigger
        etype, sub, plover, kind = t.event_type, t.sub_event_type, t.plover, t.kind
        figs = find_figures(key, ks, ke)
        if not figs and kind != "casualty":
            zero = no_loss(key, ks, ke)
            if zero is not None:
                figs = [zero]
        if is_statistic(skey):
            if figs or kind == "casualty" or t.rank < 70 or has_big_count(skey):
                stat_sent, stat_subs = i, stat_subs | {h.trigger.sub_event_type for h in valid}
                continue      # totals over a period, or a pattern of strikes: not one event
            if not facts.has("day", DAY_CUE) and not any(c.explicit for c in find_date_cues(key, published, ks, ke)):
                continue      # «تتواصل الغارات منذ سنوات»: a pattern over a period, no day's event
        elif 0 < i - stat_sent <= 2 and (_definite(main.surface) or _also_start(skey)) and sub in stat_subs \
                and not any(c.explicit for c in find_date_cues(key, published, ks, ke)):
            continue      # «… قتلوا في الغارات التركية»، «كما لقي 115 … جراء ضربات»: more of the period just totalled
        if figs and (SERIES.search(window_before(skey, main.start - ks, 2)) or SEPARATE.search(skey)):
            figs = []     # «قتل 30 شخصا في سلسلة تفجيرات …»: the sum of events told one by one, no one's toll
        if kind == "agreement" and (not AGREEMENT_CONFLICT.search(skey) or AGREEMENT_OTHER.search(skey)
                                    or not AGREEMENT_DONE.search(skey)):
            continue      # diplomatic or economic agreements, or talk of one: not a conflict event
        if kind == "shelling" and main.surface.lstrip("وفبلك").removeprefix("ال") in MISSILE_WORDS \
                and not LAUNCH.search(skey):
            continue      # missiles bought, requested or displayed: nothing was fired
        massacre = kind == "killing" and main.surface.lstrip("وفبلك").removeprefix("ال").startswith(MASSACRE)
        if (kind == "shelling" or kind == "bomb" and t.rank == 86 or massacre) and AIR.search(skey):
            etype, sub, plover = "Explosions/Remote violence", "Air/drone strike", "FIGHT"
        elif kind in ("attack", "casualty"):
            victims = victims_in(key, ks, ke, pspans)
            if MILITARY.search(skey) and not victims:
                etype, sub, plover = "Battles", "Armed clash", "FIGHT"
            elif victims or kind == "attack" and t.event_type == "Violence against civilians":
                etype, sub, plover = "Violence against civilians", "Attack", "ASSAULT"
        elif kind == "bodies" and MILITARY.search(key, main.end, min(ke, main.end + 40)):
            # «العثور على جثتي عنصرين من قوات الصحوة»: fighters' bodies, coded as a clash
            etype, sub, plover = "Battles", "Armed clash", "FIGHT"
        elif kind == "protest":
            # both sub-types belong to Protests in ACLED, also when the trigger was a riot word
            if PROTEST_KILLED.search(skey) and any(f.kind == "killed" for f in figs):
                etype, sub = "Protests", "Excessive force against protesters"
            elif INTERVENTION.search(skey):
                etype, sub = "Protests", "Protest with intervention"
        if kind == "casualty" and not figs:
            # a bare "killing" word without a count is too weak alone; but «العملية التي جرت في 11
            # يوليو في ولاية باكتيكا أدت إلى مقتل …» still dates (and places) the event just told
            if i - prev_event_sent <= 2 and len(valid) == 1 and OCCURRED.search(skey) and not background:
                days = [c for c in find_date_cues(key, published, ks, ke) if c.explicit and c.precision == 1]
                if days:
                    out.append(Mention(i, s.start, s.end, ks, ke, None, s.start, s.start, "", "", "", "casualty",
                                       [], days[0], False, True))
            continue
        if not figs and VISIT.search(skey, 0, main.start - ks):
            continue      # the event is the object of a visit, not reported here
        cues = find_date_cues(key, published, ks, ke)
        if inside_quote(skey, main.start - ks) and not figs and not cues:
            continue      # a quoted opinion or plan, not a report of what happened
        week = WEEK_ONLY.search(key, main.end, ke)
        if week and not any(c.explicit and c.precision == 1 and c.start > main.start and c.start != week.start()
                            for c in cues):
            continue      # «… ما أدى إلى إصابة جنديين الأسبوع الماضي»: dated only by its week, left out
        referential = is_anaphoric(key, main.start, main.end, main.surface)
        date_cue = best_date(cues, main.start, after=referential, key=key)
        if date_cue is not None and published is not None and (published - date_cue.date).days > STALE_DAYS:
            continue      # history (an attack years ago), not an event of this report
        if date_cue is None and published is not None and _old_month(key, *sent_keys[i], published):
            continue      # «أوقفت في فبراير 2014 بينما كانت تقود سيارة مفخخة»: history too
        mention = Mention(i, s.start, s.end, ks, ke, main, folded.orig(main.start), folded.orig(main.end),
                          etype, sub, plover, kind, figs, date_cue, background)
        mention.others = [(h, folded.orig(h.start), folded.orig(h.end)) for h in valid
                          if h is not main and h.trigger.rank >= 45 and h.trigger.kind != "casualty"]
        mention.anaphoric = i > 1 and referential and \
            (not figs or "الذي" in key[main.end:main.end + 30] or "التي" in key[main.end:main.end + 30])
        if referential:
            # «اعتقال المتورطين بالتفجير الذي …»: the new event is the other trigger's
            fresh = [h for h in valid if h is not main and (h.trigger.kind != "casualty" or figs)
                     and h.trigger.event_type != t.event_type and not 0 <= main.start - h.end <= 1
                     and not is_anaphoric(key, h.start, h.end, h.surface)]
            # the referenced event is only the cause of the new one («ردا على الهجوم الذي …»، «بعد
            # الهجوم الذي وقع …») and has no date of its own: background, not an event of this report
            passing = bool(fresh) and CAUSE_BEFORE.search(window_before(skey, main.start - ks, 3)) is not None \
                and not (date_cue is not None and date_cue.start > main.start)
            if not passing:       # a toll next to a referenced event is that event's toll
                fresh = [h for h in fresh if h.trigger.kind != "casualty"]
                out.append(mention)
            if fresh:
                h = max(fresh, key=lambda x: (x.trigger.rank, -x.start))
                ht = h.trigger
                out.append(Mention(i, s.start, s.end, ks, ke, h, folded.orig(h.start), folded.orig(h.end),
                                   ht.event_type, ht.sub_event_type, ht.plover, ht.kind, figs if passing else [],
                                   best_date(cues, h.start), mention.background))
        else:
            out.append(mention)
        prev_event_sent = i
    return out
