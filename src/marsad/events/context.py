"""Why a trigger in a sentence is not a new event: the filters of issue 5, part 4.

Each test reads the folded sentence (and the trigger's place in it) and names the
reason to skip: a question, a negation, a plan or threat, a condemnation, a
hypothetical, a statistic over a period, a habitual pattern, an accident, sport,
a court sentence, or ordinary crime. Background sentences (وكان … قد، يذكر أن) are
flagged, not dropped: they become events only when they carry their own date.
"""
from __future__ import annotations

import re

from ..text.dates import MONTHS as MONTH_NAMES
from .keys import fold_arabic, skip_run


def _rx(pattern: str) -> re.Pattern:
    return re.compile(fold_arabic(pattern).replace("_", r"\s+"))


W = r"(?<![\w])(?:[وف])?"          # word start, allowing a conjunction
E = r"(?![\w])"

NEGATION = _rx(W + r"(لم|لن|نفى|نفت|ينفي|تنفي|نافيا|نافية|عدم|دون_وقوع|بدون)" + E)
PLAN = _rx(W + r"(تستعد|يستعد|تعتزم|يعتزم|اعتزام|تنوي|ينوي|تخطط|يخطط|خطط|خطة|تهدد|يهدد|هدد|هددت|تهديد|تهديدات|"
           r"توعد|توعدت|يتوعد|مرتقب|المرتقب|المرتقبة|محتمل|محتملة|ستشن|سيشن|ستطلق|سيطلق|ستبدأ|سيبدأ|ستنفذ|سينفذ|"
           r"ستقوم|سيقوم|سوف|لشن|تسعى|يسعى|تحذر|يحذر|حذر|حذرت|تحذير|مخاوف|تخشى|يخشى|خشية|استعداد|استعدادا|"
           r"للتحضير|التحضير|تحضيرا|يطالب|تطالب|طالب|طالبت|دعا|دعت|يدعو|تدعو|دعوة|منع|لمنع|لمواجهة|مكافحة|لمكافحة|"
           r"ضرورة|قادرة|قادر|قدرة|يمكن|ربما|سبل|لتجنب|تجنب|يريد|تريد|يريدون|أراد|أرادت|أرادوا|يرغب|ترغب|"
           r"السماح|بالسماح|للسماح|تسمح|يسمح|ستسمح|سيسمح|"
           # readiness and purpose: «مستعد لتوجيه أوامر بضربات»، «بهدف القبض على المنفذين»
           r"مستعد|مستعدة|مستعدون|مستعدين|جاهز|جاهزة|جاهزون|بهدف|سعيا|درء|لدرء)" + E)     # «وافقت على السماح للجيش الأمريكي بشن ضربات»
# a speaker's stance on violence, not a report of it: «أعربت عن قلقها إزاء تجدد الاشتباكات»،
# «أعلنت رفضها تعرض …»، «اعتبر في خطاب …» (not «ادعى»: a claim of responsibility)
STANCE = _rx(W + r"(قلق|قلقها|قلقه|قلقهم|القلق|رفضها|رفضه|رفضهم|اعتبر|اعتبرت|"
             r"مزاعم|ادعاءات|خطاب|خطابه|كلمة_متلفزة)" + E)
# the predicate of the trigger noun is a future or a purpose: «الهدنة ستعمل على …»، «الغارات … ستزيد من»
FUTURE_AFTER = frozenset(fold_arabic(w) for w in (
    "ستزيد سيزيد ستعمل سيعمل ستؤدي سيؤدي ستكون سيكون ستسهم سيسهم ستساعد سيساعد ستشمل سيشمل ستصب سيصب "
    "ستفتح سيفتح ستمنح سيمنح ستضع سيضع ستتيح سيتيح تهدف يهدف ترمي يرمي").split())
FUTURE_WORDS = 9          # the trigger and up to eight words of its noun phrase
CONDEMN = _rx(W + r"(يدين|تدين|أدان|أدانت|إدانة|إدانتها|استنكر|استنكرت|يستنكر|تستنكر|استنكار|شجب|شجبت|ندد|نددت|يندد|"
              r"تندد|تنديد|عزى|تعزية|التعازي|معزيا|مواساة|الآثم|الإرهابي_الجبان|الجبان|الغادر|استنكاره|استنكارها|إدانته|تنديده|تنديدها)" + E)
# a condemnation's epithets right after the trigger: «الهجوم الإرهابي الغادر»، «التفجير الآثم»
EPITHETS = frozenset(fold_arabic(w) for w in (
    "الغادر الغادرة الآثم الآثمة الجبان الجبانة الشنيع الشنيعة الدنيء الدنيئة النكراء البشع البشعة").split())
