"""Word tokenization with offset-exact clitic splitting.

A word is split into a conjunction (و ف), a preposition (ب ل ك) and a stem when the
stem is a definite noun (وال… بال… لل…) or a word the news vocabulary knows well
enough on its own; the article ال stays attached, so names stay whole
(والميادين → و + الميادين, وأشار → و + أشار, القلمون and فيصل stay whole). A stem
the vocabulary lacks still counts as known when it is a known word plus an attached
pronoun (وتحديثها → و + تحديثها), and a rare word after و is taken as و + word.
On hand-segmented held-out words this is right for ~90% of word types
(tests/test_text_tokenize.py).

Splitting decisions depend only on the word, so they are made once per word form
and cached; the per-token hot path is one regex match and one dict lookup.
"""
from __future__ import annotations

import functools
import re

from ..doc import Token
from .normalize import fold

AR_LETTERS = "\u0621-\u063A\u0641-\u064A\u066E-\u066F\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF"
AR_MARKS = "\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d"
DIGITS = "0-9\u0660-\u0669\u06F0-\u06F9"

TOKEN_RE = re.compile(
    rf"[{AR_LETTERS}][{AR_LETTERS}{AR_MARKS}]*"
    rf"|[{DIGITS}]+(?:[.,:/\u066B\u066C][{DIGITS}]+)*"
    r"|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?"
    r"|[^\s]"
)
TOKEN_WS_RE = re.compile(rf"({TOKEN_RE.pattern})(\s*)")
_AR_FIRST = re.compile(rf"[{AR_LETTERS}]")
_DIGIT_FIRST = re.compile(rf"[{DIGITS}]")
_LATIN_FIRST = re.compile(r"[A-Za-z\u00C0-\u024F]")

# (max count(word)/count(stem), min stem length) for splitting a clitic off before a
# known stem. Measured on the vocabulary: و and ب before a known word are nearly
# always clitics; ف and ك begin many words of their own (فيصل, كبير), so they split
# only when the stem is far more frequent than the whole word.
CLITIC_RULES = {"و": (25.0, 3), "ف": (0.3, 3), "ب": (12.0, 3), "ل": (12.0, 3), "ك": (0.2, 4)}
CONJ = "وف"
PREP = "بلك"
# Frequent words that begin with a clitic letter but are not clitic + stem.
NEVER_SPLIT = frozenset(fold(w) for w in (
    "واحد", "واحدا", "واحدة", "وادي", "وحدة", "وحده", "وجود", "وسائل", "وزير", "وزارة", "ولاية",
    "وكالة", "وطن", "وطني", "وطنية", "وسط", "وفد", "وقت", "ورد", "وليد", "وائل", "وجه", "وضع",
    "فيصل", "فتحت", "فريد", "فؤاد", "فساد", "فداء", "فورد", "فيهم", "فيها", "فيه", "فيما",
    "بطولة", "بطاقة", "بلدية", "بلدة", "باتت", "بات", "بعيد", "بعيدا", "بشار", "بكر", "بلال",
    "لجنة", "لجان", "لدينا", "لدى", "لبنان", "ليبيا", "لندن", "لقاء", "لواء",
    "كانت", "كان", "كبير", "كافة", "كامل", "كلية", "كبرى", "كلام", "كريم", "كمال", "كمين",
))
MIN_WORD = 4          # words of 3 letters or fewer are never split (لها, كل, بل)
_CLITIC_FIRST = frozenset(CONJ + PREP)

TokenPiece = tuple[int, int, str, str]   # (start, end) within the word, norm, kind


@functools.cache
def word_counts() -> dict[str, int]:
    """Folded word form → corpus count (resources/text/vocab.txt); empty if absent."""
    try:
        from ..resources import load_text_lines
        lines = load_text_lines("text/vocab.txt")
    except (FileNotFoundError, ImportError):
        return {}
    counts = {}
    for line in lines:
        word, _, count = line.partition("\t")
        counts[word] = int(count) if count.isdigit() else 1
    return counts


