"""Operations of the webhooks area (webhook subscriptions)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from vssdk._core.operation import Call, operation, paged_operation
from vssdk.errors import InvalidArgument
from vssdk.webhooks.models import (
    WebhookCreate,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookSubscription,
)

_EVENT_PATTERN = re.compile(r"^(\*|[a-z_]+(\.[a-z_]+)*(\.\*)?)$")
_WEBHOOK_ID = re.compile(r"^whk_[0-9]{6,}$")


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url.strip():
        raise InvalidArgument("url", "must be an absolute http:// or https:// URL", value=url)
    return url.strip()


def _check_events(events: Sequence[str]) -> tuple[str, ...]:
    if isinstance(events, str):
        raise InvalidArgument("events", "must be a list of event types, not one string")
    out = tuple(events)
    if not out:
        raise InvalidArgument("events", "name at least one event type (or '*')")
    for index, name in enumerate(out):
        if not isinstance(name, str) or not _EVENT_PATTERN.match(name):
            raise InvalidArgument(
                f"events[{index}]", "must look like 'family.action', 'family.*' or '*'", value=name
            )
    return out


def _check_webhook_id(webhook_id: str) -> str:
    if not isinstance(webhook_id, str) or not _WEBHOOK_ID.match(webhook_id):
        raise InvalidArgument("webhook_id", "must look like whk_000001", value=webhook_id)
    return webhook_id


@operation(
    "createWebhook",
    "POST",
    "/webhooks",
    response=WebhookSubscription,
    success=201,
    principal="any",
    request=WebhookCreate,
    accepts_idempotency_key=True,
)
def create_webhook(
    *,
    url: str,
    events: Sequence[str],
    secret: str | None = None,
    description: str | None = None,
    idempotency_key: str | None = None,
) -> Call:
    """Subscribe ``url`` to events; the reply's ``secret`` (shown once) verifies deliveries."""
    if secret is not None and len(secret) < 16:
        raise InvalidArgument("secret", "must be at least 16 characters")
    body = WebhookCreate(
        url=_check_url(url), events=_check_events(events), secret=secret, description=description
    )
    return Call(body=body, idempotency_key=idempotency_key)


@paged_operation("listWebhooks", "/webhooks", item=WebhookSubscription, principal="any")
def list_webhooks(*, limit: int | None = None) -> Call:
    """The caller's subscriptions (without secrets); iterates all pages."""
    return Call(query={"limit": limit})


@operation(
    "deleteWebhook",
    "DELETE",
    "/webhooks/{webhook_id}",
    response=WebhookSubscription,
    principal="any",
)
def delete_webhook(webhook_id: str) -> Call:
    """Remove a subscription and return it; its pending deliveries are cancelled."""
    return Call(path_params={"webhook_id": _check_webhook_id(webhook_id)})


@paged_operation(
    "listWebhookDeliveries",
    "/webhooks/{webhook_id}/deliveries",
    item=WebhookDelivery,
    principal="any",
)
def list_deliveries(
    webhook_id: str,
    *,
    status: WebhookDeliveryStatus | str | None = None,
    limit: int | None = None,
) -> Call:
    """Deliveries to one subscription (attempts, outcome, next retry), oldest first."""
    return Call(
        path_params={"webhook_id": _check_webhook_id(webhook_id)},
        query={"status": status, "limit": limit},
    )


class WebhooksOperations:
    """The area's methods, for both clients: :class:`~vssdk.webhooks._resource.Webhooks` and
    ``AsyncWebhooks`` inherit this class, so an operation is listed once, here."""

    __slots__ = ()
    create = create_webhook
    list = list_webhooks
    delete = delete_webhook
    deliveries = list_deliveries