EPITHET_WORDS = 4


def words_after(key: str, pos: int, n: int) -> list[str]:
    """The `n` words from offset `pos` (the trigger first), without a leading «و» (a bounded slice:
    a regex here would rescan runs of words from every start)."""
    return [w[1:] if w[:1] == "و" and len(w) > 3 else w for w in key[pos:pos + 40 * n].split()[:n]]


ATTEMPT = _rx(W + r"(?:ل|ب)?(محاولة|محاولته|محاولتها|محاولات|يحاول|تحاول|يحاولون|حاول|حاولت|حاولوا)" + E)
RELATIVE_BEFORE = _rx(W + r"(الذي|التي|الذين|اللتين|اللذين|التى)" + E)
# «وقف القصف»، «لوقف الاشتباكات»، «تعليق الغارات»: a truce or a demand to stop, not an attack
CESSATION = _rx(W + r"(?:[بل])?(وقف|إيقاف|توقف|تعليق|تجميد)" + E)
HYPOTHETICAL = _rx(W + r"(لو|لولا|في_حال|حال|إذا|اذا|فيما_لو)" + E)
# «خلال الساعات الماضية» (the past hours) is today's news, not a total over a period
STATISTICS = _rx(
    W + r"(?:(?:خلال|طيلة|طوال|على_مدى|على_مدار)_(?:ال)?(?:\d+_|(?!(?:ال)?ساع|الليل)[\w]+_)?(?:يوما|أيام|الأيام|أسبوع|أسابيع|الأسابيع|أسبوعين|الأسبوعين|شهرين|الشهرين|عامين|العامين|سنتين|السنتين|شهر|أشهر|شهور|"
    r"الأشهر|الشهور|عام|أعوام|سنة|سنوات|السنوات|الأعوام|العام|الشهر|الفترة|الماضي|الماضية)"
    r"|منذ_(?:بداية|بدء|اندلاع|مطلع|انطلاق|بدايات|عام|\d{4}|أكثر|نحو|أشهر|سنوات|شهور|أسابيع|أعوام|سنة|شهر|إعلان|عزل|"
    r"سقوط|الإطاحة|تولي|انهيار|انتهاء|توقف|دخول|إطلاق|أن|ان|سيطرته|سيطرتها|سيطرة)"
    r"|(?<!الحصيلة )(?:حتى|لحد|إلى)_(?:الآن|اللحظة|حينه)"     # «والحصيلة إلى الآن قتيلان»: one event's toll so far
    r"|خلال\s+(?:ال)?\s*(?:48|72|96)\s+ساعة"
    r"|(?:خلال|طوال|طيلة)_(?:شهر_)?(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")"
    r"|(?:هذه|هذا)_(?:الحصيلة|الإحصائية|الرقم|الأرقام)"
    r"|حصيلة_(?:الصراع|الحرب|النزاع|الأزمة|الثورة|الضحايا_منذ)"
    r"|(?:إجمالي|مجموع|إحصائية|إحصائيات|إحصاءات|سنويا|شهريا|أسبوعيا|يوميا|الإجمالي|إجمالا|الإجمالية|وثق|وثقت|وثقها|توثيق|"
    r"بتوثيق|حصيلة_إجمالية|العدد_الإجمالي|"
    # a breakdown of a report's totals: «يتوزعون إلى 19 مسلحا و124 مدنيا»، «الأكثر تضررا حيث سجلت سقوط 335 قتيلا»
    r"يتوزعون|تتوزع|موزعين|الأكثر_تضررا|سجلت_سقوط|سجل_سقوط|"
    # a report's tally: «أحصت البعثة في تقريرها نصف السنوي»، «كشف عن حجم الدمار»
    r"أحصت|أحصى|أحصوا|بنسبة|نصف_السنوي|نصف_سنوي|تقريرها_السنوي|تقريره_السنوي|تقريرها_الشهري|تقريره_الشهري|"
    r"حجم_(?:ال)?(?:تدمير|دمار|خسائر|أضرار)))" + E)
