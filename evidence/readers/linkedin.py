"""LinkedIn's complete export: the ZIP, or any of its CSV files on its own.

Read: Shares.csv (posts), Comments.csv, Reactions.csv, messages.csv (contents, dates, who
wrote), Invitations.csv (dates, direction, note), Profile.csv (headline, summary),
Recommendations_Received.csv and Endorsement_Received_Info.csv (counted), Connections.csv
(names and dates only, through the contact importer, for "the first message after a new
connection").

LinkedIn's quirks handled here: a "Notes:" preamble before the header (its length varies),
column names that changed over the years and French exports (linkedin_columns.toml), quoted
cells over several lines, BOM, Windows-1252 files, dates in several formats (dates.py).
Rows are read one by one from the CSV reader; only the normalised records are kept.
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from contacts.importers.base import ImportFileError, ParsedContact, clean_cell, clean_notes
from contacts.importers.linkedin import parse_connections
from contacts.importers.text import count_delimiter, read_rows

from .base import ActivityFileError, Archive, Limits, Progress, base_name, check_size, text_of
from .dates import parse_moment
from .records import Activity, Comment, Connection, Invitation, Message, Post, Profile, Reaction

NETWORK = "linkedin"
MAX_POST_CHARS = 5_000
MAX_MESSAGE_CHARS = 4_000
_HEADER_SCAN_LINES = 200
_ANONYMOUS = frozenset({"", "linkedin member", "membre linkedin"})
_URN = re.compile(r"urn(?::|%3a)li(?::|%3a)(?:activity|share|ugcpost)(?::|%3a)(\d+)", re.I)


@cache
def _spec() -> dict:
    return tomllib.loads((Path(__file__).parent / "linkedin_columns.toml").read_text("utf-8"))


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: how names are compared across files."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').lower().split())


def _columns(header: list[str], table: str) -> dict[str, int]:
    keys = [_key(cell) for cell in header]
    found: dict[str, int] = {}
    for name, synonyms in _spec()[table]["columns"].items():
        for synonym in synonyms:
            if synonym in keys and keys.index(synonym) not in found.values():
                found[name] = keys.index(synonym)
                break
    return found


def _has_required(columns: dict[str, int], table: str) -> bool:
    return all(name in columns for name in _spec()[table]["required"])


def _header_cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line.rstrip("\r")], delimiter=delimiter), [])
    except csv.Error:  # a stray carriage return or NUL: not a header
        return []


def _header_offset(text: str, table: str) -> tuple[int, str]:
    """Where the header starts (after a preamble of any length) and its delimiter."""
    position = 0
    for _ in range(_HEADER_SCAN_LINES):
        end = text.find("\n", position)
        line = text[position : len(text) if end == -1 else end]
        if line.strip():
            delimiter = count_delimiter(line)
            cells = _header_cells(line, delimiter)
            if _has_required(_columns(cells, table), table):
                return position, delimiter
        if end == -1:
            break
        position = end + 1
    raise ActivityFileError("no_header", table)


def _rows(text: str, table: str, file: str) -> tuple[dict[str, int], Iterator]:
    try:
        offset, delimiter = _header_offset(text, table)
    except ActivityFileError:
        raise ActivityFileError("no_header", file) from None
    rows = read_rows(text[offset:], delimiter)
    try:
        _, header = next(rows)
    except ImportFileError:
        raise ActivityFileError("not_csv", file) from None
    return _columns(header, table), _guarded(rows, file)


def _guarded(rows: Iterator, file: str) -> Iterator:
    try:
        yield from rows
    except ImportFileError:
        raise ActivityFileError("not_csv", file) from None


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else ""


def _french(columns_text: str) -> bool:
    return any(word in columns_text.lower() for word in ("contenu", "dossier", "envoyée", "lien"))


class _Reader:
    def __init__(self, activity: Activity, limits: Limits):
        self.activity = activity
        self.limits = limits
        self.owner_names: set[str] = set()

    def _cap(self, count: int, file: str) -> None:
        if count > self.limits.max_items:
            raise ActivityFileError("too_many_items", file)

    def _table(self, data: bytes, table: str, file: str):
        text = text_of(data, file)
        columns, rows = _rows(text, table, file)
        day_first = True if _french(text[:2000]) else None
        for count, (line, cells) in enumerate(rows, start=1):
            self._cap(count, file)
            if not any(cell.strip() for cell in cells):
                continue
            yield line, cells, columns, day_first

    def shares(self, data: bytes, file: str) -> None:
        for line, cells, columns, day_first in self._table(data, "shares", file):
            when = parse_moment(_cell(cells, columns, "date"), day_first=day_first)
            if when is None:
                self.activity.skip(file, "no_date", line)
                continue
            urn = _URN.search(_cell(cells, columns, "share_link"))
            self.activity.posts.append(
                Post(
                    when=when,
                    text=clean_notes(_cell(cells, columns, "text"), limit=MAX_POST_CHARS),
                    has_link=bool(_cell(cells, columns, "link").strip()),
                    has_media=bool(_cell(cells, columns, "media").strip()),
                    key=urn[1] if urn else "",
                )
            )

    def comments(self, data: bytes, file: str) -> None:
        own = {post.key for post in self.activity.posts if post.key}
        for line, cells, columns, day_first in self._table(data, "comments", file):
            when = parse_moment(_cell(cells, columns, "date"), day_first=day_first)
            if when is None:
                self.activity.skip(file, "no_date", line)
                continue
            urn = _URN.search(_cell(cells, columns, "link"))
            self.activity.comments.append(
                Comment(
                    when=when,
                    text=clean_notes(_cell(cells, columns, "message"), limit=MAX_POST_CHARS),
                    on_own_post=(urn[1] in own) if urn else None,
                )
            )

    def reactions(self, data: bytes, file: str) -> None:
        for line, cells, columns, day_first in self._table(data, "reactions", file):
            when = parse_moment(_cell(cells, columns, "date"), day_first=day_first)
            if when is None:
                self.activity.skip(file, "no_date", line)
                continue
            self.activity.reactions.append(Reaction(when=when))

    def profile(self, data: bytes, file: str) -> None:
        for _, cells, columns, _ in self._table(data, "profile", file):
            name = fold(
                f"{_cell(cells, columns, 'first_name')} {_cell(cells, columns, 'last_name')}"
            )
            if name:
                self.owner_names.add(name)
            self.activity.profile = Profile(
                headline=clean_cell(_cell(cells, columns, "headline"), limit=500),
                summary=clean_notes(_cell(cells, columns, "summary"), limit=MAX_POST_CHARS),
            )
            return

    def count_rows(self, data: bytes, table: str, file: str) -> int:
        return sum(1 for _ in self._table(data, table, file))

    def invitations(self, data: bytes, file: str) -> None:
        directions = _spec()["directions"]
        for line, cells, columns, day_first in self._table(data, "invitations", file):
            direction = _key(_cell(cells, columns, "direction"))
            if direction in directions["outgoing"]:
                outgoing = True
            elif direction in directions["incoming"]:
                outgoing = False
            else:
                self.activity.skip(file, "no_direction", line)
                continue
            when = parse_moment(_cell(cells, columns, "sent_at"), day_first=day_first)
            if when is None:
                self.activity.skip(file, "no_date", line)
                continue
            other = _cell(cells, columns, "to" if outgoing else "from")
            self.activity.invitations.append(
                Invitation(
                    when=when,
                    outgoing=outgoing,
                    note=clean_notes(_cell(cells, columns, "message"), limit=1_000)
                    if outgoing
                    else "",
                    other=fold(clean_cell(other)),
                )
            )

    def messages(self, data: bytes, file: str) -> None:
        raw = []
        for line, cells, columns, day_first in self._table(data, "messages", file):
            if _key(_cell(cells, columns, "draft")) in ("yes", "oui", "true"):
                continue
            if _key(_cell(cells, columns, "folder")) in ("spam", "indésirables"):
                continue
            sender = fold(clean_cell(_cell(cells, columns, "from")))
            when = parse_moment(_cell(cells, columns, "date"), day_first=day_first)
            if when is None:
                self.activity.skip(file, "no_date", line)
                continue
            if sender in _ANONYMOUS:
                self.activity.skip(file, "anonymous", line)
                continue
            to = fold(clean_cell(_cell(cells, columns, "to"))).split(", ")[0]
            conversation = clean_cell(_cell(cells, columns, "conversation")) or f"line-{line}"
            raw.append((when, conversation, sender, to, _cell(cells, columns, "content")))
        owner = self._owner(raw)
        for when, conversation, sender, to, content in raw:
            outgoing = sender in owner
            self.activity.messages.append(
                Message(
                    when=when,
                    conversation=conversation,
                    outgoing=outgoing,
                    # Other people's words are not ours to keep: only who wrote and when.
                    text=clean_notes(content, limit=MAX_MESSAGE_CHARS) if outgoing else "",
                    other=to if outgoing else sender,
                )
            )

    def _owner(self, raw: list) -> set[str]:
        """The professional's name(s) as a sender: from Profile.csv when it shows among the
        senders, else the sender present in the most conversations."""
        senders = {sender for _, _, sender, _, _ in raw}
        if self.owner_names & senders:
            return self.owner_names & senders
        presence: Counter = Counter()
        for sender, _conversation in {(s, c) for _, c, s, _, _ in raw}:
            presence[sender] += 1
        if not presence:
            return set()
        return {max(presence, key=lambda name: (presence[name], name))}

    def connections(self, data: bytes, file: str) -> None:
        try:
            for count, item in enumerate(parse_connections(data), start=1):
                self._cap(count, file)
                if isinstance(item, ParsedContact):
                    self.activity.connections.append(
                        Connection(name=fold(item.full_name), connected_on=item.connected_on)
                    )
        except ImportFileError as error:
            code = (
                error.code
                if error.code in ("empty", "binary", "encoding", "not_csv")
                else "no_header"
            )
            raise ActivityFileError(code, file) from None


# Read in this order: the profile names the owner for messages, shares before comments.
_ORDER = (
    "profile",
    "shares",
    "comments",
    "reactions",
    "invitations",
    "messages",
    "connections",
    "recommendations",
    "endorsements",
)
_CONNECTIONS_FILES = ("connections.csv", "relations.csv")
_SOURCES = {
    "shares": "posts",
    "comments": "comments",
    "reactions": "reactions",
    "messages": "messages",
    "invitations": "invitations",
    "connections": "connections",
    "profile": "profile",
}


def _table_of(name: str) -> str | None:
    lowered = base_name(name).lower()
    if lowered in _CONNECTIONS_FILES:
        return "connections"
    for table in _ORDER:
        if table != "connections" and lowered in _spec()[table]["files"]:
            return table
    return None


def _run(reader: _Reader, table: str, data: bytes, file: str) -> None:
    activity = reader.activity
    if table == "recommendations":
        activity.recommendations_received = reader.count_rows(data, table, file)
    elif table == "endorsements":
        activity.endorsements_received = reader.count_rows(data, table, file)
    else:
        getattr(reader, table)(data, file)
        activity.sources.add(_SOURCES[table])
    activity.files_read.append(base_name(file))


def read_linkedin_zip(archive: Archive, limits: Limits, progress: Progress) -> Activity:
    activity = Activity(NETWORK)
    reader = _Reader(activity, limits)
    found = []
    for table in _ORDER:
        names = _CONNECTIONS_FILES if table == "connections" else _spec()[table]["files"]
        if member := archive.find(*names):
            found.append((table, member))
    if not found:
        raise ActivityFileError("nothing_to_read", archive.name)
    total = sum(member.file_size for _, member in found) or 1
    done = 0
    for table, member in found:
        _run(reader, table, archive.read(member), member.filename)
        done += member.file_size
        progress(done / total)
    return activity


def read_linkedin_csv(data: bytes, name: str, limits: Limits, progress: Progress) -> Activity:
    """One CSV of the export on its own, known by its name or else by its header."""
    check_size(data, name, limits)
    activity = Activity(NETWORK)
    reader = _Reader(activity, limits)
    table = _table_of(name) or detect_table(text_of(data, name))
    if table is None:
        raise ActivityFileError("no_header", name)
    _run(reader, table, data, name)
    progress(1.0)
    return activity


def detect_table(text: str) -> str | None:
    """Which of the export's files a CSV is, from its header (a renamed file)."""
    head = text[:20_000]
    for table in (
        "messages",
        "invitations",
        "shares",
        "profile",
        "reactions",
        "comments",
        "endorsements",
        "recommendations",
    ):
        try:
            offset, delimiter = _header_offset(head, table)
        except ActivityFileError:
            continue
        header = _header_cells(head[offset:].split("\n", 1)[0], delimiter)
        columns = _columns(header, table)
        if table == "messages" and "conversation" not in columns:
            continue
        return table
    lowered = head.lower()
    if "first name" in lowered and "last name" in lowered and "connected on" in lowered:
        return "connections"
    return None


def looks_like_linkedin(text_head: str) -> bool:
    return detect_table(text_head) is not None
