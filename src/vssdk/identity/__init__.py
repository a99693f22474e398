"""vssdk.identity: login, tokens, devices and the OpenID Connect endpoints.

Every credential here is a :class:`vssdk.Auth` usable as ``vssdk.Client(auth=...)``:

- :class:`AuthorizationCodeFlow` + :class:`UserSession`: citizens, authorization code + PKCE
  (browser; :func:`login_in_browser` for desktop/CLI apps), OpenID Connect ID-token validation.
- :class:`PasswordLogin`: citizens, SI code + password (as VssID), device binding and OTP.
- :class:`ClientCredentials`: organisations, ``client_secret_basic`` or ``private_key_jwt``.
- :class:`GatewayLogin`: the health-insurance gateway's legacy ``api/token/take`` login
  (re-exported from :mod:`vssdk.gateway`).

Tokens refresh automatically, one refresh at a time across threads and tasks; keep them in a
:class:`MemoryTokenStore` (default) or a :class:`FileTokenStore` (mode 0600).
"""

from vssdk.gateway.login import GatewayLogin
from vssdk.identity.credentials import ClientCredentials, client_assertion
from vssdk.identity.errors import (
    AccountLocked,
    IdentityLevelTooLow,
    IdTokenInvalid,
    InvalidClient,
    InvalidGrant,
    LoginError,
    OtpChallenge,
    OtpInvalid,
    OtpRequired,
    RefreshTokenReused,
    SessionRevoked,
    StateMismatch,
)
from vssdk.identity.oidc import validate_id_token
from vssdk.identity.password import PasswordLogin
from vssdk.identity.pkce import AuthorizationCodeFlow, PendingLogin, UserSession, login_in_browser
from vssdk.identity.tokens import FileTokenStore, MemoryTokenStore, TokenSet, TokenStore

__all__ = [
    "AccountLocked",
    "AuthorizationCodeFlow",
    "ClientCredentials",
    "FileTokenStore",
    "GatewayLogin",
    "IdTokenInvalid",
    "IdentityLevelTooLow",
    "InvalidClient",
    "InvalidGrant",
    "LoginError",
    "MemoryTokenStore",
    "OtpChallenge",
    "OtpInvalid",
    "OtpRequired",
    "PasswordLogin",
    "PendingLogin",
    "RefreshTokenReused",
    "SessionRevoked",
    "StateMismatch",
    "TokenSet",
    "TokenStore",
    "UserSession",
    "client_assertion",
    "login_in_browser",
    "validate_id_token",
]
