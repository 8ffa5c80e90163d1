"""CRF features for one word, built to be robust to how clitics were tokenized.

Training data attaches clitics (والميادين) while the runtime tokenizer may split them;
every word is described by its folded form, its clitic-stripped `core` (الميادين) and
its `bare` stem without the article (ميادين), plus affixes, shape and a word cluster.
Per-word features are cached, so a sentence costs a few list concatenations per token.
"""
from __future__ import annotations

from typing import Callable, Sequence

from ..text.normalize import fold

CONJ = "وف"
PREP = "بلك"


def core_form(key: str) -> str:
    """Strip a conjunction and a preposition before the article (وبالموصل → الموصل, للجيش → الجيش)."""
    k = key
    if len(k) > 4 and k[0] in CONJ and (k[1:3] == "ال" or k[1:3] == "لل" or (k[1] in PREP and k[2:4] == "ال")):
        k = k[1:]
    if len(k) > 4 and k[0] in PREP and k[1:3] == "ال":
        k = k[1:]
    elif len(k) > 3 and k[:2] == "لل":
        k = "ا" + k[1:]
    return k


def bare_form(core: str) -> str:
    """The core without the definite article (الميادين → ميادين)."""
    return core[2:] if len(core) > 4 and core.startswith("ال") else core


# words that announce a name of a given type next to them (folded, clitic-stripped forms)
TRIGGERS = {
    "ORG": "شركه نادي منتخب وكاله جمعيه حركه حزب جبهه مجلس هيئه منظمه جامعه مؤسسه اتحاد بنك "
           "صحيفه مجموعه فريق معهد مركز لجنه صندوق جيش قناه اذاعه مصرف تحالف",
    "PER": "السيد الرئيس وزير رئيس الشيخ الدكتور الامير الملك المستشار النائب الجنرال العقيد "
           "اللاعب المدرب الكاتب الفنان الزعيم السفير المتحدث قال اكد اوضح اضاف صرح زوجه نجل ابن",
    "LOC": "مدينه محافظه ولايه العاصمه عاصمه بلده قريه منطقه اقليم جزيره مقاطعه بحر نهر جبل "
           "شمال جنوب شرق غرب دوله",
}
TRIGGER_TYPE = {fold(w): typ for typ, ws in TRIGGERS.items() for w in ws.split()}


def shape(word: str) -> str:
    ch = word[0]
    if ch.isdigit():
        return "num"
    if "\u0600" <= ch <= "\u06ff":
        return "ar"
    if ch.isalpha():
        return "lat"
    return "punct" if len(word) == 1 else "sym"


