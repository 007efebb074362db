"""Flags on a short text (a post, comment, message, invitation note or a draft): sales pitch,
heated wording, possible confidentiality leaks. One home for these rules: the wording lists
are data (rules.toml); what cannot be a word list (the grammar of an amount, shouting, the
professional's own clients' names) is found here in code. Measured on a labelled sample:
docs/text-flags.md.

`flag_text` is the only entry point the rest of the product uses."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORDING_FLAGS = ("pitch", "heated", "confidential", "internal_document")
FLAGS = (*WORDING_FLAGS, "internal_figures", "client_name")
# The flags behind one figure, as the score's evidence rules open them ("leak": leak_count).
FLAG_GROUPS = {
    "pitch": ("pitch",),
    "heated": ("heated",),
    "leak": ("confidential", "internal_document", "internal_figures", "client_name"),
}
EXCERPT_CHARS = 60
LANGUAGES = ("fr", "en")

# An amount that reads like a business figure, on folded text: a currency sign, "k", "M",
# "million(s)" or a percentage. A bare number ("5 ideas", "2019") is not an amount.
_AMOUNT = (
    r"(?:[$€£]\s?\d[\d.,]*\s?(?:k|m|bn|millions?|milliards?)?"
    r"|\d[\d.,]*(?:[\s\u00a0\u202f]\d{3})*\s?"
    r"(?:k€|m€|k\$|m\$|k|m|bn|millions?|milliards?|%|€|\$|£|euros?|dollars?|pounds?)(?!\w))"
)
_GAP_AFTER = r"[^.\n!?;]{0,40}?"  # keyword, then the amount a few words later
_GAP_BEFORE = r"[^.\n!?;]{0,25}?"  # "$2.3M in new bookings"
# French "CA" (chiffre d'affaires) only in capitals: folded, it would be "ça".
_CA = re.compile(r"(?<!\w)CA(?!\w)")
_CA_FIGURES = re.compile(f"{_CA.pattern}{_GAP_AFTER}{_AMOUNT}")
# Shouting: three exclamation marks, or four words in capitals in a row.
_SHOUT = re.compile(r"!{3,}|(?<!\w)[A-ZÀ-Þ]{2,}(?:[\s,']+[A-ZÀ-Þ]{2,}){3,}(?!\w)")
_FOLDED_PUNCTUATION = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " "}


@dataclass(frozen=True)
class Flag:
    code: str  # one of FLAGS
    start: int
    end: int
    excerpt: str  # the matched words with a little context, at most ~2×EXCERPT_CHARS


def _alternatives(entries: Iterable[str]) -> str:
    return r"(?<!\w)(?:" + "|".join(f"(?:{e})" for e in entries) + r")(?!\w)"


@cache
def _rules() -> dict:
    return tomllib.loads((Path(__file__).parent / "rules.toml").read_text(encoding="utf-8"))


@cache
def _patterns() -> dict[str, tuple[re.Pattern, re.Pattern | None]]:
    """{flag: (its wording, what cancels it)}, compiled once per process."""
    data = _rules()
    compiled = {}
    for code in WORDING_FLAGS:
        wording = [p for lang in LANGUAGES for p in data[code][lang]]
        unless = data[code].get("unless") or []
        compiled[code] = (
            re.compile(_alternatives(wording)),
            re.compile(_alternatives(unless)) if unless else None,
        )
    return compiled


@cache
def _figures() -> re.Pattern:
    data = _rules()["internal_figures"]
    keywords = _alternatives(p for lang in LANGUAGES for p in data[lang])
    return re.compile(f"{keywords}{_GAP_AFTER}{_AMOUNT}|{_AMOUNT}{_GAP_BEFORE}{keywords}")


def fold(text: str) -> str:
    """Lower case without accents, apostrophes straightened, same length as the input (so a
    match on the folded text is a span of the original)."""
    out = []
    for ch in text:
        if ch in _FOLDED_PUNCTUATION:
            out.append(_FOLDED_PUNCTUATION[ch])
        elif ch.isalpha():
            out.append(unicodedata.normalize("NFKD", ch)[0].lower()[0])
        else:
            out.append(ch)
    return "".join(out)


def _blank(text: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        return text
    return pattern.sub(lambda m: " " * (m.end() - m.start()), text)


def _excerpt(text: str, start: int, end: int) -> str:
    left = max(0, start - EXCERPT_CHARS // 2)
    right = min(len(text), end + EXCERPT_CHARS // 2)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def _flag(code: str, text: str, match: re.Match) -> Flag:
    return Flag(code, match.start(), match.end(), _excerpt(text, *match.span()))


def flag_text(text: str, *, client_names: Iterable[str] = ()) -> list[Flag]:
    """Every flag raised by `text`, at most one per code, in the order of FLAGS.
    `client_names`: the professional's own clients (companies or people) from their contacts."""
    folded = fold(text)
    flags = []
    for code, (wording, unless) in _patterns().items():
        match = wording.search(_blank(folded, unless))
        if match is None and code == "heated":
            match = _SHOUT.search(text)
        if match:
            flags.append(_flag(code, text, match))
    match = _figures().search(folded)
    if match is None and _CA.search(text):
        match = _CA_FIGURES.search(_ca_view(text, folded))
    if match:
        flags.append(_flag("internal_figures", text, match))
    for name in client_names:
        key = fold(name.strip())
        if len(key) < 3:
            continue
        if match := re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", folded):
            flags.append(_flag("client_name", text, match))
            break
    return flags


def _ca_view(text: str, folded: str) -> str:
    """The folded text with the capital "CA" put back, for the French keyword."""
    chars = list(folded)
    for m in _CA.finditer(text):
        chars[m.start() : m.end()] = "CA"
    return "".join(chars)
