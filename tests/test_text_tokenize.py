"""Tokenization with clitic splitting that keeps names whole."""
import pytest

from marsad.text.tokenize import split_clitics, tokenize, word_counts


def pieces(word):
    return [t.text for t in tokenize(word)]


def test_vocabulary_is_committed_and_small():
    counts = word_counts()
    assert 10_000 < len(counts) < 60_000
    assert counts["قال"] > 1000


@pytest.mark.parametrize("word,expected", [
    ("والميادين", ["و", "الميادين"]),
    ("القلمون", ["القلمون"]),
    ("وأشار", ["و", "أشار"]),
    ("وقال", ["و", "قال"]),
    ("بالتأكيد", ["ب", "التأكيد"]),
    ("وبرحيل", ["و", "ب", "رحيل"]),
    ("وبحسب", ["و", "ب", "حسب"]),
    ("للتحالف", ["ل", "لتحالف"]),
    ("فالمدينة", ["ف", "المدينة"]),
    ("كالعادة", ["ك", "العادة"]),
])
def test_clitics_are_split(word, expected):
    assert pieces(word) == expected


@pytest.mark.parametrize("word", ["القلمون", "فيصل", "بشار", "ليبيا", "لبنان", "كبير", "كانت", "واحد",
                                  "وزير", "بريطانيا", "فلسطين", "كما", "لكن", "بين", "فالنسيا", "والي"])
def test_words_that_merely_begin_with_a_clitic_letter_stay_whole(word):
    assert pieces(word) == [word]


def test_lil_contraction_restores_the_article_in_the_norm():
    toks = tokenize("للتحالف")
    assert [t.norm for t in toks] == ["ل", "التحالف"]
    assert [t.kind for t in toks] == ["clitic", "word"]


def test_clitic_written_apart_with_tatweel():
    toks = tokenize("تصريحات لـ«الشرق الأوسط»")
    assert [(t.text, t.kind) for t in toks] == [("تصريحات", "word"), ("لـ", "clitic"), ("«", "punct"),
                                                ("الشرق", "word"), ("الأوسط", "word"), ("»", "punct")]


def test_diacritics_stay_in_the_surface_and_leave_the_norm():
    toks = tokenize("وسُلِّمت الجثثُ")
    assert "".join(t.text for t in toks) == "وسُلِّمتالجثثُ"
    assert all(t.norm.isalpha() for t in toks)
    assert toks[-1].norm == "الجثث"


def test_kinds_and_space_after():
    text = "قتل 14 شخصاً، وأصيب ٦٠ آخرون (AFP)."
    toks = tokenize(text)
    assert [(t.text, t.kind) for t in toks if t.kind != "word"] == [
        ("14", "num"), ("،", "punct"), ("و", "clitic"), ("٦٠", "num"), ("(", "punct"), ("AFP", "latin"),
        (")", "punct"), (".", "punct")]
    for t in toks:
        assert t.space_after == (t.end < len(text) and text[t.end].isspace())


def test_numbers_times_and_decimals_are_single_tokens():
    assert pieces("06:09 و3.5 و1,500 و١٢٫٥") == ["06:09", "و", "3.5", "و", "1,500", "و", "١٢٫٥"]


def test_round_trip_offsets():
    text = "وأعلن الإعلام الحربي التابع لـ«حزب الله»، أمس، أن «حافلات تقل مقاتلي تنظيم داعش وصلت»"
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert "".join(t.text for t in toks) == "".join(text.split())


def test_split_false_keeps_words_whole():
    assert [t.text for t in tokenize("والميادين وأشار", split=False)] == ["والميادين", "وأشار"]


def test_split_clitics_offsets_are_within_the_word():
    assert split_clitics("والميادين") == [(0, 1, "و"), (1, 9, "الميادين")]
    assert split_clitics("") == []


