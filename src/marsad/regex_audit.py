"""Find every compiled regular expression in Marsad and time it on adversarial input.

Used by tests/test_hardening_regex.py and `python -m marsad.regex_audit`: a pattern
that backtracks catastrophically shows up as far slower than a linear scan.
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


def linear_scan_seconds(s: str) -> float:
    t = time.perf_counter()
    n = 0
    for ch in s:
        if ch == "\x00":
            n += 1
    return time.perf_counter() - t


def audit(ratio_limit: float = 10.0) -> list[str]:
    problems = []
    baseline = max(linear_scan_seconds(ADVERSARIAL["arabic letters"]) for _ in range(3))
    for name, pat in compiled_patterns():
        for label, s in ADVERSARIAL.items():
            t = time.perf_counter()
            for _ in pat.finditer(s):
                pass
            dt = time.perf_counter() - t
            if dt > ratio_limit * baseline:
                problems.append(f"{name} on {label}: {dt * 1000:.1f} ms (linear scan {baseline * 1000:.1f} ms)")
    return problems


if __name__ == "__main__":
    pats = compiled_patterns()
    print(f"{len(pats)} compiled patterns audited on {len(ADVERSARIAL)} adversarial 100 KB inputs")
    probs = audit()
    print("\n".join(probs) or "no pattern over 10x a linear scan")
    sys.exit(1 if probs else 0)
