"""F6 and F21: webhook deliveries happen off the request, to addresses that are not internal.

A silent receiver used to hold the request that emitted the event (and so every other request)
for its 5 s read timeout per subscription; subscriptions could point at the cloud metadata
service and report back what answered there.
"""

from __future__ import annotations

import socket
import threading
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.security.conftest import bearer, org_token
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.handlers.webhooks import MAX_WEBHOOKS_PER_OWNER, wait_idle

MINISTRY = "ministry-justice"


def _subscribe(http: TestClient, token: str, url: str) -> Any:
    return http.post("/webhooks", json={"url": url, "events": ["*"]}, headers=bearer(token))


def test_silent_receiver_does_not_hold_the_request_that_emitted_the_event(
    http: TestClient, sandbox: Sandbox
) -> None:
    black_hole = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    try:
        token = org_token(http, MINISTRY)
        url = f"http://127.0.0.1:{black_hole.getsockname()[1]}/hook"
        hooks = [_subscribe(http, token, url).json()["id"] for _ in range(5)]
        owner = sandbox.store.get("webhooks", hooks[0])
        assert owner is not None
        sandbox.emit("dossier.received", {"dossier_id": "dos_1"}, owner=owner["owner"])
        # the emitting call returned without attempting anything: the worker does that
        deliveries = sandbox.store.find("webhook_deliveries")
        assert len(deliveries) == 5
        assert {d["attempts"] for d in deliveries} == {0}
        # and other requests are served while the worker waits on the black hole
        assert http.get("/_sandbox/status").status_code == 200
    finally:
        black_hole.close()


def test_real_receiver_gets_its_delivery_from_the_background_worker(
    http: TestClient, sandbox: Sandbox
) -> None:
    from http.server import BaseHTTPRequestHandler, HTTPServer

    got: list[bytes] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            got.append(self.rfile.read(int(self.headers["content-length"])))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        token = org_token(http, MINISTRY)
        hook = _subscribe(http, token, f"http://127.0.0.1:{server.server_port}/h").json()
        owner = sandbox.store.get("webhooks", hook["id"])
        assert owner is not None
        sandbox.emit("dossier.received", {"dossier_id": "dos_2"}, owner=owner["owner"])
        assert wait_idle(sandbox)
    finally:
        server.shutdown()
        server.server_close()
    assert len(got) == 1
    [delivery] = sandbox.store.find("webhook_deliveries")
    assert delivery["status"] == "succeeded"


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/hook",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://100.100.100.200/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://0.0.0.0:22/",
    ],
)
def test_link_local_and_metadata_addresses_are_refused(http: TestClient, url: str) -> None:
    reply = _subscribe(http, org_token(http, MINISTRY), url)
    assert reply.status_code == 422
    assert reply.json()["errors"][0]["path"] == "body.url"


def test_loopback_receivers_stay_allowed(http: TestClient) -> None:
    reply = _subscribe(http, org_token(http, MINISTRY), "http://127.0.0.1:8080/hook")
    assert reply.status_code == 201


def test_subscriptions_are_capped_per_owner(http: TestClient) -> None:
    token = org_token(http, MINISTRY)
    for n in range(MAX_WEBHOOKS_PER_OWNER):
        assert _subscribe(http, token, f"https://m.example/{n}").status_code == 201
    over = _subscribe(http, token, "https://m.example/one-too-many")
    assert over.status_code == 422
    other = _subscribe(http, org_token(http, "employment-service"), "https://e.example/")
    assert other.status_code == 201


def test_failed_attempt_records_a_coarse_reason_only(http: TestClient, sandbox: Sandbox) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there
    token = org_token(http, MINISTRY)
    hook = _subscribe(http, token, f"http://127.0.0.1:{port}/").json()
    owner = sandbox.store.get("webhooks", hook["id"])
    assert owner is not None
    sandbox.emit("dossier.received", {"dossier_id": "dos_3"}, owner=owner["owner"])
    assert wait_idle(sandbox)
    [delivery] = sandbox.store.find("webhook_deliveries")
    assert delivery["last_error"] == "could not connect"


def test_heavy_preparation_runs_without_the_store_lock_so_others_are_served() -> None:
    """F6: a big signed dossier is verified in ``prepare``; other requests go on meanwhile."""
    import httpx

    from vssdk_sandbox.server import embedded

    release = threading.Event()
    entered = threading.Event()

    def slow_prepare(ctx: Any) -> None:
        entered.set()
        release.wait(20)  # stands for seconds of signature checks on a 20,000-row file

    with embedded() as served:
        original = served.sandbox.handlers["getOpenidConfiguration"]

        def handler(ctx: Any) -> Any:
            return original(ctx)

        handler.__vssdk_prepare__ = slow_prepare  # type: ignore[attr-defined]
        served.sandbox.handlers["getOpenidConfiguration"] = handler
        result: list[int] = []

        def slow_request() -> None:
            url = served.base_url + "/.well-known/openid-configuration"
            result.append(httpx.get(url, timeout=30).status_code)

        worker = threading.Thread(target=slow_request)
        worker.start()
        try:
            assert entered.wait(10)
            other = httpx.get(served.base_url + "/_sandbox/status", timeout=5)
            assert other.status_code == 200  # served while the other request prepares
        finally:
            release.set()
            worker.join(30)
        assert result == [200]
