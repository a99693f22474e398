"""An idempotent receiver: verify each delivery, process each event id at most once.

Deliveries are at least once, so the same event can arrive again (a retry after a timeout, a
redelivery after the receiver answered too late). :class:`WebhookReceiver` verifies the signature,
skips event ids already processed, and marks an id processed only after the handler returned:
when the handler raises, the sender's retry gets another chance.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

import attrs

from vssdk.webhooks.models import WebhookEvent
from vssdk.webhooks.signing import verify

__all__ = ["MemorySeenEvents", "Received", "SeenEvents", "WebhookReceiver"]


class SeenEvents(Protocol):
    """Where processed event ids are remembered (a database table in production)."""

    def __contains__(self, event_id: object) -> bool: ...

    def add(self, event_id: str) -> None: ...


class MemorySeenEvents:
    """In-memory, bounded: keeps the most recent ``capacity`` event ids (thread-safe)."""

    def __init__(self, capacity: int = 100_000) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def __contains__(self, event_id: object) -> bool:
        with self._lock:
            return event_id in self._ids

    def add(self, event_id: str) -> None:
        with self._lock:
            self._ids[event_id] = None
            self._ids.move_to_end(event_id)
            while len(self._ids) > self._capacity:
                self._ids.popitem(last=False)


@attrs.frozen(slots=True)
class Received:
    """What happened to one delivery.

    ``duplicate``: already processed, answer 2xx. ``busy``: the same event is being processed by
    another request right now, answer 503 so the sender retries (if that processing fails, the
    retry is what processes it).
    """

    event: WebhookEvent
    duplicate: bool
    busy: bool = False


class WebhookReceiver:
    """Verify deliveries and run ``handler`` once per event id.

    ``receive(body, signature_header)`` raises
    :class:`~vssdk.webhooks.WebhookSignatureError` for a bad signature (answer 400), lets the
    handler's exception through (answer 5xx so the sender retries), and otherwise returns a
    :class:`Received` (answer 2xx, also for duplicates; 503 when ``busy``).
    """

    def __init__(
        self,
        secret: str | bytes,
        handler: Callable[[WebhookEvent], None],
        *,
        seen: SeenEvents | None = None,
        tolerance: int = 300,
        now: Callable[[], float] | None = None,
    ) -> None:
        self._secret = secret
        self._handler = handler
        self._seen: SeenEvents = seen if seen is not None else MemorySeenEvents()
        self._tolerance = tolerance
        self._now = now
        self._in_flight: set[str] = set()
        self._lock = threading.Lock()

    def receive(self, body: bytes, signature_header: str | None) -> Received:
        now = self._now() if self._now is not None else None
        event = verify(body, signature_header, self._secret, self._tolerance, now=now)
        with self._lock:
            if event.id in self._seen:
                return Received(event, duplicate=True)
            if event.id in self._in_flight:
                return Received(event, duplicate=False, busy=True)
            self._in_flight.add(event.id)
        try:
            self._handler(event)
            self._seen.add(event.id)
        finally:
            with self._lock:
                self._in_flight.discard(event.id)
        return Received(event, duplicate=False)
