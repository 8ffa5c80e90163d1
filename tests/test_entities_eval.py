"""BIO reading, coarse type mapping and CoNLL scoring."""
from marsad.entities.bio import coarse_type, read_bio, spans, to_coarse
from marsad.entities.evaluate import score


def test_spans_follow_conll_rules():
    assert spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG")]


def test_fine_classes_map_to_coarse_types():
    assert coarse_type("PERS") == "PER"
    assert coarse_type("Politician") == "PER"
    assert coarse_type("Population-Center") == "LOC"
    assert coarse_type("Media") == "ORG"
    assert coarse_type("Group") is None          # peoples (العرب) are not ANERcorp entities
    assert to_coarse(["B-Nation", "O", "B-Group", "B-PERS", "I-PERS"]) == [
        "B-LOC", "O", "O", "B-PER", "I-PER"]


def test_score_is_exact_span_match():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]
    r = score(gold, pred)
    assert r["LOC"]["f1"] == 100.0
    assert r["PER"]["f1"] == 0.0
    assert r["micro"]["precision"] == 50.0 and r["micro"]["recall"] == 50.0


def test_read_bio_skips_stray_lines(tmp_path):
    f = tmp_path / "x.bio"
    f.write_text("قال O\nرامي B-PERS\nعبد I-PERS\n O\n\nفي O\nدمشق B-LOC\n", encoding="utf-8")
    sents = list(read_bio(f))
    assert sents == [[("قال", "O"), ("رامي", "B-PERS"), ("عبد", "I-PERS")],
                     [("في", "O"), ("دمشق", "B-LOC")]]