def _splits_before_stem(clitic: str, word: str, stem: str, counts: dict[str, int]) -> bool:
    """Whether `word` = `clitic` + `stem` should be split (all folded)."""
    if word in NEVER_SPLIT or len(word) < MIN_WORD:
        return False
    if stem.startswith("ال"):
        # وال… بال… فال… كال…: a clitic before the article, unless the whole word is a
        # known form whose remainder is not (فالنسيا, والتر)
        if len(stem) < 4 or (word in counts and stem not in counts):
            return False
        return len(stem) >= 5 or stem in counts
    max_ratio, min_stem = CLITIC_RULES[clitic]
    if len(stem) < min_stem:
        return False
    stem_count = counts.get(stem, 0)
    if not stem_count and clitic in SUFFIX_CLITICS:
        stem_count = _base_count(stem, counts)
    if stem_count < 5:
        # a rare word after و is far more often و + a rare word than a word of its own
        return clitic == "و" and len(stem) >= 4 and word not in counts and bool(counts)
    return counts.get(word, 0) <= max_ratio * stem_count


# Attached pronouns: وتحديثها is و + تحديث + ها, and the vocabulary knows تحديث.
SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك")
SUFFIX_CLITICS = "وبل"      # ف and ك begin too many words for this (فاعليتها)


def _base_count(stem: str, counts: dict[str, int]) -> int:
    """Count of `stem` without an attached pronoun (حوزته → حوزه), 0 if unknown."""
    for suffix in SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            base = stem[:-len(suffix)]
            count = counts.get(base, 0)
            if not count and base.endswith("ت"):
                count = counts.get(base[:-1] + "ه", 0)
            if count:
                return count
    return 0


def split_key(key: str) -> list[tuple[int, int, str]]:
    """Split a folded word into (start, end, norm) pieces of the folded string.

    >>> [p for _, _, p in split_key("والميادين")]
    ['و', 'الميادين']
    """
    n = len(key)
    if n < MIN_WORD or key[0] not in _CLITIC_FIRST:
        return [(0, n, key)]
    counts = word_counts()
    pieces: list[tuple[int, int, str]] = []
    i = 0
    if key[0] in CONJ and _splits_before_stem(key[0], key, key[1:], counts):
        pieces.append((0, 1, key[0]))
        i = 1
    if n - i >= MIN_WORD and key[i] in PREP:
        rest = key[i + 1:]
        if key[i] == "ل" and rest.startswith("ل") and len(rest) >= 4 and rest not in NEVER_SPLIT \
                and not (key[i:] in counts and "ا" + rest not in counts):
            pieces.append((i, i + 1, "ل"))            # لل + تحالف → ل + لتحالف (norm التحالف)
            pieces.append((i + 1, n, "ا" + rest))
            return pieces
        if _splits_before_stem(key[i], key[i:], rest, counts):
            pieces.append((i, i + 1, key[i]))
            i += 1
    pieces.append((i, n, key[i:]))
    return pieces


def _analyze_word(surface: str) -> tuple[TokenPiece, ...]:
    """Pieces of one token's surface: (start, end, norm, kind), offsets within the surface."""
    first = surface[0]
    if _AR_FIRST.match(first):
        key = fold(surface)
        if not key:
            return ((0, len(surface), surface, "word"),)
        if len(key) == 1 and key in CLITIC_RULES and surface[-1] == "\u0640":
            return ((0, len(surface), key, "clitic"),)     # لـ«الشرق»: clitic written apart
        pieces = split_key(key)
        if len(pieces) == 1:
            return ((0, len(surface), key, "word"),)
        if len(key) == len(surface):
            positions = range(len(surface) + 1)
        else:   # diacritics or tatweel inside: folded index → surface index
            positions = [i for i, ch in enumerate(surface) if fold(ch)] + [len(surface)]
        out = []
        last = len(pieces) - 1
        for k, (a, b, norm) in enumerate(pieces):
            start = 0 if k == 0 else positions[a]
            end = len(surface) if k == last else positions[pieces[k + 1][0]]
            out.append((start, end, norm, "word" if k == last else "clitic"))
        return tuple(out)
    if _DIGIT_FIRST.match(first):
        kind = "num"
    elif _LATIN_FIRST.match(first):
        kind = "latin"
    else:
        kind = "punct"
    return ((0, len(surface), fold(surface), kind),)


# the hot path keeps its own bounded cache (below); this one serves outside callers
analyze_word = functools.lru_cache(maxsize=4096)(_analyze_word)


def tokenize(text: str, split: bool = True, start: int = 0, end: int | None = None,
             sent: int = 0) -> list[Token]:
    """Tokens of `text[start:end]` with exact offsets into `text`.

    `split=False` keeps clitics attached; `sent` is stored on every token.
    """
    tokens: list[Token] = []
    append_tokens(text, tokens, start, len(text) if end is None else end, sent, split)
    return tokens


