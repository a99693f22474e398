"""Masking of personal identifiers and secrets before anything reaches a log or a message."""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["mask", "mask_text", "safe_headers"]

# Card codes (2 letters + 13 digits), citizen IDs (12 digits), SI codes (10 digits), phone numbers.
_IDENTIFIER = re.compile(r"\b[A-Za-z]{2}\d{13}\b|\b\d{9,15}\b")
_SECRET_QUERY = re.compile(
    r"(?i)\b(token|password|access_token|refresh_token|id_token|code|code_verifier|client_secret"
    r"|client_assertion|passwordhash|accesstoken|tokenid)=[^&\s]*"
)
# The gateway dialect carries its credentials in accessToken / tokenId / passwordHash headers
# (the MD5 hash is itself the credential); X-Sandbox-Admin is a shared sandbox's admin token.
_SECRET_HEADERS = frozenset(
    {
        "authorization",
        "cookie",
        "set-cookie",
        "proxy-authorization",
        "accesstoken",
        "tokenid",
        "passwordhash",
        "x-sandbox-admin",
    }
)
_PERSONAL_HEADERS = frozenset({"x-operator-id"})


def mask(identifier: str) -> str:
    """``7912345612`` → ``79******12``: the first and last two characters, the rest starred."""
    if len(identifier) <= 4:
        return "*" * len(identifier)
    return identifier[:2] + "*" * (len(identifier) - 4) + identifier[-2:]


def mask_text(text: str) -> str:
    """Mask every identifier-looking token and every secret query value in ``text``."""
    text = _SECRET_QUERY.sub(lambda m: f"{m.group(1)}=[redacted]", text)
    return _IDENTIFIER.sub(lambda m: mask(m.group(0)), text)


def safe_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers fit for a log line: secrets replaced, personal identifiers masked."""
    out: dict[str, str] = {}
    for key, value in headers.items():
        low = key.lower()
        if low in _SECRET_HEADERS:
            out[key] = "[redacted]"
        elif low in _PERSONAL_HEADERS:
            out[key] = mask(value)
        else:
            out[key] = value
    return out
