"""Who said what: speech verbs, their speakers and the words attributed to them.

Arabic news attributes in a few fixed shapes, and each is matched where it starts:
  VERB SPEAKER [في بيان | لـ«OUTLET»] إن/أن CONTENT     indirect  (قال مسؤول إن ...)
  VERB SPEAKER [: ] «CONTENT»                           direct    (وقال بليند: «...»)
  أشار/لفت SPEAKER إلى أن CONTENT | إلى «CONTENT»
  نقل/نقلت OUTLET عن SPEAKER أن CONTENT                 the outlet becomes `via`
  CLAUSE، بحسب/وفق/طبقا لـ/حسبما قال SPEAKER            the clause is the content
  وبحسب/ووفقا لـ SPEAKER، فإن CONTENT
  «CONTENT»، قال SPEAKER
A verb with no overt subject (وأضاف أن، مشيراً إلى أن) continues the latest speaker.
Verbs and attribution phrases are found by one prefix-factored regex over the folded
text (marsad.tags.folded: hamza/ya/ta-marbuta folded, diacritics dropped, offsets
mapped back); only the few places a verb matched get any Python work, reading the
original text around it.
"""
from __future__ import annotations

import functools
import re
from typing import Any

from ..text.normalize import fold, normalize_key
from ..text.tokenize import AR_LETTERS
from ..tags.folded import fold_letters, fold_with_map

DIAC = "[\u064B-\u065F\u0670\u0640]*"
_VARIANTS = {"ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "آ": "[اأإآ]", "ة": "[ةه]", "ه": "[هة]",
             "ى": "[ىي]", "ي": "[يى]", "ؤ": "[ؤو]", "ئ": "[ئي]"}


def lit(word: str) -> str:
    """Regex for `word` tolerant of hamza/ya/ta-marbuta spelling and diacritics."""
    return "".join(_VARIANTS.get(c, re.escape(c)) + DIAC for c in word)


# speech verbs: perfect (3rd person), imperfect, and the circumstantial participle
SPEECH_VERBS = (
    "قال قالت قالوا قالا يقول تقول يقولون "
    "أضاف أضافت أضافوا يضيف تضيف مضيفا مضيفة مضيفين "
    "أكد أكدت أكدوا يؤكد تؤكد مؤكدا مؤكدة مؤكدين "
    "أشار أشارت أشاروا يشير تشير مشيرا مشيرة مشيرين "
    "أعلن أعلنت أعلنوا يعلن تعلن معلنا معلنة "
    "أفاد أفادت أفادوا يفيد تفيد مفيدا "
    "ذكر ذكرت ذكروا يذكر تذكر ذاكرا "
    "أوضح أوضحت أوضحوا يوضح توضح موضحا موضحة موضحين "
    "لفت لفتت لفتوا لافتا لافتة "
    "صرح صرحت صرحوا مصرحا "
    "تابع تابعت "
    "شدد شددت شددوا مشددا مشددة "
    "اعتبر اعتبرت اعتبروا معتبرا معتبرة "
    "كشف كشفت كشفوا كاشفا "
    "نفى نفت نفوا نافيا "
    "أقر أقرت "
    "حذر حذرت حذروا محذرا محذرة "
    "استطرد استطردت "
    "أعرب أعربت معربا "
    "رأى رأت "
    "قائلا قائلة قائلين "
    "نقل نقلت نقلوا ناقلا "
    "زاد ختم اختتم "
).split()
COLON_ONLY = {fold(w) for w in "زاد ختم اختتم".split()}      # وختم البيان: ...
# attribution phrases: the speaker follows, the content is the clause they qualify

_W = f"[{AR_LETTERS}]"
# the lookahead rejects, with one character test, the positions where no verb can start
# (else each of ~150 branches is tried at every position of a long run of punctuation)
_VERB_FIRST = "[" + "".join(sorted({c for v in SPEECH_VERBS for c in _VARIANTS.get(v[0], v[0]).strip("[]")})) + "]"
VERB_RE = re.compile(
    rf"(?<!{_W})(?=(?:[وف]{DIAC})?{_VERB_FIRST})(?:[وف]{DIAC})?(?P<verb>" + "|".join(sorted((lit(v) + "(?:" + lit("ا") + ")?" for v in SPEECH_VERBS), key=len, reverse=True))
    + rf")(?!{_W})")
ACCORDING_RE = re.compile(
    rf"(?<!{_W})(?:[وف]{DIAC})?(?P<acc>" + "|".join(lit(a) for a in ("بحسب", "حسبما", "حسب", "وفقا", "وفق", "طبقا", "نقلا"))
    + rf")(?!{_W})")
