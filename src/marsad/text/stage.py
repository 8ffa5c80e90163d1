"""Pipeline stage: sentences, tokens, numbers and dates over the article body."""
from __future__ import annotations

from ..doc import Doc
from .segment import split_sentences
from .tokenize import tokenize


class TextStage:
    def __call__(self, doc: Doc) -> Doc:
        doc.sentences = split_sentences(doc.text)
        tokens = tokenize(doc.text)
        # assign each token its sentence with one merge pass (both lists are sorted)
        si = 0
        sents = doc.sentences
        for tok in tokens:
            while si < len(sents) - 1 and tok.start >= sents[si].end:
                si += 1
            tok.sent = si
        doc.tokens = tokens
        try:
            from .dates import find_dates
            doc.dates = find_dates(doc)
        except ImportError:
            pass
        try:
            from .numbers import find_numbers
            doc.numbers = find_numbers(doc)
        except ImportError:
            pass
        return doc
