"""Reading ids posted by forms: only plain ASCII digits of a sane length are ids."""

import re
from collections.abc import Iterable

ID = re.compile(r"[0-9]{1,18}")


def int_ids(values: Iterable[str]) -> list[int]:
    """Ids from posted values; anything else ("²", "1e9", 5000 digits…) is dropped."""
    return [int(v) for v in values if ID.fullmatch(v)]


def int_id(value: str) -> int | None:
    return int(value) if ID.fullmatch(value or "") else None
