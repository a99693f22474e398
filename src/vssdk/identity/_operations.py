"""Operations of the identity area (login, tokens, devices and the OpenID Connect endpoints).

Token, revocation, introspection and OTP requests are form-encoded (RFC 6749); client
authentication goes in ``authorization`` (``Basic ...``) or in the form (``client_assertion``).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from vssdk._core.operation import Binary, Call, operation, paged_operation
from vssdk.errors import InvalidArgument
from vssdk.identity.models import (
    AuthorizationOutcome,
    Device,
    Discovery,
    Introspection,
    Jwks,
    OtpMessage,
    RevokeResult,
    TokenResponse,
    UserInfo,
)

FORM = "application/x-www-form-urlencoded"


def _form(form: Mapping[str, str], argument: str = "form") -> bytes:
    clean: dict[str, str] = {}
    for key, value in form.items():
        if value is None:
            continue
        if not isinstance(value, str):
            raise InvalidArgument(f"{argument}.{key}", "form values must be strings")
        clean[key] = value
    return urlencode(clean).encode("ascii")


def _form_call(form: Mapping[str, str], authorization: str | None) -> Call:
    headers = {"authorization": authorization} if authorization else {}
    return Call(body=_form(form), content_type=FORM, headers=headers)


@operation("getOpenidConfiguration", "GET", "/.well-known/openid-configuration", response=Discovery)
def discovery() -> Call:
    """The OpenID Connect discovery document (issuer and endpoint URLs)."""
    return Call()


@operation("getJwks", "GET", "/oauth/jwks", response=Jwks)
def jwks() -> Call:
    """The authorization server's public signing keys (ID tokens are ES256)."""
    return Call()


@operation("getAuthorizePage", "GET", "/oauth/authorize", response=Binary)
def authorize_page(
    *,
    client_id: str,
    redirect_uri: str,
    state: str,
    code_challenge: str,
    scope: str = "openid",
    nonce: str | None = None,
    code_challenge_method: str = "S256",
    acr_values: str | None = None,
    device_id: str | None = None,
    response_type: str = "code",
) -> Call:
    """The HTML login page a browser is sent to (SI code + password, or simulated VNeID)."""
    return Call(
        query={
            "response_type": response_type,
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": scope,
            "state": state,
            "nonce": nonce,
            "code_challenge": code_challenge,
            "code_challenge_method": code_challenge_method,
            "acr_values": acr_values,
            "device_id": device_id,
        },
        headers={"accept": "text/html"},
    )


@operation(
    "submitAuthorization",
    "POST",
    "/oauth/login",
    response=AuthorizationOutcome,
    idempotent=False,
)
def submit_authorization(form: Mapping[str, str]) -> Call:
    """Submit the login (or OTP) form as a program would: the reply says where to go next.

    Browsers get a 303 redirect instead; a JSON ``accept`` gets :class:`AuthorizationOutcome`.
    """
    return Call(body=_form(form), content_type=FORM, headers={"accept": "application/json"})


@operation("createToken", "POST", "/oauth/token", response=TokenResponse, idempotent=False)
def token(form: Mapping[str, str], *, authorization: str | None = None) -> Call:
    """The token endpoint (all grants); ``authorization`` carries ``Basic`` client credentials."""
    if "grant_type" not in form:
        raise InvalidArgument("form.grant_type", "is required")
    return _form_call(form, authorization)


@operation("revokeToken", "POST", "/oauth/revoke", response=RevokeResult, idempotent=True)
def revoke(form: Mapping[str, str], *, authorization: str | None = None) -> Call:
    """Revoke an access or refresh token (RFC 7009); revoking a refresh token ends the session."""
    if "token" not in form:
        raise InvalidArgument("form.token", "is required")
    return _form_call(form, authorization)


@operation("introspectToken", "POST", "/oauth/introspect", response=Introspection, idempotent=True)
def introspect(form: Mapping[str, str], *, authorization: str | None = None) -> Call:
    """Whether a token is active, and for whom (RFC 7662; confidential clients only)."""
    if "token" not in form:
        raise InvalidArgument("form.token", "is required")
    return _form_call(form, authorization)


@operation(
    "getUserinfo",
    "GET",
    "/oauth/userinfo",
    response=UserInfo,
    principal="citizen",
    scope="openid",
)
def userinfo() -> Call:
    """The signed-in citizen's identity claims."""
    return Call()


@operation("verifyOtp", "POST", "/oauth/otp", response=TokenResponse, idempotent=False)
def verify_otp(challenge_id: str, code: str, *, client_id: str) -> Call:
    """Complete a new-device login with the one-time password; replies with the tokens."""
    if not code.isdigit() or len(code) != 6:
        raise InvalidArgument("code", "an OTP is 6 digits")
    return _form_call({"challenge_id": challenge_id, "code": code, "client_id": client_id}, None)


@paged_operation("listDevices", "/oauth/devices", item=Device, principal="citizen", scope="openid")
def devices(*, limit: int | None = None) -> Call:
    """The devices the signed-in citizen has logged in from (one is active)."""
    return Call(query={"limit": limit})


@paged_operation("listOtpOutbox", "/_sandbox/otp-outbox", item=OtpMessage)
def otp_outbox(*, si_code: str | None = None, limit: int | None = None) -> Call:
    """Sandbox only: the OTPs 'sent' so far, newest last (filter by SI code)."""
    return Call(query={"si_code": si_code, "limit": limit})


class IdentityOperations:
    """The area's methods, for both clients: ``Identity`` and ``AsyncIdentity`` inherit this
    class, so an operation is listed once, here."""

    __slots__ = ()
    discovery = discovery
    jwks = jwks
    authorize_page = authorize_page
    submit_authorization = submit_authorization
    token = token
    revoke = revoke
    introspect = introspect
    userinfo = userinfo
    verify_otp = verify_otp
    devices = devices
    otp_outbox = otp_outbox
