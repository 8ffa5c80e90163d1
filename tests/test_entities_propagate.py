"""Document-level propagation of names the tagger found once."""
from marsad.entities.propagate import propagate


def test_name_found_once_is_spread_to_untagged_mentions():
    sents = [["قال", "رامي", "عبد", "الرحمن", "ان"], ["واضاف", "عبد", "الرحمن", "و", "رامي", "عبد", "الرحمن"]]
    tagged = [[(1, 4, "PER")], []]
    out = propagate(sents, tagged)
    assert out[0] == [(1, 4, "PER")]
    assert out[1] == [(4, 7, "PER")]      # the full name, longest match; the short form stays for linking


def test_tagged_spans_are_kept_and_frequent_single_words_not_spread():
    sents = [["في", "المدينه"], ["المدينه", "دمشق"], ["دمشق"]]
    tagged = [[(1, 2, "LOC")], [(1, 2, "LOC")], []]
    freq = {"المدينه": 16, "دمشق": 12}
    out = propagate(sents, tagged, lambda k: freq.get(k, 0))
    assert out == [[(1, 2, "LOC")], [(1, 2, "LOC")], [(0, 1, "LOC")]]


def test_a_name_takes_its_majority_type_in_the_document():
    sents = [["زار", "الاردن"], ["قال", "الاردن"], ["في", "الاردن", "اليوم"], ["الاردن"]]
    tagged = [[(1, 2, "ORG")], [(1, 2, "LOC")], [(1, 2, "LOC")], []]
    out = propagate(sents, tagged)
    assert out == [[(1, 2, "LOC")], [(1, 2, "LOC")], [(1, 2, "LOC")], [(0, 1, "LOC")]]