# a period of months or years: with no day named, what happened over it is background («منذ سنوات»،
# «خلال السنوات القليلة الماضية»), not an event of this report, even without a count
LONG_PERIOD = _rx(W + r"(سنوات|السنوات|أعوام|الأعوام|أشهر|الأشهر|شهور|الشهور|عامين|العامين|سنتين|السنتين)" + E)
_BIG_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d{4,})(?![\d.,])")
HABITUAL = _rx(W + r"(تواظب|يواظب|دأبت|دأب|عادة|باستمرار|بشكل_يومي|حلقة_من|سلسلة_من|تعتبر|يعتبر|متكررة|المتكررة|"
               r"الأخيرة|كعادتها|يتعرض|تتعرض|يتعرضون|بسلسلة_من|تشهد|يشهد|تشهده|يشهده|تشهدها|حاليا|متواصلة|المتواصلة|أخيرا|مؤخرا|كثف|كثفت|يكثف|تكثف|"
               r"تكثيف|صعد|صعدت|تصعيد|سلسة|يستمر|تستمر|مستمرة|المستمرة|استمرار|"
               # a person's role, not an event: «أشرف على هجمات ضد …»، «يترأس وحدة التفجيرات»
               r"أشرف|يشرف|يترأس|ترأس|يتزعم|المسؤول_عن|المسئول_عن)" + E)
INTENSIFY = _rx(r"(?:كثف|كثفت|يكثف|تكثف|تكثيف|صعد|صعدت)")
DAY_CUE = _rx(W + r"(?:أمس|امس|البارحة|الليلة_الماضية|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد)" + E)
# «سبق أن/وأن/لـ» (it happened before), not a bare «سبق-»: the dateline of the newspaper Sabq
BACKGROUND = _rx(r"^\W*(?:و)?(?:(?:كان|كانت|كانوا|يذكر|يشار|تجدر|يأتي|تأتي|جاء|وجاء)" + E + r"|سبق(?=_(?:أن|ان|وأن|وان|ل)))|" +
                 W + r"(في_وقت_سابق|في_السابق|فيما_سبق|سابقا|قبل_أشهر|قبل_سنوات|قبل_عام|العام_الماضي|العام_الماضي|الشهر_الماضي)" + E)
ACCIDENT = _rx(W + r"(حادث_سير|حادث_مروري|حوادث|حادث_تصادم|تصادم|اصطدام|انقلاب_(?:سيارة|مركبة|حافلة)|غرق|حريق|حرائق|"
               r"صعق|السيول|الأمطار|زلزال|عاصفة|أسطوانة|أسطوانات|تسرب|ماس_كهربائي|تماس|الدفاع_المدني|الإنقاذ|"
               r"السرعة|مركبة|المرور|وفاة_طبيعية|الحجاج|التدافع|تدافع|انهيار|إطفاء|تحطم|تحطمت|خلل_فني|عطل_فني|خروج_قطار|القضبان)" + E)
SPORT = _rx(W + r"(مباراة|مباريات|الدوري|المنتخب|اللاعب|لاعب|لاعبي|لاعبين|المدرب|النادي|بطولة|كأس|الملعب|الشوط|"
            r"ركلة|تسديدة|الفريق|الهلال|النصر|الاتحاد_السعودي|الأهلي|الشباب_السعودي|الجماهير|هدفا|هدفين)" + E)
JUDICIAL = _rx(W + r"(حكم|الحكم|أحكام|قصاصا|القصاص|تعزيرا|حد_الحرابة|المحكمة|محكمة|قضائي|القضاء|حكما)" + E)
CRIME = _rx(W + r"(مخدرات|المخدرات|تهريب|مهرب|مهربين|سرقة|سرقات|السرقة|حبوب|مروج|مروجي|مسروقات|مخالفين|مخالفي|"
            r"تسول|تزوير|مسكرات|احتيال|الاحتيال|رشوة|مخالفة|مخالفات|متسللين|تستر|نظام_الإقامة|العمل_والعمال|"
            r"خادمة|الخادمة|زوجته|زوجها|شقيقه|والده|والدته|ابنه|ابنته|الجاني|جريمة|الجريمة|الجنائية|وافد|وافدا|مقيم)" + E)
TERROR = _rx(W + r"(إرهاب|إرهابي|إرهابية|إرهابيين|الإرهاب|الإرهابية|داعش|خلية|الخلية|تنظيم|متطرف|متطرفين|تكفيري|"
             r"الفئة_الضالة|مسلحين|مسلحون|انتحاري|الحوثي|الحوثيين|القاعدة|متشددين|إخوان|الإخوان|معارضين|ناشطين|"
             r"ناشطا|صحفيين|صحفيا|متظاهرين|محتجين|سياسي|سياسيين)" + E)
