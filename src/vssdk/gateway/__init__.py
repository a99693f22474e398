"""vssdk.gateway: the real assessment gateway's own wire protocol.

:class:`GatewayLogin` is the facility's ``api/token/take`` login as a vssdk auth (token cached
until shortly before its ISO-timestamp expiry, single-flight refresh).
"""

from __future__ import annotations

from vssdk.gateway.login import (
    GatewayLogin,
    GatewayLoginError,
    GatewayToken,
    parse_expiry,
    parse_token_reply,
    password_hash,
)

__all__ = [
    "GatewayLogin",
    "GatewayLoginError",
    "GatewayToken",
    "parse_expiry",
    "parse_token_reply",
    "password_hash",
]
