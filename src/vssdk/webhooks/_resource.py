"""``client.webhooks``: webhook subscriptions."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class Webhooks(SyncArea):
    """Webhook subscriptions."""

    __slots__ = ()


class AsyncWebhooks(AsyncArea):
    """Webhook subscriptions (async)."""

    __slots__ = ()
