"""No regular expression in Marsad blows up on adversarial input (issue: hardening).

The audit runs in a subprocess with a timeout, so a catastrophic pattern fails the test
instead of hanging the suite.
"""
from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_compiled_regex_grows_linearly_on_adversarial_input():
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.run([sys.executable, "-m", "marsad.regex_audit"], capture_output=True, text=True,
                          env=env, timeout=600)
    assert "adversarial 100 KB inputs" in proc.stdout
    assert "non-linear growth: 0" in proc.stdout, proc.stdout + proc.stderr


def test_text_stage_time_grows_linearly_with_input():
    from marsad.doc import Doc
    from marsad.text.stage import TextStage
    stage = TextStage()
    unit = "قتل 5 أشخاص في «غارة» على حلب، بحسب المرصد. " + "ـَ" * 3
    def timed(n):
        doc = Doc(text=unit * n)
        gc.disable()          # collections of the growing token list are not what this pins
        try:
            t = time.process_time()
            stage(doc)
            return time.process_time() - t
        finally:
            gc.enable()
    timed(50)
    small, large = min(timed(200) for _ in range(3)), min(timed(2000) for _ in range(3))
    assert large < 30 * small, f"10x input took {large / small:.1f}x the time"
