"""Fixtures of the security regression tests (issue 14): raw HTTP to an in-process sandbox."""

from __future__ import annotations

import base64
import hashlib
import secrets
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD

BASE = "http://sandbox.test"
SECRETS = {
    "01001_BV": "sbx-01001_BV-secret",
    "79001_BV": "sbx-79001_BV-secret",
    "ivan-sbx-basic": "sbx-ivan-secret",
    "ministry-justice": "sbx-justice-secret",
    "employment-service": "sbx-employment-secret",
    "citizen-portal": "sbx-portal-secret",
}


@pytest.fixture
def http(sandbox_app: Any) -> Iterator[TestClient]:
    """Raw HTTP to the fresh in-process sandbox; server errors come back as replies."""
    with TestClient(sandbox_app, base_url=BASE, raise_server_exceptions=False) as c:
        yield c


def basic(client_id: str) -> dict[str, str]:
    raw = f"{client_id}:{SECRETS[client_id]}".encode()
    return {"authorization": "Basic " + base64.b64encode(raw).decode()}


def org_token(http: TestClient, client_id: str, scope: str | None = None) -> str:
    form = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    reply = http.post("/oauth/token", data=form, headers=basic(client_id))
    assert reply.status_code == 200, reply.text
    return str(reply.json()["access_token"])


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def citizen_token(http: TestClient, si_code: str = "7901234567", device: str = "dev-1") -> str:
    form = {
        "grant_type": "password",
        "client_id": "vssid-app",
        "username": si_code,
        "password": SANDBOX_PASSWORD,
        "device_id": device,
        "scope": "openid citizen.read citizen.write",
    }
    reply = http.post("/oauth/token", data=form)
    assert reply.status_code == 200, reply.text
    return str(reply.json()["access_token"])


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode().rstrip("=")


def login_form(redirect_uri: str, challenge: str, **extra: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": "vssid-app",
        "redirect_uri": redirect_uri,
        "scope": "openid citizen.read",
        "state": "st-" + secrets.token_hex(4),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "method": "vss_password",
        "si_code": "7901234567",
        "password": SANDBOX_PASSWORD,
        **extra,
    }
