"""The codec: attrs models from JSON, exact types, unknown fields kept, Nones omitted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vssdk
from vssdk._core.model import Model, decode_json, encode_json, to_builtins


@attrs.frozen(slots=True)
class Line(Model):
    code: str
    quantity: Decimal
    amount: int


@attrs.frozen(slots=True)
class Doc(Model):
    issued_on: dt.date
    at: dt.datetime
    lines: tuple[Line, ...]
    note: str | None = None


VN = dt.timezone(dt.timedelta(hours=7))


def test_round_trip_keeps_exact_types() -> None:
    doc = Doc(
        issued_on=dt.date(2026, 7, 1),
        at=dt.datetime(2026, 7, 1, 9, 30, tzinfo=VN),
        lines=(Line(code="01", quantity=Decimal("1.250"), amount=2_340_000),),
    )
    data = encode_json(doc)
    assert b'"quantity":"1.250"' in data and b"note" not in data
    assert b'"at":"2026-07-01T09:30:00+07:00"' in data
    assert decode_json(data, Doc) == doc


def test_naive_datetime_is_refused() -> None:
    raw = b'{"issued_on":"2026-07-01","at":"2026-07-01T09:30:00","lines":[]}'
    with pytest.raises(vssdk.ResponseValidationError):
        decode_json(raw, Doc)


def test_float_money_is_refused() -> None:
    raw = (
        b'{"issued_on":"2026-07-01","at":"2026-07-01T09:30:00+07:00",'
        b'"lines":[{"code":"01","quantity":"1","amount":2340000.5}]}'
    )
    with pytest.raises(vssdk.ResponseValidationError) as info:
        decode_json(raw, Doc)
    assert info.value.path == "$.lines[0].amount"


def test_nested_unknown_fields_are_kept_where_they_occur() -> None:
    raw = (
        b'{"issued_on":"2026-07-01","at":"2026-07-01T09:30:00+07:00","extra_top":1,'
        b'"lines":[{"code":"01","quantity":"1","amount":1,"ghi_chu":"x"}]}'
    )
    with pytest.warns(vssdk.UnknownFieldsWarning, match=r"\$\.lines\[0\]\.ghi_chu"):
        doc = decode_json(raw, Doc)
    assert vssdk.unknown_fields(doc) == {"extra_top": 1}
    assert vssdk.unknown_fields(doc.lines[0]) == {"ghi_chu": "x"}


@given(
    amount=st.integers(min_value=0, max_value=10**15),
    quantity=st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=0, max_value=10**9
    ),
)
def test_money_and_decimals_survive_any_magnitude(amount: int, quantity: Decimal) -> None:
    line = Line(code="01", quantity=quantity, amount=amount)
    back = decode_json(encode_json(line), Line)
    assert back.amount == amount and back.quantity == quantity


def test_to_builtins_drops_none_everywhere() -> None:
    data: Any = to_builtins({"a": None, "b": [{"c": None, "d": 1}]})
    assert data == {"b": [{"d": 1}]}
