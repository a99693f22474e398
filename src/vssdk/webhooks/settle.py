"""Waiting until a sandbox has made the webhook attempts that are due (scripts and examples).

The sandbox delivers webhooks from a background worker, never inside the request that emitted
the event: a script that then reads its deliveries (or its receiver's events) waits first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from vssdk.errors import APITimeoutError
from vssdk.webhooks.models import WebhookDelivery, WebhookDeliveryStatus

if TYPE_CHECKING:
    import vssdk

__all__ = ["wait_delivered"]


def wait_delivered(
    client: vssdk.Client,
    webhook_id: str,
    *,
    timeout: float = 10.0,
    interval: float = 0.02,
    sleep: Callable[[float], None] = time.sleep,
) -> list[WebhookDelivery]:
    """The subscription's deliveries once none is due: each succeeded, failed, or waits for a
    retry later on the sandbox clock. Raises :class:`~vssdk.errors.APITimeoutError` after
    ``timeout`` seconds (real time)."""
    deadline = time.monotonic() + timeout
    while True:
        now = client.sandbox.status().now
        deliveries = list(client.webhooks.deliveries(webhook_id))
        due = [
            d
            for d in deliveries
            if d.status is WebhookDeliveryStatus.PENDING
            and (d.next_attempt_at is None or d.next_attempt_at <= now)
        ]
        if not due:
            return deliveries
        if time.monotonic() >= deadline:
            raise APITimeoutError(
                f"listWebhookDeliveries: {len(due)} deliveries of {webhook_id} still due "
                f"after {timeout:g} s"
            )
        sleep(interval)