class FeatureExtractor:
    """Word → cached feature lists; `sentence(words)` → one feature list per word."""

    def __init__(self, clusters: dict[str, tuple[str, str]] | None = None,
                 gazetteer: Callable[[Sequence[str]], list[list[str]]] | None = None,
                 known: frozenset[str] | None = None, ngrams: bool = False,
                 triggers: bool = False):
        self.clusters = clusters or {}
        self.gazetteer = gazetteer
        # attributes the trained model has weights for; others are dropped early, which
        # halves the work of handing features to crfsuite (None while training)
        self.known = known
        self._cache: dict[str, tuple[list[str], ...]] = {}
        self.ngrams = ngrams        # inner character trigrams (transliterated foreign names)
        self.triggers = triggers    # name-trigger classes lent to the next/previous 2 words

    def _word(self, word: str) -> tuple[list[str], ...]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        res = self.build_word(word)
        if len(self._cache) < 500_000:
            self._cache[word] = res
        return res

    def build_word(self, word: str, filter_known: bool = True) -> tuple[list[str], ...]:
        """(own, lent to -2, to -1, to +1, to +2 positions, [core]) features of a word, uncached."""
        key = fold(word)
        core = self._strip_known_clitic(core_form(key))
        bare = bare_form(core)
        cl, fq = self.clusters.get(core) or self.clusters.get(bare) or ("", "")
        own = ["w=" + key, "c=" + core, "b=" + bare, "p1=" + bare[:1], "p2=" + bare[:2],
               "p3=" + bare[:3], "p4=" + bare[:4], "s1=" + bare[-1:], "s2=" + bare[-2:],
               "s3=" + bare[-3:], "s4=" + bare[-4:], "kp2=" + key[:2], "kp3=" + key[:3],
               "sh=" + shape(word), "len=" + str(min(len(bare), 8)), "f=" + (fq or "oov")]
        if core != key:
            own.append("clitic")
        if core.startswith("ال"):
            own.append("al")
        if key.startswith("و") and len(key) > 3:
            own.append("nw=" + key[1:])
        if cl:
            own.append("k4=" + cl[:4])
            own.append("k8=" + cl[:8])
            own.append("k=" + cl)
        m2 = ["-2c=" + core]
        m1 = ["-1w=" + key, "-1c=" + core, "-1b=" + bare, "-1p3=" + bare[:3], "-1s2=" + bare[-2:],
              "-1s3=" + bare[-3:], "-1f=" + (fq or "oov")]
        p1 = ["+1w=" + key, "+1c=" + core, "+1b=" + bare, "+1p3=" + bare[:3], "+1s2=" + bare[-2:],
              "+1s3=" + bare[-3:], "+1f=" + (fq or "oov")]
        p2 = ["+2c=" + core]
        if self.ngrams and len(bare) > 4:
            own += ["g3=" + bare[j:j + 3] for j in range(1, len(bare) - 3)]
        if self.triggers:
            typ = TRIGGER_TYPE.get(core) or TRIGGER_TYPE.get(bare)
            if typ is not None:
                m1.append("-1t=" + typ)
                m2.append("-2t=" + typ)
                p1.append("+1t=" + typ)
                p2.append("+2t=" + typ)
        if cl:
            m1.append("-1k=" + cl[:8])
            m1.append("-1k4=" + cl[:4])
            p1.append("+1k=" + cl[:8])
            p1.append("+1k4=" + cl[:4])
            m2.append("-2k=" + cl[:4])
            p2.append("+2k=" + cl[:4])
        if self.known is not None and filter_known:
            kn = self.known
            own, m2, m1, p1, p2 = ([f for f in fs if f in kn] for fs in (own, m2, m1, p1, p2))
        return (own, m2, m1, p1, p2, [core])

    def _strip_known_clitic(self, core: str) -> str:
        """Take و/ف then ب/ل/ك off a word when what remains is a more frequent corpus word
        (بدارفور → دارفور), as the runtime tokenizer does with its vocabulary."""
        cl = self.clusters
        if not cl:
            return core
        k = core
        for letters in ("وف", "بلك"):
            if len(k) > 3 and k[0] in letters:
                rest = k[1:]
                hit = cl.get(rest)
                if hit is not None:
                    own = cl.get(k)
                    if own is None or int(hit[1] or 0) > int(own[1] or 0) + 2:
                        k = rest
        return k

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        info = [self._word(w) for w in words]
        n = len(info)
        gaz = self.gazetteer([x[5][0] for x in info]) if self.gazetteer else None
        out = []
        kn = self.known
        for i in range(n):
            f = ["bias"]
            f += info[i][0]
            if i >= 2:
                f += info[i - 2][1]
            if i >= 1:
                f += info[i - 1][2]
                bg = "bg=" + info[i - 1][5][0] + "|" + info[i][5][0]
                if kn is None or bg in kn:
                    f.append(bg)
            else:
                f.append("BOS")
            if i + 1 < n:
                f += info[i + 1][3]
                fg = "fg=" + info[i][5][0] + "|" + info[i + 1][5][0]
                if kn is None or fg in kn:
                    f.append(fg)
            else:
                f.append("EOS")
            if i + 2 < n:
                f += info[i + 2][4]
            if gaz is not None and gaz[i]:
                f += gaz[i]
            out.append(f)
        return out
