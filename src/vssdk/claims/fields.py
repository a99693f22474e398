"""Field kinds of the claim tables and their text forms on the wire (pure).

Kinds: ``text``; ``int``; ``dt12`` (``yyyyMMddHHmm``, naive local time); ``birth`` (``dt12`` or,
when only the year (and month) is known, :class:`PartialDate` written ``yyyy00000000`` /
``yyyyMM000000`` as QĐ 130/4750 state for ``NGAY_SINH``); ``d8`` (``yyyyMMdd``);
``amount`` (Decimal, at most 2 decimals); ``price``/``qty`` (Decimal, at most 3 decimals);
``rate`` (Decimal percentage); ``list``/``d8list`` (``;``-separated). Floats are refused.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import attrs

from vssdk.errors import InvalidArgument

__all__ = [
    "VN_TZ",
    "PartialDate",
    "from_text",
    "round_amount",
    "to_decimal",
    "to_text",
]

VN_TZ = dt.timezone(dt.timedelta(hours=7))
_CENT = Decimal("0.01")
_PLACES = {"amount": 2, "price": 3, "qty": 3, "rate": 2}


@attrs.frozen(slots=True)
class PartialDate:
    """A birth date known only to the year, or to the month (QĐ 130/4750 Table 1 ``NGAY_SINH``:
    ``yyyy00000000`` when day and month are unknown).

    ``PartialDate(1940)`` is written ``194000000000``, ``PartialDate(1940, 5)``
    ``194005000000``. A date with a known day is an ordinary :class:`datetime.datetime`.
    """

    year: int
    month: int | None = None

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise InvalidArgument("year", f"{self.year} is not a year")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidArgument("month", f"{self.month} is not a month 1-12")

    @property
    def wire(self) -> str:
        """The 12-digit text of ``NGAY_SINH``."""
        return f"{self.year:04d}{self.month or 0:02d}000000"

    def earliest(self) -> dt.date:
        """The first day the birth can fall on."""
        return dt.date(self.year, self.month or 1, 1)

    def latest(self) -> dt.date:
        """The last day the birth can fall on."""
        month = self.month or 12
        return dt.date(self.year, month, monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"


def round_amount(value: Decimal) -> Decimal:
    """Round to 2 decimals, half up (the rounding HIS engines use for ``THANH_TIEN_*``)."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


MAX_INTEGER_DIGITS = 15
"""Amounts and quantities carry at most 15 integer digits (under a quadrillion đồng): larger
values are refused as input, so no computation overflows and no reply grows with an exponent."""
MAX_INT_DIGITS = 18  # integer fields (STT, counts, years): anything longer is not one


def to_decimal(value: object, name: str) -> Decimal:
    """A Decimal from an int, a Decimal or a numeric string; floats are refused."""
    if isinstance(value, bool | float):
        raise InvalidArgument(
            name, f"must be Decimal, int or a decimal string, not {type(value).__name__}"
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InvalidArgument(name, f"{value!r} is not a decimal number") from None
    else:
        raise InvalidArgument(name, f"must be a number, not {type(value).__name__}")
    if not result.is_finite():
        raise InvalidArgument(name, "must be a finite number")
    if result and result.adjusted() >= MAX_INTEGER_DIGITS:
        raise InvalidArgument(name, f"has more than {MAX_INTEGER_DIGITS} integer digits")
    if result.as_tuple().exponent < -12:  # type: ignore[operator]
        raise InvalidArgument(name, "has more decimals than any amount or quantity carries")
    return result


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def to_text(kind: str, value: Any) -> str:
    """The wire text of a typed value (``None`` and empty tuples give ``""``)."""
    if value is None:
        return ""
    if kind == "text":
        return str(value)
    if kind == "int":
        return str(int(value))
    if kind == "birth" and isinstance(value, PartialDate):
        return value.wire
    if kind in ("dt12", "birth"):
        moment: dt.datetime = value
        if moment.tzinfo is not None:
            moment = moment.astimezone(VN_TZ).replace(tzinfo=None)
        return moment.strftime("%Y%m%d%H%M")
    if kind == "d8":
        day: dt.date = value
        return day.strftime("%Y%m%d")
    if kind in _PLACES:
        return format(value, "f")
    if kind == "list":
        return ";".join(value)
    if kind == "d8list":
        return ";".join(d.strftime("%Y%m%d") for d in value)
    raise AssertionError(kind)


def from_text(kind: str, text: str, name: str) -> Any:
    """Parse wire text into the typed value; raises InvalidArgument naming ``name``."""
    text = text.strip()
    if kind in ("list", "d8list"):
        if not text:
            return ()
        parts = tuple(p.strip() for p in text.split(";"))
        if kind == "list":
            return parts
        return tuple(_parse_d8(p, name) for p in parts)
    if text == "":
        return None
    if kind == "text":
        return text
    if kind == "int":
        if not text.isascii() or not text.lstrip("-").isdigit():
            raise InvalidArgument(name, f"{text!r} is not an integer")
        if len(text.lstrip("-")) > MAX_INT_DIGITS:
            raise InvalidArgument(name, f"has more than {MAX_INT_DIGITS} digits")
        return int(text)
    partial = text[4:6] == "00" or text[6:8] == "00"
    if kind == "birth" and len(text) == 12 and text.isascii() and text.isdigit() and partial:
        if text[8:] != "0000" or (text[4:6] == "00" and text[6:8] != "00"):
            raise InvalidArgument(name, f"{text!r} is not yyyy00000000 nor yyyyMM000000")
        if not "00" <= text[4:6] <= "12" or text[:4] == "0000":
            raise InvalidArgument(name, f"{text!r} is not a real year and month")
        return PartialDate(int(text[:4]), int(text[4:6]) or None)
    if kind in ("dt12", "birth"):
        if len(text) != 12 or not text.isascii() or not text.isdigit():
            raise InvalidArgument(name, f"{text!r} is not yyyyMMddHHmm (12 digits)")
        try:
            return dt.datetime.strptime(text, "%Y%m%d%H%M")
        except ValueError:
            raise InvalidArgument(name, f"{text!r} is not a real date and time") from None
    if kind == "d8":
        return _parse_d8(text, name)
    if kind in _PLACES:
        value = to_decimal(text, name)
        if _places(value) > _PLACES[kind]:
            raise InvalidArgument(name, f"{text!r} has more than {_PLACES[kind]} decimals")
        return value
    raise AssertionError(kind)


def _parse_d8(text: str, name: str) -> dt.date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise InvalidArgument(name, f"{text!r} is not yyyyMMdd (8 digits)")
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise InvalidArgument(name, f"{text!r} is not a real date") from None
