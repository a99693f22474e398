"""Reply models of the identity area (OAuth 2.0 / OpenID Connect documents)."""

from __future__ import annotations

import attrs

from vssdk._core.model import Model

__all__ = [
    "AuthorizationOutcome",
    "Device",
    "Discovery",
    "Introspection",
    "Jwks",
    "OtpMessage",
    "RevokeResult",
    "TokenResponse",
    "UserInfo",
]


@attrs.frozen(slots=True)
class Discovery(Model):
    """``/.well-known/openid-configuration``: where the authorization server's endpoints are."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str
    revocation_endpoint: str
    introspection_endpoint: str
    response_types_supported: tuple[str, ...] = ()
    grant_types_supported: tuple[str, ...] = ()
    scopes_supported: tuple[str, ...] = ()
    code_challenge_methods_supported: tuple[str, ...] = ()
    token_endpoint_auth_methods_supported: tuple[str, ...] = ()
    id_token_signing_alg_values_supported: tuple[str, ...] = ()
    acr_values_supported: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class Jwks(Model):
    """The public signing keys (a JSON Web Key Set), as plain dictionaries."""

    keys: tuple[dict[str, str], ...]


@attrs.frozen(slots=True, repr=False)
class TokenResponse(Model):
    """A token endpoint reply. ``identity_level`` is the e-ID level of the session (0 for orgs)."""

    access_token: str
    token_type: str
    expires_in: int
    scope: str = ""
    refresh_token: str | None = None
    id_token: str | None = None
    identity_level: int = 0

    def __repr__(self) -> str:
        return (
            f"TokenResponse(token_type={self.token_type!r}, expires_in={self.expires_in}, "
            f"scope={self.scope!r}, identity_level={self.identity_level}, tokens=[redacted])"
        )


@attrs.frozen(slots=True)
class AuthorizationOutcome(Model):
    """What submitting the login form led to: a redirect back to the app, or an OTP step."""

    redirect_to: str | None = None
    otp_challenge_id: str | None = None
    sent_to: str | None = None


@attrs.frozen(slots=True)
class RevokeResult(Model):
    """Revocation always succeeds for a well-formed request (RFC 7009)."""

    revoked: bool


@attrs.frozen(slots=True)
class Introspection(Model):
    """RFC 7662 introspection of a token (``active`` False for unknown/expired/revoked)."""

    active: bool
    client_id: str | None = None
    sub: str | None = None
    scope: str | None = None
    exp: int | None = None
    token_type: str | None = None
    identity_level: int | None = None


@attrs.frozen(slots=True)
class UserInfo(Model):
    """The signed-in citizen, with the VNeID-style claim names kept in English."""

    sub: str
    si_code: str
    citizen_id: str
    name: str
    birthdate: str
    identity_level: int
    acr: str
    login_idp: str


@attrs.frozen(slots=True)
class Device(Model):
    """A device an account has logged in from; exactly one is ``active`` at a time."""

    device_id: str
    first_seen: str
    last_login: str
    active: bool


@attrs.frozen(slots=True)
class OtpMessage(Model):
    """One OTP the sandbox 'sent' (no SMS leaves the sandbox): read it from the outbox."""

    challenge_id: str
    si_code: str
    device_id: str
    sent_to: str
    code: str
    sent_at: str
    purpose: str
