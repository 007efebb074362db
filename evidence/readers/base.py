"""What every reader shares: the error a refused file raises, the limits, and the safe reading
of ZIP archives (zip-bomb guards) and of text (BOM, UTF-16, Windows-1252 fallback).

Pure Python: the limits come in as a `Limits` built by the service from the settings.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from contacts.importers.base import ImportFileError
from contacts.importers.linkedin import ZIP_ERRORS
from contacts.importers.text import decode

ERROR_CODES = (
    "empty",
    "binary",
    "encoding",
    "too_large",
    "too_many_items",
    "too_many_files",
    "zip_bomb",
    "bad_zip",
    "not_csv",
    "no_header",
    "bad_json",
    "bad_structure",
    "nothing_to_read",
    "unknown_network",
)

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
MAX_ZIP_RATIO = 200  # a member expanding more than this is treated as a ZIP bomb
_READ_CHUNK = 1024 * 1024


class ActivityFileError(Exception):
    """The whole upload is refused; nothing of it is kept. `code` is stable (the page and the
    command word it with evidence.error_texts), `file` names the file inside the upload."""

    def __init__(self, code: str, file: str = "", detail: str = ""):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown activity error code {code!r}")
        super().__init__(f"{file}: {code} {detail}".strip())
        self.code = code
        self.file = file
        self.detail = detail


@dataclass(frozen=True)
class Limits:
    max_upload_bytes: int = 200 * 1024 * 1024
    max_items: int = 200_000  # per file inside the export
    max_zip_members: int = 5_000
    max_unzipped_bytes: int = 1024 * 1024 * 1024


Progress = Callable[[float], None]  # called with the share of the work done, 0..1


def no_progress(_: float) -> None:
    return None


def text_of(data: bytes, file: str) -> str:
    """The text of one file, refusing empty and binary ones with the reader's own error."""
    try:
        return decode(data)
    except ImportFileError as error:
        code = error.code if error.code in ERROR_CODES else "binary"
        raise ActivityFileError(code, file) from None


def check_size(data: bytes, file: str, limits: Limits) -> None:
    if len(data) > limits.max_upload_bytes:
        raise ActivityFileError("too_large", file)
    if not data.strip():
        raise ActivityFileError("empty", file)


# A ZIP's errors are the contact importer's, and a member named but missing (KeyError).
_ZIP_ERRORS = (*ZIP_ERRORS, KeyError)


class Archive:
    """A ZIP export read member by member, never more than it declares nor the limits."""

    def __init__(self, data: bytes, name: str, limits: Limits):
        self.name = name
        self.limits = limits
        self._check_member_count(data)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.members = [m for m in self.zip.infolist() if not m.is_dir()]
        except _ZIP_ERRORS:
            raise ActivityFileError("bad_zip", name) from None
        if len(self.members) > limits.max_zip_members:
            raise ActivityFileError("too_many_files", name)
        if sum(m.file_size for m in self.members) > limits.max_unzipped_bytes:
            raise ActivityFileError("zip_bomb", name)
        for member in self.members:
            if member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1):
                raise ActivityFileError("zip_bomb", member.filename)

    def _check_member_count(self, data: bytes) -> None:
        """Read the end-of-central-directory record before zipfile builds one object per
        member: a million empty members would otherwise cost gigabytes."""
        end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
        if end == -1 or len(data) < end + 22:
            raise ActivityFileError("bad_zip", self.name)
        if int.from_bytes(data[end + 10 : end + 12], "little") > self.limits.max_zip_members:
            raise ActivityFileError("too_many_files", self.name)

    def paths(self) -> list[str]:
        return [
            m.filename.replace("\\", "/")
            for m in self.members
            if not m.filename.startswith("__MACOSX/")
        ]

    def find(self, *names: str) -> zipfile.ZipInfo | None:
        """The shallowest member whose base name is one of `names` (case-insensitive)."""
        wanted = {name.lower() for name in names}
        candidates = [
            m
            for m in self.members
            if m.filename.replace("\\", "/").rsplit("/", 1)[-1].lower() in wanted
            and not m.filename.startswith("__MACOSX/")
        ]
        if not candidates:
            return None
        return min(candidates, key=lambda m: (m.filename.count("/"), m.filename))

    def find_all(self, predicate: Callable[[str], bool]) -> list[zipfile.ZipInfo]:
        return sorted(
            (
                m
                for m in self.members
                if not m.filename.startswith("__MACOSX/")
                and predicate(m.filename.replace("\\", "/").lower())
            ),
            key=lambda m: m.filename,
        )

    def read(self, member: zipfile.ZipInfo) -> bytes:
        """The member's bytes, in chunks, refused as soon as it yields more than it declares."""
        cap = min(member.file_size, self.limits.max_unzipped_bytes)
        chunks = []
        total = 0
        try:
            with self.zip.open(member) as stream:
                while chunk := stream.read(_READ_CHUNK):
                    total += len(chunk)
                    if total > cap:
                        raise ActivityFileError("zip_bomb", member.filename)
                    chunks.append(chunk)
        except _ZIP_ERRORS:
            raise ActivityFileError("bad_zip", member.filename) from None
        return b"".join(chunks)

    def close(self) -> None:
        self.zip.close()


def base_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]
