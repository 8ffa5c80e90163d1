"""Sentence splitting for Arabic news.

Splits on . ! ? ؟ and on line breaks (headlines and list items carry no final
punctuation), but never inside «…» or (…), after a one-letter abbreviation (د. م.),
or between the digits of 06:09 / 3.5.
"""
from __future__ import annotations

from ..doc import Span

TERMINATORS = ".!?؟…"
OPENERS = {"«": "»", "(": ")", "“": "”", "[": "]"}
CLOSERS = {v: k for k, v in OPENERS.items()}
ABBREVIATIONS = {"د", "م", "ص", "ق", "ه", "هـ", "أ", "ج", "ش", "Dr", "Mr", "St", "No"}
MAX_QUOTE = 600   # an unbalanced « must not swallow the rest of the article


def _prev_word(text: str, i: int) -> str:
    j = i
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "(«\"":
        j -= 1
    return text[j:i]


def split_sentences(text: str) -> list[Span]:
    """Sentence spans over `text`, trimmed of surrounding whitespace."""
    spans: list[Span] = []
    n = len(text)
    start = 0
    stack: list[tuple[str, int]] = []
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            stack.clear()
            _emit(text, start, i, spans)
            start = i + 1
        elif ch in OPENERS:
            stack.append((ch, i))
        elif ch in CLOSERS:
            if stack and stack[-1][0] == CLOSERS[ch]:
                stack.pop()
        elif ch in TERMINATORS:
            if stack and i - stack[-1][1] > MAX_QUOTE:
                stack.clear()
            if not stack:
                j = i + 1
                while j < n and (text[j] in TERMINATORS or text[j] in "»)\"”'"):
                    j += 1
                nxt = text[j] if j < n else " "
                prev = text[i - 1] if i else " "
                if ch == "." and prev.isdigit() and nxt.isdigit():
                    pass
                elif ch == "." and _prev_word(text, i) in ABBREVIATIONS:
                    pass
                elif nxt.isspace() or j >= n:
                    _emit(text, start, j, spans)
                    start = j
                    i = j
                    continue
        i += 1
    _emit(text, start, n, spans)
    return spans


def _emit(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
