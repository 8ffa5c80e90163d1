"""Sentence splitting on Arabic news layout."""
from marsad.text.segment import split_sentences


def sents(text):
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_headline_with_double_dot_is_one_sentence():
    title = "ضمن صفقة إخلاء القلمون.. تنظيم «الدولة الإسلامية» يسلم جثث روس"
    assert sents(title) == [title]


def test_double_dot_ends_a_sentence_in_punctuated_prose():
    text = "وصلت القافلة إلى الميادين.. ثم غادرت باتجاه البوكمال."
    assert len(sents(text)) == 2


def test_quotes_and_parentheses_are_not_split():
    text = ('وقال المتحدث: «لن نتراجع. سنواصل القتال حتى النهاية». وأضاف أن القوات تقدمت. '
            'وأعلن الجيش (في بيان. صدر أمس) سيطرته على البلدة.')
    assert sents(text) == [
        "وقال المتحدث: «لن نتراجع. سنواصل القتال حتى النهاية».",
        "وأضاف أن القوات تقدمت.",
        "وأعلن الجيش (في بيان. صدر أمس) سيطرته على البلدة.",
    ]


def test_ascii_quotes_are_not_split():
    text = 'وصف كاميرون المسألة بأنها "صراع جيلنا. ولن نخسره" أمام الحضور. ثم غادر.'
    assert len(sents(text)) == 2


def test_times_decimals_weekdays_in_parentheses():
    text = "الجمعة 15 سبتمبر 2017 06:09 ص\nحدد رئيس الوزراء، اليوم (الاثنين)، ملامح الخطة بنسبة 3.5 في المائة. ثم غادر."
    assert sents(text) == ["الجمعة 15 سبتمبر 2017 06:09 ص",
                           "حدد رئيس الوزراء، اليوم (الاثنين)، ملامح الخطة بنسبة 3.5 في المائة.", "ثم غادر."]


def test_abbreviations_do_not_end_sentences():
    text = "وقال د. محمد العلي إن الوضع خطير. وأكد أ.د. سامي ذلك."
    assert sents(text) == ["وقال د. محمد العلي إن الوضع خطير.", "وأكد أ.د. سامي ذلك."]


def test_lists_and_headlines_without_final_punctuation():
    text = "أبرز بنود الاتفاق\n1. وقف إطلاق النار\n2. خروج المسلحين إلى دير الزور\n- تسليم الأسرى"
    assert sents(text) == ["أبرز بنود الاتفاق", "1. وقف إطلاق النار", "2. خروج المسلحين إلى دير الزور",
                           "- تسليم الأسرى"]


def test_question_and_exclamation_marks():
    text = "هل انتهت المعركة؟ لا! فالقتال مستمر."
    assert sents(text) == ["هل انتهت المعركة؟", "لا!", "فالقتال مستمر."]


def test_glued_sentences_split_but_urls_do_not():
    assert len(sents("انسحبت القوات.وقال المتحدث إن الهدوء عاد.")) == 2
    assert len(sents("نشر الخبر على موقع aawsat.com صباحا.")) == 1


def test_offsets_round_trip_and_trim():
    text = "  أولى الجمل.   ثانية الجمل!  \n\n ثالثة "
    for s in split_sentences(text):
        assert text[s.start:s.end] == text[s.start:s.end].strip()
    assert sents(text) == ["أولى الجمل.", "ثانية الجمل!", "ثالثة"]


def test_unbalanced_quote_does_not_swallow_the_article():
    text = "قال «" + "كلام طويل جدا " * 60 + ". " + "جملة ثانية. " * 3
    assert len(sents(text)) >= 3
