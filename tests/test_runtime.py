import gc

from marsad.runtime import GC_THRESHOLD, tune_gc


def test_tune_gc_raises_only_the_first_threshold_and_never_lowers_it():
    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        tune_gc()
        assert gc.get_threshold() == (GC_THRESHOLD, 10, 10)
        gc.set_threshold(GC_THRESHOLD * 2, 10, 10)
        tune_gc()
        assert gc.get_threshold()[0] == GC_THRESHOLD * 2
    finally:
        gc.set_threshold(*saved)


def test_marsad_analyze_runs_with_the_tuned_collector(tmp_path, capsys):
    from marsad.cli import main
    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        src = tmp_path / "a.txt"
        src.write_text("قتل ثلاثة أشخاص في انفجار عبوة ناسفة في بغداد أمس.", encoding="utf-8")
        assert main(["analyze", str(src)]) == 0
        assert gc.get_threshold()[0] == GC_THRESHOLD
        assert '"events"' in capsys.readouterr().out
    finally:
        gc.set_threshold(*saved)
