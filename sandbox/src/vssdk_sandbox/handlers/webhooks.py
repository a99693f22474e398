"""Sandbox handlers of the webhooks area: subscriptions and the delivery worker.

Every event in the ``events`` collection (from any area, via ``Sandbox.emit``) whose ``owner``
matches a subscription's owner and whose type the subscription lists becomes one delivery per
subscription (the event's ``delivered`` flag then means "queued for delivery"). Deliveries are
POSTed with the same body on every attempt, signed afresh with the wall-clock time
(``X-VSS-Signature``), and retried with exponential backoff on the sandbox clock (30 s, 1 min,
2 min ... capped at 1 h) until a 2xx arrives or 24 hours have passed since the event.

A tick hook (run whenever an event is emitted or the clock is advanced) queues the deliveries;
a background thread per sandbox makes the HTTP attempts, outside any request and without holding
the store, so a slow or silent receiver delays only its own deliveries. (A sender installed with
:func:`use_sender` — a test double — is called inline by the tick instead.)

Subscriptions are capped per owner (:data:`MAX_WEBHOOKS_PER_OWNER`), and URLs on link-local or
cloud-metadata addresses are refused, at subscription and again at delivery; a failed attempt
records a coarse reason ("could not connect", "timed out"), not the network's error text.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import logging
import secrets
import socket
import sqlite3
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import attrs
import httpx

from vssdk.webhooks.signing import SIGNATURE_HEADER, sign
from vssdk_sandbox.kit import Ctx, handles, on_tick, problem

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

__all__ = [
    "DELIVERIES",
    "MAX_WEBHOOKS_PER_OWNER",
    "WEBHOOKS",
    "Sender",
    "backoff_seconds",
    "matches",
    "refused_address",
    "use_sender",
    "wait_idle",
]

log = logging.getLogger("vssdk_sandbox.webhooks")

WEBHOOKS = "webhooks"
DELIVERIES = "webhook_deliveries"
EVENTS = "events"
FIRST_RETRY_SECONDS = 30
MAX_RETRY_SECONDS = 3600
GIVE_UP_AFTER = dt.timedelta(hours=24)
_TIMEOUT = httpx.Timeout(connect=3.0, read=5.0, write=5.0, pool=3.0)
_SENDER = "webhooks.sender"
_INLINE = "webhooks.inline"
_BUSY = "webhooks.busy"
_WAKE = "webhooks.wake"  # threading.Event: the worker looks for due deliveries when set
_THREAD = "webhooks.thread"
_IDLE = "webhooks.idle"  # threading.Event: set while the worker has nothing due
MAX_WEBHOOKS_PER_OWNER = 25
_POLL_SECONDS = 1.0  # the sandbox clock runs at real speed too: retries fall due by themselves
_METADATA_HOSTS = frozenset({"metadata", "metadata.google.internal", "metadata.goog"})

# A sender POSTs (url, headers, body) and returns the HTTP status; a receiver it cannot reach
# raises OSError (ConnectionError) or an httpx.HTTPError.
Sender = Callable[[str, Mapping[str, str], bytes], int]


def _refused_ip(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or (
            address == ipaddress.ip_address("100.100.100.200")  # a cloud metadata service
        )
    )


def refused_address(url: str) -> str | None:
    """Why the sandbox will not POST to ``url`` (link-local, metadata, not http), or None.

    Loopback and private addresses stay allowed: local receivers are what the sandbox is for.
    """
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return "not a URL"
    if parts.scheme not in ("http", "https") or not host:
        return "not an http(s) URL"
    if host in _METADATA_HOSTS:
        return "a cloud metadata address"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    return "a link-local, multicast or metadata address" if _refused_ip(address) else None


def _resolves_to_refused(url: str) -> bool:
    parts = urlsplit(url)
    try:
        infos = socket.getaddrinfo(parts.hostname or "", parts.port or 80, type=socket.SOCK_STREAM)
    except OSError:
        return False  # httpx will report it could not connect
    return any(_refused_ip(ipaddress.ip_address(str(info[4][0]).split("%")[0])) for info in infos)


def _http_sender() -> Sender:
    http = httpx.Client(timeout=_TIMEOUT, follow_redirects=False, trust_env=False)

    def send(url: str, headers: Mapping[str, str], body: bytes) -> int:
        if refused_address(url) or _resolves_to_refused(url):
            raise ConnectionRefusedError("refused address")
        return http.post(url, headers=dict(headers), content=body).status_code

    return send


def use_sender(sandbox: Sandbox, sender: Sender | None, *, inline: bool = True) -> None:
    """Replace how ``sandbox`` POSTs deliveries (tests, examples); ``None`` restores HTTP.

    An ``inline`` sender (the default for a replacement: a test double answers at once) is
    called by the tick itself; otherwise attempts are made by the background worker.
    """
    if sender is None:
        sandbox.state.pop(_SENDER, None)
        sandbox.state.pop(_INLINE, None)
    else:
        sandbox.state[_SENDER] = sender
        sandbox.state[_INLINE] = inline


def _sender(sandbox: Sandbox) -> Sender:
    found: Sender | None = sandbox.state.get(_SENDER)
    if found is None:
        found = sandbox.state[_SENDER] = _http_sender()
    return found


def backoff_seconds(failures: int) -> int:
    """Wait before the next attempt after ``failures`` failed ones: 30 s doubling, capped at 1 h."""
    return int(min(FIRST_RETRY_SECONDS * 2 ** max(failures - 1, 0), MAX_RETRY_SECONDS))


def matches(patterns: list[str], event_type: str) -> bool:
    """``*`` matches all, ``family.*`` a family, anything else exactly."""
    for pattern in patterns:
        if pattern == "*" or pattern == event_type:
            return True
        if pattern.endswith(".*") and event_type.startswith(pattern[:-1]):
            return True
    return False


def _public(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in ("owner", "secret")}


def _delivery_view(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in ("owner", "payload", "first_at")}


# --- operations ----------------------------------------------------------------------------


@handles("createWebhook")
def create_webhook(ctx: Ctx) -> dict[str, Any]:
    principal = ctx.require_principal()
    body = ctx.body
    reason = refused_address(body["url"])
    if reason is not None:
        raise problem(
            422,
            "Unprocessable Entity",
            detail=f"the sandbox does not deliver to {reason}",
            slug="validation-failed",
            errors=[{"path": "body.url", "message": f"is {reason}", "code": "url.refused"}],
        )
    if len(ctx.store.find(WEBHOOKS, owner=principal.subject)) >= MAX_WEBHOOKS_PER_OWNER:
        raise problem(
            422,
            "Unprocessable Entity",
            detail=f"at most {MAX_WEBHOOKS_PER_OWNER} subscriptions per caller; delete one first",
            slug="too-many-webhooks",
        )
    doc = {
        "id": ctx.sandbox.new_id("whk"),
        "url": body["url"],
        "events": list(body["events"]),
        "created_at": ctx.sandbox.now().isoformat(),
        "owner": principal.subject,
        "secret": body.get("secret") or "whsec_" + secrets.token_hex(16),
    }
    if body.get("description"):
        doc["description"] = body["description"]
    ctx.store.put(WEBHOOKS, doc["id"], doc)
    return {k: v for k, v in doc.items() if k != "owner"}


@handles("listWebhooks")
def list_webhooks(ctx: Ctx) -> dict[str, Any]:
    principal = ctx.require_principal()
    items, cursor = ctx.store.page(
        WEBHOOKS,
        where={"owner": principal.subject},
        cursor=ctx.query.get("cursor"),
        limit=int(ctx.query.get("limit", 50)),
    )
    return {"items": [_public(d) for d in items], "next_cursor": cursor}


def _own_webhook(ctx: Ctx) -> dict[str, Any]:
    principal = ctx.require_principal()
    doc = ctx.store.get(WEBHOOKS, ctx.path["webhook_id"])
    if doc is None or doc["owner"] != principal.subject:
        raise problem(404, "Not Found", detail=f"no webhook {ctx.path['webhook_id']}")
    return doc


@handles("deleteWebhook")
def delete_webhook(ctx: Ctx) -> dict[str, Any]:
    doc = _own_webhook(ctx)
    now = ctx.sandbox.now().isoformat()
    ctx.store.delete(*_WORKER)  # rescan pending deliveries next time
    with ctx.store.transaction():
        ctx.store.delete(WEBHOOKS, doc["id"])
        for delivery in ctx.store.find(DELIVERIES, webhook_id=doc["id"], status="pending"):
            delivery.update(status="failed", last_error="subscription deleted", last_attempt_at=now)
            delivery.pop("next_attempt_at", None)
            ctx.store.put(DELIVERIES, delivery["id"], delivery)
    return _public(doc)


@handles("listWebhookDeliveries")
def list_deliveries(ctx: Ctx) -> dict[str, Any]:
    doc = _own_webhook(ctx)
    items, cursor = ctx.store.page(
        DELIVERIES,
        where={"webhook_id": doc["id"], "status": ctx.query.get("status")},
        cursor=ctx.query.get("cursor"),
        limit=int(ctx.query.get("limit", 50)),
    )
    return {"items": [_delivery_view(d) for d in items], "next_cursor": cursor}


# --- the delivery worker -------------------------------------------------------------------


def _payload(event: dict[str, Any]) -> str:
    body = {
        "id": event["id"],
        "type": event["type"],
        "created_at": event["created_at"],
        "data": event.get("data") or {},
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


_WORKER = ("meta", "webhooks_worker")  # wiped with everything else by a reset


@attrs.define
class _Progress:
    """What the worker knows without scanning everything.

    ``cursor``: a store cursor before which every event has been fanned out (it trails the
    newest event by one, as a cursor names the last row of a page). ``next_due``: the earliest
    retry among pending deliveries (ISO time), or None when unknown.
    """

    cursor: str | None = None
    next_due: str | None = None


def _state(box: Sandbox) -> _Progress:
    doc = box.store.get(*_WORKER) or {}
    return _Progress(cursor=doc.get("cursor"), next_due=doc.get("next_due"))


def _save(box: Sandbox, state: _Progress) -> None:
    box.store.put(*_WORKER, {"cursor": state.cursor, "next_due": state.next_due})


def _earlier(current: str | None, candidate: str) -> str:
    if current is None:
        return candidate
    return min(current, candidate, key=dt.datetime.fromisoformat)


def _queue(box: Sandbox, event: dict[str, Any], sub: dict[str, Any]) -> dict[str, Any]:
    delivery_id = box.new_id("dlv")
    doc = {
        "id": delivery_id,
        "webhook_id": sub["id"],
        "event_id": event["id"],
        "event_type": event["type"],
        "status": "pending",
        "attempts": 0,
        "created_at": box.now().isoformat(),
        "next_attempt_at": box.now().isoformat(),
        "owner": sub["owner"],
        "first_at": event["created_at"],
        "payload": _payload(event),
    }
    box.store.put(DELIVERIES, delivery_id, doc)
    return doc


def _fan_out(box: Sandbox, state: _Progress) -> None:
    """Queue (and try at once) one delivery per new event and matching subscription."""
    newer, _ = box.store.page(EVENTS, cursor=state.cursor, limit=None)
    fresh = [e for e in newer if not e.get("delivered")]
    subscriptions = box.store.find(WEBHOOKS) if fresh else []
    for event in fresh:
        for sub in subscriptions:
            if (
                event.get("owner") is None
                or sub["owner"] != event["owner"]
                or not matches(sub["events"], event["type"])
                or sub["created_at"] > event["created_at"]
            ):
                continue
            delivery = _queue(box, event, sub)
            if _inline(box):
                _attempt(box, delivery, sub)
            if delivery["status"] == "pending":
                state.next_due = _earlier(state.next_due, delivery["next_attempt_at"])
        event["delivered"] = True
        box.store.put(EVENTS, event["id"], event)
    if len(newer) > 1:  # move the cursor to the second-newest event
        _, state.cursor = box.store.page(EVENTS, cursor=state.cursor, limit=len(newer) - 1)


def _inline(box: Sandbox) -> bool:
    return bool(box.state.get(_INLINE)) and _SENDER in box.state


def _attempt(box: Sandbox, delivery: dict[str, Any], sub: dict[str, Any]) -> None:
    _record(box, delivery, *_send(box, delivery, sub))


def _coarse(exc: Exception) -> str:
    """What a failed attempt records: the kind of failure, not the network's own words."""
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return "timed out"
    if isinstance(exc, httpx.ConnectError | ConnectionError):
        return "could not connect"
    return "delivery failed"


