"""Flags on a short text (a post, comment, message, invitation note or a draft): sales pitch,
heated wording, possible confidentiality leaks. One home for these rules: the wording lists
are data (rules.toml); what cannot be a word list (internal figures, the professional's own
clients' names) is found here in code.

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
EXCERPT_CHARS = 60

# Amounts and percentages that read like internal figures: revenue, margins, budgets.
_FIGURES = re.compile(
    r"(?:\b(?:CA|chiffre d'affaires|marge|budget|revenue|margin|turnover|EBITDA)\b[^.\n]{0,40}?"
    r"\d[\d\s.,]*\s?(?:k|K|M|m|millions?|%|€|\$|£|euros?))"
)


@dataclass(frozen=True)
class Flag:
    code: str  # one of FLAGS
    start: int
    end: int
    excerpt: str  # the matched words with a little context, at most ~2×EXCERPT_CHARS


@cache
def _patterns() -> dict[str, re.Pattern]:
    data = tomllib.loads((Path(__file__).parent / "rules.toml").read_text(encoding="utf-8"))
    compiled = {}
    for code in WORDING_FLAGS:
        alternatives = [p for lang in ("fr", "en") for p in data[code][lang]]
        compiled[code] = re.compile(
            r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE
        )
    return compiled


def _fold(text: str) -> str:
    """Lower case without accents, same length as the input (for name matching)."""
    return "".join(
        unicodedata.normalize("NFKD", ch)[0].lower() if ch.isalpha() else ch for ch in text
    )


def _excerpt(text: str, start: int, end: int) -> str:
    left = max(0, start - EXCERPT_CHARS // 2)
    right = min(len(text), end + EXCERPT_CHARS // 2)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def flag_text(text: str, *, client_names: Iterable[str] = ()) -> list[Flag]:
    """Every flag raised by `text`, at most one per code, in the order of FLAGS.
    `client_names`: the professional's own clients (companies or people) from their contacts."""
    flags = []
    for code, pattern in _patterns().items():
        if match := pattern.search(text):
            flags.append(Flag(code, match.start(), match.end(), _excerpt(text, *match.span())))
    if match := _FIGURES.search(text):
        flags.append(
            Flag("internal_figures", match.start(), match.end(), _excerpt(text, *match.span()))
        )
    folded = _fold(text)
    for name in client_names:
        key = _fold(name.strip())
        if len(key) < 3:
            continue
        if match := re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", folded):
            flags.append(
                Flag("client_name", match.start(), match.end(), _excerpt(text, *match.span()))
            )
            break
    return flags
