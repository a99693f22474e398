"""Field kinds of the claim tables and their text forms on the wire (pure).

Kinds: ``text``; ``int``; ``dt12`` (``yyyyMMddHHmm``, naive local time); ``d8`` (``yyyyMMdd``);
``amount`` (Decimal, at most 2 decimals); ``price``/``qty`` (Decimal, at most 3 decimals);
``rate`` (Decimal percentage); ``list``/``d8list`` (``;``-separated). Floats are refused.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from vssdk.errors import InvalidArgument

__all__ = [
    "VN_TZ",
    "from_text",
    "round_amount",
    "to_decimal",
    "to_text",
]

VN_TZ = dt.timezone(dt.timedelta(hours=7))
_CENT = Decimal("0.01")
_PLACES = {"amount": 2, "price": 3, "qty": 3, "rate": 2}


def round_amount(value: Decimal) -> Decimal:
    """Round to 2 decimals, half up (the rounding HIS engines use for ``THANH_TIEN_*``)."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


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
    if kind == "dt12":
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
        return int(text)
    if kind == "dt12":
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
