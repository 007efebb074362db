"""Normalisation: the form both the rules and the contacts' texts are compared in."""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i"})
_SEPARATORS = re.compile(r"[\W_]")


def _fold(text: str) -> str:
    # Decompose, fold the case (which can add accents: "İ" gives "i̇"), decompose again, drop the
    # marks, spell out a few letters and turn anything but letters and digits into a space:
    # "É" -> "e", "ﬁ" -> "fi", "²" -> "2", "ß" -> "ss", "’" -> " ".
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(c for c in folded if not unicodedata.category(c).startswith("M"))
    return _SEPARATORS.sub(" ", bare.translate(_LETTERS))


class _FoldingTable(dict[int, str]):
    """A str.translate table from each character to its folded form, filled as characters come.

    Folding character by character is the same as folding the text (case folding and
    decomposition work character by character, and the marks that decomposition might reorder
    are dropped), and str.translate runs in C: ten times faster than folding each text.
    """

    def __missing__(self, code: int) -> str:
        folded = _fold(chr(code))
        while (again := _fold(folded)) != folded:  # reach a fixed point, so that normalise is
            folded = again  # idempotent whatever Unicode does
        self[code] = folded
        return folded


_FOLDING = _FoldingTable()


def normalise(text: str) -> str:
    """Lower case, accents removed, anything but letters and digits turned into single spaces.

    "  Chargée d'Affaires — R.H. " gives "chargee d affaires r h".
    """
    return " ".join(text.translate(_FOLDING).split())
