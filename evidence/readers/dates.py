"""Dates and times as the exports write them, to aware UTC datetimes.

    "2024-03-05 10:12:00 UTC"          LinkedIn messages, shares, comments (ISO, UTC)
    "2024-03-05T10:12:00Z"             ISO with a zone
    "05/03/2024" (day first)           French exports, 4-digit years
    "3/5/24, 10:12 AM" (month first)   LinkedIn invitations, English export
    "Mar 5, 2024" / "5 mars 2024"      written months, English and French
    "Wed Mar 05 10:12:00 +0000 2024"   X archive (created_at)
    1709633520                         Facebook (Unix seconds)

A numeric date with a 12-hour clock is read month first (LinkedIn's US format), otherwise day
first unless `day_first=False`; one that only makes sense the other way round is read the
other way round (contacts.importers.base.parse_date does that part). The time, when there is
one, is read with its zone; without a zone it is taken as UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

from contacts.importers.base import parse_date

_X = re.compile(
    r"[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{1,2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$"
)
_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_X_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_TIME = re.compile(
    r"[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?\s*"
    r"(Z|UTC|GMT|[+-]\d{2}:?\d{2})?",
)
_DATE_PART = re.compile(
    r"\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|\d{1,2}[ -][^\W\d_]+\.?[ -]\d{2,4}|[^\W\d_]+\.? \d{1,2},? \d{4}"
)
_MIN = datetime(1990, 1, 1, tzinfo=UTC)
_MAX = datetime(2100, 1, 1, tzinfo=UTC)


def from_timestamp(value) -> datetime | None:
    """Facebook's Unix seconds (an int, or a numeric string)."""
    try:
        moment = datetime.fromtimestamp(int(value), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return moment if _MIN <= moment < _MAX else None


def parse_moment(value: str, *, day_first: bool | None = None) -> datetime | None:
    """The moment `value` names, or None when it is not a date we know."""
    value = (value or "").strip()
    if not value or len(value) > 60:
        return None
    if match := _X.match(value):
        month = _X_MONTHS.get(match[1].title())
        if not month:
            return None
        try:
            moment = datetime(
                int(match[9]), month, int(match[2]), int(match[3]), int(match[4]), int(match[5]),
                tzinfo=UTC,
            )  # fmt: skip
        except ValueError:
            return None
        offset = timedelta(hours=int(match[7]), minutes=int(match[8]))
        moment = moment - offset if match[6] == "+" else moment + offset
        return moment if _MIN <= moment < _MAX else None
    date_match = _DATE_PART.match(value)
    if not date_match:
        return None
    rest = value[date_match.end() :]
    time_match = _TIME.match(rest)
    meridiem = time_match[4] if time_match else None
    if day_first is None:
        day_first = not meridiem
    day = parse_date(date_match[0], day_first=day_first)
    if day is None:
        return None
    clock = time()
    offset = timedelta()
    if time_match:
        hour, minute, second = int(time_match[1]), int(time_match[2]), int(time_match[3] or 0)
        if meridiem:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if meridiem.lower() == "pm" else 0)
        if hour > 23 or minute > 59 or second > 59:
            return None
        clock = time(hour, minute, second)
        zone = time_match[5] or ""
        if zone[:1] in "+-" and zone:
            digits = zone[1:].replace(":", "")
            offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            offset = offset if zone[0] == "+" else -offset
    moment = datetime.combine(day, clock, tzinfo=UTC) - offset
    return moment if _MIN <= moment < _MAX else None
