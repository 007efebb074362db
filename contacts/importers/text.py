"""Bytes to text, and text to CSV rows: encoding, binary detection, delimiter sniffing."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator

from .base import ImportFileError

DELIMITERS = (",", ";", "\t")

_HEADER_CHARS = 16 * 1024
# csv.Sniffer's regular expressions are quadratic on quote-heavy input: a small sample keeps
# a hostile file from costing seconds (4 KiB: a header and a few dozen rows).
_SNIFF_CHARS = 4 * 1024
_BINARY_SAMPLE_CHARS = 64 * 1024
_MAX_CONTROL_RATIO = 0.05
_WHITESPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c")


def decode(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM), UTF-16 with BOM, else
    Windows-1252. Refuses empty and binary files."""
    if not data.strip():
        raise ImportFileError("empty", "The file is empty.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" export; it holds NUL bytes, so read it before that check.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(
                "encoding", "The file says it is UTF-16 but is not valid UTF-16."
            ) from None
    else:
        if b"\x00" in data:
            raise ImportFileError("binary", "This is not a text file.")
        if data.startswith(codecs.BOM_UTF8):
            try:
                text = data[3:].decode("utf-8")
            except UnicodeDecodeError:
                raise ImportFileError(
                    "encoding", "The file says it is UTF-8 but is not valid UTF-8."
                ) from None
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                # Excel on Windows saves "CSV" in Windows-1252. The five bytes that codec
                # leaves undefined are C1 controls in Latin-1, which cell hygiene drops anyway.
                text = data.decode("cp1252", errors="ignore")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportFileError("empty", "The file is empty.")
    if _looks_binary(text):
        raise ImportFileError("binary", "This is not a text file.")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:_BINARY_SAMPLE_CHARS]
    if sample.isprintable():
        return False
    controls = sum(
        1
        for char in sample
        if (char < " " or "\x7f" <= char <= "\x9f") and char not in _WHITESPACE_CONTROLS
    )
    return controls > _MAX_CONTROL_RATIO * len(sample)


def first_line(text: str) -> str:
    """The first line that is not blank (ignoring quotes: good enough for a header)."""
    for line in io.StringIO(text[:_HEADER_CHARS]):
        if line.strip():
            return line
    return ""


def count_delimiter(line: str) -> str:
    """The delimiter that occurs most in `line`; comma on a tie or when none occurs."""
    counts = [(line.count(delimiter), -rank) for rank, delimiter in enumerate(DELIMITERS)]
    best = max(counts)
    return DELIMITERS[-best[1]] if best[0] else ","


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab.

    csv.Sniffer sees quotes and line-to-line consistency, so it is asked first; its answer
    is only trusted when the header line contains that delimiter. Otherwise the delimiter
    that occurs most in the header line wins.
    """
    header = first_line(text)
    sample = text[:_SNIFF_CHARS]
    if "\n" in sample.rstrip("\r\n"):  # the sniffer needs a few lines to compare
        sample = sample[: sample.rfind("\n")]  # no truncated last line
        try:
            guess = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
        except Exception:  # the sniffer raises more than csv.Error on odd input
            guess = ""
        if guess in DELIMITERS and guess in header:
            return guess
    return count_delimiter(header)


def _ends_inside_quotes(text: str, delimiter: str, start_line: int) -> bool:
    """True when the record starting at physical line `start_line` (the file's last one) runs
    into the end of the file inside a quoted cell: the lenient reader would otherwise have
    swallowed every following row into that one cell, silently.

    Only the last record can end that way (an unclosed quote takes the rest of the file), so
    this strict re-read covers that record alone: one linear pass at most per file.
    """
    source = io.StringIO(text, newline="")
    for _skipped in itertools.islice(source, start_line - 1):
        pass
    try:
        for _row in csv.reader(source, delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


def read_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, cells) for each CSV record, quoted cells
    spanning several lines included. Malformed CSV, a quoted cell never closed, or a cell
    beyond the csv module's field limit (128 KiB, far more than any contact field), raises
    ImportFileError("not_csv")."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    line = 1
    # Each record is yielded once the next one is read: only then is it known not to be the
    # last, the one record that can end inside an unclosed quote.
    previous: tuple[int, list[str]] | None = None
    try:
        for cells in reader:
            if previous is not None:
                yield previous
            previous = line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(
            "not_csv", f"Line {reader.line_num}: this is not a readable CSV file ({error})."
        ) from None
    if previous is None:
        return
    start, cells = previous
    # A cell that swallowed rows holds their line breaks: without one, nothing was swallowed.
    if (
        cells
        and ("\n" in cells[-1] or "\r" in cells[-1])
        and _ends_inside_quotes(text, delimiter, start)
    ):
        raise ImportFileError(
            "not_csv", f"Line {start}: a quoted cell is never closed; not a readable CSV file."
        )
    yield previous
