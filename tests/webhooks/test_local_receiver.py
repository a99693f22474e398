"""The loopback development receiver: status codes a sender sees, and processing once."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from vssdk.webhooks import LocalReceiver, WebhookEvent, sign

SECRET = "whsec_local_receiver_12345"


def _post(url: str, body: bytes, header: str | None) -> int:
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("content-type", "application/json")
    if header is not None:
        request.add_header("x-vss-signature", header)
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as err:
        return int(err.code)


def _body(event_id: str) -> bytes:
    return json.dumps(
        {
            "id": event_id,
            "type": "dossier.received",
            "created_at": "2026-11-23T09:00:00+07:00",
            "data": {"n": 1},
        }
    ).encode()


def test_status_codes_and_processing_once() -> None:
    handled: list[str] = []

    def handler(event: WebhookEvent) -> None:
        if event.id == "evt_boom":
            raise RuntimeError("handler failed")
        handled.append(event.id)

    with LocalReceiver(handler) as receiver:
        body = _body("evt_1")
        assert _post(receiver.url, body, sign(body, SECRET)) == 503  # no secret yet
        receiver.secret = SECRET
        assert _post(receiver.url, body, sign(body, "not-the-secret-at-all")) == 400
        assert _post(receiver.url, body, sign(body, SECRET)) == 200
        assert _post(receiver.url, body, sign(body, SECRET)) == 200  # repeat: acknowledged
        receiver.outage = True
        assert _post(receiver.url, _body("evt_2"), sign(_body("evt_2"), SECRET)) == 503
        receiver.outage = False
        boom = _body("evt_boom")
        assert _post(receiver.url, boom, sign(boom, SECRET)) == 500
        assert _post(receiver.url.replace("/vss-events", "/other"), body, None) == 404
    assert handled == ["evt_1"]
    assert [e.id for e in receiver.events] == ["evt_1"]
    assert receiver.statuses == [503, 400, 200, 200, 503, 500, 404]
