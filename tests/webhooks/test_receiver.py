"""The idempotent receiver: each event id is processed once, failures are retried."""

from __future__ import annotations

import json

import pytest

from vssdk.webhooks import (
    MemorySeenEvents,
    WebhookEvent,
    WebhookReceiver,
    WebhookSignatureError,
    sign,
)

SECRET = "whsec_receiver_secret_1234"
T = 1_795_000_000


def _delivery(event_id: str) -> tuple[bytes, str]:
    body = json.dumps(
        {
            "id": event_id,
            "type": "linked_application.completed",
            "created_at": "2026-11-23T09:00:00+07:00",
            "data": {},
        }
    ).encode()
    return body, sign(body, SECRET, timestamp=T)


def test_each_event_is_processed_once() -> None:
    seen: list[str] = []
    receiver = WebhookReceiver(SECRET, lambda e: seen.append(e.id), now=lambda: T)
    body, header = _delivery("evt_a")
    first = receiver.receive(body, header)
    again = receiver.receive(body, sign(body, SECRET, timestamp=T + 5))
    assert (first.duplicate, again.duplicate) == (False, True)
    assert seen == ["evt_a"]
    receiver.receive(*_delivery("evt_b"))
    assert seen == ["evt_a", "evt_b"]


def test_a_failing_handler_leaves_the_event_for_the_retry() -> None:
    calls: list[str] = []

    def handler(event: WebhookEvent) -> None:
        calls.append(event.id)
        if len(calls) == 1:
            raise RuntimeError("database down")

    receiver = WebhookReceiver(SECRET, handler, now=lambda: T)
    body, header = _delivery("evt_c")
    with pytest.raises(RuntimeError):
        receiver.receive(body, header)
    assert receiver.receive(body, header).duplicate is False
    assert receiver.receive(body, header).duplicate is True
    assert calls == ["evt_c", "evt_c"]


def test_a_concurrent_copy_is_busy_not_acknowledged() -> None:
    results = []
    body, header = _delivery("evt_d")

    def handler(event: WebhookEvent) -> None:
        results.append(receiver.receive(body, header))

    receiver = WebhookReceiver(SECRET, handler, now=lambda: T)
    outer = receiver.receive(body, header)
    assert outer.duplicate is False and outer.busy is False
    assert results[0].busy is True and results[0].duplicate is False


def test_bad_signatures_are_not_processed() -> None:
    seen: list[str] = []
    receiver = WebhookReceiver(SECRET, lambda e: seen.append(e.id), now=lambda: T)
    body, header = _delivery("evt_e")
    with pytest.raises(WebhookSignatureError):
        receiver.receive(body + b" ", header)
    assert seen == []


def test_memory_store_keeps_the_most_recent_ids() -> None:
    store = MemorySeenEvents(capacity=2)
    for event_id in ("a", "b", "c"):
        store.add(event_id)
    assert "a" not in store and "b" in store and "c" in store