def _send(box: Sandbox, delivery: dict[str, Any], sub: dict[str, Any]) -> tuple[int | None, str]:
    body = delivery["payload"].encode("utf-8")
    headers = {
        "content-type": "application/json",
        "user-agent": "vssdk-sandbox-webhooks/1",
        SIGNATURE_HEADER.lower(): sign(body, sub["secret"]),
        "x-vss-event-id": delivery["event_id"],
        "x-vss-event-type": delivery["event_type"],
        "x-vss-delivery-id": delivery["id"],
        "x-vss-attempt": str(delivery["attempts"] + 1),
    }
    try:
        return _sender(box)(sub["url"], headers, body), ""
    except (httpx.HTTPError, OSError) as exc:
        return None, _coarse(exc)


def _record(box: Sandbox, delivery: dict[str, Any], status: int | None, error: str) -> None:
    now = box.now()
    delivery["attempts"] += 1
    delivery["last_attempt_at"] = now.isoformat()
    delivery.pop("last_status_code", None)
    if status is not None:
        delivery["last_status_code"] = status
    if status is not None and 200 <= status < 300:
        delivery.update(status="succeeded", delivered_at=now.isoformat())
        delivery.pop("next_attempt_at", None)
        delivery.pop("last_error", None)
    else:
        delivery["last_error"] = error or f"receiver answered HTTP {status}"
        retry_at = now + dt.timedelta(seconds=backoff_seconds(delivery["attempts"]))
        if retry_at - dt.datetime.fromisoformat(delivery["first_at"]) > GIVE_UP_AFTER:
            delivery["status"] = "failed"
            delivery.pop("next_attempt_at", None)
        else:
            delivery["next_attempt_at"] = retry_at.isoformat()
    box.store.put(DELIVERIES, delivery["id"], delivery)


