"""Signing and verifying deliveries (HMAC-SHA256 over ``t + "." + body``)."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssdk.errors import InvalidArgument, VssdkError
from vssdk.webhooks import WebhookSignatureError, compute_signature, sign, verify, verify_signature

SECRET = "whsec_test_0123456789abcdef"
BODY = json.dumps(
    {
        "id": "evt_1",
        "type": "linked_application.completed",
        "created_at": "2026-11-23T09:00:00+07:00",
        "data": {"application_id": "lnk_000001"},
    }
).encode()
T = 1_795_000_000


def test_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    expected = hmac.new(SECRET.encode(), f"{T}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert sign(BODY, SECRET, timestamp=T) == f"t={T},v1={expected}"
    assert compute_signature(BODY, SECRET, T) == expected


def test_verify_returns_the_event() -> None:
    event = verify(BODY, sign(BODY, SECRET, timestamp=T), SECRET, now=T + 10)
    assert (event.id, event.type) == ("evt_1", "linked_application.completed")
    assert event.data == {"application_id": "lnk_000001"}
    assert event.created_at.utcoffset() is not None


def test_tampered_body_or_wrong_secret_is_a_mismatch() -> None:
    header = sign(BODY, SECRET, timestamp=T)
    with pytest.raises(WebhookSignatureError) as info:
        verify(BODY.replace(b"lnk_000001", b"lnk_000002"), header, SECRET, now=T)
    assert info.value.reason == "mismatch"
    with pytest.raises(WebhookSignatureError) as info:
        verify(BODY, header, "another-secret-value", now=T)
    assert info.value.reason == "mismatch"
    assert isinstance(info.value, VssdkError)


def test_changing_the_timestamp_breaks_the_signature() -> None:
    signature = compute_signature(BODY, SECRET, T)
    with pytest.raises(WebhookSignatureError) as info:
        verify(BODY, f"t={T + 1},v1={signature}", SECRET, now=T)
    assert info.value.reason == "mismatch"


def test_old_or_future_timestamps_are_replays() -> None:
    header = sign(BODY, SECRET, timestamp=T)
    for now in (T + 301, T - 301):
        with pytest.raises(WebhookSignatureError) as info:
            verify(BODY, header, SECRET, now=now)
        assert info.value.reason == "timestamp"
    assert verify(BODY, header, SECRET, now=T + 300).id == "evt_1"
    assert verify(BODY, header, SECRET, tolerance=0, now=T + 10**6).id == "evt_1"
    assert verify(BODY, header, SECRET, 1000, now=T + 900).id == "evt_1"


@pytest.mark.parametrize(
    "header", [None, "", "v1=abc", f"t={T}", "t=soon,v1=abc", "garbage", f"t={T},v0=abc"]
)
def test_malformed_headers(header: str | None) -> None:
    with pytest.raises(WebhookSignatureError) as info:
        verify(BODY, header, SECRET, now=T)
    assert info.value.reason == "malformed"


def test_any_of_several_signatures_may_match_for_secret_rotation() -> None:
    good = compute_signature(BODY, SECRET, T)
    header = f"t={T},v1={'0' * 64},v1={good}"
    assert verify_signature(BODY, header, SECRET, now=T) == T


def test_a_signed_body_that_is_not_an_event_is_malformed() -> None:
    body = b'{"hello": "world"}'
    with pytest.raises(WebhookSignatureError) as info:
        verify(body, sign(body, SECRET, timestamp=T), SECRET, now=T)
    assert info.value.reason == "malformed"


def test_bad_arguments() -> None:
    with pytest.raises(InvalidArgument) as info:
        sign(BODY, "", timestamp=T)
    assert info.value.argument == "secret"
    with pytest.raises(InvalidArgument) as info:
        sign("text", SECRET)  # type: ignore[arg-type]
    assert info.value.argument == "payload"
    with pytest.raises(InvalidArgument) as info:
        verify(BODY, sign(BODY, SECRET), SECRET, -1)
    assert info.value.argument == "tolerance"


@given(
    body=st.binary(max_size=300),
    secret=st.text(min_size=1, max_size=40),
    t=st.integers(min_value=0, max_value=2**33),
    flip=st.integers(min_value=0, max_value=299),
)
def test_round_trip_and_any_flipped_byte_fails(body: bytes, secret: str, t: int, flip: int) -> None:
    header = sign(body, secret, timestamp=t)
    assert verify_signature(body, header, secret, tolerance=0) == t
    if body:
        index = flip % len(body)
        tampered = body[:index] + bytes([body[index] ^ 0x01]) + body[index + 1 :]
        with pytest.raises(WebhookSignatureError):
            verify_signature(tampered, header, secret, tolerance=0)
