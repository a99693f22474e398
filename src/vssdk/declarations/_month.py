"""A calendar month (``kỳ kê khai``, ``tuThang``/``denThang``), written ``MM/YYYY`` on the wire."""

from __future__ import annotations

import datetime as dt
import functools
import re

import attrs

from vssdk.errors import InvalidArgument

__all__ = ["Month"]

_WIRE = re.compile(r"(\d{2})/(\d{4})")


def _check_month(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 12:
        raise InvalidArgument("month", f"must be 1-12, got {value}", value=value)


def _check_year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not 1900 <= value <= 9999:
        raise InvalidArgument("year", f"must be 1900-9999, got {value}", value=value)


@functools.total_ordering
@attrs.frozen(slots=True, order=False)
class Month:
    """A month of a year; ordered, hashable; ``Month(2026, 11)``."""

    year: int = attrs.field(validator=_check_year)
    month: int = attrs.field(validator=_check_month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """``"11/2026"`` (wire form) or ``"2026-11"`` (ISO form) → ``Month(2026, 11)``."""
        match = _WIRE.fullmatch(text)
        if match:
            return cls(int(match.group(2)), int(match.group(1)))
        iso = re.fullmatch(r"(\d{4})-(\d{2})", text)
        if iso:
            return cls(int(iso.group(1)), int(iso.group(2)))
        raise InvalidArgument("month", f"expected MM/YYYY or YYYY-MM, got {text!r}", value=text)

    @classmethod
    def of(cls, day: dt.date) -> Month:
        """The month that contains ``day``."""
        return cls(day.year, day.month)

    @property
    def first_day(self) -> dt.date:
        """The 1st of the month (the date parameters are looked up on)."""
        return dt.date(self.year, self.month, 1)

    @property
    def wire(self) -> str:
        """``MM/YYYY`` as BHXH files write it."""
        return f"{self.month:02d}/{self.year:04d}"

    def add(self, months: int) -> Month:
        """This month shifted by ``months`` (may be negative)."""
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
