"""Typed errors of the identity area.

Server-side refusals (problem+json ``type`` slugs) map to :class:`~vssdk.errors.APIStatusError`
subclasses; local checks (ID-token validation, a too-low identity level caught before a call)
raise the same classes or plain :class:`~vssdk.errors.VssdkError` subclasses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from vssdk.errors import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    PermissionDeniedError,
    VssdkError,
)

__all__ = [
    "AccountLocked",
    "IdTokenInvalid",
    "IdentityLevelTooLow",
    "InvalidClient",
    "InvalidGrant",
    "LoginError",
    "OtpChallenge",
    "OtpInvalid",
    "OtpRequired",
    "RefreshTokenReused",
    "SessionRevoked",
    "StateMismatch",
]


@attrs.frozen(slots=True)
class OtpChallenge:
    """A pending one-time-password step for a login from a new device."""

    challenge_id: str
    device_id: str
    expires_at: str
    sent_to: str  # masked phone number, e.g. "09******21"

    @classmethod
    def from_extensions(cls, data: Mapping[str, Any]) -> OtpChallenge:
        return cls(
            challenge_id=str(data.get("challenge_id", "")),
            device_id=str(data.get("device_id", "")),
            expires_at=str(data.get("expires_at", "")),
            sent_to=str(data.get("sent_to", "")),
        )


class LoginError(VssdkError):
    """A login flow failed on the client side (bad callback, missing tokens ...)."""


class StateMismatch(LoginError):
    """The callback's ``state`` is not the one this login started with (possible CSRF)."""


class IdTokenInvalid(LoginError):
    """The ID token failed validation; ``reason`` says which check (signature, iss, aud ...)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"ID token rejected: {reason}")


class SessionRevoked(AuthenticationError):
    """401: this session was signed out (another device logged in, logout, or token reuse)."""


class OtpRequired(PermissionDeniedError):
    """403: the login came from a new device; ``challenge`` names the OTP step to complete."""

    @property
    def challenge(self) -> OtpChallenge:
        extensions = self.problem.extensions if self.problem else {}
        return OtpChallenge.from_extensions(extensions)


class IdentityLevelTooLow(PermissionDeniedError):
    """403: the operation needs a higher e-ID level (VNeID level 2) than this session has."""

    @classmethod
    def local(cls, operation_id: str, needed: int, have: int) -> IdentityLevelTooLow:
        """Raised by the client before any request is sent."""
        return cls(
            f"{operation_id}: needs identity level {needed}; this session has level {have}",
            status_code=403,
            body=b"",
            headers={},
            problem=None,
            request_id=None,
            operation_id=operation_id,
        )


class AccountLocked(PermissionDeniedError):
    """403: too many failed passwords or OTPs; the account is locked for a while."""


class InvalidGrant(BadRequestError):
    """400 ``invalid_grant``: bad/used/expired code, wrong PKCE verifier, bad password ..."""


class RefreshTokenReused(InvalidGrant):
    """400: a rotated refresh token was presented again; its whole family is now revoked."""


class InvalidClient(AuthenticationError):
    """401 ``invalid_client``: unknown client or failed client authentication."""


class OtpInvalid(InvalidGrant):
    """400: wrong or expired one-time password (repeated failures lock the account)."""


# problem+json ``type`` slug (after the problem base URL) → class, read by the error mapping.
PROBLEM_TYPES: dict[str, type[APIStatusError]] = {
    "session-revoked": SessionRevoked,
    "otp-required": OtpRequired,
    "identity-level-too-low": IdentityLevelTooLow,
    "account-locked": AccountLocked,
    "invalid-grant": InvalidGrant,
    "invalid-client": InvalidClient,
    "refresh-token-reused": RefreshTokenReused,
    "invalid-otp": OtpInvalid,
}

_OAUTH_ERRORS: dict[str, type[APIStatusError]] = {
    "invalid_grant": InvalidGrant,
    "invalid_client": InvalidClient,
    "refresh_token_reused": RefreshTokenReused,
    "invalid_otp": OtpInvalid,
}


def oauth_error_class(error: APIStatusError) -> type[APIStatusError]:
    """A more precise class for a token-endpoint error, from its OAuth ``error`` code."""
    if type(error) is not status_class_of(error):
        return type(error)  # already a domain class (session-revoked, account-locked ...)
    code = error.problem.extensions.get("error") if error.problem else None
    return _OAUTH_ERRORS.get(str(code), type(error))


def status_class_of(error: APIStatusError) -> type[APIStatusError]:
    from vssdk.errors import status_error_class

    return status_error_class(error.status_code)


def refine(error: APIStatusError) -> APIStatusError:
    """The same error re-raised as its precise identity class (data kept)."""
    cls = oauth_error_class(error)
    if cls is type(error):
        return error
    return cls(
        str(error),
        status_code=error.status_code,
        body=error.body,
        headers=error.headers,
        problem=error.problem,
        request_id=error.request_id,
        operation_id=error.operation_id,
    )
