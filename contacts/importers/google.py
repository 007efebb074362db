"""Google Contacts CSV export, current and older ("Google CSV"/Outlook-era) layouts.

Current: First Name, Middle Name, Last Name, …, Organization Name, Organization Title, …,
Notes, Labels, "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - …", "Website 1 - …".
Older: Name, Given Name, Additional Name, Family Name, …, Notes, Group Membership,
"E-mail 1 - Type", "E-mail 1 - Value", …, "Organization 1 - Name", "Organization 1 - Title".

One cell may hold several values joined by " ::: "; a label (or type) starting with "* "
marks the primary value. Files are UTF-8 with a BOM.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import (
    ImportFileError,
    Item,
    build_contact,
    header_key,
    is_blank,
    is_linkedin_profile,
    normalise_url,
)
from .text import decode, read_rows, sniff_delimiter

NETWORK = "google"

_SEPARATOR = ":::"
_NUMBERED = re.compile(r"(e-mail|phone|website) (\d+) - (label|type|value)")
_SINGLE = {
    "first_name": ("first name", "given name"),
    "middle_name": ("middle name", "additional name"),
    "last_name": ("last name", "family name"),
    "full_name": ("name",),
    "company": ("organization name", "organization 1 - name"),
    "position": ("organization title", "organization 1 - title"),
    "notes": ("notes",),
}


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(_SEPARATOR)] if cell else []


def _values(cells: list[str], pairs: list[tuple[int, int]]) -> list[str]:
    """Values of numbered columns, primary first: the value whose label (or the value
    itself) starts with "* "."""
    primary: list[str] = []
    others: list[str] = []
    for label_index, value_index in pairs:
        values = _split(cells[value_index]) if value_index < len(cells) else []
        labels = _split(cells[label_index]) if 0 <= label_index < len(cells) else []
        for position, value in enumerate(values):
            label = labels[position] if position < len(labels) else ""
            starred = label.startswith("*") or value.startswith("* ")
            (primary if starred else others).append(value.removeprefix("* "))
    return primary + others


def parse_google_csv(data: bytes) -> Iterator[Item]:
    """Contacts of a Google Contacts CSV export, in file order."""
    text = decode(data)
    rows = read_rows(text, sniff_delimiter(text))
    header: list[str] = []
    for _, cells in rows:
        if not is_blank(cells):
            header = cells
            break
    keys = [header_key(cell) for cell in header]
    single = {
        name: next((keys.index(key) for key in synonyms if key in keys), None)
        for name, synonyms in _SINGLE.items()
    }
    numbered: dict[str, dict[int, dict[str, int]]] = {"e-mail": {}, "phone": {}, "website": {}}
    for index, key in enumerate(keys):
        if match := _NUMBERED.fullmatch(key):
            kind, number, part = match.groups()
            numbered[kind].setdefault(int(number), {})["label" if part == "type" else part] = index
    pairs = {
        kind: [
            (columns.get("label", -1), columns["value"])
            for _, columns in sorted(by_number.items())
            if "value" in columns
        ]
        for kind, by_number in numbered.items()
    }
    names = ("first_name", "last_name", "full_name")
    if not any(single[name] is not None for name in names) and not pairs["e-mail"]:
        raise ImportFileError(
            "no_header", "No Google Contacts columns (names, e-mails) were found in the header."
        )

    def get(cells: list[str], name: str) -> str:
        index = single[name]
        value = cells[index] if index is not None and index < len(cells) else ""
        # A single-valued cell holding only separators (" ::: ") holds nothing.
        return "" if not value.replace(_SEPARATOR, "").strip() else value

    for number, (_, cells) in enumerate(rows, start=1):
        if is_blank([cell.replace(_SEPARATOR, "") for cell in cells]):
            continue
        first = get(cells, "first_name")
        middle = get(cells, "middle_name")
        last = get(cells, "last_name")
        websites = [normalise_url(url) for url in _values(cells, pairs["website"])]
        yield build_contact(
            number,
            NETWORK,
            first_name=first,
            last_name=last,
            full_name=get(cells, "full_name") or " ".join(filter(None, (first, middle, last))),
            emails=_values(cells, pairs["e-mail"]),
            phones=_values(cells, pairs["phone"]),
            profile_urls=[url for url in websites if is_linkedin_profile(url)],
            company=get(cells, "company"),
            position=get(cells, "position"),
            notes=get(cells, "notes"),
        )
