"""Token sets and stores; logout; introspection; the token endpoint's odd inputs."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

import vssdk
from vssdk.errors import InvalidArgument
from vssdk.identity import (
    ClientCredentials,
    FileTokenStore,
    MemoryTokenStore,
    PasswordLogin,
    SessionRevoked,
    TokenSet,
    UserSession,
)
from vssdk_sandbox.testing import citizen_client, organisation_credentials, pkce_session


def _tokens() -> TokenSet:
    return TokenSet("at_x", 2_000_000_000.0, refresh_token="rt_y", identity_level=2)


def test_file_store_is_private_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "tokens.json"
    store = FileTokenStore(path)
    assert store.load() is None
    store.save(_tokens())
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert store.load() == _tokens()
    store.save(None)
    assert not path.exists()


def test_file_store_refuses_a_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text('{"hello": 1}')
    with pytest.raises(InvalidArgument, match="token"):
        FileTokenStore(path).load()


def test_tokens_never_appear_in_reprs() -> None:
    tokens = _tokens()
    assert "at_x" not in repr(tokens) and "rt_y" not in repr(tokens)
    auth = PasswordLogin("7901234567", "secret-pw", device_id="d", base_url="http://x")
    assert "secret-pw" not in repr(auth) and "7901234567" not in repr(auth)
    creds = ClientCredentials("01001_BV", "s3cr3t", base_url="http://x")
    assert "s3cr3t" not in repr(creds)


def test_bad_arguments_name_the_field() -> None:
    with pytest.raises(InvalidArgument, match="si_code"):
        PasswordLogin("123", "pw", device_id="d", base_url="http://x")
    with pytest.raises(InvalidArgument, match="device_id"):
        PasswordLogin("7901234567", "pw", device_id=" ", base_url="http://x")
    with pytest.raises(InvalidArgument, match="client_secret"):
        ClientCredentials("01001_BV", base_url="http://x")
    with pytest.raises(InvalidArgument, match="private_key"):
        ClientCredentials("x", private_key={"kty": "oct", "k": "AA"}, base_url="http://x")


def test_session_resumes_from_a_file_store(client: vssdk.Client, tmp_path: Path) -> None:
    session = pkce_session(client)
    store = FileTokenStore(tmp_path / "t.json")
    assert session.tokens is not None
    store.save(session.tokens)
    resumed = UserSession(base_url=client.base_url, store=store)
    assert client.with_options(auth=resumed).identity.userinfo().si_code == "7901234567"


def test_logout_revokes_the_session(client: vssdk.Client) -> None:
    me = citizen_client(client)
    auth = me.auth
    assert isinstance(auth, PasswordLogin)
    tokens = auth.tokens
    assert tokens is not None
    auth.logout(me)
    assert auth.tokens is None
    with pytest.raises(SessionRevoked):
        client.with_options(
            auth=UserSession(base_url=client.base_url, tokens=tokens)
        ).identity.userinfo()


def test_introspection_and_raw_revocation(client: vssdk.Client) -> None:
    me = citizen_client(client)
    tokens = me.auth.tokens  # type: ignore[union-attr]
    assert tokens is not None
    portal = organisation_credentials(client.base_url, "01001_BV")
    grant = {"grant_type": "client_credentials"}
    own_token = client.identity.token(grant, authorization=portal._client_auth(dict(grant)))
    form = {"token": own_token.access_token}
    header = portal._client_auth(dict(form))
    info = client.identity.introspect(form, authorization=header)
    assert (info.active, info.sub, info.identity_level) == (True, "01001_BV", 0)
    # another client's token is not this client's business (RFC 7662 §4): simply inactive
    theirs = {"token": tokens.access_token}
    assert client.identity.introspect(theirs, authorization=header).active is False
    assert client.identity.revoke(
        {"token": tokens.refresh_token or "", "client_id": "vssid-app"}
    ).revoked
    with pytest.raises(SessionRevoked):
        me.identity.userinfo()


def test_memory_store_is_the_default(client: vssdk.Client) -> None:
    auth = organisation_credentials(client.base_url, "employment-service")
    assert isinstance(auth.store, MemoryTokenStore)
    assert auth.store.load() is None


def test_verify_otp_operation_directly(client: vssdk.Client) -> None:
    from vssdk.identity import OtpRequired

    citizen_client(client, si_code="7901234568", device_id="one")
    with pytest.raises(OtpRequired) as caught:
        citizen_client(client, si_code="7901234568", device_id="two", complete_otp=False)
    challenge = caught.value.challenge
    assert challenge.sent_to.startswith("09") and "*" in challenge.sent_to
    code = next(iter(client.identity.otp_outbox(si_code="7901234568"))).code
    reply = client.identity.verify_otp(challenge.challenge_id, code, client_id="vssid-app")
    assert reply.identity_level == 2 and reply.refresh_token is not None
    with pytest.raises(InvalidArgument, match="code"):
        client.identity.verify_otp(challenge.challenge_id, "12ab", client_id="vssid-app")


def test_password_login_recovers_after_the_server_forgets_its_tokens(
    client: vssdk.Client,
) -> None:
    me = citizen_client(client)
    auth = me.auth
    assert isinstance(auth, PasswordLogin)
    client.sandbox.reset()  # every token is gone; the refresh token is now unknown
    assert me.identity.userinfo().si_code == "7901234567"  # 401 → refresh refused → log in
    assert (auth.refreshes, auth.acquisitions) == (1, 2)


def test_a_code_flow_session_cannot_log_in_again_by_itself(client: vssdk.Client) -> None:
    from vssdk.identity import InvalidGrant

    session = pkce_session(client)
    client.sandbox.reset()
    with pytest.raises(InvalidGrant, match="refresh token"):
        client.with_options(auth=session).identity.userinfo()


def test_async_code_flow_and_logout(make_aclient: Any) -> None:
    from urllib.parse import parse_qs, urlsplit

    from tests.conftest import run
    from vssdk.identity import AuthorizationCodeFlow
    from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD

    async def scenario() -> tuple[str, bool]:
        async with make_aclient() as aclient:
            flow = AuthorizationCodeFlow(
                redirect_uri="http://127.0.0.1:9000/callback", base_url=aclient.base_url
            )
            pending = flow.start()
            params = {k: v[0] for k, v in parse_qs(urlsplit(pending.url).query).items()}
            form = {**params, "si_code": "4898765432", "password": SANDBOX_PASSWORD}
            outcome = await aclient.identity.submit_authorization(form)
            assert outcome.redirect_to is not None
            session = await flow.afinish(aclient, pending, outcome.redirect_to)
            me = aclient.with_options(auth=session)
            name = (await me.identity.userinfo()).name
            await session.alogout(me)
            try:
                await aclient.with_options(
                    auth=UserSession(base_url=aclient.base_url)
                ).identity.userinfo()
            except vssdk.identity.LoginError:
                return name, session.tokens is None
            return name, False

    assert run(scenario()) == ("Phạm Văn Dũng", True)
