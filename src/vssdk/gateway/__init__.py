"""vssdk.gateway: the real assessment gateway's own wire protocol.

:class:`GatewayLogin` is the facility's ``api/token/take`` login as a vssdk auth (token cached
until shortly before its ISO-timestamp expiry, single-flight refresh). ``client.gateway`` sends
the wire calls (raw) and returns the same typed results as the REST dialect (``check_card``,
``submit_claim``, ``check_in``).
"""

from __future__ import annotations

from vssdk.gateway.errors import GatewayRefused
from vssdk.gateway.login import (
    GatewayLogin,
    GatewayLoginError,
    GatewayToken,
    parse_expiry,
    parse_token_reply,
    password_hash,
)
from vssdk.gateway.wire import GatewayReceipt, card_check_from_wire

__all__ = [
    "GatewayLogin",
    "GatewayLoginError",
    "GatewayReceipt",
    "GatewayRefused",
    "GatewayToken",
    "card_check_from_wire",
    "parse_expiry",
    "parse_token_reply",
    "password_hash",
]
