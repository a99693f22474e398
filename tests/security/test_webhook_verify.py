"""F23: ``webhooks.verify`` raises only WebhookSignatureError, whatever the header holds.

A receiver maps that error to 400; anything else became a 500 and the sender kept retrying.
"""

from __future__ import annotations

import pytest

from vssdk.webhooks import WebhookSignatureError, sign, verify

SECRET = "whsec_test"
BODY = b'{"id":"evt_1","type":"x.y","created_at":"2026-06-15T09:00:00+07:00","data":{}}'


@pytest.mark.parametrize(
    "header",
    [
        "t=²,v1=00",
        "t=" + "9" * 5000 + ",v1=00",
        "t=١٢٣,v1=00",
        "t=12345678901234,v1=00",
        "t=-5,v1=00",
        "t=,v1=",
        "v1=abc",
        "t=1",
        "\x00",
        ",,,,",
        "t=1=2,v1=3",
    ],
)
def test_malformed_signature_header_raises_only_the_typed_error(header: str) -> None:
    with pytest.raises(WebhookSignatureError) as info:
        verify(BODY, header, SECRET)
    assert info.value.reason in ("malformed", "mismatch")


def test_header_of_the_wrong_type_raises_the_typed_error() -> None:
    with pytest.raises(WebhookSignatureError):
        verify(BODY, 12345, SECRET)  # type: ignore[arg-type]
    with pytest.raises(WebhookSignatureError):
        verify("not bytes", sign(BODY, SECRET), SECRET)  # type: ignore[arg-type]


def test_valid_signature_still_verifies() -> None:
    assert verify(BODY, sign(BODY, SECRET), SECRET).id == "evt_1"
