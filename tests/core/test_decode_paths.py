"""The fast decode path gives exactly what the general path gives, warnings and errors included."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vssdk
from vssdk._core.model import decode_json, decode_value, parse_json
from vssdk.lookups.models import Facility
from vssdk.sandbox.models import SandboxStatus

FACILITY = {
    "code": "01001",
    "name": "BV",
    "province_code": "01",
    "level": "central",
    "contracted": True,
}
STATUS = {
    "version": "1",
    "now": "2026-11-23T09:00:00+07:00",
    "clock_offset_seconds": 0,
    "counts": {"people": 3},
}


def both(body: bytes, tp: type[Any]) -> tuple[Any, Any]:
    outcomes = []
    for decode in (
        lambda: decode_json(body, tp),
        lambda: decode_value(parse_json(body), tp, body=body),
    ):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value: Any = decode()
                error = None
            except vssdk.ResponseValidationError as exc:
                value, error = None, (exc.path, exc.body)
        outcomes.append(
            (
                value,
                error,
                [str(w.message) for w in caught],
                vssdk.unknown_fields(value) if value is not None else None,
            )
        )
    return outcomes[0], outcomes[1]


@given(
    extra=st.dictionaries(st.sampled_from(["ghi_chu", "hang", "x"]), st.integers(), max_size=2),
    contracted=st.sampled_from([True, False, "yes", 1]),
    address=st.one_of(st.none(), st.text(max_size=5)),
)
def test_facility_paths_agree(extra: dict[str, int], contracted: Any, address: Any) -> None:
    doc = {**FACILITY, "contracted": contracted, **extra}
    if address is not None:
        doc["address"] = address
    fast, general = both(json.dumps(doc).encode(), Facility)
    assert fast == general


@pytest.mark.parametrize("now", ["2026-11-23T09:00:00+07:00", "2026-11-23T09:00:00", "nope"])
def test_timestamp_paths_agree(now: str) -> None:
    fast, general = both(json.dumps({**STATUS, "now": now}).encode(), SandboxStatus)
    assert fast == general
