"""Every attack in issue 3 is refused with its typed error."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlsplit

import attrs
import pytest

import vssdk
from vssdk._core.auth import BearerToken, Requirement
from vssdk._core.operation import Call, operation
from vssdk.errors import AuthenticationError, BadRequestError, PermissionDeniedError
from vssdk.identity import (
    AccountLocked,
    AuthorizationCodeFlow,
    ClientCredentials,
    IdentityLevelTooLow,
    IdTokenInvalid,
    InvalidClient,
    InvalidGrant,
    OtpInvalid,
    OtpRequired,
    PasswordLogin,
    RefreshTokenReused,
    SessionRevoked,
    StateMismatch,
    UserSession,
    validate_id_token,
)
from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD
from vssdk_sandbox.testing import (
    citizen_client,
    organisation_client,
    organisation_credentials,
    pkce_session,
)

REDIRECT = "http://127.0.0.1:8199/callback"


def _authorize(
    client: vssdk.Client, flow: AuthorizationCodeFlow
) -> tuple[vssdk.identity.PendingLogin, str]:
    pending = flow.start()
    params = {k: v[0] for k, v in parse_qs(urlsplit(pending.url).query).items()}
    form = {**params, "method": "vss_password", "si_code": "7901234567"}
    outcome = client.identity.submit_authorization({**form, "password": SANDBOX_PASSWORD})
    assert outcome.redirect_to is not None
    return pending, outcome.redirect_to


def _flow(client: vssdk.Client) -> AuthorizationCodeFlow:
    return AuthorizationCodeFlow(
        redirect_uri=REDIRECT, base_url=client.base_url, device_id="vssdk-test-device"
    )


def _code(callback: str) -> str:
    return parse_qs(urlsplit(callback).query)["code"][0]


def test_wrong_pkce_verifier(client: vssdk.Client) -> None:
    flow = _flow(client)
    pending, callback = _authorize(client, flow)
    wrong = attrs.evolve(pending, code_verifier="x" * 64)
    with pytest.raises(InvalidGrant, match="PKCE"):
        flow.finish(client, wrong, callback)


def test_missing_pkce_verifier_on_the_raw_token_endpoint(client: vssdk.Client) -> None:
    _, callback = _authorize(client, _flow(client))
    form = {
        "grant_type": "authorization_code",
        "code": _code(callback),
        "redirect_uri": REDIRECT,
        "client_id": "vssid-app",
    }
    with pytest.raises(BadRequestError, match="PKCE") as caught:
        client.identity.token(form)
    assert caught.value.problem is not None
    assert caught.value.problem.extensions["error"] == "invalid_grant"


def test_replayed_code_is_refused_and_revokes_what_it_gave(client: vssdk.Client) -> None:
    flow = _flow(client)
    pending, callback = _authorize(client, flow)
    session = flow.finish(client, pending, callback)
    with pytest.raises(InvalidGrant, match="already used"):
        flow.finish(client, pending, callback)
    with pytest.raises(SessionRevoked):
        client.with_options(auth=session).identity.userinfo()


def test_code_for_another_client(client: vssdk.Client) -> None:
    pending, callback = _authorize(client, _flow(client))
    thief = AuthorizationCodeFlow(
        redirect_uri=REDIRECT,
        base_url=client.base_url,
        client_id="citizen-portal",
        client_secret="sbx-portal-secret",
    )
    with pytest.raises(InvalidGrant, match="another client"):
        thief.finish(client, pending, callback)


def test_state_mismatch_is_refused_before_any_exchange(client: vssdk.Client) -> None:
    flow = _flow(client)
    pending, callback = _authorize(client, flow)
    forged = callback.replace(f"state={pending.state}", "state=forged")
    with pytest.raises(StateMismatch):
        flow.finish(client, pending, forged)
    assert flow.finish(client, pending, callback).tokens is not None  # code still unused


def _id_token(client: vssdk.Client) -> tuple[str, str]:
    flow = _flow(client)
    pending, callback = _authorize(client, flow)
    tokens = flow.finish(client, pending, callback).tokens
    assert tokens is not None and tokens.id_token is not None
    return tokens.id_token, pending.nonce


def _validate(client: vssdk.Client, token: str, nonce: str, **kw: object) -> object:
    args: dict[str, object] = {
        "jwks": client.identity.jwks(),
        "issuer": client.identity.discovery().issuer,
        "client_id": "vssid-app",
        "nonce": nonce,
    }
    args.update(kw)
    return validate_id_token(token, **args)  # type: ignore[arg-type]


def test_tampered_id_token(client: vssdk.Client) -> None:
    token, nonce = _id_token(client)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "4898765432"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(IdTokenInvalid, match="signature"):
        _validate(client, f"{header}.{forged}.{signature}", nonce)


def test_expired_id_token(client: vssdk.Client) -> None:
    token, nonce = _id_token(client)
    claims = _validate(client, token, nonce)
    assert isinstance(claims, dict)
    with pytest.raises(IdTokenInvalid, match="expired"):
        _validate(client, token, nonce, now=claims["exp"] + 61)
    assert _validate(client, token, nonce, now=claims["exp"] + 30)  # within the leeway


def test_wrong_audience_issuer_and_nonce(client: vssdk.Client) -> None:
    token, nonce = _id_token(client)
    with pytest.raises(IdTokenInvalid, match="aud"):
        _validate(client, token, nonce, client_id="citizen-portal")
    with pytest.raises(IdTokenInvalid, match="iss"):
        _validate(client, token, nonce, issuer="https://evil.example")
    with pytest.raises(IdTokenInvalid, match="nonce"):
        _validate(client, token, "another-nonce")


def test_reused_refresh_token_revokes_the_family(client: vssdk.Client) -> None:
    session = pkce_session(client)
    old = session.tokens
    assert old is not None and old.refresh_token is not None
    stale = attrs.evolve(old, expires_at=0.0)
    first = UserSession(base_url=client.base_url, tokens=stale)
    second = UserSession(base_url=client.base_url, tokens=stale)  # a stolen copy
    assert client.with_options(auth=first).identity.userinfo().si_code == "7901234567"
    with pytest.raises(RefreshTokenReused):
        client.with_options(auth=second).identity.userinfo()
    with pytest.raises(SessionRevoked):  # the whole family is gone, the legitimate copy too
        client.with_options(auth=first).identity.userinfo()


def test_reused_refresh_token_on_the_raw_token_endpoint(client: vssdk.Client) -> None:
    tokens = pkce_session(client).tokens
    assert tokens is not None and tokens.refresh_token is not None
    form = {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token}
    fresh = client.identity.token({**form, "client_id": "vssid-app"})
    with pytest.raises(BadRequestError) as caught:
        client.identity.token({**form, "client_id": "vssid-app"})
    assert caught.value.problem is not None
    assert caught.value.problem.extensions["error"] == "refresh_token_reused"
    with pytest.raises(SessionRevoked):
        client.with_options(auth=BearerToken(fresh.access_token)).identity.userinfo()


_LEVEL2 = operation(
    "testLevelTwo",
    "GET",
    "/_test/level-two",
    response=dict,
    principal="citizen",
    identity_level=2,
)(lambda: Call())


def test_level_one_session_is_refused_before_any_call(client: vssdk.Client) -> None:
    me = citizen_client(client, level=1)
    auth = me.auth
    assert isinstance(auth, PasswordLogin)
    with pytest.raises(IdentityLevelTooLow) as caught:
        me._engine.invoke(_LEVEL2, Call())  # the path does not exist: sending would 404
    assert caught.value.status_code == 403 and caught.value.body == b""

    def never(_: object) -> object:
        raise AssertionError("nothing may be sent")

    requirement = Requirement("testLevelTwo", "citizen", None, 2)
    with pytest.raises(IdentityLevelTooLow):
        auth.headers(requirement, never)  # type: ignore[arg-type]


def test_brute_forced_otp_locks_the_account(client: vssdk.Client) -> None:
    citizen_client(client, si_code="0187654321", device_id="phone-1")
    auth = PasswordLogin(
        "0187654321", SANDBOX_PASSWORD, device_id="phone-2", base_url=client.base_url
    )
    view = client.with_options(auth=auth)
    with pytest.raises(OtpRequired):
        auth.login(view)
    for _ in range(4):
        with pytest.raises(OtpInvalid):
            auth.verify_otp("000000", view)
    with pytest.raises(AccountLocked):
        auth.verify_otp("000000", view)
    with pytest.raises(AccountLocked):  # even the right password is refused now
        citizen_client(client, si_code="0187654321", device_id="phone-1")


def test_brute_forced_password_locks_the_account(client: vssdk.Client) -> None:
    for _ in range(4):
        with pytest.raises(InvalidGrant):
            citizen_client(client, si_code="7924000011", password="wrong")
    with pytest.raises(AccountLocked):
        citizen_client(client, si_code="7924000011", password="wrong")
    with pytest.raises(AccountLocked):
        citizen_client(client, si_code="7924000011")
    client.sandbox.advance_clock(seconds=31 * 60)
    assert citizen_client(client, si_code="7924000011").identity.userinfo()


def test_public_client_without_pkce_and_unregistered_redirect(client: vssdk.Client) -> None:
    base = {
        "client_id": "vssid-app",
        "redirect_uri": REDIRECT,
        "state": "s" * 16,
        "code_challenge": "A" * 43,
    }
    with pytest.raises(PermissionDeniedError, match="redirect_uri"):
        client.identity.authorize_page(**{**base, "redirect_uri": "https://evil.example/cb"})
    form = {**base, "response_type": "code", "method": "vss_password", "si_code": "7901234567"}
    del form["code_challenge"]
    with pytest.raises(BadRequestError, match="PKCE"):
        client.identity.submit_authorization({**form, "password": SANDBOX_PASSWORD})


def test_client_authentication_failures(client: vssdk.Client) -> None:
    wrong = ClientCredentials("01001_BV", "wrong-secret", base_url=client.base_url)
    with pytest.raises(InvalidClient):
        client.with_options(auth=wrong).identity.userinfo()
    creds = organisation_credentials(client.base_url, "ivan-sbx")
    form = {"grant_type": "client_credentials"}
    creds._client_auth(form)
    assert client.identity.token(form).scope == "employer.declarations"
    with pytest.raises(AuthenticationError, match="replayed") as caught:
        client.identity.token(form)  # the same assertion (jti) twice
    assert caught.value.problem is not None
    assert caught.value.problem.extensions["error"] == "invalid_client"


def test_citizen_token_cannot_call_organisation_scopes(client: vssdk.Client) -> None:
    from vssdk_sandbox.kit import SandboxProblem
    from vssdk_sandbox.security import Principal, authorize

    me = citizen_client(client)
    tokens = me.auth.tokens  # type: ignore[union-attr]
    assert tokens is not None and "hi.card_check" not in tokens.scope
    org_op = operation(
        "testOrgOnly",
        "GET",
        "/_test/org",
        response=dict,
        principal="organisation",
        scope="hi.card_check",
    )(lambda: Call())
    citizen = Principal("7901234567", "citizen", "vssid-app", frozenset(tokens.scope.split()), 2)
    with pytest.raises(SandboxProblem) as caught:
        authorize(org_op, citizen)
    assert caught.value.status == 403
    with pytest.raises(PermissionDeniedError):
        raise PermissionDeniedError(
            "x", status_code=403, body=b"", headers={}, problem=None, request_id=None
        )


def test_citizen_reads_only_their_own_card_and_level_one_is_refused(
    client: vssdk.Client,
) -> None:
    a = citizen_client(client, si_code="7901234567")
    b = citizen_client(client, si_code="7901234568")
    card_a, card_b = a.citizen.card(), b.citizen.card()
    assert card_a.full_name == "Nguyễn Văn An" and card_b.full_name == "Trần Thị Bình"
    assert card_a.card_code.endswith("7901234567") and card_b.card_code.endswith("7901234568")
    with pytest.raises(IdentityLevelTooLow):
        citizen_client(client, si_code="7901234568", level=1).citizen.card()


def test_tokens_reach_only_what_their_principal_and_scopes_allow(client: vssdk.Client) -> None:
    me = citizen_client(client)
    with pytest.raises(PermissionDeniedError) as caught:
        me.procedures.get("lnk_000001")
    assert caught.value.problem is not None and "7901234567" not in caught.value.body.decode()
    ministry = organisation_client(client, client_id="ministry-justice")
    with pytest.raises(PermissionDeniedError):
        ministry.identity.userinfo()
