"""F10, F15 and the admin surface: what a sandbox reachable by others no longer gives away.

- The admin surface (reset, clock, OTP outbox, credential-free VNeID) is for a local sandbox:
  listening beyond loopback needs ``--shared``, which turns it off or puts it behind a token.
- F10: the server log carries no token, password hash or identifier.
- F15: the issuer is fixed at start-up; ``Host``/``X-Forwarded-*`` cannot move it.
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey
from starlette.testclient import TestClient

from tests.security.conftest import BASE, login_form, pkce
from vssdk_sandbox.app import Sandbox, SandboxConfig, create_app
from vssdk_sandbox.seeds.identity import IVAN_PRIVATE_JWK
from vssdk_sandbox.server import NotLoopback, embedded, serve

ADMIN = {
    "reset": ("POST", "/_sandbox/reset", None),
    "clock": ("POST", "/_sandbox/clock/advance", {"seconds": 60}),
    "outbox": ("GET", "/_sandbox/otp-outbox", None),
}


def _shared(token: str | None = None) -> TestClient:
    box = Sandbox(SandboxConfig(shared=True, admin_token=token))
    return TestClient(create_app(sandbox=box), base_url=BASE, raise_server_exceptions=False)


def _call(http: TestClient, name: str, headers: dict[str, str] | None = None) -> httpx.Response:
    method, path, body = ADMIN[name]
    reply: httpx.Response = http.request(method, path, json=body, headers=headers or {})
    return reply


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "sandbox.example"])
def test_listening_beyond_loopback_needs_shared(host: str, monkeypatch: Any) -> None:
    started: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: started.append(k))
    with pytest.raises(NotLoopback, match="--shared"):
        serve(host, 0)
    assert started == []


def test_cli_refuses_a_public_host_without_shared(capsys: pytest.CaptureFixture[str]) -> None:
    from vssdk.cli import main

    assert main(["sandbox", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "--shared" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(ADMIN))
def test_shared_sandbox_without_admin_token_disables_the_admin_surface(name: str) -> None:
    with _shared() as http:
        assert _call(http, name).status_code == 403
        assert http.get("/_sandbox/status").status_code == 200


@pytest.mark.parametrize("name", sorted(ADMIN))
def test_shared_sandbox_puts_the_admin_surface_behind_its_token(name: str) -> None:
    with _shared("op-secret-1") as http:
        assert _call(http, name).status_code == 401
        assert _call(http, name, {"x-sandbox-admin": "wrong"}).status_code == 401
        assert _call(http, name, {"x-sandbox-admin": "op-secret-1"}).status_code == 200


def test_shared_sandbox_has_no_credential_free_vneid_login() -> None:
    _, challenge = pkce()
    form = login_form("http://127.0.0.1/callback", challenge, method="vneid")
    with _shared("op-secret-1") as http:
        reply = http.post("/oauth/login", data=form, headers={"accept": "application/json"})
        assert reply.status_code == 403
        assert "code=" not in reply.text


def test_local_sandbox_keeps_its_conveniences(http: TestClient) -> None:
    assert _call(http, "clock").status_code == 200
    assert _call(http, "outbox").status_code == 200


def test_access_log_has_no_query_token_password_hash_or_identifier(
    http: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="vssdk_sandbox")
    http.post(
        "/api/egw/KQNhanLichSuKCB2024",
        params={
            "token": "eRK8e6OKmbxQaio_w3_MeWY1LKMd_1wg",
            "id_token": "5bafb876-0000",
            "username": "01001_BV",
            "password": "F47FC8EE0383BB58147DF0833C7B3171",
        },
    )
    http.get("/_sandbox/otp-outbox", params={"si_code": "7901234568"})
    http.get("/me/payments/pay_000001", headers={"authorization": "Bearer at_secretvalue"})
    lines = [r.getMessage() for r in caplog.records if r.name == "vssdk_sandbox.access"]
    assert len(lines) == 3
    text = "\n".join(r.getMessage() for r in caplog.records)
    for secret in ("eRK8e6", "F47FC8EE", "7901234568", "5bafb876", "at_secret", "pay_000001"):
        assert secret not in text
    assert "/_sandbox/otp-outbox listOtpOutbox -> 200" in text


def test_serve_turns_uvicorns_access_log_off(monkeypatch: Any, tmp_path: Any) -> None:
    started: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: started.append(k))
    serve("127.0.0.1", 8799, data_dir=tmp_path)
    assert started[0]["access_log"] is False


def test_issuer_is_fixed_whatever_host_and_forwarded_headers_say() -> None:
    with embedded() as served:
        reply = httpx.get(
            served.base_url + "/.well-known/openid-configuration",
            headers={"host": "evil.example", "x-forwarded-proto": "javascript"},
        )
        assert reply.json()["issuer"] == served.base_url
        assert reply.json()["jwks_uri"] == served.base_url + "/oauth/jwks"


def _assertion_form(audience: str) -> dict[str, str]:
    key = ECKey.import_key(dict(IVAN_PRIVATE_JWK))
    # Real time on purpose: a client stamps its assertion with its own clock, and the sandbox
    # checks assertions against real time whatever its simulated date (no calendar dependency).
    now = int(time.time())
    claims = {
        "iss": "ivan-sbx",
        "sub": "ivan-sbx",
        "aud": audience,
        "iat": now,
        "exp": now + 60,
        "jti": uuid.uuid4().hex,
    }
    return {
        "grant_type": "client_credentials",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": jwt.encode({"alg": "ES256", "kid": key.kid or ""}, claims, key),
    }


def test_client_assertion_may_name_this_server_by_another_loopback_name() -> None:
    with embedded() as served:
        port = served.port
        for name in ("127.0.0.1", "localhost"):
            form = _assertion_form(f"http://{name}:{port}/oauth/token")
            reply = httpx.post(served.base_url + "/oauth/token", data=form)
            assert reply.status_code == 200, reply.text
        elsewhere = _assertion_form(f"http://localhost:{port + 1}/oauth/token")
        assert httpx.post(served.base_url + "/oauth/token", data=elsewhere).status_code == 401


def test_client_assertion_for_another_server_is_refused_whatever_host_says() -> None:
    key = ECKey.import_key(dict(IVAN_PRIVATE_JWK))
    now = int(time.time())  # real time on purpose, as in _assertion_form
    claims = {
        "iss": "ivan-sbx",
        "sub": "ivan-sbx",
        "aud": "https://other-as.example/oauth/token",
        "iat": now,
        "exp": now + 60,
        "jti": uuid.uuid4().hex,
    }
    assertion = jwt.encode({"alg": "ES256", "kid": key.kid or ""}, claims, key)
    form = {
        "grant_type": "client_credentials",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion,
    }
    with embedded() as served:
        reply = httpx.post(
            served.base_url + "/oauth/token",
            data=form,
            headers={"host": "other-as.example", "x-forwarded-proto": "https"},
        )
    assert reply.status_code == 401


def test_sdk_admin_client_reaches_a_shared_sandbox_with_the_admin_header() -> None:
    import vssdk

    box = Sandbox(SandboxConfig(shared=True, admin_token="op-secret-2"))
    http = TestClient(create_app(sandbox=box), base_url=BASE)
    headers = {"X-Sandbox-Admin": "op-secret-2"}
    with vssdk.Client(BASE, http_client=http, max_retries=0, default_headers=headers) as client:
        before = box.clock_offset.total_seconds()
        client.sandbox.advance_clock(seconds=60)
        assert box.clock_offset.total_seconds() == before + 60
    http.close()
    box.close()


def test_sdk_log_redaction_covers_the_gateway_credentials() -> None:
    from vssdk._core.redact import mask_text, safe_headers

    headers = {
        "accessToken": "eRK8e6OKmbxQaio",
        "tokenId": "5bafb876-0000",
        "passwordHash": "F47FC8EE0383BB58147DF0833C7B3171",
        "X-Sandbox-Admin": "op-secret",
        "content-type": "application/json",
    }
    shown = safe_headers(headers)
    assert "application/json" in shown.values()
    for secret in ("eRK8e6", "5bafb876", "F47FC8EE", "op-secret"):
        assert secret not in str(shown)
    line = mask_text("POST /x?username=01001_BV&passwordHash=F47FC8EE0383BB58147DF0833C7B3171")
    assert "F47FC8EE" not in line
