"""LinkedIn's data export: Connections.csv, messages.csv, Invitations.csv, and the ZIP.

Column names as exported (checked against public descriptions of exports from 2020 to 2026):

- Connections.csv: a "Notes:" preamble of a few lines, then
  First Name, Last Name, URL, Email Address, Company, Position, Connected On ("15 Mar 2024").
  URL was added in 2023; hidden members leave rows with the date only.
- messages.csv: CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO,
  RECIPIENT PROFILE URLS (2023+, comma-joined), DATE ("2025-06-01 14:03:22 UTC"), SUBJECT,
  CONTENT, FOLDER, then sometimes ATTACHMENTS, IS MESSAGE DRAFT, IS CONVERSATION DRAFT.
- Invitations.csv: From, To, Sent At ("1/29/26, 2:37 PM"), Message, Direction
  (INCOMING/OUTGOING), inviterProfileUrl, inviteeProfileUrl (late 2023+).

Columns are found by name, never by position, and missing optional columns are tolerated.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from . import base
from .base import (
    ImportFileError,
    Item,
    build_contact,
    clean_cell,
    clean_notes,
    header_key,
    is_blank,
    normalise_url,
    parse_date,
)
from .text import count_delimiter, decode, first_line, read_rows, sniff_delimiter

NETWORK = "linkedin"

_CONNECTION_COLUMNS = {
    "first_name": ("first name",),
    "last_name": ("last name",),
    "url": ("url", "profile url"),
    "email": ("email address", "email", "e-mail address"),
    "company": ("company",),
    "position": ("position",),
    "connected_on": ("connected on",),
}
_MESSAGE_COLUMNS = {
    "conversation": ("conversation id",),
    "from": ("from",),
    "sender_url": ("sender profile url",),
    "to": ("to",),
    "recipient_urls": ("recipient profile urls",),
    "date": ("date",),
    "folder": ("folder",),
    "draft": ("is message draft",),
}
_INVITATION_COLUMNS = {
    "from": ("from",),
    "to": ("to",),
    "sent_at": ("sent at",),
    "message": ("message",),
    "direction": ("direction",),
    "inviter_url": ("inviterprofileurl", "inviter profile url"),
    "invitee_url": ("inviteeprofileurl", "invitee profile url"),
}

_HEADER_SCAN_LINES = 200  # the preamble is a few lines; give up well after that
_ANONYMOUS_SENDERS = frozenset({"", "linkedin member"})

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
MAX_ZIP_RATIO = 100  # a member expanding more than this is treated as a ZIP bomb
MAX_ZIP_MEMBERS = 10_000  # real exports hold well under a hundred files
_READ_CHUNK = 1024 * 1024


def _columns(header: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    keys = [header_key(cell) for cell in header]
    found = {}
    for name, synonyms in wanted.items():
        for synonym in synonyms:
            if synonym in keys:
                found[name] = keys.index(synonym)
                break
    return found


def _table(text: str, wanted: dict[str, tuple[str, ...]]) -> tuple[dict[str, int], Iterator]:
    """Column indexes and the remaining (line, cells) rows of a file whose first non-blank
    record is the header."""
    rows = read_rows(text, sniff_delimiter(text))
    for _, cells in rows:
        if not is_blank(cells):
            return _columns(cells, wanted), rows
    raise ImportFileError("no_header", "The file has no header line.")


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else ""


# --- Connections.csv ----------------------------------------------------------------------


def _connections_header_offset(text: str) -> int:
    """Offset of the first line mentioning both "First Name" and "Last Name": the preamble
    before it varies in length between exports."""
    position = 0
    for _ in range(_HEADER_SCAN_LINES):
        end = text.find("\n", position)
        line = text[position : len(text) if end == -1 else end].lower()
        if "first name" in line and "last name" in line:
            return position
        if end == -1:
            break
        position = end + 1
    raise ImportFileError(
        "no_header",
        'No "First Name, Last Name" header was found: is this LinkedIn\'s Connections.csv?',
    )


def parse_connections(data: bytes) -> Iterator[Item]:
    """Contacts of a LinkedIn Connections.csv, in file order (duplicates included)."""
    text = decode(data)
    body = text[_connections_header_offset(text) :]
    rows = read_rows(body, count_delimiter(first_line(body)))
    _, header = next(rows)
    columns = _columns(header, _CONNECTION_COLUMNS)
    if "first_name" not in columns or "last_name" not in columns:
        raise ImportFileError("no_header", 'The header has no "First Name" and "Last Name".')
    # Missing optional columns point at an always-empty cell appended to each row.
    width = len(header)
    first, last = columns["first_name"], columns["last_name"]
    url, email, company, position, connected_on = (
        columns.get(name, width) for name in ("url", "email", "company", "position", "connected_on")
    )
    padding = [""] * (width + 1)
    for number, (_, cells) in enumerate(rows, start=1):
        if len(cells) <= width:
            cells = cells + padding[len(cells) :]
        if is_blank(cells):
            continue
        yield build_contact(
            number,
            NETWORK,
            first_name=cells[first],
            last_name=cells[last],
            emails=(cells[email],),
            profile_urls=(cells[url],),
            company=cells[company],
            position=cells[position],
            connected_on=parse_date(cells[connected_on]),
        )


# --- messages.csv -------------------------------------------------------------------------


@dataclass
class Exchange:
    """Messages between the export's owner and one other person.

    In a group conversation the owner's messages count as sent to every other member.
    """

    messages_sent: int = 0  # by the owner, in conversations with this person
    messages_received: int = 0  # from this person
    conversations: int = 0
    two_way_conversations: int = 0  # both the owner and this person wrote at least once
    last_message_on: date | None = None


@dataclass
class _Conversation:
    sent: Counter = field(default_factory=Counter)  # person key -> messages they sent
    members: set = field(default_factory=set)  # person keys, senders and recipients
    last_on: date | None = None


def _split_names(to: str, known: set[str]) -> list[str]:
    """TO joins names with ", " but names contain ", " too ("Jane Doe, PhD"): split only
    into names that are known elsewhere in the file."""
    if not to:
        return []
    if ", " not in to or to.lower() in known:
        return [to]
    parts = [part for part in to.split(", ") if part.lower() in known]
    return parts or [to]


def parse_messages(data: bytes, owner_profile_url: str | None = None) -> dict[str, Exchange]:
    """Exchanges keyed by the other person's normalised profile URL (their lower-cased name
    when the export has no URL for them).

    Without `owner_profile_url` the owner is the sender who appears in the most
    conversations. Drafts, spam and anonymous senders ("LinkedIn Member") are left out.
    """
    columns, rows = _table(decode(data), _MESSAGE_COLUMNS)
    if "from" not in columns and "sender_url" not in columns:
        raise ImportFileError("no_header", "This is not LinkedIn's messages.csv.")

    raw = []
    url_of_name: dict[str, str] = {}
    for line, cells in rows:
        if is_blank(cells):
            continue
        if _cell(cells, columns, "draft").strip().lower() == "yes":
            continue
        if _cell(cells, columns, "folder").strip().upper() == "SPAM":
            continue
        sender = clean_cell(_cell(cells, columns, "from"))
        sender_url = normalise_url(_cell(cells, columns, "sender_url"))
        if sender and sender_url:
            url_of_name.setdefault(sender.lower(), sender_url)
        recipient_urls = [
            url
            for url in map(normalise_url, _cell(cells, columns, "recipient_urls").split(","))
            if url
        ]
        raw.append(
            (
                clean_cell(_cell(cells, columns, "conversation")) or f"line-{line}",
                sender,
                sender_url,
                clean_cell(_cell(cells, columns, "to")),
                recipient_urls,
                parse_date(_cell(cells, columns, "date")),
            )
        )

    known_names = set(url_of_name)
    known_names.update(sender.lower() for _, sender, *_ in raw if sender)

    def key(name: str, url: str = "") -> str:
        lowered = name.lower()
        if url or lowered not in _ANONYMOUS_SENDERS:
            return url or url_of_name.get(lowered, lowered)
        return ""

    conversations: dict[str, _Conversation] = {}
    for conversation_id, sender, sender_url, to, recipient_urls, day in raw:
        sender_key = key(sender, sender_url)
        if not sender_key:
            continue
        conversation = conversations.setdefault(conversation_id, _Conversation())
        conversation.sent[sender_key] += 1
        conversation.members.add(sender_key)
        recipients = recipient_urls or [key(name) for name in _split_names(to, known_names)]
        conversation.members.update(recipient for recipient in recipients if recipient)
        if day and (conversation.last_on is None or day > conversation.last_on):
            conversation.last_on = day

    owner = normalise_url(owner_profile_url or "") or clean_cell(owner_profile_url or "").lower()
    if not owner:
        owner = _most_present_sender(conversations)
    exchanges: dict[str, Exchange] = {}
    for conversation in conversations.values():
        if owner not in conversation.members:
            continue  # not the owner's conversation: nothing to say about their exchanges
        owner_sent = conversation.sent.get(owner, 0)
        for other in conversation.members - {owner}:
            exchange = exchanges.setdefault(other, Exchange())
            received = conversation.sent.get(other, 0)
            exchange.conversations += 1
            exchange.messages_sent += owner_sent
            exchange.messages_received += received
            exchange.two_way_conversations += bool(owner_sent and received)
            last_on = conversation.last_on
            if last_on and (exchange.last_message_on is None or last_on > exchange.last_message_on):
                exchange.last_message_on = last_on
    return exchanges


def _most_present_sender(conversations: dict[str, _Conversation]) -> str:
    presence: Counter = Counter()
    volume: Counter = Counter()
    for conversation in conversations.values():
        presence.update(conversation.sent.keys())
        volume.update(conversation.sent)
    if not presence:
        return ""
    # Ties go to the most messages, then to the key, so that the result is deterministic.
    return max(presence, key=lambda person: (presence[person], volume[person], person))


# --- Invitations.csv ----------------------------------------------------------------------


@dataclass
class Invitation:
    direction: str  # "sent" | "received"
    personal_message: bool
    sent_on: date | None


def _read_invitations(data: bytes) -> tuple[dict[str, Invitation], str]:
    """Invitations keyed like parse_messages, and the owner's profile URL if it shows."""
    columns, rows = _table(decode(data), _INVITATION_COLUMNS)
    if "direction" not in columns:
        raise ImportFileError("no_header", "This is not LinkedIn's Invitations.csv.")
    invitations: dict[str, Invitation] = {}
    owner_urls: Counter = Counter()
    for _, cells in rows:
        direction = _cell(cells, columns, "direction").strip().upper()
        if direction == "OUTGOING":
            name, url = _cell(cells, columns, "to"), _cell(cells, columns, "invitee_url")
            owner_url = _cell(cells, columns, "inviter_url")
        elif direction == "INCOMING":
            name, url = _cell(cells, columns, "from"), _cell(cells, columns, "inviter_url")
            owner_url = _cell(cells, columns, "invitee_url")
        else:
            continue
        person = normalise_url(url) or clean_cell(name).lower()
        if not person:
            continue
        if owner_url := normalise_url(owner_url):
            owner_urls[owner_url] += 1
        invitation = Invitation(
            direction="sent" if direction == "OUTGOING" else "received",
            personal_message=bool(clean_notes(_cell(cells, columns, "message"))),
            sent_on=parse_date(_cell(cells, columns, "sent_at")),
        )
        previous = invitations.get(person)
        if previous is None or (
            invitation.sent_on is not None
            and (previous.sent_on is None or invitation.sent_on >= previous.sent_on)
        ):
            invitations[person] = invitation  # the latest invitation wins
    owner = owner_urls.most_common(1)[0][0] if owner_urls else ""
    return invitations, owner