_WS = frozenset(" \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\x1c\x1d\x1e\x1f\x85")
_watched: set[str] = set()

# Whitespace-free chunk of text (a word, or a word with its punctuation) → how it
# tokenizes. Two generations of at most CACHE_SIZE forms: when the young one fills it
# becomes the old one, and a form found only in the old one moves back, so frequent
# forms stay and memory is bounded however long the stream. A plain word (one piece,
# kind "word", not watched) is stored as its norm alone, which is the chunk itself
# when folding changes nothing: no per-entry objects for most of the cache.
# Size: at 1<<17 forms a generation, `marsad analyze --stages text` peaks at 100 MB however
# long the stream; 3<<16 took 147 MB for about 3% more speed (2,150 vs 2,085 articles/s).
CACHE_SIZE = 1 << 17
_young: dict[str, str | tuple] = {}
_old: dict[str, str | tuple] = {}


def watch(norms) -> None:
    """Have `append_tokens` report tokens with these norms (and all numbers).

    Later layers (dates, numbers) register the few words they start from, so they
    visit a handful of tokens instead of walking the whole list again."""
    global _young, _old
    _watched.update(norms)
    _young, _old = {}, {}


_SHARED: dict[tuple, tuple] = {}


def _piece(text: str, start: int, end: int, norm: str, kind: str, watched: bool, space_after: bool) -> tuple:
    """One piece of a cache entry; the norm reuses the text when equal, and short pieces
    (clitics, punctuation), which recur in thousands of entries, are shared."""
    if norm == text:
        norm = text
    piece = (text, start, end, norm, kind, watched, space_after)
    if len(text) <= 2 and len(_SHARED) < 20_000:
        piece = _SHARED.setdefault(piece, piece)
    return piece


_AR_PLAIN = re.compile(f"[{AR_LETTERS}]+")


def _plain_word_entry(chunk: str) -> str | tuple:
    """`_chunk_entry` of a chunk of Arabic letters only (no marks, digits or punctuation),
    the most common new form: its fold keeps every offset, so pieces map 1:1."""
    key = fold(chunk)
    pieces = split_key(key)
    if len(pieces) == 1:
        if key in _watched:
            return (_piece(chunk, 0, len(chunk), key, "word", True, True),)
        return chunk if key == chunk else key
    n = len(chunk)
    last = pieces[-1][0]
    return tuple(_piece(chunk[a:b], a, b, norm, "word" if a == last else "clitic", norm in _watched, b == n)
                 for a, b, norm in pieces)


def _chunk_entry(chunk: str) -> str | tuple:
    """Cache entry of a chunk: its norm if it is one plain word (see above), else a tuple
    of pieces (text, start, end, norm, kind, watched, space_after), offsets within it."""
    global _young, _old
    value = _old.get(chunk)
    if value is None and _AR_PLAIN.fullmatch(chunk):
        value = _plain_word_entry(chunk)
    if value is None:
        surfaces = TOKEN_RE.findall(chunk)
        if len(surfaces) == 1:
            pieces = _analyze_word(chunk)
            if len(pieces) == 1:
                _, _, norm, kind = pieces[0]
                watched = kind == "num" or norm in _watched
                if kind == "word" and not watched:
                    value = chunk if norm == chunk else norm
                else:
                    value = (_piece(chunk, 0, len(chunk), norm, kind, watched, True),)
            else:
                last = len(chunk)
                value = tuple(_piece(chunk[a:b], a, b, norm, kind, norm in _watched, b == last)
                              for a, b, norm, kind in pieces)
        else:
            out = []
            offset = 0
            total = len(chunk)
            for surface in surfaces:
                entry = _young.get(surface) or _chunk_entry(surface)
                if entry.__class__ is str:
                    end = offset + len(surface)
                    out.append(_piece(surface, offset, end, entry, "word", False, end == total))
                else:
                    for text, a, b, norm, kind, watched, _ in entry:
                        out.append(_piece(text, offset + a, offset + b, norm, kind, watched, offset + b == total))
                offset += len(surface)
            value = tuple(out)
    if len(_young) >= CACHE_SIZE:
        _young, _old = {}, _young
    _young[chunk] = value
    return value