def _retry_due(box: Sandbox, state: _Progress) -> None:
    """Attempt every pending delivery whose retry is due; skip the scan when none can be."""
    now = box.now()
    if state.next_due is not None and dt.datetime.fromisoformat(state.next_due) > now:
        return
    if not _inline(box):
        _wake(box)  # the background worker makes the attempts
        return
    upcoming: str | None = None
    for delivery in box.store.find(DELIVERIES, status="pending"):
        if dt.datetime.fromisoformat(delivery["next_attempt_at"]) <= now:
            sub = box.store.get(WEBHOOKS, delivery["webhook_id"])
            if sub is None:
                continue
            _attempt(box, delivery, sub)
            if delivery["status"] != "pending":
                continue
        upcoming = _earlier(upcoming, delivery["next_attempt_at"])
    state.next_due = upcoming or dt.datetime.max.replace(tzinfo=now.tzinfo).isoformat()


# --- the background worker -----------------------------------------------------------------


def _wake(box: Sandbox) -> None:
    wake = box.state.get(_WAKE)
    if wake is None:
        wake = box.state[_WAKE] = threading.Event()
        box.state[_IDLE] = threading.Event()
    wake.set()
    thread = box.state.get(_THREAD)
    if thread is None or not thread.is_alive():
        thread = threading.Thread(
            target=_work, args=(box,), name="vssdk-sandbox-webhooks", daemon=True
        )
        box.state[_THREAD] = thread
        thread.start()


