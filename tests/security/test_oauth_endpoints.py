"""F19 and F20: introspection tells a client only about its own tokens; a refused OTP request
changes nothing (the challenge, the active device and the old session all stay)."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.security.conftest import basic, bearer, citizen_token, login_form, pkce


def test_client_cannot_introspect_another_clients_token(http: TestClient) -> None:
    citizen = citizen_token(http)  # issued to vssid-app
    reply = http.post("/oauth/introspect", data={"token": citizen}, headers=basic("01001_BV"))
    assert reply.status_code == 200
    assert reply.json() == {"active": False}


def test_client_still_introspects_its_own_token(http: TestClient) -> None:
    own = http.post(
        "/oauth/token", data={"grant_type": "client_credentials"}, headers=basic("01001_BV")
    ).json()["access_token"]
    reply = http.post("/oauth/introspect", data={"token": own}, headers=basic("01001_BV"))
    assert reply.json()["active"] is True and reply.json()["client_id"] == "01001_BV"


def test_browser_otp_sent_to_the_token_endpoint_is_refused_before_any_side_effect(
    http: TestClient,
) -> None:
    old_session = citizen_token(http, device="phone-1")  # the account's active device
    _, challenge = pkce()
    form = login_form("http://127.0.0.1/callback", challenge, device_id="laptop-2")
    started = http.post("/oauth/login", data=form, headers={"accept": "application/json"})
    challenge_id = started.json()["otp_challenge_id"]
    outbox = http.get("/_sandbox/otp-outbox", params={"si_code": "7901234567"}).json()
    code = next(m for m in outbox["items"] if m["challenge_id"] == challenge_id)["code"]

    refused = http.post(
        "/oauth/otp",
        data={"client_id": "vssid-app", "challenge_id": challenge_id, "code": code},
    )
    assert refused.status_code == 400
    # nothing happened: the old device is still signed in, the challenge still works
    assert http.get("/oauth/userinfo", headers=bearer(old_session)).status_code == 200
    finish = http.post(
        "/oauth/login",
        data={**form, "step": "otp", "challenge_id": challenge_id, "otp": code},
        headers={"accept": "application/json"},
    )
    assert finish.status_code == 200 and "code=" in finish.json()["redirect_to"]
