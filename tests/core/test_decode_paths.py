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


CLAIM = {
    "id": "clm_000001",
    "facility_code": "01001",
    "link_key": "HS01",
    "version": 1,
    "standard": "qd130",
    "status": "accepted",
    "transaction_id": "GD01",
    "received_at": "2026-06-15T09:30:00+07:00",
    "amounts": {
        "total": "1250000.00",
        "insured": "1000000.00",
        "fund": "800000.00",
        "patient_copay": "200000.00",
        "patient_outside": "250000.00",
    },
}


@given(
    total=st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
        st.sampled_from([1250000.1, 12345678901234567890.12, 0.1, "abc", None, True]),
    ),
    extra=st.dictionaries(st.sampled_from(["ghi_chu", "x"]), st.integers(), max_size=1),
)
def test_decimal_paths_agree(total: Any, extra: dict[str, int]) -> None:
    """Models with Decimal fields take the fast path too; a JSON number (the spec says string)
    goes to the general path, so the Decimal is the same whichever path decoded it."""
    from vssdk._core.model import _fast_decoders
    from vssdk.claims.models import ClaimSubmission

    assert _fast_decoders(ClaimSubmission) is not None
    doc = {**CLAIM, "amounts": {**CLAIM["amounts"], "total": total, **extra}}  # type: ignore[dict-item]
    fast, general = both(json.dumps(doc).encode(), ClaimSubmission)
    assert fast == general
    if fast[0] is not None:
        assert str(fast[0].amounts.total) == str(general[0].amounts.total)
