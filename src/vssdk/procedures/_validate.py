"""Checks made in the SDK before a record is sent (the sandbox repeats them, adding date checks)."""

from __future__ import annotations

import datetime as dt
import re

from vssdk.cards import InvalidIdentifier, parse_citizen_id
from vssdk.procedures.errors import InvalidRecord

_RECORD_NUMBER = re.compile(r"^[0-9A-Za-z./_-]{1,64}$")


def citizen_id(value: str, field: str) -> str:
    """The canonical 12 digits, or :class:`InvalidRecord` naming ``field``."""
    try:
        return parse_citizen_id(value).canonical
    except InvalidIdentifier as exc:
        raise InvalidRecord(field, exc.reason, value=value) from exc


def encodes_birth_year(value: str, birth_date: dt.date, field: str) -> None:
    """A newborn's personal ID must encode the birth year (digits 4-6)."""
    year = parse_citizen_id(value).birth_year
    if year != birth_date.year:
        raise InvalidRecord(field, f"encodes birth year {year}, not {birth_date.year}")


def record_number(value: str, field: str) -> str:
    text = value.strip() if isinstance(value, str) else value
    if not isinstance(text, str) or not _RECORD_NUMBER.match(text):
        raise InvalidRecord(field, "1-64 letters, digits or . / _ -", value=value)
    return text


def name(value: str, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRecord(field, "must not be empty", value=value)
    return value.strip()


def date(value: dt.date, field: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidRecord(field, "must be a datetime.date", value=value)
    return value


def not_before(later: dt.date, earlier: dt.date, field: str, what: str) -> None:
    if later < earlier:
        raise InvalidRecord(field, f"{later.isoformat()} is before {what} {earlier.isoformat()}")


def whole_vnd(value: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRecord(field, "money is a whole number of VND (int)", value=value)
    if value < 1:
        raise InvalidRecord(field, "must be at least 1 VND", value=value)
    return value
