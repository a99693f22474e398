"""Subscriptions and the delivery worker: signed, at least once, retried on the sandbox clock."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

import vssdk
from tests.procedures._support import org_client
from vssdk.errors import (
    InvalidArgument,
    NotFoundError,
)
from vssdk.procedures import Newborn, Person, Residence, Sex
from vssdk.webhooks import WebhookDeliveryStatus, WebhookReceiver, verify
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.handlers.webhooks import backoff_seconds, matches, use_sender, wait_idle

MINISTRY = "moj-hcm-civil-registry"


class FakeReceiver:
    """Records every POST; ``down`` makes it refuse connections, ``status`` sets the reply."""

    def __init__(self) -> None:
        self.down = False
        self.status = 200
        self.posts: list[tuple[str, dict[str, str], bytes]] = []

    def __call__(self, url: str, headers: Mapping[str, str], body: bytes) -> int:
        if self.down:
            raise ConnectionRefusedError("connection refused")
        self.posts.append((url, dict(headers), body))
        return self.status

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(body) for _, _, body in self.posts]


@pytest.fixture
def receiver(sandbox: Sandbox) -> Iterator[FakeReceiver]:
    fake = FakeReceiver()
    use_sender(sandbox, fake)
    yield fake
    use_sender(sandbox, None)


def _birth(api: vssdk.Client, sandbox: Sandbox, number: str = "KS-1") -> Any:
    birth = sandbox.today() - dt.timedelta(days=5)
    return api.procedures.submit_birth(
        registration_number=number,
        registered_on=sandbox.today(),
        child=Newborn(
            full_name="Bé Na",
            birth_date=birth,
            sex=Sex.FEMALE,
            citizen_id=f"0013{birth.year % 100:02d}000888",
        ),
        residence=Residence(province_code="01", address="Hà Nội"),
        mother=Person(full_name="Lê Thị Cúc", citizen_id="001178009876"),
    )


def test_subscription_lifecycle(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    sub = api.webhooks.create(url="https://ministry.example/hook", events=["linked_application.*"])
    assert sub.secret is not None and sub.secret.startswith("whsec_")
    assert sub.events == ("linked_application.*",)
    listed = list(api.webhooks.list())
    assert [s.id for s in listed] == [sub.id] and listed[0].secret is None
    other = org_client(client, sandbox, client_id="someone-else")
    assert list(other.webhooks.list()) == []
    with pytest.raises(NotFoundError):
        other.webhooks.delete(sub.id)
    removed = api.webhooks.delete(sub.id)
    assert removed.id == sub.id and removed.secret is None
    assert list(api.webhooks.list()) == []
    with pytest.raises(NotFoundError):
        api.webhooks.delete(sub.id)


def test_create_checks_its_arguments(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"url": "ftp://x", "events": ["*"]}, "url"),
        ({"url": "https://x.example", "events": []}, "events"),
        ({"url": "https://x.example", "events": ["Bad Event"]}, "events[0]"),
        ({"url": "https://x.example", "events": ["*"], "secret": "short"}, "secret"),
    ]
    for kwargs, argument in cases:
        with pytest.raises(InvalidArgument) as info:
            api.webhooks.create(**kwargs)
        assert info.value.argument == argument
    with pytest.raises(InvalidArgument):
        api.webhooks.delete("not-an-id")
    assert sandbox.store.count("webhooks") == 0


def test_deliveries_are_signed_and_carry_the_event_id(
    client: vssdk.Client, sandbox: Sandbox, receiver: FakeReceiver
) -> None:
    api = org_client(client, sandbox)
    sub = api.webhooks.create(url="https://ministry.example/hook", events=["linked_application.*"])
    case = _birth(api, sandbox)
    assert len(receiver.posts) == 1
    url, headers, body = receiver.posts[0]
    assert url == "https://ministry.example/hook"
    event = verify(body, headers["x-vss-signature"], sub.secret or "")
    assert event.type == "linked_application.submitted"
    assert event.data["application_id"] == case.id
    assert headers["x-vss-event-id"] == event.id
    client.sandbox.advance_clock(days=1)
    types = [e["type"] for e in receiver.events()]
    assert types == [
        "linked_application.submitted",
        "linked_application.step_completed",
        "linked_application.step_completed",
        "linked_application.completed",
    ]
    assert len({e["id"] for e in receiver.events()}) == 4
    deliveries = list(api.webhooks.deliveries(sub.id))
    assert {d.status for d in deliveries} == {WebhookDeliveryStatus.SUCCEEDED}
    assert all(d.attempts == 1 and d.last_status_code == 200 for d in deliveries)


def test_a_receiver_that_is_down_gets_retries_with_backoff(
    client: vssdk.Client, sandbox: Sandbox, receiver: FakeReceiver
) -> None:
    api = org_client(client, sandbox)
    sub = api.webhooks.create(url="https://ministry.example/hook", events=["*"])
    receiver.down = True
    _birth(api, sandbox)
    [pending] = list(api.webhooks.deliveries(sub.id))
    assert pending.status is WebhookDeliveryStatus.PENDING and pending.attempts == 1
    assert pending.last_error == "could not connect"  # coarse: no network detail (F21)
    assert pending.next_attempt_at is not None and pending.last_attempt_at is not None
    assert (pending.next_attempt_at - pending.last_attempt_at).total_seconds() == 30

    client.sandbox.advance_clock(seconds=30)
    [again] = list(api.webhooks.deliveries(sub.id))
    assert again.attempts == 2
    assert again.next_attempt_at is not None and again.last_attempt_at is not None
    assert (again.next_attempt_at - again.last_attempt_at).total_seconds() == 60

    receiver.down = False
    receiver.status = 500  # up but failing: still retried
    client.sandbox.advance_clock(seconds=60)
    [third] = list(api.webhooks.deliveries(sub.id, status="pending"))
    assert third.attempts == 3 and third.last_status_code == 500

    receiver.status = 200
    client.sandbox.advance_clock(seconds=120)
    delivered = list(api.webhooks.deliveries(sub.id, status="succeeded"))
    assert [d.id for d in delivered] == [third.id]
    assert delivered[0].attempts == 4 and delivered[0].delivered_at is not None
    # One event, the same body every time: the receiver saw it once per successful attempt.
    assert [e["type"] for e in receiver.events()] == ["linked_application.submitted"] * 2


def test_nothing_is_lost_while_the_receiver_is_down(
    client: vssdk.Client, sandbox: Sandbox, receiver: FakeReceiver
) -> None:
    api = org_client(client, sandbox)
    sub = api.webhooks.create(url="https://ministry.example/hook", events=["*"])
    receiver.down = True
    case = _birth(api, sandbox)
    client.sandbox.advance_clock(hours=23)  # residence registered while nobody listens
    assert receiver.posts == []
    receiver.down = False
    client.sandbox.advance_clock(hours=2)  # retries go through; the card is issued meanwhile
    seen: list[str] = []
    box = WebhookReceiver(sub.secret or "", lambda e: seen.append(e.type))
    for _, headers, body in receiver.posts:
        box.receive(body, headers["x-vss-signature"])
    for _, headers, body in receiver.posts:  # a redelivery is ignored by event id
        assert box.receive(body, headers["x-vss-signature"]).duplicate
    assert sorted(seen) == sorted(
        [
            "linked_application.submitted",
            "linked_application.step_completed",
            "linked_application.step_completed",
            "linked_application.completed",
        ]
    )
    assert api.procedures.get(case.id).status == "completed"
    assert {d.status for d in api.webhooks.deliveries(sub.id)} == {"succeeded"}


def test_delivery_gives_up_after_24_hours(
    client: vssdk.Client, sandbox: Sandbox, receiver: FakeReceiver
) -> None:
    api = org_client(client, sandbox)
    sub = api.webhooks.create(url="https://ministry.example/hook", events=["dossier.*"])
    receiver.down = True
    sandbox.emit("dossier.received", {"dossier_id": "dos_1"}, owner=MINISTRY)
    for _ in range(40):
        client.sandbox.advance_clock(hours=1)
    [failed] = list(api.webhooks.deliveries(sub.id))
    assert failed.status is WebhookDeliveryStatus.FAILED
    assert failed.next_attempt_at is None
    assert 5 < failed.attempts < 40


def test_only_matching_events_of_the_same_owner_are_delivered(
    client: vssdk.Client, sandbox: Sandbox, receiver: FakeReceiver
) -> None:
    api = org_client(client, sandbox)
    api.webhooks.create(url="https://a.example/hook", events=["claim.accepted", "dossier.*"])
    sandbox.emit("dossier.completed", {"n": 1}, owner=MINISTRY)
    sandbox.emit("claim.accepted", {"n": 2}, owner=MINISTRY)
    sandbox.emit("claim.rejected", {"n": 3}, owner=MINISTRY)
    sandbox.emit("dossier.completed", {"n": 4}, owner="another-org")
    sandbox.emit("dossier.completed", {"n": 5}, owner=None)
    assert [e["data"]["n"] for e in receiver.events()] == [1, 2]


def test_a_new_subscription_does_not_get_old_events(
    client: vssdk.Client, sandbox: Sandbox, receiver: FakeReceiver
) -> None:
    api = org_client(client, sandbox)
    sandbox.emit("dossier.completed", {"n": 1}, owner=MINISTRY)
    api.webhooks.create(url="https://a.example/hook", events=["*"])
    sandbox.emit("dossier.completed", {"n": 2}, owner=MINISTRY)
    assert [e["data"]["n"] for e in receiver.events()] == [2]


def test_deleting_a_subscription_cancels_its_pending_deliveries(
    client: vssdk.Client, sandbox: Sandbox, receiver: FakeReceiver
) -> None:
    api = org_client(client, sandbox)
    sub = api.webhooks.create(url="https://a.example/hook", events=["*"])
    receiver.down = True
    sandbox.emit("dossier.completed", {"n": 1}, owner=MINISTRY)
    api.webhooks.delete(sub.id)
    [delivery] = sandbox.store.find("webhook_deliveries")
    assert delivery["status"] == "failed" and delivery["last_error"] == "subscription deleted"
    receiver.down = False
    client.sandbox.advance_clock(hours=1)
    assert receiver.posts == []


def test_server_rejects_a_bad_event_pattern(sandbox_app: Any, sandbox: Sandbox) -> None:
    from starlette.testclient import TestClient

    from tests.procedures._support import org_token

    with TestClient(sandbox_app, base_url="http://sandbox.test") as http:
        reply = http.post(
            "/webhooks",
            json={"url": "https://a.example", "events": ["Not Valid"]},
            headers={"authorization": f"Bearer {org_token(sandbox)}"},
        )
    assert reply.status_code == 422
    assert reply.json()["errors"][0]["path"].startswith("body.events")
    assert sandbox.store.count("webhooks") == 0


def test_async_create_and_list(make_aclient: Any, sandbox: Sandbox) -> None:
    from tests.conftest import run
    from tests.procedures._support import org_token
    from vssdk._core.auth import BearerToken

    token = org_token(sandbox)

    async def scenario() -> tuple[str, list[str], str]:
        async with make_aclient(auth=BearerToken(token)) as api:
            sub = await api.webhooks.create(url="https://a.example/h", events=["*"])
            page = await api.webhooks.list()
            deliveries = await api.webhooks.deliveries(sub.id)
            removed = await api.webhooks.delete(sub.id)
            assert deliveries.items == []
            return sub.id, [s.id for s in page.items], removed.id

    created, listed, removed = run(scenario())
    assert listed == [created] and removed == created


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff_seconds(n) for n in range(1, 9)] == [30, 60, 120, 240, 480, 960, 1920, 3600]
    assert backoff_seconds(50) == 3600


def test_patterns() -> None:
    assert matches(["*"], "anything.at_all")
    assert matches(["claim.*"], "claim.accepted")
    assert not matches(["claim.*"], "claimx.accepted")
    assert matches(["dossier.received"], "dossier.received")
    assert not matches(["dossier.received"], "dossier.completed")


class _Handler(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[bytes, str]]] = []

    def do_POST(self) -> None:
        length = int(self.headers["content-length"])
        body = self.rfile.read(length)
        _Handler.received.append((body, self.headers["x-vss-signature"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_real_http_delivery_to_a_loopback_receiver(client: vssdk.Client, sandbox: Sandbox) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        api = org_client(client, sandbox)
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        sub = api.webhooks.create(url=url, events=["dossier.*"])
        sandbox.emit("dossier.received", {"dossier_id": "dos_9"}, owner=MINISTRY)
        assert wait_idle(sandbox)  # the background worker makes real HTTP attempts
    finally:
        server.shutdown()
        server.server_close()
    [(body, header)] = _Handler.received
    assert verify(body, header, sub.secret or "").data == {"dossier_id": "dos_9"}
    [delivery] = list(api.webhooks.deliveries(sub.id))
    assert delivery.status == "succeeded" and delivery.last_status_code == 204


def test_delivery_still_works_after_a_reset(
    client: vssdk.Client, sandbox: Sandbox, receiver: FakeReceiver
) -> None:
    api = org_client(client, sandbox)
    api.webhooks.create(url="https://a.example/hook", events=["*"])
    for n in range(3):
        sandbox.emit("dossier.completed", {"n": n}, owner=MINISTRY)
    assert len(receiver.posts) == 3
    sandbox.reset()
    api = org_client(client, sandbox)  # the reset forgot the token too
    api.webhooks.create(url="https://b.example/hook", events=["*"])
    for n in range(3):
        sandbox.emit("dossier.completed", {"n": 10 + n}, owner=MINISTRY)
    assert [e["data"]["n"] for e in receiver.events()] == [0, 1, 2, 10, 11, 12]
