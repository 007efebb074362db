"""Contact importers: pure parsers from uploaded bytes to ParsedContact / RowError items.

No Django here. The ORM layer (services, tasks) calls detect_format() and parse(), stores
the contacts, merges duplicates and reports the row errors.

Formats: LinkedIn's export ZIP or its Connections.csv, Google Contacts CSV, vCard, and any
other CSV with a column mapping (generic_csv.guess_mapping proposes one).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import base
from .base import NETWORKS, ImportFileError, Item, ParsedContact, RowError
from .generic_csv import guess_mapping, parse_generic_csv, read_header
from .google import parse_google_csv
from .linkedin import ZIP_SIGNATURES, parse_connections, parse_linkedin_zip
from .text import decode
from .vcard import parse_vcards

__all__ = [
    "FORMATS",
    "NETWORKS",
    "ImportFileError",
    "Item",
    "ParsedContact",
    "ParsedFile",
    "RowError",
    "detect_format",
    "guess_mapping",
    "parse",
    "read_header",
]

FORMATS = ("linkedin_zip", "linkedin_csv", "google_csv", "vcard", "generic_csv")

_SNIFF_BYTES = 64 * 1024
# Header cells found in Google Contacts exports (current and older layouts), never in
# LinkedIn's Connections.csv.
_GOOGLE_MARKERS = (
    "e-mail 1 - value",
    "middle name",
    "organization name",
    "organization 1 - name",
    "given name",
    "group membership",
)


@dataclass
class ParsedFile:
    format: str
    items: Iterator[Item] | list[Item]
    exchanges: dict = field(default_factory=dict)  # LinkedIn ZIP only: profile key -> Exchange
    invitations: dict = field(default_factory=dict)  # LinkedIn ZIP only: key -> Invitation


def _head(data: bytes) -> str:
    """The start of the file as lower-case text, for detection only (never raises)."""
    head = data[:_SNIFF_BYTES]
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    # Accents of a Windows-1252 file are lost here; the headers we look for are ASCII.
    return head.decode(encoding, errors="ignore").removeprefix("\ufeff").lower()


def detect_format(filename: str, data: bytes) -> str:
    """The most likely of FORMATS for an upload; content wins over the file name, and
    generic_csv is the answer when nothing more specific fits."""
    if data.startswith(ZIP_SIGNATURES):
        return "linkedin_zip"
    head = _head(data)
    lines = [line.strip().strip('"') for line in head.splitlines()[:50] if line.strip()]
    if any(line.startswith("begin:vcard") for line in lines[:5]):
        return "vcard"
    header = lines[0] if lines else ""
    if any(marker in header for marker in _GOOGLE_MARKERS):
        return "google_csv"
    if header.startswith("notes:") or any(
        "first name" in line
        and "last name" in line
        and ("connected on" in line or "linkedin.com/in/" in head)
        for line in lines
    ):
        return "linkedin_csv"
    name = filename.lower()
    if name.endswith((".vcf", ".vcard")):
        return "vcard"
    if name.endswith(".zip"):
        return "linkedin_zip"
    return "generic_csv"


def parse(
    data: bytes,
    fmt: str,
    *,
    mapping: dict[str, str] | None = None,
    network: str | None = None,
) -> ParsedFile:
    """Parse an upload of format `fmt` into a ParsedFile with its items in a list.

    Refuses (ImportFileError) an unknown format, a file above MAX_FILE_BYTES, an empty or
    binary one, and more than MAX_ROWS items. `mapping` is for generic_csv (guessed from
    the header when not given); `network` overrides the network of every contact.
    """
    if fmt not in FORMATS:
        raise ImportFileError("unknown_format", f"Unknown import format {fmt!r}.")
    if network is not None and network not in NETWORKS:
        raise ValueError(f"unknown network {network!r}")
    if len(data) > base.MAX_FILE_BYTES:
        megabytes = base.MAX_FILE_BYTES // (1024 * 1024)
        raise ImportFileError("too_large", f"The file is larger than {megabytes} MB.")
    if fmt == "linkedin_zip":
        if not data.strip():
            raise ImportFileError("empty", "The file is empty.")
        if not data.startswith(ZIP_SIGNATURES):
            raise ImportFileError("bad_zip", "This is not a ZIP archive.")
        export = parse_linkedin_zip(data)
        return ParsedFile(
            format=fmt,
            items=_capped(_with_network(export.contacts, network)),
            exchanges=export.exchanges,
            invitations=export.invitations,
        )
    decode(data)  # refuses empty and binary files before any parsing
    if fmt == "linkedin_csv":
        items = parse_connections(data)
    elif fmt == "google_csv":
        items = parse_google_csv(data)
    elif fmt == "vcard":
        items = parse_vcards(data)
    else:
        if mapping is None:
            mapping = guess_mapping(read_header(data))
        items = parse_generic_csv(data, mapping, network or "other")
    return ParsedFile(format=fmt, items=_capped(_with_network(items, network)))


def _with_network(items: Iterable[Item], network: str | None) -> Iterable[Item]:
    if network is None:
        return items
    return (
        dataclasses.replace(item, network=network) if isinstance(item, ParsedContact) else item
        for item in items
    )


def _capped(items: Iterable[Item]) -> list[Item]:
    """The items in a list, refusing the file as soon as there are more than MAX_ROWS."""
    limit = base.MAX_ROWS
    result: list[Item] = []
    for item in items:
        result.append(item)
        if len(result) > limit:
            raise ImportFileError(
                "too_many_rows", f"The file has more than {limit:,} rows; split it up."
            )
    return result
