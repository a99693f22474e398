"""F7, F11, F13, F22 and 401-before-415: what the dispatcher does before and around a handler."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.security.conftest import basic, bearer, citizen_token, org_token
from vssdk_sandbox.app import ANONYMOUS_BODY_BYTES, Sandbox

CALCULATOR = "/calculators/voluntary-si"


def _problem(reply: object) -> dict[str, object]:
    assert reply.headers["content-type"].startswith("application/problem+json")  # type: ignore[attr-defined]
    body = reply.json()  # type: ignore[attr-defined]
    assert isinstance(body, dict)
    return body


# --- F7: who is calling comes before the body; bodies are capped -----------------------------


def test_anonymous_caller_gets_401_before_any_body_is_read(http: TestClient) -> None:
    big = b"[" * (ANONYMOUS_BODY_BYTES * 3)
    reply = http.post(
        "/employers/SBX001A/dossiers", content=big, headers={"content-type": "application/json"}
    )
    assert reply.status_code == 401


@pytest.mark.parametrize("media", ["application/xml", "text/plain", "application/json"])
def test_secured_operation_answers_401_before_415_or_400(http: TestClient, media: str) -> None:
    reply = http.post(
        "/employers/SBX001A/dossiers", content=b"<not-json/>", headers={"content-type": media}
    )
    assert reply.status_code == 401


def test_oversized_body_to_a_public_operation_is_413(http: TestClient) -> None:
    body = b'{"monthly_income": 5000000, "pad": "' + b"x" * ANONYMOUS_BODY_BYTES + b'"}'
    reply = http.post(CALCULATOR, content=body, headers={"content-type": "application/json"})
    assert reply.status_code == 413
    assert _problem(reply)["type"] == "https://vssdk.dev/problems/body-too-large"


def test_declared_length_over_the_cap_is_refused_before_reading(sandbox: Sandbox) -> None:
    import asyncio

    from vssdk_sandbox.app import create_app

    app = create_app(sandbox=sandbox)
    sent: list[Any] = []
    read = 0

    async def receive() -> dict[str, object]:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"x" * 1024, "more_body": read < 50}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": CALCULATOR,
        "raw_path": CALCULATOR.encode(),
        "query_string": b"",
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(200 * 1024 * 1024).encode()),
        ],
        "server": ("sandbox.test", 80),
        "scheme": "http",
        "root_path": "",
        "http_version": "1.1",
        "client": ("127.0.0.1", 1),
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert read == 0


# --- F11: Idempotency-Key only where the operation declares it --------------------------------


def test_token_endpoint_ignores_idempotency_key_and_refresh_reuse_is_still_detected(
    http: TestClient,
) -> None:
    form = {
        "grant_type": "password",
        "client_id": "vssid-app",
        "username": "7901234567",
        "password": "Sandbox@2026",
        "device_id": "dev-1",
        "scope": "openid citizen.read",
    }
    first = http.post("/oauth/token", data=form).json()
    refresh = {"grant_type": "refresh_token", "client_id": "vssid-app"}
    refresh["refresh_token"] = first["refresh_token"]
    key = {"idempotency-key": "same-key-123456"}
    one = http.post("/oauth/token", data=refresh, headers=key)
    two = http.post("/oauth/token", data=refresh, headers=key)
    assert one.status_code == 200
    assert "idempotent-replayed" not in two.headers
    assert two.status_code == 400 and two.json()["error"] == "refresh_token_reused"
    # the family is revoked: the first refresh's access token no longer works
    assert (
        http.get("/oauth/userinfo", headers=bearer(one.json()["access_token"])).status_code == 401
    )


def test_no_token_is_kept_in_the_idempotency_store(http: TestClient, sandbox: Sandbox) -> None:
    form = {"grant_type": "client_credentials"}
    for _ in range(2):
        http.post(
            "/oauth/token", data=form, headers={**basic("01001_BV"), "idempotency-key": "k-1234567"}
        )
    assert sandbox.store.count("idempotency") == 0


# --- F22: idempotency keys are kept 24 hours ---------------------------------------------------


def test_idempotency_key_expires_after_24_hours(http: TestClient, sandbox: Sandbox) -> None:
    headers = {**bearer(org_token(http, "ministry-justice")), "idempotency-key": "hook-key-1234"}
    first = http.post(
        "/webhooks", json={"url": "https://a.example/h", "events": ["*"]}, headers=headers
    )
    assert first.status_code == 201
    changed = {"url": "https://b.example/h", "events": ["*"]}
    assert http.post("/webhooks", json=changed, headers=headers).status_code == 409
    sandbox.advance(25 * 3600)
    headers["authorization"] = bearer(org_token(http, "ministry-justice"))["authorization"]
    later = http.post("/webhooks", json=changed, headers=headers)
    assert later.status_code == 201 and later.json()["url"] == "https://b.example/h"


# --- F13: odd input is a 4xx problem in our own words, never a 500 ---------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000,
        b'{"a":' * 5000 + b"1" + b"}" * 5000,
        b'{"monthly_income": ' + b"9" * 5001 + b', "on": "2026-06-15", "months": 12}',
    ],
    ids=["array-100000-deep", "object-5000-deep", "int-5001-digits"],
)
def test_deep_nesting_and_huge_integers_are_400_without_python_text(
    http: TestClient, body: bytes
) -> None:
    reply = http.post(CALCULATOR, content=body, headers={"content-type": "application/json"})
    assert reply.status_code == 400
    detail = str(_problem(reply)["detail"])
    for leak in ("Error", "Exceeds the limit", "recursion", "Traceback"):
        assert leak not in detail


def test_cursor_with_a_40_digit_sequence_is_not_a_500(http: TestClient) -> None:
    cursor = base64.urlsafe_b64encode(b"s" + b"9" * 40).decode().rstrip("=")
    reply = http.get(
        "/oauth/devices", params={"cursor": cursor}, headers=bearer(citizen_token(http))
    )
    assert reply.status_code < 500


def test_clock_cannot_be_advanced_to_year_9999(http: TestClient, sandbox: Sandbox) -> None:
    year = {"seconds": 31622400}  # the most one call may move (366 days)
    statuses = []
    for _ in range(250):  # 250 years from 2026 would pass the limit (2200)
        statuses.append(http.post("/_sandbox/clock/advance", json=year).status_code)
        if statuses[-1] != 200:
            break
    assert statuses[-1] == 422 and set(statuses[:-1]) == {200}
    assert 2190 < sandbox.now().year < 2200
    assert http.get("/_sandbox/status").status_code == 200
    token = http.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, headers=basic("01001_BV")
    )
    assert token.status_code == 200


def test_a_handler_crash_is_a_500_that_echoes_no_exception_text(
    http: TestClient, sandbox: Sandbox
) -> None:
    def boom(ctx: object) -> object:
        raise RuntimeError("secret internals /etc/passwd")

    sandbox.handlers["getSandboxStatus"] = boom
    reply = http.get("/_sandbox/status")
    assert reply.status_code == 500
    text = reply.text
    assert "RuntimeError" not in text and "internals" not in text
    assert reply.headers["x-request-id"] in str(_problem(reply)["detail"])


def test_rule_error_raised_by_a_handler_is_422_naming_the_field(
    http: TestClient, sandbox: Sandbox
) -> None:
    from vssdk.errors import InvalidArgument

    def refuse(ctx: object) -> object:
        raise InvalidArgument("months", "must be 3, 6 or 12")

    sandbox.handlers["getSandboxStatus"] = refuse
    reply = http.get("/_sandbox/status")
    assert reply.status_code == 422
    assert _problem(reply)["errors"] == [{"path": "months", "message": "must be 3, 6 or 12"}]


def test_integer_sent_as_12_point_0_is_a_422_naming_the_field(http: TestClient) -> None:
    token = citizen_token(http, si_code="0112345670")
    members = [
        {"si_code": "0112345670", "full_name": "Lê Thị Cúc"},
        {"si_code": "0112345681", "full_name": "Đỗ Văn Hùng"},
    ]
    reply = http.post(
        "/me/household-hi/registrations",
        json={"members": members, "months": 12.0},
        headers=bearer(token),
    )
    assert reply.status_code == 422, reply.text
    assert "months" in str(_problem(reply).get("errors") or _problem(reply)["detail"])
