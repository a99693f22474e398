"""``client.webhooks``: webhook subscriptions."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.webhooks import _operations as ops


class Webhooks(SyncArea):
    """Webhook subscriptions: create, list, delete, and the deliveries made to each."""

    __slots__ = ()
    create = ops.create_webhook.sync
    list = ops.list_webhooks.sync
    delete = ops.delete_webhook.sync
    deliveries = ops.list_deliveries.sync


class AsyncWebhooks(AsyncArea):
    """Webhook subscriptions (async)."""

    __slots__ = ()
    create = ops.create_webhook.aio
    list = ops.list_webhooks.aio
    delete = ops.delete_webhook.aio
    deliveries = ops.list_deliveries.aio