_CONFLICT_WORDS = (r"مسلح|مسلحين|مسلحون|مسلحي|قوات|جيش|الجيش|جنود|جندي|جنديا|عسكري|عسكرية|العسكرية|تنظيم|داعش|"
                   r"الحوثي|الحوثيين|الحوثيون|الحوثية|ميليشيا|ميليشيات|مليشيا|مليشيات|إرهابي|إرهابيين|إرهابية|متشددين|"
                   r"مقاتلين|مقاتلي|مقاتلو|فصائل|المعارضة|النظام|الشرطة|شرطي|أمني|الأمن|الأمنية|انتحاري|عبوة|صاروخ|صواريخ|"
                   r"غارة|غارات|قصف|قذيفة|قذائف|مدنيين|مدنيا|المدنيين|حزب_الله|القاعدة|طالبان|التحالف|المتمردين|المتمردون|"
                   r"الانقلابيين|الانقلابيون|اشتباكات|مواجهات|الاحتلال|مستوطن|مستوطنين|قناص|مجهولين|مجهولون|الكردستاني|"
                   r"الأكراد|الكردية|البيشمركة|الحشد|المقاومة|ضابط|ضباط|شرطيين|شرطيا|مجند|مجندين|تفجير|انفجار|متمردين|الثوار|كتائب|ألوية|لواء|الطيران|طائرات|"
                   r"مسيرة|بدون_طيار|هجوم|هجمات|معارك|معركة|قتال|رهائن|رهينة|أسرى|أسير|مختطفين|متظاهرين|محتجين|كمين|حاجز|دورية|مفخخة|ناسفة")
# The lookaheads on the letters a match (and a word) can start with change no match: they let
# runs of spaces, punctuation or diacritics fail at one character test instead of trying ~90
# alternatives at every position (11x a linear scan of 100 KB of spaces; issue 10's bar is 10x).
_CONFLICT_WORD_FIRST = "".join(sorted({w[0] for w in fold_arabic(_CONFLICT_WORDS).split("|")}))
CONFLICT = _rx(r"(?<![\w])(?=[" + _CONFLICT_WORD_FIRST + fold_arabic("وفبلا") + r"])(?:[وف])?(?:[بل])?(?:ال|ل)?"
               r"(?=[" + _CONFLICT_WORD_FIRST + r"])(" + _CONFLICT_WORDS + ")" + E)
QUESTION_START = _rx(r"^\W*(?:و)?(?:هل|لماذا|ماذا|كيف|متى|أين|من_هو)" + E)


def is_question(key: str) -> bool:
    k = key.rstrip(" \"'»)")
    return k.endswith("?") or bool(QUESTION_START.search(key))


def window_before(key: str, pos: int, words: int) -> str:
    """The `words` words before key offset `pos` (within the sentence key)."""
    head = key[:pos]
    parts = head.split()
    return " ".join(parts[-words:])


NOT_PROSE = re.compile(fold_arabic(r"^\W*(?:سمات|كلمات_مفتاحية|رابط_الخبر|الوسوم|اقرأ_أيضا|شاهد_أيضا)").replace("_", r"\s+"))


def is_not_prose(key: str) -> bool:
    """Tag lists and link lines at the end of an article (سمات …، رابط الخبر …)."""
    return bool(NOT_PROSE.search(key))


def conflict_article(key: str) -> bool:
    """Whether an article is about armed conflict at all (several conflict words anywhere)."""
    n = 0
    for _ in CONFLICT.finditer(key):
        n += 1
        if n >= 3:
            return True
    return False


class SentenceFacts:
    """Sentence-level tests, each run at most once however many triggers the sentence has."""

    __slots__ = ("key", "_cache")

    def __init__(self, key: str):
        self.key = key
        self._cache: dict[str, bool] = {}

    def has(self, name: str, rx: re.Pattern) -> bool:
        v = self._cache.get(name)
        if v is None:
            v = self._cache[name] = rx.search(self.key) is not None
        return v


