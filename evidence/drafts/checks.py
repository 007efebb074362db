"""The draft check's findings: the text flags (evidence.textflags) read for the kind of draft
and its recipient, each with its tip (tips.toml). Pure: no Django, no ORM."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from config.typography import french
from evidence.textflags import LANGUAGES, flag_text, fold

KINDS = ("post", "comment", "message", "invitation")
DIRECT = ("message", "invitation")  # written to one person
MIN_NOTE_WORDS = 8  # fewer words than this is not a personal note
MAX_CHARS = 5000  # longer than any post the networks accept
# The order findings are shown in: what harms most first.
ORDER = (
    "cold_executive",
    "pitch_new_contact",
    "pitch",
    "client_name",
    "internal_figures",
    "internal_document",
    "confidential",
    "heated",
    "no_personal_note",
)


@dataclass(frozen=True)
class Finding:
    code: str  # one of ORDER (a section of tips.toml)
    excerpt: str  # the words that raised it ("" when it is about what is missing)
    seed: str
    title: dict[str, str]
    tip: dict[str, str]


@cache
def _tips() -> dict:
    return tomllib.loads((Path(__file__).parent / "tips.toml").read_text(encoding="utf-8"))


@cache
def _context() -> re.Pattern:
    data = _tips()["context"]
    words = "|".join(f"(?:{p})" for lang in LANGUAGES for p in data[lang])
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


def _typeset(text: dict[str, str]) -> dict[str, str]:
    return {**text, "fr": french(text["fr"])}


def _finding(code: str, excerpt: str = "") -> Finding:
    entry = _tips()[code]
    return Finding(code, excerpt, entry["seed"], _typeset(entry["title"]), _typeset(entry["tip"]))


def has_personal_note(text: str) -> bool:
    """Some words of one's own, with a shared context, or long enough to be more than a
    stock phrase."""
    if _context().search(fold(text)):
        return True
    return len(text.split()) >= MIN_NOTE_WORDS * 2


def check_draft(
    text: str,
    *,
    kind: str,
    new_contact: bool = False,
    executive: bool = False,
    client_names: Iterable[str] = (),
) -> list[Finding]:
    text = text[:MAX_CHARS]
    flags = {flag.code: flag for flag in flag_text(text, client_names=client_names)}
    found: dict[str, Finding] = {}
    direct = kind in DIRECT
    personal = has_personal_note(text) if direct else True
    if "pitch" in flags:
        code = "pitch_new_contact" if direct and new_contact else "pitch"
        found[code] = _finding(code, flags["pitch"].excerpt)
    if kind == "invitation" and not personal:
        found["no_personal_note"] = _finding("no_personal_note")
    if direct and executive and new_contact and (not personal or "pitch" in flags):
        found["cold_executive"] = _finding("cold_executive")
    for code in ("client_name", "internal_figures", "internal_document", "confidential", "heated"):
        if code in flags:
            found[code] = _finding(code, flags[code].excerpt)
    return [found[code] for code in ORDER if code in found]
