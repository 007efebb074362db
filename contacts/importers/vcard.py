"""vCard files (2.1, 3.0, 4.0), as phones and address books export them.

Each card is cut out of the file and cleaned before vobject reads it, so that one broken
card costs only that card: its line folding and 2.1 quoted-printable soft breaks are undone,
quoted-printable values are decoded with their CHARSET, unescaped commas (plain text in 2.1,
where vobject would cut the value) are escaped, and only the properties we read are kept
(a broken PHOTO must not lose the contact).
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator

import vobject

from . import base
from .base import ImportFileError, Item, RowError, build_contact, is_linkedin_profile, normalise_url
from .text import decode

NETWORK = "phone"

_WANTED = frozenset({"N", "FN", "EMAIL", "TEL", "ORG", "TITLE", "URL", "NOTE", "X-SOCIALPROFILE"})
_STRUCTURED = frozenset({"N", "ORG"})  # ";" separates components
_PROPERTY = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)", re.DOTALL)
_UNESCAPED_COMMA = re.compile(r"(?<!\\),")
_QP = re.compile(r"(?:^|;)(?:ENCODING=)?QUOTED-PRINTABLE(?=;|$)", re.IGNORECASE)
_CHARSET = re.compile(r";CHARSET=([^;:]+)", re.IGNORECASE)
_DROPPED_PARAMS = re.compile(r";(?:ENCODING=)?QUOTED-PRINTABLE|;CHARSET=[^;:]*", re.IGNORECASE)
_BASE64 = re.compile(r";(?:ENCODING=)?(?:BASE64|B)(?=;|$)", re.IGNORECASE)
_MAX_CARD_LINES = 5_000


class _BadCard(Exception):
    """A card left out; args[0] is its reason, one of base.CARD_PROBLEM_CODES."""


def _cards(text: str) -> Iterator[list[str] | None]:
    """The lines between each BEGIN:VCARD and END:VCARD; None for a card never closed."""
    card: list[str] | None = None
    for line in text.splitlines():
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if card is not None:
                yield None  # the previous card never ended
            card = []
        elif marker == "END:VCARD":
            if card is not None:
                yield card
            card = None
        elif card is not None:
            card.append(line)
    if card is not None:
        yield None


def _logical_lines(lines: list[str]) -> list[str]:
    """Unfold: a line starting with a space or tab continues the previous one; so does the
    next line after a quoted-printable value ending with "=" (2.1 soft break), and any line
    without a colon after a 2.1 BASE64 value (a photo, some phones do not indent it)."""
    logical: list[str] = []
    soft_break = base64 = False
    for line in lines:
        if soft_break:
            logical[-1] = logical[-1][:-1] + line
        elif line[:1] in (" ", "\t") and logical:
            logical[-1] += line[1:]
        elif base64 and ":" not in line:
            continue  # we never read binary values
        elif line.strip():
            logical.append(line)
        else:
            continue
        head = logical[-1].split(":", 1)[0]
        soft_break = logical[-1].endswith("=") and bool(_QP.search(head))
        base64 = bool(_BASE64.search(head))
    return logical


def _escape(value: str, structured: bool) -> str:
    value = value.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n")
    value = value.replace(",", "\\,")
    return value if structured else value.replace(";", "\\;")


def _clean_line(line: str) -> str | None:
    """The property rewritten in vCard 3.0 escaping, or None when we do not read it."""
    match = _PROPERTY.fullmatch(line)
    if not match:
        raise _BadCard("unreadable_line")
    name, params, value = match[1].upper(), match[2], match[3]
    if name not in _WANTED:
        return None
    if _QP.search(params):
        charset = _CHARSET.search(params)
        encoding = charset[1].strip('"') if charset else "utf-8"
        try:
            codecs.lookup(encoding)
        except LookupError:
            encoding = "utf-8"
        raw = quopri.decodestring(value.encode("utf-8", errors="replace"))
        value = raw.decode(encoding, errors="replace")
        value = (
            _escape(value, structured=False)
            if name not in _STRUCTURED
            else ";".join(_escape(part, structured=True) for part in value.split(";"))
        )
        params = _DROPPED_PARAMS.sub("", params)
    else:
        value = _UNESCAPED_COMMA.sub(r"\\,", value)
        params = _CHARSET.sub("", params)
    return f"{name}{params}:{value}"


def _pref_rank(line: vobject.base.ContentLine) -> int:
    """Lower is more preferred: 2.1 bare PREF and 3.0 TYPE=PREF are 1, 4.0 PREF=n is n."""
    flags = {str(flag).upper() for flag in line.singletonparams}
    types = {str(kind).upper() for kind in line.params.get("TYPE", [])}
    if "PREF" in flags or "PREF" in types:
        return 1
    pref = str((line.params.get("PREF") or [""])[0])
    if not (pref.isascii() and pref.isdigit() and len(pref) <= 3):
        return 101
    return int(pref) if 0 < int(pref) <= 100 else 101


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(part) for part in value if part)
    return str(value or "")


def _card_item(index: int, lines: list[str]) -> Item:
    if len(lines) > _MAX_CARD_LINES:
        raise _BadCard("too_many_lines")
    kept = [line for line in map(_clean_line, _logical_lines(lines)) if line]
    card = vobject.readOne("BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(kept) + "\r\nEND:VCARD")
    contents = card.contents
    first = last = ""
    if "n" in contents:
        name = contents["n"][0].value
        first, last = _text(getattr(name, "given", "")), _text(getattr(name, "family", ""))
    full = _text(contents["fn"][0].value) if "fn" in contents else ""
    emails = sorted(contents.get("email", []), key=_pref_rank)
    phones = sorted(contents.get("tel", []), key=_pref_rank)
    urls = [
        normalise_url(_text(line.value))
        for line in contents.get("url", []) + contents.get("x-socialprofile", [])
    ]
    urls = sorted(filter(None, urls), key=lambda url: not is_linkedin_profile(url))
    organisation = contents["org"][0].value if "org" in contents else []
    if isinstance(organisation, str):
        organisation = [organisation]
    return build_contact(
        index,
        NETWORK,
        first_name=first,
        last_name=last,
        full_name=full,
        emails=[_text(line.value) for line in emails],
        phones=[_text(line.value) for line in phones],
        profile_urls=urls,
        company=_text(organisation[0]) if organisation else "",
        position=_text(contents["title"][0].value) if "title" in contents else "",
        notes="\n".join(_text(line.value) for line in contents.get("note", [])),
        unit="card",
    )


def parse_vcards(data: bytes) -> Iterator[Item]:
    """One item per card: a contact, or a RowError for a broken or anonymous card.

    Refuses the file (ImportFileError "bad_vcard") when it has no card or none can be read.
    Errors are held back until a card parses, so a refused file yields nothing.
    """
    text = decode(data)
    pending: list[Item] = []
    any_read = False
    for index, lines in enumerate(_cards(text), start=1):
        try:
            if lines is None:
                raise _BadCard("not_closed")
            item = _card_item(index, lines)
        except Exception as error:  # vobject raises many kinds on malformed input
            reason = error.args[0] if isinstance(error, _BadCard) else "malformed"
            item = RowError(index, "unreadable", "card", reason)
        else:
            any_read = True
        if any_read:
            yield from pending
            pending.clear()
            yield item
        else:
            pending.append(item)
            if len(pending) > base.MAX_ROWS:
                raise ImportFileError("too_many_rows", "The file has far too many vCards.")
    if not any_read:
        if pending:
            raise ImportFileError("bad_vcard", "None of the vCards in this file could be read.")
        raise ImportFileError("bad_vcard", "This file holds no vCard (BEGIN:VCARD).")