def _due(box: Sandbox) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pending deliveries whose attempt is due, with their subscriptions (under the lock)."""
    now = box.now()
    with box.store.lock:
        out = []
        for delivery in box.store.find(DELIVERIES, status="pending"):
            if dt.datetime.fromisoformat(delivery["next_attempt_at"]) <= now:
                sub = box.store.get(WEBHOOKS, delivery["webhook_id"])
                if sub is not None:
                    out.append((delivery, sub))
        return out


def _work(box: Sandbox) -> None:
    """Attempt due deliveries until the sandbox closes; the HTTP happens without the lock."""
    wake: threading.Event = box.state[_WAKE]
    idle: threading.Event = box.state[_IDLE]
    while not box.state.get("closed"):
        wake.wait(_POLL_SECONDS)
        wake.clear()
        try:
            batch = _due(box)
            if not batch:
                idle.set()
                continue
            idle.clear()
            for delivery, sub in batch:
                status, error = _send(box, delivery, sub)
                with box.store.transaction():
                    fresh = box.store.get(DELIVERIES, delivery["id"])
                    if fresh is None or fresh["status"] != "pending":
                        continue  # cancelled (subscription deleted) or reset meanwhile
                    if fresh["attempts"] != delivery["attempts"]:
                        continue
                    _record(box, fresh, status, error)
                    if fresh["status"] == "pending":
                        state = _state(box)
                        state.next_due = _earlier(state.next_due, fresh["next_attempt_at"])
                        _save(box, state)
            wake.set()  # look again at once: more may have fallen due meanwhile
        except sqlite3.ProgrammingError:  # the store was closed: the sandbox is gone
            return
        except Exception:  # logged, and the worker goes on
            if box.state.get("closed"):
                return
            log.exception("webhook worker pass failed")
            wake.wait(_POLL_SECONDS)


def wait_idle(box: Sandbox, timeout: float = 10.0) -> bool:
    """Block until the background worker has no due delivery left (tests); False on timeout."""
    idle: threading.Event | None = box.state.get(_IDLE)
    if idle is None:
        return True
    box.state[_WAKE].set()
    idle.clear()
    return idle.wait(timeout)


@on_tick
def deliver(box: Sandbox) -> None:
    """Queue deliveries for new events and make every attempt that is due."""
    if box.state.get(_BUSY):
        return
    box.state[_BUSY] = True
    try:
        state = _state(box)
        before = attrs.evolve(state)
        _retry_due(box, state)
        _fan_out(box, state)
        if state != before:
            _save(box, state)
    finally:
        box.state[_BUSY] = False
