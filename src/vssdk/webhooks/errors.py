"""Errors of the webhooks area."""

from __future__ import annotations

from vssdk.errors import VssdkError

__all__ = ["WebhookSignatureError"]


class WebhookSignatureError(VssdkError):
    """A delivery's ``X-VSS-Signature`` does not prove it came from the sender.

    ``reason`` is one of ``"malformed"`` (header or body unreadable), ``"mismatch"`` (no ``v1``
    signature matches the secret) or ``"timestamp"`` (outside the tolerance: a replay or a
    wrong clock). Answer such a request with 400 and do not process it.
    """

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)
