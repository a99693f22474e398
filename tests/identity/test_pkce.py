"""Authorization code + PKCE by plain HTTP against the in-process sandbox."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import vssdk
from vssdk.identity import AuthorizationCodeFlow, PendingLogin, UserSession, validate_id_token
from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD
from vssdk_sandbox.testing import pkce_session

REDIRECT = "http://127.0.0.1:8199/callback"


def _params(pending: PendingLogin) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(pending.url).query).items()}


def test_authorization_url_carries_pkce_state_nonce_and_level(client: vssdk.Client) -> None:
    flow = AuthorizationCodeFlow(redirect_uri=REDIRECT, base_url=client.base_url, level=1)
    pending = flow.start()
    params = _params(pending)
    assert pending.url.startswith(client.base_url + "/oauth/authorize?")
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) == 43
    assert params["state"] == pending.state and params["nonce"] == pending.nonce
    assert params["acr_values"] == "loa1"
    assert flow.start().state != pending.state


def test_login_page_is_html_with_both_login_methods(client: vssdk.Client) -> None:
    flow = AuthorizationCodeFlow(redirect_uri=REDIRECT, base_url=client.base_url)
    page = client.identity.authorize_page(**_params(flow.start()))
    assert page.content_type.startswith("text/html")
    text = page.content.decode()
    assert 'name="password"' in text and 'value="vneid"' in text
    assert 'name="code_challenge"' in text  # the request is carried through the form


def test_full_flow_gives_a_validated_refreshing_session(client: vssdk.Client) -> None:
    now = [1_000_000.0]
    flow = AuthorizationCodeFlow(
        redirect_uri=REDIRECT, base_url=client.base_url, device_id="vssdk-test-device"
    )
    pending = flow.start()
    form = {**_params(pending), "method": "vss_password", "si_code": "7901234567"}
    outcome = client.identity.submit_authorization({**form, "password": SANDBOX_PASSWORD})
    assert outcome.redirect_to is not None and outcome.redirect_to.startswith(REDIRECT)
    session = flow.finish(client, pending, outcome.redirect_to)
    assert isinstance(session, UserSession)
    tokens = session.tokens
    assert tokens is not None and tokens.id_token is not None and tokens.identity_level == 2
    claims = validate_id_token(
        tokens.id_token,
        jwks=client.identity.jwks(),
        issuer=client.identity.discovery().issuer,
        client_id="vssid-app",
        nonce=pending.nonce,
    )
    assert claims["sub"] == "7901234567" and claims["acr"] == "loa2"
    session.clock = lambda: now[0]
    session.store.save(type(tokens)(**{**tokens.to_json(), "expires_at": now[0] + 10}))
    me = client.with_options(auth=session)
    assert me.identity.userinfo().si_code == "7901234567"
    assert session.refreshes == 1
    rotated = session.tokens
    assert rotated is not None and rotated.refresh_token != tokens.refresh_token


def test_web_back_end_two_step_with_a_confidential_client(client: vssdk.Client) -> None:
    session = pkce_session(
        client,
        client_id="citizen-portal",
        client_secret="sbx-portal-secret",
        redirect_uri="http://localhost:8000/callback",
        si_code="0112345670",
    )
    assert client.with_options(auth=session).identity.userinfo().si_code == "0112345670"


def test_pending_login_round_trips_through_json(client: vssdk.Client) -> None:
    pending = AuthorizationCodeFlow(redirect_uri=REDIRECT, base_url=client.base_url).start()
    assert PendingLogin.from_json(pending.to_json()) == pending
    assert pending.code_verifier not in repr(pending)


def test_simulated_vneid_level_one(client: vssdk.Client) -> None:
    session = pkce_session(client, method="vneid", level=1, si_code="4898765432")
    info = client.with_options(auth=session).identity.userinfo()
    assert (info.identity_level, info.login_idp) == (1, "vneid")


def test_login_from_a_new_device_goes_through_the_otp_page(client: vssdk.Client) -> None:
    first = pkce_session(client, device_id="tablet")
    second = pkce_session(client, device_id="laptop")
    outbox = list(client.identity.otp_outbox(si_code="7901234567"))
    assert [m.device_id for m in outbox] == ["laptop"]
    assert client.with_options(auth=second).identity.userinfo().si_code == "7901234567"
    with pytest.raises(vssdk.identity.SessionRevoked):
        client.with_options(auth=first).identity.userinfo()
    devices = {d.device_id: d.active for d in client.with_options(auth=second).identity.devices()}
    assert devices == {"tablet": False, "laptop": True}