def skip_reason(key: str, pos: int, kind: str, rank: int, conflict_doc: bool = False,
                facts: SentenceFacts | None = None) -> str | None:
    """Why the trigger at folded offset `pos` of sentence `key` is not an event, or None."""
    f = facts or SentenceFacts(key)
    before = key[:pos]
    near = window_before(key, pos, 4)
    if NEGATION.search(near):
        return "negation"
    if CESSATION.search(window_before(key, pos, 1)):
        return "cessation"
    if kind == "territory" and RELATIVE_BEFORE.search(window_before(key, pos, 2)):
        return "relative clause"      # «المناطق التي سيطر عليها التنظيم»: a state, not an event
    if kind == "territory" and ATTEMPT.search(window_before(key, pos, 3)):
        return "attempt"              # «منعه من محاولة استعادة …»: an attempt on a place changes no hands
    if PLAN.search(window_before(key, pos, 8)):
        return "plan"
    if CONDEMN.search(before) or not EPITHETS.isdisjoint(words_after(key, pos, EPITHET_WORDS)[1:]):
        return "condemnation"
    if STANCE.search(window_before(key, pos, 12)):
        return "stance"
    if not FUTURE_AFTER.isdisjoint(words_after(key, pos, FUTURE_WORDS)[1:]):
        return "future"
    if HYPOTHETICAL.search(window_before(key, pos, 8)):
        return "hypothetical"
    hab = HABITUAL.search(window_before(key, pos, 10))
    if hab and not (INTENSIFY.fullmatch(hab.group(1)) and f.has("day", DAY_CUE)):
        return "habitual"     # «كثفت الطائرات أمس غاراتها على لحج» is still one day's strikes
    if f.has("sport", SPORT):
        return "sport"
    if kind in ("casualty", "bomb", "attack", "bodies", "") and f.has("accident", ACCIDENT):
        return "accident"
    if kind in ("killing", "casualty", "bodies") and f.has("judicial", JUDICIAL):
        return "judicial"
    if kind == "arrest" and (f.has("crime", CRIME) or f.has("judicial", JUDICIAL)) and not f.has("terror", TERROR):
        return "crime"
    if kind in ("casualty", "attack", "killing", "bodies") and f.has("crime", CRIME) and not f.has("terror", TERROR):
        return "crime"
    if (rank < 80 or kind in ("bomb", "killing", "bodies")) and kind not in ("protest",) and not f.has("conflict", CONFLICT):
        if not (conflict_doc and kind in ("bomb", "killing", "attack", "clash", "casualty", "bodies")):
            return "no conflict context"
    return None


QUOTE_OPEN = '"'


def inside_quote(key: str, pos: int) -> bool:
    """Whether offset `pos` sits inside a quotation (an odd number of quote marks before it)."""
    return key.count(QUOTE_OPEN, 0, pos) % 2 == 1


ANAPHOR = re.compile(fold_arabic(r"(?:^|\s)(?:هذا|هذه|ذلك|تلك)\s+$"))
RELATIVE_AFTER = re.compile(fold_arabic(r"^\S*\s+(?:\S+\s+)?(?:الذي|التي|الذين)\s"))


def is_anaphoric(key: str, start: int, end: int, surface: str) -> bool:
    """A trigger that refers back to an event already told: «هذا الانفجار»، «الاعتداء الذي وقع»."""
    definite = surface.lstrip("وفبلك").startswith("ال")
    return bool(ANAPHOR.search(key[max(0, start - 8):start])) or \
        (definite and bool(RELATIVE_AFTER.match(key[start:end + 30])))


SUPERLATIVE_BEFORE = _rx(r"(?:الأسوأ|الأعنف|الأكثر_دموية|الأشد|الأكبر|الأول|من_نوعه|من_نوعها)(?:\s+\S+){0,3}\s*$")


def is_statistic(key: str) -> bool:
    """Totals over a period: a period phrase, or a count in the thousands (not a year).

    «الأسوأ من نوعه خلال العام الجاري» ranks one event against a period; it is no total."""
    for m in STATISTICS.finditer(key):
        if not SUPERLATIVE_BEFORE.search(key, max(0, m.start() - 40), m.start()):
            return True
    return has_big_count(key)


PEOPLE_AFTER = _rx(r"(?:شخص|قتيل|مدني|عنصر|مقاتل|جندي|طفل|معتقل|جريح|مصاب|من_)")


def _people_after(key: str, pos: int) -> bool:
    """`PEOPLE_AFTER` after 1-20 spaces (the spaces are skipped in Python: see keys.skip_run)."""
    j = skip_run(key, pos, 1, 20, spaces=True)
    return j >= 0 and PEOPLE_AFTER.match(key, j) is not None


def has_big_count(key: str) -> bool:
    """A number in the thousands that is not a year: only totals count that high."""
    for m in _BIG_NUMBER.finditer(key):
        v = int(m.group().replace(",", ""))
        year = 1900 <= v <= 2100 or 1400 <= v <= 1450      # Gregorian or Hijri («15/10/1436هـ»)
        if v >= 1000 and (not year or _people_after(key, m.end())):
            return True
    return False


def is_background(key: str) -> bool:
    return bool(BACKGROUND.search(key))


def is_question_or_hypothetical(key: str) -> bool:
    return is_question(key)
