"""Word tokenization with offset-exact clitic splitting.

Conjunctions (و ف), prepositions (ب ل ك) and the لل contraction are split off
when what remains is a definite noun (وال…، بال…، لل…) or a word the vocabulary
knows on its own; the article ال stays attached so names stay whole
(والميادين → و + الميادين; القلمون stays whole).
"""
from __future__ import annotations

import re

from ..doc import Token
from .normalize import fold

AR_LETTERS = "\u0621-\u063A\u0641-\u064A\u066E-\u066F\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF"
AR_MARKS = "\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d"
DIGITS = "0-9\u0660-\u0669\u06F0-\u06F9"

TOKEN_RE = re.compile(
    rf"(?P<ar>[{AR_LETTERS}][{AR_LETTERS}{AR_MARKS}]*)"
    rf"|(?P<num>[{DIGITS}]+(?:[.,:/\u066B\u066C][{DIGITS}]+)*)"
    r"|(?P<latin>[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?)"
    r"|(?P<punct>[^\s])"
)

CONJ = "وف"
PREP = "بلك"
MIN_STEM = 2

_vocab: frozenset[str] | None = None


def _known_words() -> frozenset[str]:
    """Frequent standalone words (from the news corpus), loaded once; empty if absent."""
    global _vocab
    if _vocab is None:
        try:
            from ..resources import load_text_lines
            _vocab = frozenset(load_text_lines("text/vocab.txt"))
        except (FileNotFoundError, ImportError):
            _vocab = frozenset()
    return _vocab


def split_clitics(word: str) -> list[tuple[int, int, str]]:
    """Split a word into (start, end, norm) pieces relative to the word.

    >>> [w for _, _, w in split_clitics("والميادين")]
    ['و', 'الميادين']
    """
    key = fold(word)
    if len(key) != len(word):
        # diacritics or tatweel inside: map folded positions back to the surface
        positions = [i for i, ch in enumerate(word) if fold(ch)]
    else:
        positions = list(range(len(word)))
    pieces: list[tuple[int, int]] = []   # folded (start, end)
    i = 0
    n = len(key)
    vocab = _known_words()
    # conjunction
    if n - i > MIN_STEM + 1 and key[i] in CONJ:
        rest = key[i + 1:]
        if rest.startswith("ال") and len(rest) > MIN_STEM + 2 or rest[0] in PREP and rest[1:].startswith("ال") and len(rest) > MIN_STEM + 3 \
                or rest.startswith("لل") and len(rest) > MIN_STEM + 2 or (vocab and rest in vocab and key not in vocab):
            pieces.append((i, i + 1))
            i += 1
    # preposition
    norm_override = None
    if n - i > MIN_STEM + 1 and key[i] in PREP:
        rest = key[i + 1:]
        if key[i] == "ل" and rest.startswith("ل") and len(rest) > MIN_STEM + 1:
            pieces.append((i, i + 1))
            i += 1
            norm_override = "ا" + key[i:]          # لل + تحالف → ل + التحالف
        elif rest.startswith("ال") and len(rest) > MIN_STEM + 2 or (vocab and rest in vocab and key[i:] not in vocab):
            pieces.append((i, i + 1))
            i += 1
    pieces.append((i, n))
    out = []
    for k, (a, b) in enumerate(pieces):
        s = positions[a] if a < len(positions) else len(word)
        e = positions[b - 1] + 1 if b - 1 < len(positions) else len(word)
        if k == len(pieces) - 1:
            e = len(word)
        if k + 1 < len(pieces):
            e = positions[pieces[k + 1][0]]
        norm = key[a:b]
        if k == len(pieces) - 1 and norm_override:
            norm = norm_override
        out.append((s, e, norm))
    return out


def tokenize(text: str, split: bool = True) -> list[Token]:
    """Tokens of `text` with exact offsets; `split=False` keeps clitics attached."""
    tokens: list[Token] = []
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup or "punct"
        start, end = m.span()
        surface = m.group()
        space_after = end < len(text) and text[end].isspace()
        if kind == "ar":
            kind = "word"
            if split:
                pieces = split_clitics(surface)
                for k, (a, b, norm) in enumerate(pieces):
                    last = k == len(pieces) - 1
                    tokens.append(Token(surface[a:b], start + a, start + b, norm,
                                        "word" if last else "clitic", 0,
                                        space_after if last else False))
                continue
        tokens.append(Token(surface, start, end, fold(surface), kind, 0, space_after))
    return tokens
