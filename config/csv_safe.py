"""CSV that a spreadsheet opens safely (formulas neutralised, a BOM for Excel). No ORM."""

import csv
import io
from collections.abc import Iterable

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """Text a spreadsheet shows as typed: a leading apostrophe stops formula evaluation."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def csv_rows(header: list[str], rows: Iterable[Iterable[object]]) -> Iterable[str]:
    """Yield the CSV text line by line (for a streaming response), BOM first for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([neutralise(h) for h in header])
    yield _drain(buffer)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
