"""The user's data (accounts.personal_data.user_data) as a ZIP of CSV files. No ORM.

The tables are derived from the structure of the data itself, so the CSV download cannot drift
from the JSON one: a dict or a list of records is a table; a list of records inside a record is
a table of its own, named "<parent>_<key>", whose rows point at their parent row (a list that
is empty everywhere counts as an empty table); any other list or dict is written in one cell as
JSON text; the remaining top-level values make the one-row table "export".
"""

import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.personal_data import table_descriptions
from config.csv_safe import csv_rows

README_NAME = "README.txt"
EXPORT_TABLE = "export"

# What the one-row table holds; every other table's description comes from the app that
# registered it (accounts.personal_data).
EXPORT_DESCRIPTION = gettext_lazy("when this download was made.")


@dataclass
class Table:
    name: str
    columns: list[str]
    records: list[tuple[object, dict]]  # (parent reference or None, record)
    parent_column: str | None = None
    row_column: bool = False  # a "row" number, for children to point at when there is no id

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def header(self) -> list[str]:
        return (
            ([self.parent_column] if self.parent_column else [])
            + (["row"] if self.row_column else [])
            + self.columns
        )

    def rows(self) -> Iterator[list[str]]:
        for number, (parent, record) in enumerate(self.records, start=1):
            yield (
                ([cell(parent)] if self.parent_column else [])
                + ([str(number)] if self.row_column else [])
                + [cell(record.get(column)) for column in self.columns]
            )


def cell(value: object) -> str:
    """The text of one value, as the JSON download would write it (lists and dicts as JSON)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return DjangoJSONEncoder().default(value)  # dates, times, decimals, UUIDs


def data_tables(data: dict) -> list[Table]:
    """Every table of the data, parents before their children; tables without rows included."""
    sections = {k: v for k, v in data.items() if _is_records(v) or isinstance(v, dict)}
    scalars = {k: v for k, v in data.items() if k not in sections}
    taken = set(sections) | {EXPORT_TABLE}
    tables: list[Table] = []
    for name, value in sections.items():
        records = [value] if isinstance(value, dict) else value
        tables += _tables(name, [(None, r) for r in records], None, taken)
    if scalars:
        tables.append(Table(EXPORT_TABLE, list(scalars), [(None, scalars)]))
    return tables


def _is_records(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _tables(
    name: str,
    records: list[tuple[object, dict]],
    parent_column: str | None,
    taken: set[str],
) -> list[Table]:
    keys = list(dict.fromkeys(key for _parent, record in records for key in record))
    children = [
        key
        for key in keys
        if all(_is_records(r.get(key, [])) for _p, r in records)
        and any(isinstance(r.get(key), list) for _p, r in records)
    ]
    table = Table(name, [k for k in keys if k not in children], records, parent_column)
    if not children:
        return [table]
    has_id = "id" in table.columns
    table.row_column = not has_id
    reference = f"{name}.id" if has_id else f"{name}.row"
    tables = [table]
    for key in children:
        child_name = f"{name}_{key}"
        while child_name in taken:
            child_name += "_"
        taken.add(child_name)
        child_records = [
            (record["id"] if has_id else number, child)
            for number, (_parent, record) in enumerate(records, start=1)
            for child in record.get(key) or []
        ]
        tables += _tables(child_name, child_records, reference, taken)
    return tables


def archive_write(data: dict, out: IO[bytes]) -> None:
    """Write the ZIP: a README in the active language, then one CSV per table that has rows."""
    tables = [t for t in data_tables(data) if t.records]
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(README_NAME, "\ufeff" + readme_text(tables))
        for table in tables:
            with archive.open(table.filename, "w") as entry:
                _write_lines(entry, csv_rows(table.header(), table.rows()))


def _write_lines(entry: IO[bytes], lines: Iterable[str]) -> None:
    for line in lines:
        entry.write(line.encode("utf-8"))


def readme_text(tables: list[Table]) -> str:
    lines = [
        _("ePratiques: all your data"),
        "",
        _(
            "One CSV file per section of your data (UTF-8, opens in Excel, LibreOffice or "
            "Google Sheets). The columns have the same names as in the JSON download."
        ),
        _(
            "Lists and details are written as JSON text in a single cell. A file that details "
            "another one points at its rows: the column “audits.id” of audits_answers.csv is the "
            "“id” column of audits.csv; a column such as “reviews.row” is the row number in "
            "reviews.csv."
        ),
        _(
            "A cell that starts with =, +, -, @ or a tab gets an apostrophe in front, so that "
            "no spreadsheet runs it as a formula."
        ),
        _(
            "The answers your peers gave are only included as anonymous totals, never one by "
            "one. A section with nothing in it has no file."
        ),
        "",
    ]
    for table in tables:
        description = _descriptions().get(table.name) or _(
            "the “%(name)s” section of your data."
        ) % {"name": table.name}
        lines.append(f"{table.filename}: {description}")
    return "\n".join(lines) + "\n"


def _descriptions() -> dict:
    return {**table_descriptions(), EXPORT_TABLE: EXPORT_DESCRIPTION}
