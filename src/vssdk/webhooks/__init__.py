"""vssdk.webhooks: subscriptions, and signing/verification of deliveries.

On the receiving side::

    from vssdk import webhooks

    event = webhooks.verify(raw_body, request.headers["X-VSS-Signature"], secret)

or :class:`WebhookReceiver` to also skip events already processed (deliveries are at least once).
"""

from __future__ import annotations

from vssdk.webhooks.errors import WebhookSignatureError
from vssdk.webhooks.local import LocalReceiver
from vssdk.webhooks.models import (
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEvent,
    WebhookSubscription,
)
from vssdk.webhooks.receiver import MemorySeenEvents, Received, SeenEvents, WebhookReceiver
from vssdk.webhooks.settle import wait_delivered
from vssdk.webhooks.signing import (
    SIGNATURE_HEADER,
    compute_signature,
    sign,
    verify,
    verify_signature,
)

__all__ = [
    "SIGNATURE_HEADER",
    "LocalReceiver",
    "MemorySeenEvents",
    "Received",
    "SeenEvents",
    "WebhookDelivery",
    "WebhookDeliveryStatus",
    "WebhookEvent",
    "WebhookReceiver",
    "WebhookSignatureError",
    "WebhookSubscription",
    "compute_signature",
    "sign",
    "verify",
    "verify_signature",
    "wait_delivered",
]
