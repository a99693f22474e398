"""Dates as Vietnam's social security counts them: the time zone and whole-month arithmetic.

Every date of the law is a calendar date in Vietnam (UTC+07:00, no daylight saving), and
participation periods count whole calendar months written ``YYYY-MM``. This is the one place for
both; the SDK's areas and the sandbox use it.
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "VN_TZ",
    "add_months",
    "add_months_to_date",
    "month_of",
    "month_span",
    "months_between",
    "now_in_vietnam",
    "split_2014",
    "today_in_vietnam",
]

VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")
"""Indochina Time, UTC+07:00: the zone of every BHXH date and timestamp."""


def now_in_vietnam() -> dt.datetime:
    """The current (real) time in Vietnam."""
    return dt.datetime.now(VN_TZ)


def today_in_vietnam() -> dt.date:
    """Today's date in Vietnam (what BHXH's calendar says, whatever the machine's zone)."""
    return now_in_vietnam().date()


def month_of(day: dt.date) -> str:
    """``2026-11-23`` → ``"2026-11"``."""
    return f"{day.year:04d}-{day.month:02d}"


def _index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def add_months(month: str, count: int) -> str:
    """``add_months("2026-11", 3)`` → ``"2027-02"`` (negative counts go back)."""
    return _month(_index(month) + count)


def months_between(first: str, last: str) -> int:
    """Months from ``first`` to ``last`` inclusive (0 when ``last`` is before ``first``)."""
    return max(0, _index(last) - _index(first) + 1)


def month_span(first: str, last: str, window_first: str, window_last: str) -> int:
    """Months of ``first..last`` that fall inside ``window_first..window_last``."""
    lo = max(_index(first), _index(window_first))
    hi = min(_index(last), _index(window_last))
    return max(0, hi - lo + 1)


def split_2014(first: str, last: str) -> tuple[int, int]:
    """Months of ``first..last`` before 2014 and from 2014 (the one-time SI/pension split)."""
    before = month_span(first, last, "0001-01", "2013-12")
    return before, months_between(first, last) - before


def add_months_to_date(day: dt.date, count: int) -> dt.date:
    """The same day ``count`` months later (negative goes back), clamped to the month's last day.

    ``add_months_to_date(date(2024, 1, 31), 1)`` → ``2024-02-29``.
    """
    index = day.year * 12 + day.month - 1 + count
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _days_in_month(year, month + 1)))


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
