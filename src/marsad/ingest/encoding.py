"""Bytes to text: BOMs, UTF-8, UTF-16, Windows-1256 and ISO-8859-6, with binary refused.

Arabic pages from older sites still come in Windows-1256 or ISO-8859-6; both decode
any byte string "successfully", so the choice is made by how Arabic the result looks.
"""
from __future__ import annotations

import codecs
import re

from ..errors import InputError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_OK = {9, 10, 12, 13}
_BAD_CONTROLS = bytes(b for b in range(32) if b not in _CONTROL_OK)


def _arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _BAD_CONTROLS))   # counted in C
    return controls / len(sample) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM shows a zero (Latin) or 0x06 (Arabic) byte in every other place."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if (high.count(0) + high.count(6)) / len(high) > 0.9:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes, where: str = "<input>") -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError with a readable reason."""
    if not data or not data.strip():
        raise InputError("empty input", where)
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as e:
                raise InputError(f"invalid {enc} after its byte-order mark (byte {e.start})", where) from None
    text = _utf16_without_bom(data)
    if text is not None:
        return text, "utf-16"
    if b"\x00" in data[:8192] or _looks_binary(data):
        raise InputError("binary file, not text (no article to read)", where)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        candidates = []
        for enc in ("cp1256", "iso-8859-6"):
            try:
                candidates.append((_arabic_ratio(decoded := data.decode(enc)), enc, decoded))
            except UnicodeDecodeError:
                continue
        candidates.sort(key=lambda c: c[0], reverse=True)
        if candidates and candidates[0][0] >= 0.5:
            return candidates[0][2], candidates[0][1]
        raise InputError(f"cannot decode: not UTF-8 (bad byte at offset {utf8_error.start}), "
                         "UTF-16, Windows-1256 or ISO-8859-6", where) from None


def _char_class(chars) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]+")


_AR_RANGES = [*range(0x0600, 0x0700), *range(0x0750, 0x0900)]
_AR_LETTERS_RE = _char_class(c for c in map(chr, _AR_RANGES) if c.isalpha())
_LATIN_LETTERS_RE = _char_class(c for c in map(chr, range(0x250)) if c.isalpha())
# characters of the usual scripts and punctuation blocks that are not letters
_NOT_LETTERS_RE = _char_class(c for c in map(chr, [*range(0x250), *_AR_RANGES, *range(0x2000, 0x2070)])
                              if not c.isalpha())


def detect_language(text: str) -> str:
    """'ar' when Arabic letters dominate, 'en'-like Latin text as 'und' otherwise.

    Letters are counted by deleting runs of known Arabic letters, non-letters and Latin
    letters with regexes (C speed); only characters of other blocks, rare in this
    news, are tested one by one. Same counts as testing `isalpha` on every character."""
    sample = text[:5000]
    rest = _AR_LETTERS_RE.sub("", sample)
    ar = len(sample) - len(rest)
    rest = _NOT_LETTERS_RE.sub("", rest)
    other = _LATIN_LETTERS_RE.sub("", rest)
    latin = len(rest) - len(other)
    letters = ar + latin + sum(1 for c in other if c.isalpha())
    if not letters:
        return "und"
    if ar / letters >= 0.5:
        return "ar"
    return "en" if latin / letters >= 0.5 else "und"
