"""Shared types, limits and cell hygiene for the contact importers.

Pure Python: no Django import, so the parsers can be unit-tested with plain bytes and reused
by a Celery task or a management command alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

NETWORKS = ("linkedin", "google", "phone", "facebook", "x", "viadeo", "instagram", "other")

MAX_FILE_BYTES = 50 * 1024 * 1024  # uploads above are refused ("too_large")
MAX_ROWS = 50_000  # more data rows: "too_many_rows"
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

# Generous caps so that one absurd cell cannot end up in a database column or a report.
MAX_TEXT_CHARS = 255
MAX_URL_CHARS = 2_000
MAX_NOTES_CHARS = 10_000

FILE_ERROR_CODES = (
    "empty",
    "binary",
    "encoding",
    "too_large",
    "too_many_rows",
    "zip_without_connections",
    "zip_bomb",
    "bad_zip",
    "not_csv",
    "no_header",
    "bad_vcard",
    "unknown_format",
)


@dataclass(frozen=True)
class ParsedContact:
    row: int  # 1-based data row (or vCard index) in the source file, for error reports
    network: str  # one of NETWORKS
    first_name: str = ""
    last_name: str = ""
    full_name: str = ""  # always filled: "First Last" when not given
    emails: tuple[str, ...] = ()  # lower-cased, primary first, deduplicated, valid only
    phones: tuple[str, ...] = ()
    profile_url: str = ""  # normalised http(s) URL, see normalise_url()
    company: str = ""
    position: str = ""
    connected_on: date | None = None
    notes: str = ""


ROW_ERROR_CODES = frozenset({"anonymous", "unreadable"})
# Why a vCard could not be read (RowError.detail).
CARD_PROBLEM_CODES = frozenset({"not_closed", "too_many_lines", "unreadable_line", "malformed"})


@dataclass(frozen=True)
class RowError:
    """A row (or vCard) left out, in codes: contacts.absence_texts.row_error_text words it
    in the reader's language. `detail` says why a card could not be read."""

    row: int
    code: str  # "anonymous": no name, email or profile URL; "unreadable": a broken card
    unit: str = "row"  # or "card"
    detail: str = ""

    def __post_init__(self):
        if (
            self.code not in ROW_ERROR_CODES
            or self.unit not in {"row", "card"}
            or (self.detail and self.detail not in CARD_PROBLEM_CODES)
        ):
            raise ValueError(f"unknown row error {self.code!r} {self.unit!r} {self.detail!r}")

    def as_dict(self) -> dict:
        """As kept in ContactImport.errors."""
        fields = {"row": self.row, "code": self.code, "unit": self.unit}
        return fields | ({"detail": self.detail} if self.detail else {})


