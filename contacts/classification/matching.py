"""Fast matching of ordered keyword rules and of known organisation names (see Rules)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .text import normalise

Keywords = tuple[str, tuple[str, ...]]  # a rule: a code and its keywords

_LOOKBEHINDS = re.compile(r"^(?:\(\?<[!=][^)]*\))+")
_ANY_START = "abcdefghijklmnopqrstuvwxyz0123456789"


def first_characters(keyword: str) -> str:
    """The characters a keyword can start with, or _ANY_START when not worked out."""
    keyword = _LOOKBEHINDS.sub("", keyword)
    if keyword[:1].isalnum():
        return keyword[0]
    if keyword.startswith("(?:"):  # a group of alternatives: the first characters of each
        depth, alternatives, current = 0, [], ""
        for position, character in enumerate(keyword[3:], start=3):
            if character == "(":
                depth += 1
            elif character == ")" and depth:
                depth -= 1
            elif character == ")":
                rest = keyword[position + 1 :]
                if rest[:1] in ("?", "*", "{"):
                    break
                return "".join(
                    sorted({c for a in (*alternatives, current) for c in first_characters(a)})
                )
            elif character == "|" and not depth:
                alternatives.append(current)
                current = ""
                continue
            elif character == "\\":
                break
            current += character
    return _ANY_START


class Rules:
    """Ordered rules: the first rule that matches anywhere in a text wins, at its leftmost match.

    Built for speed (30,000 contacts in well under a second): the keywords are compiled into
    one regular expression per first letter, with one named group per rule, and each word of
    the text is matched once against the expression of its first letter. At a given word, the
    expression reports the first rule that matches there (rules are tried in order, and within
    a rule longer keywords first, so that "chef de projet" is reported before "chef"); the
    best rule over all words wins. The same as trying each rule's keywords on the whole text
    one rule after the other, with a single pass over the words.
    """

    def __init__(self, rules: Iterable[Keywords]) -> None:
        rules = tuple(rules)
        self.codes = tuple(code for code, _ in rules)
        by_start: dict[str, list[list[str]]] = {}
        for index, (_, keywords) in enumerate(rules):
            for keyword in keywords:
                for start in first_characters(keyword):
                    by_start.setdefault(start, [[] for _ in rules])[index].append(keyword)
        self.patterns = {
            start: re.compile(
                "|".join(
                    rf"(?P<r{index}>{'|'.join(sorted(set(keywords), key=len, reverse=True))})\b"
                    for index, keywords in enumerate(groups)
                    if keywords
                )
            )
            for start, groups in by_start.items()
        }

    def match(self, text: str) -> tuple[str, str] | None:
        """(code, matched words) of the first rule that matches the normalised text."""
        best_index, best_words = len(self.codes), ""
        start = 0
        for word in text.split(" "):
            pattern = self.patterns.get(word[:1])
            if pattern:
                found = pattern.match(text, start)
                if found:
                    group = found.lastgroup or ""
                    index = int(group[1:])
                    if index < best_index:
                        best_index, best_words = index, found.group(group)
                        if index == 0:
                            break
            start += len(word) + 1
        return (self.codes[best_index], best_words) if best_words else None


class Brands:
    """Known organisation names (as people write them) by sector, found by dictionary look-up
    of the text's word sequences: hundreds of names in a regular expression would be tried one
    by one at each word."""

    def __init__(self, brands: Mapping[str, Iterable[str]]) -> None:
        self.sectors = {
            normalise(name): sector for sector, names in brands.items() for name in names
        }
        self.first_words = frozenset(name.split()[0] for name in self.sectors)
        self.max_words = max(len(name.split()) for name in self.sectors)

    def match(self, text: str) -> tuple[str, str] | None:
        """(sector, name) of the leftmost, then longest, known name in the normalised text."""
        sectors, first_words, max_words = self.sectors, self.first_words, self.max_words
        words = text.split()
        for start, word in enumerate(words):
            if word in first_words:
                for end in range(min(len(words), start + max_words), start, -1):
                    name = " ".join(words[start:end])
                    if name in sectors:
                        return sectors[name], name
        return None
