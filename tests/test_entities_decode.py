"""The cached-score Viterbi decoder must decide exactly as crfsuite's own tagger."""
import pytest

from marsad.entities.model import NerModel

pytest.importorskip("numpy", reason="the fast decoder needs numpy; without it crfsuite tags")

SENTENCES = [
    "قال الرئيس السوري بشار الأسد في دمشق إن الجيش سيواصل عملياته".split(),
    "وأعلن المرصد السوري لحقوق الإنسان أن تنظيم الدولة الإسلامية سيطر على مدينة تدمر".split(),
    ["باريس"],
    [],
    "وصرح رامي عبد الرحمن لوكالة فرانس برس بأن قوات النظام تقدمت نحو حلب".split(),
]


@pytest.fixture(scope="module")
def model():
    return NerModel.pretrained()


def test_batched_decoding_matches_crfsuite(model):
    fast = model.tag_sentences(SENTENCES)
    slow = [model.tagger.tag(model.features.sentence(s)) if s else [] for s in SENTENCES]
    assert fast == slow
    assert any(t != "O" for tags in fast for t in tags)


def test_one_sentence_and_batch_agree_and_cache_clears(model):
    batch = model.tag_sentences(SENTENCES)
    model.decoder.clear_cache()
    assert [model.tag_words(s) for s in SENTENCES] == batch
