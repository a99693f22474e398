"""Sandbox handlers of the identity area: a small VNeID/VssID-style authorization server.

Citizens log in with SI code + password or a simulated VNeID choice (levels 1 and 2), through
the authorization code flow (PKCE required for public clients) or the password grant; one device
is active per account and a new device needs an OTP (read it from ``/_sandbox/otp-outbox``), which
signs the old device out. Organisations use client credentials (``client_secret_basic``,
``client_secret_post`` or ``private_key_jwt``). Access tokens are opaque and resolved by
``vssdk_sandbox.security``; ID tokens are ES256 JWTs signed with a key generated at first start.

One module per job: :mod:`.common` (constants, OAuth errors, issuer, signing key),
:mod:`.clients` (client authentication), :mod:`.accounts` (passwords, lockout, devices, OTPs),
:mod:`.tokens` (minting and grants), :mod:`.endpoints` (token, OTP, revocation, introspection,
userinfo, devices, discovery) and :mod:`.authorize` (the authorization endpoint). The handler
modules are listed in ``vssdk_sandbox.handlers.HANDLER_MODULES``.
"""

from __future__ import annotations

from vssdk_sandbox.handlers.identity.accounts import check_password, complete_otp
from vssdk_sandbox.handlers.identity.clients import authenticate_client
from vssdk_sandbox.handlers.identity.common import issuer, oauth_error, signing_key
from vssdk_sandbox.handlers.identity.tokens import issue_tokens

__all__ = [
    "authenticate_client",
    "check_password",
    "complete_otp",
    "issue_tokens",
    "issuer",
    "oauth_error",
    "signing_key",
]
