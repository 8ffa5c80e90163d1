"""Pipeline stage: sentences, tokens, dates and numbers over the article body."""
from __future__ import annotations

from ..doc import Doc
from .dates import find_dates
from .numbers import find_numbers
from .segment import split_sentences
from .tokenize import tokenize_sentences


class TextStage:
    """Fills doc.sentences, doc.tokens (each with its sentence index), doc.dates and
    doc.numbers. Dates come before numbers so a day or year is not taken for a count."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        doc.sentences = sentences = split_sentences(text)
        hits: list[int] = []      # numbers and the words dates and numbers start from
        doc.tokens = tokenize_sentences(text, sentences, hits)
        doc.dates = find_dates(doc, hits)
        doc.numbers = find_numbers(doc, hits)
        return doc
