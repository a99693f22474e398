"""``client.webhooks``: webhook subscriptions."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.webhooks import _operations as ops


class Webhooks(SyncArea, ops.WebhooksOperations):
    """Webhook subscriptions: create, list, delete, and the deliveries made to each."""

    __slots__ = ()


class AsyncWebhooks(AsyncArea, ops.WebhooksOperations):
    """Webhook subscriptions (async)."""

    __slots__ = ()
