"""Signing and verifying deliveries: ``X-VSS-Signature: t=<unix>,v1=<hex HMAC-SHA256>``.

The signed message is ``f"{t}.".encode() + body``: the timestamp is covered by the MAC, so a
captured delivery cannot be replayed later than ``tolerance`` seconds. Pure functions.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from vssdk._core.model import decode_json
from vssdk.errors import InvalidArgument, ResponseValidationError
from vssdk.webhooks.errors import WebhookSignatureError
from vssdk.webhooks.models import WebhookEvent

__all__ = ["SIGNATURE_HEADER", "compute_signature", "sign", "verify", "verify_signature"]

SIGNATURE_HEADER = "X-VSS-Signature"
_SCHEME = "v1"


def _key(secret: str | bytes) -> bytes:
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    if not key:
        raise InvalidArgument("secret", "must not be empty")
    return key


def compute_signature(payload: bytes, secret: str | bytes, timestamp: int) -> str:
    """Hex HMAC-SHA256 of ``timestamp + "." + payload`` under ``secret``."""
    message = str(int(timestamp)).encode("ascii") + b"." + payload
    return hmac.new(_key(secret), message, hashlib.sha256).hexdigest()


def sign(payload: bytes, secret: str | bytes, *, timestamp: int | None = None) -> str:
    """The ``X-VSS-Signature`` header value for ``payload`` (``timestamp`` defaults to now)."""
    if not isinstance(payload, bytes | bytearray):
        raise InvalidArgument("payload", "must be the raw body as bytes")
    t = int(time.time()) if timestamp is None else int(timestamp)
    if t < 0:
        raise InvalidArgument("timestamp", "must be a non-negative Unix time")
    return f"t={t},{_SCHEME}={compute_signature(bytes(payload), secret, t)}"


_MAX_TIMESTAMP_DIGITS = 12  # Unix seconds until the year 33658


def _parse(header: str) -> tuple[int, list[str]]:
    if not isinstance(header, str):
        raise WebhookSignatureError("malformed", f"{SIGNATURE_HEADER} is not text")
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep:
            continue
        if name == "t":
            # ASCII digits only (str.isdigit also takes "²" and other scripts' digits), bounded
            if not (value.isascii() and value.isdigit() and len(value) <= _MAX_TIMESTAMP_DIGITS):
                raise WebhookSignatureError("malformed", "signature header: t is not a Unix time")
            timestamp = int(value)
        elif name == _SCHEME:
            signatures.append(value.strip().lower())
    if timestamp is None:
        raise WebhookSignatureError("malformed", "signature header has no t=<timestamp>")
    if not signatures:
        raise WebhookSignatureError("malformed", "signature header has no v1=<signature>")
    return timestamp, signatures


def verify_signature(
    payload: bytes,
    header: str | None,
    secret: str | bytes,
    *,
    tolerance: int = 300,
    now: float | None = None,
) -> int:
    """Check the header against the raw body; returns the signed timestamp.

    Raises :class:`WebhookSignatureError` when the header is missing or malformed, no ``v1``
    signature matches (constant-time comparison), or the timestamp is more than ``tolerance``
    seconds away from ``now`` (default: the local clock). ``tolerance=0`` disables the time check.
    """
    if not header:
        raise WebhookSignatureError("malformed", f"no {SIGNATURE_HEADER} header")
    if tolerance < 0:
        raise InvalidArgument("tolerance", "must be >= 0 seconds")
    if not isinstance(payload, bytes | bytearray | memoryview):
        raise WebhookSignatureError("malformed", "the body must be the raw bytes received")
    timestamp, signatures = _parse(header)
    expected = compute_signature(bytes(payload), secret, timestamp)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise WebhookSignatureError("mismatch", "no v1 signature matches this secret and body")
    if tolerance:
        current = time.time() if now is None else now
        if abs(current - timestamp) > tolerance:
            raise WebhookSignatureError(
                "timestamp",
                f"signed at {timestamp}, {int(current - timestamp)} s from now "
                f"(tolerance {tolerance} s): replayed or clocks disagree",
            )
    return timestamp


def verify(
    payload: bytes,
    header: str | None,
    secret: str | bytes,
    tolerance: int = 300,
    *,
    now: float | None = None,
) -> WebhookEvent:
    """Verify a delivery and decode its body into a :class:`WebhookEvent`.

    ``payload`` must be the raw request body exactly as received (not re-serialised JSON).
    Raises :class:`WebhookSignatureError` (see :func:`verify_signature`); a correctly signed body
    that is not an event is reported as ``reason="malformed"``.
    """
    verify_signature(payload, header, secret, tolerance=tolerance, now=now)
    try:
        return decode_json(bytes(payload), WebhookEvent, context="webhook event")
    except ResponseValidationError as exc:
        raise WebhookSignatureError("malformed", f"signed body is not an event: {exc}") from exc