class ImportFileError(Exception):
    """The whole file is refused. `code` is stable (callers translate by code)."""

    def __init__(self, code: str, message: str):
        if code not in FILE_ERROR_CODES:
            raise ValueError(f"unknown import error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message


Item = ParsedContact | RowError


# --- Cell hygiene -------------------------------------------------------------------------

# Controls other than whitespace, zero-width space, bidi marks and overrides (they can
# disguise a name) and a stray BOM. Whitespace controls (tab, line breaks) are collapsed
# instead. Joiners (U+200C/U+200D) stay: scripts and emoji sequences need them.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def clean_cell(value: str, *, limit: int = MAX_TEXT_CHARS) -> str:
    """One-line text: controls dropped, whitespace collapsed, stripped, capped.

    A leading =, +, - or @ is kept as typed: the values stay text here and the export layer
    neutralises formulas when it writes a spreadsheet.
    """
    if not value:
        return ""
    if not value.isprintable():  # fast path: most cells are plain printable text
        value = _INVISIBLE.sub("", value)
    return " ".join(value.split())[:limit]


def clean_notes(value: str, *, limit: int = MAX_NOTES_CHARS) -> str:
    """Multi-line text: line breaks kept (normalised to \\n), other controls dropped."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not value.isprintable():
        value = _INVISIBLE.sub("", value)
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return "\n".join(lines).strip()[:limit]


# --- Emails -------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"[^@\s<>()\[\],;:\"\\]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
)


def normalise_email(value: str) -> str:
    """A lower-cased address if `value` is a syntactically valid one, else ""."""
    value = clean_cell(value, limit=MAX_URL_CHARS).lower()
    if value.startswith("mailto:"):
        value = value[7:]
    value = value.strip("<> ")
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        return ""
    return value


def unique_emails(values: Iterable[str]) -> tuple[str, ...]:
    """Valid addresses only, lower-cased, first occurrence first (put the primary first)."""
    seen: dict[str, None] = {}
    for value in values:
        email = normalise_email(value)
        if email:
            seen.setdefault(email, None)
    return tuple(seen)


def unique_phones(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        phone = clean_cell(value, limit=64)
        if phone.lower().startswith("tel:"):
            phone = phone[4:].strip()
        if any(char.isdigit() for char in phone):
            seen.setdefault(phone, None)
    return tuple(seen)


# --- URLs ---------------------------------------------------------------------------------

# A regular expression rather than urllib.parse.urlsplit: three times faster, and imports
# call this once per row.
_URL = re.compile(
    r"(?:https?://(?:[^/?#@\\]*@)?(?P<host>[^/?#:@\\\[\]]+|\[[0-9a-f:.]+\])"
    r"|(?P<bare>(?:[a-z0-9-]+\.)+[a-z]{2,63}))"  # no scheme: "www.linkedin.com/in/x"
    r"(?::(?P<port>\d{1,5}))?(?P<path>/[^?#]*)?(?:[?#].*)?",
    re.IGNORECASE | re.DOTALL,
)
_HOST = re.compile(r"[^\W_](?:[\w.-]*[^\W_])?|\[[0-9a-f:.]+\]")


def normalise_url(value: str) -> str:
    """https, lower-case host, no credentials, query, fragment nor trailing slash; else "".

    Only web URLs survive: javascript:, data:, mailto: and the like give "". A value without
    a scheme that starts with a host name ("www.linkedin.com/in/x", as in some exports) is
    read as https. Every *.linkedin.com host becomes www.linkedin.com, so that the same
    profile exported from fr.linkedin.com and www.linkedin.com has one key.
    """
    value = clean_cell(value, limit=MAX_URL_CHARS)
    if not value or " " in value:
        return ""
    match = _URL.fullmatch(value)
    if not match:
        return ""
    host = (match["host"] or match["bare"]).lower()
    if not _HOST.fullmatch(host):
        return ""
    port = int(match["port"]) if match["port"] else None
    if port is not None and not 0 < port < 65_536:
        return ""
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host, port = "www.linkedin.com", None
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    return f"https://{netloc}{(match['path'] or '').rstrip('/')}"


def is_linkedin_profile(url: str) -> bool:
    """True for a normalised URL of a LinkedIn member profile (…/in/<slug>)."""
    return url.startswith("https://www.linkedin.com/in/") and len(url) > 28


# --- Dates --------------------------------------------------------------------------------

_MONTHS = {
    # English (LinkedIn's "15 Mar 2024") and French abbreviations and names.
    "jan": 1, "january": 1, "janv": 1, "janvier": 1,
    "feb": 2, "february": 2, "fev": 2, "févr": 2, "fevr": 2, "février": 2, "fevrier": 2,
    "mar": 3, "march": 3, "mars": 3,
    "apr": 4, "april": 4, "avr": 4, "avril": 4,
    "may": 5, "mai": 5,
    "jun": 6, "june": 6, "juin": 6,
    "jul": 7, "july": 7, "juil": 7, "juillet": 7,
    "aug": 8, "august": 8, "aoû": 8, "aou": 8, "août": 8, "aout": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9,
    "oct": 10, "october": 10, "octobre": 10,
    "nov": 11, "november": 11, "novembre": 11,
    "dec": 12, "december": 12, "déc": 12, "décembre": 12, "decembre": 12,
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([^\W\d_]+)\.?[ -](\d{4}|\d{2})(?!\d)")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.? (\d{1,2}),? (\d{4})(?!\d)")
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?!\d)")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: str, *, day_first: bool = False) -> date | None:
    """The date at the start of `value`, or None.

    Reads "15 Mar 2024" (LinkedIn connections), "2024-03-15 10:00:00 UTC" (messages),
    "3/15/24, 2:37 PM" (invitations: month first) and "15/03/2024" when `day_first`. A
    numeric date that only makes sense the other way round is read the other way round.
    """
    value = value.strip()
    if not value or not value[0].isalnum():
        return None
    if match := _ISO.match(value):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH_YEAR.match(value):
        month = _MONTHS.get(match[2].lower())
        return _safe_date(_year(match[3]), month, int(match[1])) if month else None
    if match := _NUMERIC.match(value):
        first, second = int(match[1]), int(match[2])
        day, month = (first, second) if day_first else (second, first)
        if month > 12 >= day:
            day, month = month, day
        return _safe_date(_year(match[3]), month, day)
    if match := _MONTH_DAY_YEAR.match(value):
        month = _MONTHS.get(match[1].lower())
        return _safe_date(int(match[3]), month, int(match[2])) if month else None
    return None


# --- Building a contact -------------------------------------------------------------------


def build_contact(
    row: int,
    network: str,
    *,
    first_name: str = "",
    last_name: str = "",
    full_name: str = "",
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    profile_urls: Iterable[str] = (),
    company: str = "",
    position: str = "",
    connected_on: date | None = None,
    notes: str = "",
    unit: str = "row",
) -> Item:
    """Clean raw values into a ParsedContact, or a RowError when nothing identifies it.

    The first valid http(s) URL of `profile_urls` wins. Invalid emails are dropped quietly;
    the row is only refused when no name, email or profile URL is left.
    """
    first_name = clean_cell(first_name)
    last_name = clean_cell(last_name)
    full_name = clean_cell(full_name) or clean_cell(f"{first_name} {last_name}")
    email_tuple = unique_emails(emails)
    profile_url = next((url for url in map(normalise_url, profile_urls) if url), "")
    if not (full_name or email_tuple or profile_url):
        return RowError(row, "anonymous", unit)
    return ParsedContact(
        row=row,
        network=network,
        first_name=first_name,
        last_name=last_name,
        full_name=full_name or (email_tuple[0] if email_tuple else profile_url)[:MAX_TEXT_CHARS],
        emails=email_tuple,
        phones=unique_phones(phones),
        profile_url=profile_url,
        company=clean_cell(company),
        position=clean_cell(position),
        connected_on=connected_on,
        notes=clean_notes(notes),
    )


def is_blank(cells: list[str]) -> bool:
    """A row of bare delimiters or whitespace: skipped silently, never an error."""
    return not any(cell.strip() for cell in cells)


def header_key(cell: str) -> str:
    """Header cells compared case- and space-insensitively, without BOM or quotes."""
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').lower().split())