def trie_regex(words) -> str:
    """One regex alternation for many literals, factored by prefix (re tries branches in
    turn, so قال|قالت|قالوا becomes قال(?:ت|وا)? and each position costs one letter test)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


_FW = f"[{AR_LETTERS}]"
_ACCORDING_WORDS = ("بحسب", "حسبما", "حسب", "وفقا", "وفق", "طبقا", "نقلا")
VERB_RE_F = re.compile(
    rf"(?<!{_FW})[وف]?(?P<verb>" + trie_regex({fold_letters(v) for v in SPEECH_VERBS}) + rf")ا?(?!{_FW})")
ACCORDING_RE_F = re.compile(
    rf"(?<!{_FW})[وف]?(?P<acc>" + trie_regex(fold_letters(a) for a in _ACCORDING_WORDS)
    + rf")(?!{_FW})")


# Where to try VERB_RE_F / ACCORDING_RE_F: every verb or attribution word, bare or after و/ف,
# as one alternation of literals. A pattern that opens with literals lets re skip ahead at
# C speed to the next possible first letter; the word-start test the two patterns open
# with (a lookbehind) would make it stop at every position instead.
TRIGGER_RE_F = re.compile(
    "(?:" + trie_regex({c + w for w in {fold_letters(x) for x in (*SPEECH_VERBS, *_ACCORDING_WORDS)}
                        for c in ("", "و", "ف")}) + rf")ا?(?!{_FW})")
_LETTER_RE = re.compile(_FW)


def attribution_matches(folded: str) -> list[tuple[str, re.Match]]:
    """("verb" | "acc", match) for each word of `folded` that VERB_RE_F / ACCORDING_RE_F
    match, in text order: the same matches as their finditer, found in one faster pass."""
    out = []
    for t in TRIGGER_RE_F.finditer(folded):
        p = t.start()
        if p and _LETTER_RE.match(folded, p - 1):
            continue                    # inside a word
        m = VERB_RE_F.match(folded, p)
        if m:
            out.append(("verb", m))
        m = ACCORDING_RE_F.match(folded, p)
        if m:
            out.append(("acc", m))
    return out


class _Mapped:
    """A match over the folded text, answering in offsets and text of the original."""
    __slots__ = ("m", "text", "to_orig")

    def __init__(self, m: re.Match, text: str, to_orig):
        self.m, self.text, self.to_orig = m, text, to_orig

    def span(self, g=0) -> tuple[int, int]:
        s, e = self.m.span(g)
        return self.to_orig(s), self.to_orig(e)

    def start(self, g=0) -> int:
        return self.to_orig(self.m.start(g))

    def group(self, g=0) -> str:
        s, e = self.span(g)
        return self.text[s:e]


# a word, a number, a run of marks/tatweel that no letter carries, or one other character
WORD_RE = re.compile(rf"{_W}[{AR_LETTERS}\u064B-\u065F\u0670\u0640]*|\d[\d.,/:]*|[\u064B-\u065F\u0670\u0640]+|[^\s]")

COMPLEMENTIZERS = {fold(w) for w in "إن أن بأن وإن وأن إنه أنه إنها أنها إنهم أنهم بأنه بأنها بأنهم إنّ أنّ فإن فإنه فإنها لأن".split()}
CONTEXT_NOUNS = {fold(w) for w in ("بيان بيانه بيانها تصريح تصريحات تصريحه تصريحاته تصريحاتها حديث حديثه حديثها "
                                   "مقابلة لقاء مؤتمر كلمة رسالة تغريدة تغريدات منشور تقرير تقريرها تقريره "
                                   "اتصال حوار خطاب بيانات").split()}
TIME_WORDS = {fold(w) for w in ("أمس اليوم الليلة غدا مساء صباح يوم الأحد الاثنين الإثنين الثلاثاء الأربعاء "
                                "الخميس الجمعة السبت الأسبوع لاحقا لاحقاً مؤخرا مؤخراً سابقا أيضا أيضاً كذلك "
                                "بدوره بدورها من جهته من جهتها").split()}
# words that end a speaker phrase (prepositions, relatives, adjectives that attach a modifier)
SPEAKER_STOP = {fold(w) for w in ("على إلى الى عن خلال عبر بعد قبل أثناء امام أمام الذي التي الذين "
                                  "التابع التابعة التابعين المقرب المقربة بالقول قائلا ردا رداً حول بشأن "
                                  "عندما حين لدى حيث وهو وهي وذلك كما منذ").split()}
OUTLET_NOUNS = {fold(w) for w in "وكالة صحيفة قناة موقع إذاعة تلفزيون مجلة شبكة جريدة راديو".split()}
MAX_SPEAKER_WORDS = 10
OBJECT_PRONOUNS = {fold(w) for w in "له لها لهم لهما لنا لي لك لكم".split()}
EMPHASIS_VERBS = tuple(fold(w) for w in ("أكد", "مؤكد", "يؤكد", "تؤكد", "شدد", "مشدد"))
DEMONSTRATIVES = {fold(w) for w in "ذلك هذا هذه".split()}
# heads that make an according-phrase a source (بحسب مصادر، وفقا لوكالة ...), not a rule (وفقا للوائح)
SOURCE_HEADS = {fold(w) for w in (
    "مصدر مصادر مسؤول مسؤولون مسؤولين مسؤولي مسؤولو مراقب مراقبون مراقبين شهود شاهد سكان ناشط ناشطون "
    "ناشطين وكالة وكالات صحيفة صحف قناة موقع مواقع تقرير تقارير بيان بيانات وزارة وزير وزراء جيش شرطة "
    "مرصد منظمة منظمات هيئة مكتب متحدث ناطق مراسل مراسلي وسائل إعلام تلفزيون إذاعة خبراء خبير محللين "
    "محللون محلل دراسة إحصاءات إحصائيات أرقام مجلس لجنة حكومة سلطات رئاسة قيادة مديرية مديرة مدير رئيس "
    "أمين نائب عضو أطباء طبيب مصادرنا شبكة جريدة مجلة وسائط المركز مركز الأمم البيت الخارجية الداخلية الدفاع "
    "رويترز فرانس أسوشيتد بي سانا واس الأناضول").split()}
IMPERSONAL = {fold("يذكر"), fold("تذكر")}           # يذكر أن: "it is worth noting", no speaker
NEED_SUBJECT = {fold(w) for w in "يقول تقول يقولون يؤكد تؤكد يشير تشير يعلن تعلن يفيد تفيد يوضح توضح".split()}
POINTING_VERBS = tuple(fold(w) for w in ("أشار", "أشار", "مشير", "لفت", "لافت", "يشير", "تشير"))
MAX_CONTENT = 1200
# how far around an attribution phrase a sentence is read: far beyond any news sentence,
# it keeps the work per phrase bounded when the text has no sentence ends
MAX_SCAN = 2400
OPEN_QUOTES = "«\"“"
CLOSE_FOR = {"«": "»", "\"": "\"", "“": "”"}


def _sentence_end(text: str, pos: int, sent_ends: list[int]) -> int:
    import bisect
    i = bisect.bisect_right(sent_ends, pos)
    return sent_ends[i] if i < len(sent_ends) else len(text)


def _sentence_start(pos: int, sent_starts: list[int]) -> int:
    import bisect
    i = bisect.bisect_right(sent_starts, pos) - 1
    return sent_starts[i] if i >= 0 else 0


def _closing(text: str, i: int, limit: int) -> int:
    """Index of the quote mark closing the one at `i`, or -1."""
    close = CLOSE_FOR.get(text[i])
    if close is None:
        return -1
    j = text.find(close, i + 1, min(limit + 400, len(text), i + 1 + MAX_CONTENT))
    return j


def _word_start_after(text: str, pos: int) -> int:
    """First position at or after `pos` that starts a word (after a space)."""
    if pos <= 0 or text[pos - 1].isspace():
        return max(pos, 0)
    m = _SPACE_RE.search(text, pos)
    return m.end() if m else len(text)


_SPACE_RE = re.compile(r"\s+")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "،,:؛;-–—"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "،,:؛;.-–—"):
        e -= 1
    return s, e


class _Words:
    """(start, end, word) of the words after a verb, tokenized only as far as they are
    read: most verbs are decided within a few words of their 400-character window."""
    __slots__ = ("items", "it")

    def __init__(self, text: str, start: int, end: int):
        self.items: list[tuple[int, int, str]] = []
        self.it = WORD_RE.finditer(text, start, end)

    def get(self, i: int) -> tuple[int, int, str] | None:
        items = self.items
        while len(items) <= i:
            m = next(self.it, None)
            if m is None:
                return None
            items.append((m.start(), m.end(), m.group()))
        return items[i]

    def all(self) -> list[tuple[int, int, str]]:
        while self.get(len(self.items)) is not None:
            pass
        return self.items

    def index_after(self, pos: int) -> int:
        """Index of the first word starting at or after `pos` (the count if none)."""
        i = 0
        while (w := self.get(i)) is not None and w[0] < pos:
            i += 1
        return i


class QuoteFinder:
    """`find(text, sentences, entities)` → quote dicts in text order."""

    def find(self, text: str, sent_spans: list[tuple[int, int]] | None = None,
             entities: list[dict] | None = None) -> list[dict[str, Any]]:
        if not text:
            return []
        if not sent_spans:
            from ..text.segment import split_sentences
            sent_spans = [(s.start, s.end) for s in split_sentences(text)]
        starts = [s for s, _ in sent_spans]
        ends = [e for _, e in sent_spans]
        # scan the folded text (plain letters: a fast literal alternation), report originals
        folded, to_orig = fold_with_map(text)
        events = [(to_orig(m.start(kind)), kind, _Mapped(m, text, to_orig)) for kind, m in attribution_matches(folded)]
        events.sort(key=lambda x: x[0])
        quotes: list[dict[str, Any]] = []
        last_speaker: dict | None = None
        used_until = -1
        for pos, kind, m in events:
            if pos < used_until:
                continue
            if kind == "verb":
                q = self._from_verb(text, m, starts, ends, last_speaker)
            else:
                q = self._from_according(text, m, starts, ends, used_until, entities)
            if q is None:
                continue
            if entities:
                self._link(q, entities, text)
            quotes.append(q)
            last_speaker = q
            used_until = max(q["end"], q["verb_end"], q["speaker_end"])
        return quotes

    # --- VERB SPEAKER ... CONTENT --------------------------------------------------
    def _from_verb(self, text, m, starts, ends, last_speaker) -> dict | None:
        """Read the speaker phrase after a verb, then the content marker (إن/أن, «, :, إلى)."""
        vs, ve = m.span("verb")
        verb_key = fold(m.group("verb"))
        if verb_key in IMPERSONAL:
            return None
        s_end = _sentence_end(text, vs, ends)
        limit = min(s_end, ve + 400)
        prev = text[max(0, vs - 4):vs].rstrip(" ،,\u00a0-–")
        post_direct = prev.endswith(("»", "”")) and verb_key.startswith(("قال", "اضاف", "تابع", "اكد"))
        is_naql = verb_key.startswith(("نقل", "ناقل"))
        takes_ila = verb_key.startswith(POINTING_VERBS)
        words = _Words(text, ve, limit)
        get = words.get
        speaker: list[tuple[int, int]] = []
        head_quoted = False
        via_words: list[tuple[int, int]] = []
        via_name = None
        collecting = True          # still reading the speaker phrase
        modifier = False           # inside a modifier of the speaker (التابع ل، الذي ...)
        content_next = False       # after إلى / a colon: the next quote is the content
        skipped = 0
        content_start = direct = None
        i = 0
        while (cur := get(i)) is not None:
            ws, we, w = cur
            k = fold(w)
            kk = k[1:] if k[:1] in "وف" and k[1:] in COMPLEMENTIZERS else k
            if kk in COMPLEMENTIZERS:
                content_start = we
                break
            if w in OPEN_QUOTES:
                close = _closing(text, ws, limit)
                if close < 0:
                    return None
                inner_words = len(text[ws + 1:close].split())
                after = text[close + 1:close + 3].strip()
                sentence_goes_on = close + 2 < s_end and not after.startswith((".", "؟", "!"))
                if not content_next and inner_words <= 6 and sentence_goes_on and (collecting or skipped):
                    if collecting and not speaker:
                        head_quoted = True          # «رامي عبد الرحمن» مدير ...
                    if collecting:
                        speaker.append((ws + 1, close))
                    i = words.index_after(close + 1)
                    continue
                if content_next or inner_words >= 3 or i == 0:
                    direct = (ws + 1, close)
                    break
                return None
            if w == ":":
                if (nx := get(i + 1)) is not None and nx[2] in OPEN_QUOTES:
                    content_next = True
                    i += 1
                    continue
                content_start = we
                break
            if w in "،,":
                if speaker:
                    collecting = False
                i += 1
                continue
            if w == "." and i > 0 and len(get(i - 1)[2]) == 1:
                i += 1                      # د. / م.: an abbreviation, not the sentence end
                continue
            if w in ".؟!":
                return None
            if k in OBJECT_PRONOUNS and not speaker:
                i += 1                      # قال لها إنه ...: the addressee, not the speaker
                continue
            if i == 0 and k in DEMONSTRATIVES:
                return self._post_posed(text, m, words.all(), starts, s_end)
            if k in ("الي", "علي") and (takes_ila or k == "علي" and verb_key.startswith(EMPHASIS_VERBS)):
                nxt = get(i + 1)
                if nxt and fold(nxt[2]) in COMPLEMENTIZERS:
                    content_start = nxt[1]
                    break
                if nxt and nxt[2] in OPEN_QUOTES:
                    content_next = True
                    i += 1
                    continue
                if (speaker or last_speaker is not None):
                    content_start = we              # أشار إلى ضرورة / شدد على أهمية: the noun phrase
                    break
                return None
            if k == "علي":
                if not speaker:
                    return None
                collecting = False
                modifier = True
                i += 1
                continue
            if k == "عن" and is_naql and speaker and not via_words:     # نقل OUTLET عن SPEAKER, once
                via_words, speaker = speaker, []
                i += 1
                continue
            if k in TIME_WORDS:
                if speaker:
                    collecting = False
                i += 1
                continue
            if not modifier and k.startswith("ل") and (w.startswith("لـ") or fold(w[1:]) in OUTLET_NOUNS
                                      or (len(w) <= 2 and (nx := get(i + 1)) is not None and nx[2] in OPEN_QUOTES)):
                via_name, i = self._outlet(text, words.all(), i, limit)
                if speaker:
                    collecting = False
                continue
            if k == "في" and (nx := get(i + 1)) is not None and fold(nx[2]) in CONTEXT_NOUNS:
                collecting = False if speaker else collecting
                i += 2
                skipped += 1
                continue
            if k in SPEAKER_STOP:
                if not speaker:
                    return None
                collecting = False
                modifier = True             # التابع لـ«حزب الله»: not an outlet
                i += 1
                continue
            if collecting and len(speaker) >= MAX_SPEAKER_WORDS:
                collecting = False
            if collecting:
                speaker.append((ws, we))
            else:
                skipped += 1
                if skipped > 12:
                    return None
            i += 1
        if content_start is None and direct is None:
            return None
        if verb_key in COLON_ONLY and not (content_start is not None and text[content_start - 1] == ":" or content_next):
            return None
        if direct is not None:
            start, end = direct
        else:
            start, end = self._content(text, content_start, s_end)
        if post_direct and direct is None:
            close = text.rfind("»", max(0, vs - MAX_SCAN), vs)
            open_ = text.rfind("«", max(0, close - MAX_SCAN), close) if close > 0 else -1
            if open_ >= 0 and speaker:
                start, end = open_ + 1, close
        if speaker:
            sp_s, sp_e = (speaker[0] if head_quoted else (speaker[0][0], speaker[-1][1]))
            speaker_text = text[sp_s:sp_e]
        elif (subj := self._clause_subject(text, m.start(), starts, last_speaker)) is not None:
            sp_s, sp_e = subj
            speaker_text = text[sp_s:sp_e]
        elif last_speaker is not None and vs - last_speaker["end"] < 700 and verb_key not in NEED_SUBJECT:
            sp_s, sp_e = last_speaker["speaker_start"], last_speaker["speaker_end"]
            speaker_text = last_speaker["speaker"]
            if via_name is None and verb_key.startswith(("مضيف", "مشير", "موضح", "لافت")):
                via_name = None
        else:
            return None
        via_out = text[via_words[0][0]:via_words[-1][1]] if via_words else via_name
        s, e = _trim(text, start, end)
        if e - s < 3:
            return None
        return {"speaker": _clean(speaker_text), "speaker_id": None, "verb": m.group("verb"), "text": text[s:e],
                "start": s, "end": e, "via": _clean(via_out) if via_out else None,
                "speaker_start": sp_s, "speaker_end": sp_e, "verb_start": vs, "verb_end": ve}

    def _post_posed(self, text, m, words, starts, s_end) -> dict | None:
        """CONTENT. ذكر ذلك X: the sentence before is the content."""
        vs, ve = m.span("verb")
        sp_s, sp_e = self._speaker_after(text, words[1][0] if len(words) > 1 else ve, s_end)
        if sp_s is None:
            return None
        import bisect
        i = bisect.bisect_right(starts, vs) - 1
        if i < 1:
            return None
        st = starts[i - 1]
        en = vs
        st, en = _trim(text, st, en)
        if en - st < 5:
            return None
        return {"speaker": _clean(text[sp_s:sp_e]), "speaker_id": None, "verb": m.group("verb"), "text": text[st:en],
                "start": st, "end": en, "via": None, "speaker_start": sp_s, "speaker_end": sp_e,
                "verb_start": vs, "verb_end": ve}

    @staticmethod
    def _clause_subject(text, vs, starts, last_speaker) -> tuple[int, int] | None:
        """Subject of the clause this verb continues (وقام الطالب بإيذائها وقال لها ...).

        Only when the latest quote is not in this sentence (else its speaker goes on).
        The clause starts after the last comma; Arabic puts the subject after the
        clause's first verb (VSO), or right after إلا أن / لكن (SVO).
        """
        s_start = _sentence_start(vs, starts)
        if last_speaker is not None and last_speaker["end"] >= s_start:
            return None
        if vs - s_start > MAX_SCAN:     # no sentence end for pages: far past any 40-word clause
            return None
        ws = [(w.start(), w.end(), w.group()) for w in WORD_RE.finditer(text, s_start, vs)]
        commas = [j for j, (_, _, w) in enumerate(ws) if w in "،,"]
        if commas and commas[-1] < len(ws) - 1:
            ws = ws[commas[-1] + 1:]        # the clause the verb is in
        elif commas:
            ws = ws[:commas[0]]             # ، وقال: → the sentence's first clause
        if not ws or len(ws) > 40:
            return None
        keys = [fold(w) for _, _, w in ws]
        j = 0
        svo = [i for i, k in enumerate(keys) if k in COMPLEMENTIZERS or k in ("لكن", "ولكن")]
        if svo:
            j = svo[-1] + 1
        else:
            while j < len(ws) and keys[j] in LEAD_PHRASE_WORDS:
                j += 1
            j += 1                          # the clause's own verb
        out = []
        for (s, e, w), k in zip(ws[j:], keys[j:]):
            if w in "،,.:؛\"«»" or k in SPEAKER_STOP or k in COMPLEMENTIZERS or k in ("عن", "من", "مع") \
                    or k[:1] in "بل" and out and k[1:3] == "ال":
                break
            out.append((s, e))
            if len(out) >= 8:
                break
        if not out:
            return None
        return out[0][0], out[-1][1]

    @staticmethod
    def _index_after(words, pos: int) -> int:
        for j, (ws, _, _) in enumerate(words):
            if ws >= pos:
                return j
        return len(words)

    @staticmethod
    def _outlet(text, words, i, limit) -> tuple[str | None, int]:
        ws, we, w = words[i]
        n = len(words)
        j = i + 1
        if j < n and words[j][2] in OPEN_QUOTES:
            close = _closing(text, words[j][0], limit)
            if close > 0:
                return text[words[j][0] + 1:close], QuoteFinder._index_after(words, close + 1)
        # لوكالة رويترز / لـ"الوطن" / لقناة الميادين: up to three more words
        start = ws + (2 if w.startswith("لـ") else 1)
        end = we
        while j < n and j - i <= 3 and fold(words[j][2]) not in COMPLEMENTIZERS and words[j][2] not in "،,:«\"“." \
                and fold(words[j][2]) not in SPEAKER_STOP and fold(words[j][2]) not in TIME_WORDS:
            end = words[j][1]
            j += 1
        name = text[start:end].strip("\"“”«» ")
        return (name or None), j

    @staticmethod
    def _content(text: str, start: int, s_end: int) -> tuple[int, int]:
        """Indirect content: from `start` to the end of its sentence, or the quote it opens,
        stopping before a following participle clause (، مشيراً إلى ...)."""
        s = start
        while s < s_end and text[s].isspace():
            s += 1
        if s < s_end and text[s] in OPEN_QUOTES:
            close = _closing(text, s, s_end)
            if close > 0:
                return s + 1, close
        end = min(s_end, s + MAX_CONTENT)
        seg = text[s:end]
        cut = PARTICIPLE_CLAUSE_RE.search(seg)
        if cut:
            end = s + cut.start()
        nxt = NEXT_VERB_CLAUSE_RE.search(text, s, end)
        if nxt:
            end = nxt.start()
        # content ending in a verbatim «...» of 3+ words: those are the speaker's own words
        e2 = end
        while e2 > s and text[e2 - 1] in " .،,":
            e2 -= 1
        if e2 > s and text[e2 - 1] == "»":
            open_ = text.rfind("«", s, e2 - 1)
            if open_ > s and len(text[open_ + 1:e2 - 1].split()) >= 3 and "»" not in text[open_:e2 - 1]:
                return open_ + 1, e2 - 1
        return s, end

    # --- CLAUSE، بحسب SPEAKER / وبحسب SPEAKER، فإن CONTENT --------------------------
    @staticmethod
    def _is_source(text: str, s: int, e: int, entities) -> bool:
        """Does the phrase after بحسب/وفقا name a source (مصادر، وكالة، a person or org)?"""
        if text[s] in OPEN_QUOTES:
            return True
        for ent in entities or ():
            if ent.get("type") in ("PER", "ORG") and ent.get("start", -1) >= s and ent.get("end", 1 << 30) <= e:
                return True
        for w in text[s:e].split()[:2]:
            k = fold(w.strip("«»\"“”"))
            if k.startswith("ال"):
                k = k[2:]
            elif k[:1] in "ل" and k[1:3] == "ال":
                k = k[3:]
            if k in SOURCE_HEADS or ("ال" + k) in SOURCE_HEADS or k.rstrip("ه") + "ه" in SOURCE_HEADS:
                return True
        return False

    def _from_according(self, text, m, starts, ends, used_until: int = -1, entities=None) -> dict | None:
        a_s, a_e = m.span("acc")
        acc = fold(m.group("acc"))
        s_start = max(_sentence_start(a_s, starts), used_until)
        s_end = min(_sentence_end(text, a_s, ends), a_e + MAX_SCAN)
        if a_s - s_start > MAX_SCAN:    # an unsegmented run: read the clause from a word start
            s_start = _word_start_after(text, a_s - MAX_SCAN)
        after = text[a_e:min(s_end, a_e + 250)]
        verb = m.group("acc")
        # حسب/بحسب ما قال/ذكرته/أشارت إليه X ; وفقا لـ X ; طبقا لما ذكره X ; نقلا عن X
        is_hasabama = acc == fold("حسبما")
        rel = (HASABAMA_VERB_RE if is_hasabama else MA_VERB_RE).match(after)
        off = 0
        if rel and (is_hasabama or VERB_RE.fullmatch(rel.group("v"))):
            off = rel.end()
            verb = rel.group("v")
        elif acc == fold("نقلا"):
            r2 = AN_RE.match(after)
            if not r2:
                return None
            off = r2.end()
        elif acc in (fold("طبقا"), fold("وفقا"), fold("وفق")):
            r2 = LI_RE.match(after)
            if not r2:
                return None
            off = r2.end()
        sp_s = a_e + off
        sp_s, sp_e = self._speaker_after(text, sp_s, s_end)
        if sp_s is None:
            return None
        if verb == m.group("acc") and not self._is_source(text, sp_s, sp_e, entities):
            return None
        before = text[s_start:a_s]
        clause_before = before.rstrip(" ،,(")
        lead = normalize_key(text[s_start:a_s]).strip()
        if len(clause_before.split()) >= 3 and lead not in ("و", "ف", ""):
            # CLAUSE، بحسب X: the clause (from the sentence start) is the content;
            # when the sentence goes on after the source (بحسب مراقبين، في ...) it all is
            st, en = _trim(text, s_start, s_start + len(clause_before))
            lead_end = _lead_complementizer_end(text, st)
            if lead_end is not None:
                st = lead_end
            tail = text[sp_e:s_end]
            if tail.lstrip().startswith(("،", ",")) and len(tail.split()) >= 4 and not ACCORDING_RE.search(tail):
                cut = PARTICIPLE_CLAUSE_RE.search(tail)
                st, en = _trim(text, st, sp_e + (cut.start() if cut else len(tail)))
        else:
            # وبحسب X، فإن ...: content follows
            rest = text[sp_e:s_end]
            r3 = FA_INNA_RE.match(rest)
            st = sp_e + (r3.end() if r3 else 0)
            st, en = self._content(text, st, s_end)
            st, en = _trim(text, st, en)
        if en - st < 5:
            return None
        return {"speaker": _clean(text[sp_s:sp_e]), "speaker_id": None, "verb": verb, "text": text[st:en],
                "start": st, "end": en, "via": None, "speaker_start": sp_s, "speaker_end": sp_e,
                "verb_start": a_s, "verb_end": a_e}

    @staticmethod
    def _speaker_after(text: str, pos: int, s_end: int) -> tuple[int | None, int | None]:
        """A speaker phrase starting at `pos`: up to a comma, relative pronoun, or sentence end.
        Reads words lazily: at most 8 are wanted, however long the sentence is."""
        out = []
        skip_to = -1                    # past a quoted name: words before this are inside it
        for wm in WORD_RE.finditer(text, pos, s_end):
            s, e = wm.span()
            if s < skip_to:
                continue
            if len(out) >= 8:
                break
            w = wm.group()
            k = fold(w)
            if w in OPEN_QUOTES:
                close = _closing(text, s, s_end)
                if close > 0 and close - s < 80:
                    out.append((s, close + 1))
                    skip_to = close + 1
                    continue
                break
            if w in "،,.:؛()" or k in SPEAKER_STOP or k in COMPLEMENTIZERS or k in TIME_WORDS:
                break
            out.append((s, e))
        if not out:
            return None, None
        return out[0][0], out[-1][1]

    @staticmethod
    def _link(q: dict, entities: list[dict], text: str) -> None:
        """Name the speaker by the entity inside its phrase: a person anywhere in it, an
        organisation only as its head (not دير الزور 24 in المدير التنفيذي لمرصد دير الزور 24)."""
        s, e = q["speaker_start"], q["speaker_end"]
        best = None
        for ent in entities:
            es, ee = ent.get("start"), ent.get("end")
            if es is None or ee is None or es < s or ee > e:
                continue
            rank = {"PER": 0, "ORG": 1}.get(ent.get("type"), 2)
            if rank == 1 and text[s:es].strip(" «\"“"):
                continue
            if best is None or rank < best[0]:
                best = (rank, ent)
        if best is None or best[0] == 2:
            return
        ent = best[1]
        q["speaker"] = ent.get("text") or q["speaker"]
        q["speaker_start"], q["speaker_end"] = ent["start"], ent["end"]
        q["speaker_id"] = ent.get("entity_id")
        if ent.get("canonical"):
            q["speaker_canonical"] = ent["canonical"]


# Anchored matchers, run on short slices at a known start. Each is linear in its input,
# also when searched over a long adversarial text (marsad.regex_audit): \A anchors the
# ones only ever matched at a slice start; runs that the next token cannot continue are
# possessive (\s*+, \S++), so a failed match never gives back characters one by one;
# a whitespace run is entered only at its first character ((?<!\s)\s++).
# بحسب ما قال / حسب ما أشارت إليه ...: the speech verb after ما; حسبما أفادت ...
MA_VERB_RE = re.compile(rf"\A\s*+(?:{lit('ما')}|{lit('لما')})\s++(?P<v>\S++)(?:\s++{lit('إليه')})?\s+")
HASABAMA_VERB_RE = re.compile(rf"\A\s*+(?P<v>\S++)(?:\s++{lit('إليه')})?\s+")
AN_RE = re.compile(rf"\A\s*+{lit('عن')}\s+")             # نقلا عن X
LI_RE = re.compile(r"\A\s*+لـ?\s*+")                     # وفقا لـ X
FA_INNA_RE = re.compile(rf"\A[\s،,\"”»]*+(?:(?:{lit('فإن')}|{lit('فإنه')}|{lit('فإنها')}|{lit('إن')}|{lit('أن')})\s+)?")
LEAD_PHRASE_WORDS = {fold(w) for w in "من جهة جهته جهتها جانب جانبه جانبها ناحية ناحيته ناحيتها ثانية أخرى ثان آخر بدوره بدورها كما ثم".split()}
# matched where the separators before it are already skipped (see `_lead_complementizer_end`)
LEAD_COMPLEMENTIZER_RE = re.compile(r"(?:" + "|".join(lit(w) for w in ("فإن", "فإنه", "فإنها", "إن", "أن")) + r")\s+")
PARTICIPLE_CLAUSE_RE = re.compile(
    r"(?:[،,]\s*+|(?<!\s)\s++)(?:" + "|".join(lit(p) for p in ("مشيرا", "مشيرة", "مضيفا", "مضيفة", "مؤكدا", "مؤكدة", "موضحا",
                                              "موضحة", "لافتا", "لافتة", "مشددا", "مشددة", "معتبرا", "قائلا",
                                              "قائلة", "محذرا", "مشيرين", "مضيفين")) + r")(?:ً|ا)?(?![" + AR_LETTERS + "])")


def _lead_complementizer_end(text: str, pos: int) -> int | None:
    """End of a فإن/إن/أن (and the space after it) opening text[pos:], past any spaces and
    commas before it; None if there is none."""
    n = len(text)
    while pos < n and (text[pos].isspace() or text[pos] in "،,"):
        pos += 1
    m = LEAD_COMPLEMENTIZER_RE.match(text, pos)
    return m.end() if m else None


NEXT_VERB_CLAUSE_RE = re.compile(r"[،,]\s*(?:" + lit("ثم") + r"\s+)?(?:و)?(?:" + "|".join(
    lit(v) for v in ("قال", "قالت", "أضاف", "أضافت", "تابع", "تابعت", "أكد", "أكدت", "أوضح", "أوضحت")) + rf")(?!{_W})")


def _clean(s: str) -> str:
    return " ".join(s.replace("«", " ").replace("»", " ").replace("“", " ").replace("”", " ").replace('"', " ").split())


@functools.cache
def default_finder() -> QuoteFinder:
    return QuoteFinder()


def find_quotes(text: str, sent_spans=None, entities=None) -> list[dict[str, Any]]:
    return default_finder().find(text, sent_spans, entities)