# Hand-segmented word types sampled at random from the held-out tenth of SaudiNewsNet
# (articles build_vocab.py does not count), one "word pieces" pair a line. The DEV half
# was used to choose the splitting rules; the TEST half was only measured.
CLITIC_DEV = """
فالقرار ف+القرار
بتشغيل ب+تشغيل
وزعزة و+زعزة
وثائقها و+ثائقها
وبناه و+بناه
والبلد و+البلد
واجهها واجهها
والمنيفي و+المنيفي
بجائزة ب+جائزة
بالدماء ب+الدماء
بالإمساك ب+الإمساك
بصرى بصرى
والفريقين و+الفريقين
وأحيائهم و+أحيائهم
ولتصبح و+ل+تصبح
كارينيو كارينيو
فطرة فطرة
كساها كساها
للتوجهات ل+لتوجهات
والاستمهال و+الاستمهال
لتبسيط ل+تبسيط
لنصرة ل+نصرة
كفانا كفانا
بأمثلة ب+أمثلة
وأوكرانيا و+أوكرانيا
ويتوسطها و+يتوسطها
فسكن ف+سكن
بملاحقة ب+ملاحقة
واماراتية و+اماراتية
وتحديثها و+تحديثها
بإحاسيسك ب+إحاسيسك
فاشية فاشية
باطن باطن
وانكشف و+انكشف
فكثيرون ف+كثيرون
فلكية فلكية
بأخيه ب+أخيه
لمحدودية ل+محدودية
واقتصاد و+اقتصاد
بأعضاء ب+أعضاء
والمقالات و+المقالات
بأنها ب+أنها
وتنبسطوا و+تنبسطوا
والكولومبي و+الكولومبي
للمشتبه ل+لمشتبه
فالكفر ف+الكفر
وستضم و+ستضم
وبالمثل و+ب+المثل
ودندنت و+دندنت
فيواصل ف+يواصل
كيلوبت كيلوبت
والمكدرات و+المكدرات
بخريطة ب+خريطة
ومجدهم و+مجدهم
والسنغالي و+السنغالي
فلايني فلايني
وخوفا و+خوفا
لتطال ل+تطال
للمهندسين ل+لمهندسين
كوكاكولا كوكاكولا
ومستورديها و+مستورديها
بحوزته ب+حوزته
لبرهة ل+برهة
ولجنة و+لجنة
وأخذوا و+أخذوا
للقدم ل+لقدم
واهنيك و+اهنيك
كوتشيلني كوتشيلني
للانتخابات ل+لانتخابات
ومختص و+مختص
بالحديد ب+الحديد
وخبراتهم و+خبراتهم
ويعتمل و+يعتمل
كعمق ك+عمق
ويعمها و+يعمها
والسفير و+السفير
وتبديل و+تبديل
للتوقيع ل+لتوقيع
"""
CLITIC_TEST = """
فازت فازت
لتهريب ل+تهريب
وتفاصيل و+تفاصيل
بتركيب ب+تركيب
والمتواصل و+المتواصل
بوسعك ب+وسعك
للجهود ل+لجهود
بتهاونه ب+تهاونه
لحلفائنا ل+حلفائنا
للإقبال ل+لإقبال
فوكوا فوكوا
بارتنرز بارتنرز
وألفي و+ألفي
وافقا وافقا
وحاصرت و+حاصرت
وأخواله و+أخواله
والأمانات و+الأمانات
والرومانسية و+الرومانسية
فطار ف+طار
وتربى و+تربى
فاعليتها فاعليتها
للسوبر ل+لسوبر
فتعطي ف+تعطي
وإحقاق و+إحقاق
بالمنقذة ب+المنقذة
بولندا بولندا
ليدعم ل+يدعم
وسعينا و+سعينا
وإليزابيث و+إليزابيث
بالعطاء ب+العطاء
فقلما ف+قلما
لارتكابه ل+ارتكابه
وصنع و+صنع
وفقدت و+فقدت
وتشتتها و+تشتتها
وجمعنا و+جمعنا
والنقلة و+النقلة
بإمكانها ب+إمكانها
وأكثرهم و+أكثرهم
فلزمت ف+لزمت
وتذكارات و+تذكارات
فتغنى ف+تغنى
والتكافل و+التكافل
وسكن و+سكن
بالغضب ب+الغضب
لمقتطفات ل+مقتطفات
فساد فساد
لمدمني ل+مدمني
لإغماء ل+إغماء
لإحياء ل+إحياء
وجرما و+جرما
وللمنطقة و+ل+لمنطقة
ليبحث ل+يبحث
ووصلوا و+وصلوا
للأغنية ل+لأغنية
والسؤال و+السؤال
بالقلب ب+القلب
وطموحاتها و+طموحاتها
للهيئة ل+لهيئة
واللياقي و+اللياقي
والمفتتح و+المفتتح
والاخضرار و+الاخضرار
فريج فريج
وأركانا و+أركانا
لمصممي ل+مصممي
فارغ فارغ
لرغبته ل+رغبته
والمعاجم و+المعاجم
وكتيب و+كتيب
وتعلقوا و+تعلقوا
بالقيم ب+القيم
وحراسة و+حراسة
بأنهم ب+أنهم
والقصف و+القصف
والضخمة و+الضخمة
والأجاويد و+الأجاويد
بالوفاء ب+الوفاء
فيجري ف+يجري
"""


def _accuracy(gold: str) -> tuple[float, list[str]]:
    rows = [line.split() for line in gold.strip().splitlines()]
    errors = []
    for word, expected in rows:
        got = "+".join(t.text for t in tokenize(word))
        if got != expected:
            errors.append(f"{word}: {got} (gold {expected})")
    return 1 - len(errors) / len(rows), errors


def test_clitic_splitting_accuracy_on_held_out_words():
    dev, _ = _accuracy(CLITIC_DEV)
    test, errors = _accuracy(CLITIC_TEST)
    print(f"clitic segmentation accuracy (word types): dev {dev:.3f}, held-out test {test:.3f}")
    assert dev >= 0.90
    assert test >= 0.85, errors