def parse_invitations(data: bytes) -> dict[str, Invitation]:
    """Connection invitations keyed by the other person's normalised profile URL (their
    lower-cased name without one); the latest one per person."""
    return _read_invitations(data)[0]


# --- The export ZIP -----------------------------------------------------------------------


@dataclass
class LinkedInExport:
    contacts: list[Item]
    exchanges: dict[str, Exchange]
    invitations: dict[str, Invitation]


# What a damaged, encrypted or hostile ZIP raises while it is opened or read (the own-data
# readers, evidence/readers/base.py, catch the same).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,  # encrypted member
    NotImplementedError,  # unsupported compression method
    ValueError,
)


def parse_linkedin_zip(data: bytes) -> LinkedInExport:
    """Contacts from Connections.csv (found at any depth, any case), and the exchanges and
    invitations from messages.csv and Invitations.csv when the archive has them.

    Guards against ZIP bombs: too many members, declared sizes above MAX_UNZIPPED_BYTES, a
    member expanding more than MAX_ZIP_RATIO times, or a member yielding more than it
    declares (read in chunks, so a lying header cannot exhaust memory).
    """
    _check_member_count(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [member for member in archive.infolist() if not member.is_dir()]
    except ZIP_ERRORS:
        raise ImportFileError("bad_zip", "This ZIP archive is damaged or unreadable.") from None
    with archive:
        _check_sizes(members)
        connections = _find(members, "connections.csv")
        if connections is None:
            raise ImportFileError(
                "zip_without_connections",
                "This ZIP archive has no Connections.csv: is it LinkedIn's data export?",
            )
        contacts = list(parse_connections(_read(archive, connections)))
        invitations: dict[str, Invitation] = {}
        owner = ""
        if member := _find(members, "invitations.csv"):
            try:
                invitations, owner = _read_invitations(_read(archive, member))
            except ImportFileError as error:
                if error.code in ("zip_bomb", "bad_zip"):
                    raise
        exchanges: dict[str, Exchange] = {}
        if member := _find(members, "messages.csv"):
            try:
                exchanges = parse_messages(_read(archive, member), owner or None)
            except ImportFileError as error:  # an optional file: an empty one is no reason
                if error.code in ("zip_bomb", "bad_zip"):
                    raise
    return LinkedInExport(contacts=contacts, exchanges=exchanges, invitations=invitations)


def _check_member_count(data: bytes) -> None:
    """Read the end-of-central-directory record before zipfile builds one object per
    member: a million empty members would otherwise cost gigabytes."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end == -1 or len(data) < end + 22:
        raise ImportFileError("bad_zip", "This ZIP archive is damaged or unreadable.")
    declared = int.from_bytes(data[end + 10 : end + 12], "little")
    if declared > MAX_ZIP_MEMBERS:
        raise ImportFileError("zip_bomb", "This ZIP archive holds far too many files.")


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if sum(member.file_size for member in members) > base.MAX_UNZIPPED_BYTES:
        raise ImportFileError("zip_bomb", "This ZIP archive expands to far too much data.")
    for member in members:
        if member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1):
            raise ImportFileError(
                "zip_bomb", f"{member.filename} expands suspiciously: refused as a ZIP bomb."
            )


def _find(members: list[zipfile.ZipInfo], name: str) -> zipfile.ZipInfo | None:
    """The shallowest member called `name` (case-insensitive), macOS metadata excluded."""
    candidates = [
        member
        for member in members
        if member.filename.replace("\\", "/").rsplit("/", 1)[-1].lower() == name
        and not member.filename.startswith("__MACOSX/")
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda member: (member.filename.count("/"), member.filename))


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """The member's bytes, never more than it declares nor than MAX_UNZIPPED_BYTES."""
    cap = min(member.file_size, base.MAX_UNZIPPED_BYTES)
    chunks = []
    total = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_READ_CHUNK):
                total += len(chunk)
                if total > cap:
                    raise ImportFileError(
                        "zip_bomb", f"{member.filename} expands beyond its declared size."
                    )
                chunks.append(chunk)
    except ZIP_ERRORS:
        raise ImportFileError("bad_zip", f"{member.filename} is damaged in this ZIP.") from None
    return b"".join(chunks)
