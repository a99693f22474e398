"""Logs never carry tokens, passwords or full personal identifiers."""

from __future__ import annotations

import logging

import httpx
import pytest

import vssdk
from vssdk._core.auth import BearerToken
from vssdk._core.redact import mask, mask_text, safe_headers


def test_mask_keeps_two_characters_each_side() -> None:
    assert mask("7912345612") == "79******12"
    assert mask("079085001234") == "07********34"


def test_mask_text_masks_identifiers_and_secret_query_values() -> None:
    text = mask_text("/api?token=abc.def&maThe=DN4790123456789&cccd=079085001234&password=X")
    assert "abc.def" not in text and "DN4790123456789" not in text
    assert "079085001234" not in text and "password=[redacted]" in text
    assert "DN*" in text


def test_safe_headers_redacts_credentials_and_masks_operator_id() -> None:
    headers = safe_headers({"Authorization": "Bearer secret", "X-Operator-Id": "079085001234"})
    assert headers == {"Authorization": "[redacted]", "X-Operator-Id": "07********34"}


def test_debug_log_of_a_call_contains_no_secret(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[httpx.Request] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(404, json={"type": "about:blank", "title": "nf", "status": 404})

    client = vssdk.Client(
        "https://x.example", auth=BearerToken("tok-SECRET"), transport=httpx.MockTransport(reply)
    )
    with caplog.at_level(logging.DEBUG, logger="vssdk"), pytest.raises(vssdk.NotFoundError):
        client.lookups.facility("79123")
    assert "getFacility" in caplog.text or "/reference/facilities" in caplog.text
    assert "tok-SECRET" not in caplog.text