def append_tokens(text: str, tokens: list[Token], start: int, end: int, sent: int,
                  split: bool = True, hits: list[int] | None = None) -> None:
    """Append the tokens of `text[start:end]`, all of sentence `sent`, to `tokens`.

    If `hits` is given, the indices of numbers and `watch`ed tokens are appended to it.
    """
    if not split:
        _append_unsplit(text, tokens, start, end, sent, hits)
        return
    before = len(tokens)
    _append_chunks(text, text[start:end].split(), start, {sent: end}, sent, sent, tokens,
                   [] if hits is None else hits)
    if len(tokens) > before and tokens[-1].end == end:    # whitespace past `end` was not read
        tokens[-1].space_after = end < len(text) and text[end] in _WS


def tokenize_sentences(text: str, sentences: list, hits: list[int]) -> list[Token]:
    """Tokens of a whole article, each with the index of its sentence in `sentences`
    (which must cover every non-space character, as `split_sentences` does).

    Same tokens as `append_tokens` sentence by sentence, in one pass over `text.split()`
    without slicing each sentence out.
    """
    tokens: list[Token] = []
    if sentences:
        _append_chunks(text, text.split(), 0, [sent.end for sent in sentences], 0,
                       len(sentences) - 1, tokens, hits)
        if tokens and tokens[-1].end == len(text):
            tokens[-1].space_after = False
    return tokens


def _append_chunks(text: str, chunks: list[str], s: int, ends, k: int, last: int,
                   tokens: list[Token], hits: list[int]) -> None:
    """The stage's hot path: tokens of whitespace-free `chunks` of `text`, found from
    offset `s` on, in sentences k..last ending at `ends[k]`..`ends[last]`.

    Each chunk is looked up whole in the cache, and `find` from the previous chunk's end
    gives its offset. A chunk a sentence boundary cuts (glued سوريا.وقال) is tokenized
    piece by piece, per sentence.
    """
    append = tokens.append
    get = _young.get
    find = text.find
    new = object.__new__
    send = ends[k]
    for chunk in chunks:
        s = find(chunk, s)
        e = s + len(chunk)
        if e > send:                    # past the sentence's end: the next sentence(s)
            while s >= send and k < last:
                k += 1
                send = ends[k]
            if e > send:                # a boundary falls inside the chunk
                a = s
                while True:
                    b = e if e < send or k == last else send
                    if b > a:
                        append_tokens(text, tokens, a, b, k, True, hits)
                    if b >= e:
                        break
                    k += 1
                    send = ends[k]
                    a = b
                s = e
                continue
        entry = get(chunk) or _chunk_entry(chunk)      # entries are never empty
        if entry.__class__ is str:
            # a plain word; Token's fields are set directly, as a dataclass __init__
            # call costs a third more
            tok = new(Token)
            tok.text = chunk
            tok.start = s
            tok.end = e
            tok.norm = entry
            tok.kind = "word"
            tok.sent = k
            tok.space_after = True
            append(tok)
        else:
            for piece, a, b, norm, kind, watched, space_after in entry:
                if watched:
                    hits.append(len(tokens))
                tok = new(Token)
                tok.text = piece
                tok.start = s + a
                tok.end = s + b
                tok.norm = norm
                tok.kind = kind
                tok.sent = k
                tok.space_after = space_after
                append(tok)
        s = e


def _append_unsplit(text: str, tokens: list[Token], start: int, end: int, sent: int,
                    hits: list[int] | None) -> None:
    """`append_tokens` with clitics left attached (a word's norm is its whole fold)."""
    s = start
    while s < end and text[s].isspace():
        s += 1
    before = len(tokens)
    for surface, ws in TOKEN_WS_RE.findall(text, s, end):
        e = s + len(surface)
        pieces = _analyze_word(surface)
        if len(pieces) == 1:
            _, _, norm, kind = pieces[0]
        else:
            norm, kind = fold(surface), "word"
        if hits is not None and (kind == "num" or len(pieces) == 1 and norm in _watched):
            hits.append(len(tokens))
        tokens.append(Token(surface, s, e, norm, kind, sent, ws != ""))
        s = e + len(ws)
    if len(tokens) > before and tokens[-1].end == end:
        tokens[-1].space_after = end < len(text) and text[end] in _WS


def split_clitics(word: str) -> list[tuple[int, int, str]]:
    """(start, end, norm) pieces of one word, offsets within the word."""
    return [(a, b, norm) for a, b, norm, _ in analyze_word(word)] if word else []
