"""Models of the webhooks area: subscriptions, deliveries and the event a receiver gets."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from vssdk._core.model import Model

__all__ = [
    "WebhookCreate",
    "WebhookDelivery",
    "WebhookDeliveryStatus",
    "WebhookEvent",
    "WebhookSubscription",
]


@attrs.frozen(slots=True)
class WebhookCreate(Model):
    """The body of ``createWebhook``."""

    url: str
    events: tuple[str, ...]
    secret: str | None = None
    description: str | None = None


@attrs.frozen(slots=True)
class WebhookSubscription(Model):
    """A subscription: where events of the listed types are POSTed.

    ``secret`` is only present in the reply to :meth:`Webhooks.create`; keep it safe.
    """

    id: str
    url: str
    events: tuple[str, ...]
    created_at: dt.datetime
    secret: str | None = None
    description: str | None = None


class WebhookDeliveryStatus(enum.StrEnum):
    """Where a delivery stands."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@attrs.frozen(slots=True)
class WebhookDelivery(Model):
    """One event sent (or still to be sent) to one subscription."""

    id: str
    webhook_id: str
    event_id: str
    event_type: str
    status: WebhookDeliveryStatus
    attempts: int
    created_at: dt.datetime
    next_attempt_at: dt.datetime | None = None
    last_attempt_at: dt.datetime | None = None
    last_status_code: int | None = None
    last_error: str | None = None
    delivered_at: dt.datetime | None = None


@attrs.frozen(slots=True)
class WebhookEvent(Model):
    """The body of a delivery, as a receiver sees it after :func:`vssdk.webhooks.verify`.

    ``id`` is the de-duplication key: the same event may arrive more than once.
    """

    id: str
    type: str
    created_at: dt.datetime
    data: dict[str, Any] = attrs.field(factory=dict)
