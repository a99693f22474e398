"""F1 (critical) and F17: an authorization code goes only to a redirect URI registered exactly.

The attack: ``http://evil.example\\@127.0.0.1/callback`` is host 127.0.0.1 to Python's
``urlsplit`` but host evil.example to every browser (WHATWG URL reads ``\\`` as ``/``), so a
server that checks the parsed host and sends back the raw string hands the victim's code to the
attacker. The browser half of the proof is in ``test_redirect_browser.py``.
"""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.security.conftest import login_form, pkce
from vssdk_sandbox.handlers.identity.clients import canonical_redirect

FORGED = [
    "http://evil.example\\@127.0.0.1/callback",
    "http://127.0.0.2:18999\\@127.0.0.1/callback",
    "http://127.0.0.1:5555/call\r\nback",
    "http://127.0.0.1:5555/callback\r\nLocation: http://evil.example/",
    "http://127.0.0.1:5555/callback\t",
    "http://127.0.0.1:5555/call\x00back",
    "http://127.0.0.1@evil.example/callback",
    "http://evil.example@127.0.0.1/callback",
    "http://evil.example%40127.0.0.1/callback",
    "http://127.0.0.1:5555/callback%2F..%2F..%2Fevil",
    "http://127.0.0.1:5555/%5C%5Cevil.example/callback",
    "http://127.0.0.1:5555/callback#@evil.example",
    "HTTP://127.0.0.1:5555/callback",
    "http://127.0.0.1:05555/callback",
    "http://127.0.0.1:/callback",
    "http://127.0.0.1:5555/callback?next=https://evil.example",
    "http://localhost.evil.example/callback",
    "http://127.0.0.1:5555/callback/../../evil",
    "javascript:alert(1)//127.0.0.1/callback",
    "http://127.0.0.1:99999/callback",
    "http://[::1]:5555/callback",
    "http://127.0.0.1:5555/callbäck",
]


@pytest.mark.parametrize("uri", FORGED)
def test_forged_redirect_uri_gets_no_code_from_the_json_login(http: TestClient, uri: str) -> None:
    _, challenge = pkce()
    reply = http.post(
        "/oauth/login", data=login_form(uri, challenge), headers={"accept": "application/json"}
    )
    assert reply.status_code in (400, 403), reply.text
    assert "code=" not in reply.text


@pytest.mark.parametrize("uri", FORGED[:6])
def test_forged_redirect_uri_gets_no_redirect_from_the_browser_form(
    http: TestClient, uri: str
) -> None:
    _, challenge = pkce()
    reply = http.post("/oauth/login", data=login_form(uri, challenge), follow_redirects=False)
    assert reply.status_code in (400, 403)
    assert "location" not in reply.headers
    assert reply.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("uri", FORGED[:3])
def test_forged_redirect_uri_is_refused_on_the_authorize_page(http: TestClient, uri: str) -> None:
    _, challenge = pkce()
    form = login_form(uri, challenge)
    params = {k: form[k] for k in ("response_type", "client_id", "redirect_uri", "scope")}
    params |= {k: form[k] for k in ("state", "code_challenge", "code_challenge_method")}
    assert http.get("/oauth/authorize", params=params).status_code == 403


@pytest.mark.parametrize(
    "uri",
    ["http://127.0.0.1/callback", "http://127.0.0.1:5555/callback", "http://localhost:1/callback"],
)
def test_registered_and_loopback_any_port_redirects_still_work(http: TestClient, uri: str) -> None:
    _, challenge = pkce()
    reply = http.post(
        "/oauth/login", data=login_form(uri, challenge), headers={"accept": "application/json"}
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["redirect_to"].startswith(uri + "?code=")


def test_canonical_form_is_the_only_accepted_spelling() -> None:
    assert canonical_redirect("http://127.0.0.1:5555/callback") == "http://127.0.0.1:5555/callback"
    assert canonical_redirect("http://EVIL.example\\@127.0.0.1/x") is None
    assert canonical_redirect("http://127.0.0.1:5555/cb#frag") is None
