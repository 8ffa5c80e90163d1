"""Find every compiled regular expression in Marsad and time it on adversarial input.

Two checks per pattern and 100 KB adversarial string (long runs of Arabic letters,
diacritics, tatweel, punctuation, digits, spaces, quotes):
- growth: time on 100 KB ≤ 20x time on 10 KB (linear; catastrophic backtracking is
  quadratic or worse and shows up as 100x) and under an absolute cap;
- the issue's bar: ≤ 10x a linear scan (a Python pass over the same 100 KB), reported.
`python -m marsad.regex_audit` prints both; tests/test_hardening_regex.py asserts growth.

Times are CPU seconds of this process (time.process_time), not wall clock: on a shared
machine a wall-clock run of 5-100 ms is stretched by whatever else is scheduled (a load
of 8 on 2 cores doubled some ratios). Pairs that look over the bar are timed again with
more repeats, and the baseline is re-taken next to them, before they are reported.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import time

SIZE = 100_000
ADVERSARIAL = {
    "arabic letters": "ب" * SIZE,
    "letters+diacritics": "بَ" * (SIZE // 2),
    "tatweel": "ـ" * SIZE,
    "punctuation": ".،؛«»()" * (SIZE // 7),
    "digits": "1" * SIZE,
    "arabic digits": "١" * SIZE,
    "spaces": " " * SIZE,
    "article prefix": "ال" * (SIZE // 2),
    "words and numbers": "قتل 5 " * (SIZE // 6),
    "open quotes": "«" * SIZE,
    "digit groups": "1,2.3:" * (SIZE // 6),
    "month words": "سبتمبر 15 " * (SIZE // 10),
}
SKIP_MODULES = ("marsad.web", "marsad.batch.spark", "marsad.cli")
SMALL_CAP = 0.2        # seconds on 10 KB: beyond this the 100 KB run is not even tried
LARGE_CAP = 0.5        # seconds on 100 KB
GROWTH = 20.0          # 10x the input may cost at most this factor (plus noise floor)
BAR = 10.0             # the bar: x a linear scan of the same size
NOISE = 0.003          # seconds: timings under this are noise on a shared machine


def compiled_patterns() -> list[tuple[str, re.Pattern]]:
    import marsad
    found: dict[int, tuple[str, re.Pattern]] = {}
    for info in pkgutil.walk_packages(marsad.__path__, "marsad."):
        if info.name.startswith(SKIP_MODULES) or info.name == __name__ or info.name.endswith("__main__"):
            continue
        try:
            mod = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - optional dependencies
            continue
        for attr, val in vars(mod).items():
            if isinstance(val, re.Pattern):
                found.setdefault(id(val), (f"{info.name}.{attr}", val))
    return sorted(found.values(), key=lambda x: x[0])


clock = time.process_time


def linear_scan_seconds(s: str) -> float:
    t = clock()
    n = 0
    for ch in s:
        if ch == "\x00":
            n += 1
    return clock() - t


def _baseline(repeat: int = 5) -> float:
    return min(linear_scan_seconds(ADVERSARIAL["arabic letters"]) for _ in range(repeat))


def _time(pat: re.Pattern, s: str, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = clock()
        for _ in pat.finditer(s):
            pass
        best = min(best, clock() - t)
    return best


def measure() -> tuple[float, list[tuple[str, str, float, float | None]]]:
    """(linear-scan seconds, [(pattern, input, t_10KB, t_100KB or None if skipped)])."""
    baseline = _baseline()
    rows = []
    for name, pat in compiled_patterns():
        for label, s in ADVERSARIAL.items():
            small = _time(pat, s[: SIZE // 10])
            large = None if small > SMALL_CAP else _time(pat, s)
            if large is not None and _grows(small, large):
                # a busy machine makes single timings jumpy: measure again before accusing
                small, large = _time(pat, s[: SIZE // 10], 5), _time(pat, s, 3)
            elif large is not None and large > BAR * baseline:
                # same for the bar: best of 5, against a baseline taken just now
                large = min(large, _time(pat, s, 5))
                baseline = min(baseline, _baseline(3))
            rows.append((name, label, small, large))
    return baseline, rows


def _grows(small: float, large: float) -> bool:
    return large > LARGE_CAP or large > GROWTH * max(small, NOISE)


def growth_problems(rows) -> list[str]:
    out = []
    for name, label, small, large in rows:
        if large is None:
            out.append(f"{name} on {label}: {small * 1000:.0f} ms on 10 KB already (catastrophic)")
        elif _grows(small, large):
            out.append(f"{name} on {label}: {small * 1000:.1f} ms on 10 KB, {large * 1000:.1f} ms on 100 KB")
    return out


def bar_problems(baseline: float, rows, ratio: float = BAR) -> list[str]:
    return [f"{name} on {label}: {large * 1000:.1f} ms = {large / baseline:.0f}x a linear scan"
            for name, label, _small, large in rows if large is not None and large > ratio * baseline]


if __name__ == "__main__":
    baseline, rows = measure()
    names = {r[0] for r in rows}
    print(f"{len(names)} compiled patterns x {len(ADVERSARIAL)} adversarial 100 KB inputs; "
          f"linear scan of 100 KB = {baseline * 1000:.1f} ms")
    growth = growth_problems(rows)
    print(f"non-linear growth: {len(growth)}")
    print("\n".join("  " + g for g in growth))
    bar = bar_problems(baseline, rows)
    worst = max((r[3] / baseline for r in rows if r[3] is not None), default=0)
    print(f"over 10x a linear scan: {len(bar)} pattern/input pairs (worst {worst:.0f}x)")
    print("\n".join("  " + b for b in bar[:40]))
    sys.exit(1 if growth else 0)
