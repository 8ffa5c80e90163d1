"""Training data for the NER model: ANERcorp + NewsFANE train files, a held-out dev split.

NewsFANE splits و/ف/ب/ل/ك off as tokens; they are re-attached to the next word so both
corpora share ANERcorp's tokenization. NewsFANE sentences whose text is also in the
ANERcorp dev split are dropped when a dev split is held out, so dev stays unseen.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from marsad.entities.bio import read_bio, to_coarse  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402

CLITIC_TOKENS = {"و", "ف", "ب", "ل", "ك"}
# NewsFANE classes ANERcorp does not tag as names (weapons, vehicles, food, substances...)
NEWSFANE_NOT_NAMES = {"Projectile", "Shooting", "Food", "Drug", "Plant", "Air", "Water",
                      "Land-Vehicle", "Chemical", "Blunt", "Exploding", "Nuclear", "Sharp",
                      "Sound", "Subarea-Vehicle"}
# ANERcorp tags currencies as MISC, NewsFANE leaves them O: such sentences are skipped
CURRENCY_STEMS = ("دولار", "يورو", "جنيه", "ريال", "درهم", "دينار", "ليره", "ليرات", "فرنك",
                  "استرليني", "ين")
DEV_FRACTION = 0.1


def attach_clitics(sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pending = ""
    for w, t in sent:
        if w in CLITIC_TOKENS and t == "O":
            pending += w
            continue
        out.append((pending + w, t))
        pending = ""
    if pending:
        out.append((pending, "O"))
    return out


def sentence_key(sent) -> str:
    return fold("".join(w for w, _ in sent))


def newsfane_tags(sent: list[tuple[str, str]], strict: bool) -> list[str] | None:
    """Coarse tags of a NewsFANE sentence; with `strict`, non-name classes become O and
    sentences mentioning a currency are dropped (None)."""
    tags = [t for _, t in sent]
    if not strict:
        return to_coarse(tags)
    for w, _ in sent:
        f = fold(w)
        if any(f.endswith(c) or f.endswith(c + "ا") or f.endswith(c + "ات") for c in CURRENCY_STEMS if len(c) > 2):
            return None
    return to_coarse(["O" if t != "O" and t[2:] in NEWSFANE_NOT_NAMES else t for t in tags])


def load(shared: Path, use_newsfane: bool, hold_out_dev: bool, strict_newsfane: bool = False):
    """(train, dev) lists of (words, coarse tags); dev is the last 10% of ANERcorp train."""
    aner = [s for s in read_bio(shared / "data/ner/anercorp_train.bio")]
    n_dev = int(len(aner) * DEV_FRACTION) if hold_out_dev else 0
    train_aner, dev = aner[:len(aner) - n_dev], aner[len(aner) - n_dev:]
    train = [([w for w, _ in s], to_coarse([t for _, t in s])) for s in train_aner]
    dev_out = [([w for w, _ in s], to_coarse([t for _, t in s])) for s in dev]
    if use_newsfane:
        dev_keys = {sentence_key(s) for s in dev}
        dev_text = "".join(sorted(dev_keys))
        for s in read_bio(shared / "data/ner/newsfane_train.bio"):
            s = attach_clitics(s)
            k = sentence_key(s)
            if dev_keys and (k in dev_keys or (len(k) > 40 and k[:40] in dev_text)):
                continue
            tags = newsfane_tags(s, strict_newsfane)
            if tags is not None:
                train.append(([w for w, _ in s], tags))
    return train, dev_out
