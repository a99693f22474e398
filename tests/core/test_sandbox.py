"""The sandbox's own behaviour: problem+json everywhere, validation, idempotency, persistence."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

import vssdk
from vssdk_sandbox.app import Sandbox, SandboxConfig, create_app
from vssdk_sandbox.kit import Reply


def raw(app: object) -> httpx.Client:
    from tests.conftest import InProcessHTTP

    return InProcessHTTP(app, base_url="http://sandbox.test")


def test_unknown_route_is_problem_json(sandbox_app: object) -> None:
    reply = raw(sandbox_app).get("/no/such/thing")
    assert reply.status_code == 404
    assert reply.headers["content-type"] == "application/problem+json"
    assert reply.json()["type"].endswith("/no-such-operation")


def test_wrong_method_is_problem_json(sandbox_app: object) -> None:
    reply = raw(sandbox_app).delete("/reference/facilities")
    assert reply.status_code == 405
    assert reply.headers["content-type"] == "application/problem+json"


def test_invalid_body_lists_every_field(sandbox_app: object) -> None:
    reply = raw(sandbox_app).post("/_sandbox/clock/advance", json={"seconds": 0, "extra": 1})
    assert reply.status_code == 422
    paths = {e["path"] for e in reply.json()["errors"]}
    assert paths == {"body", "body.seconds"}


def test_malformed_json_body_is_400(sandbox_app: object) -> None:
    reply = raw(sandbox_app).post(
        "/_sandbox/clock/advance", content=b"{", headers={"content-type": "application/json"}
    )
    assert reply.status_code == 400 and reply.json()["status"] == 400


def test_unknown_query_parameter_is_rejected(sandbox_app: object) -> None:
    reply = raw(sandbox_app).get("/reference/facilities", params={"provice": "01"})
    assert reply.status_code == 422
    assert reply.json()["errors"][0]["path"] == "query.provice"


def test_idempotency_key_replays_and_refuses_a_different_body(
    sandbox: Sandbox, sandbox_app: object
) -> None:
    http = raw(sandbox_app)
    token = http.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=("ministry-justice", "sbx-justice-secret"),
    ).json()["access_token"]
    headers = {"idempotency-key": "key-12345678", "authorization": f"Bearer {token}"}
    body = {"url": "https://ministry.example/hook", "events": ["*"]}
    first = http.post("/webhooks", json=body, headers=headers)
    again = http.post("/webhooks", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert sandbox.store.count("webhooks") == 1  # applied once
    other = http.post("/webhooks", json={**body, "events": ["dossier.*"]}, headers=headers)
    assert other.status_code == 409


def test_state_survives_a_restart(tmp_path: Path) -> None:
    first = Sandbox(SandboxConfig(data_dir=tmp_path))
    first.advance(3600)
    first.store.put("facilities", "ZZ999", {"code": "ZZ999"})
    first.store.close()
    second = Sandbox(SandboxConfig(data_dir=tmp_path))
    assert second.clock_offset.total_seconds() == 3600
    assert second.store.get("facilities", "ZZ999") == {"code": "ZZ999"}


def test_reset_forgets_and_reseeds(client: vssdk.Client, sandbox: Sandbox) -> None:
    client.sandbox.advance_clock(days=1)
    sandbox.store.delete("facilities", "01001")
    status = client.sandbox.reset()
    assert status.clock_offset_seconds == 0
    assert client.lookups.facility("01001").code == "01001"


def test_a_reply_that_breaks_the_spec_is_caught(sandbox: Sandbox, sandbox_app: object) -> None:
    sandbox.handlers["getFacility"] = lambda ctx: Reply({"code": "01001"})
    reply = raw(sandbox_app).get("/reference/facilities/01001")
    assert reply.status_code == 500
    assert "does not match the spec" in reply.json()["title"]


def test_sandbox_status_counts_fixtures(client: vssdk.Client) -> None:
    status = client.sandbox.status()
    assert status.counts["facilities"] >= 4 and status.counts["people"] >= 6
    assert status.now.utcoffset() is not None and status.now.utcoffset().total_seconds() == 7 * 3600


def test_clock_refuses_to_go_backwards(client: vssdk.Client) -> None:
    with pytest.raises(vssdk.InvalidArgument, match="forward"):
        client.sandbox.advance_clock(seconds=0)


def test_live_tcp_sandbox_serves_the_sdk(live_sandbox: object) -> None:
    with vssdk.Client(live_sandbox.base_url) as client:  # type: ignore[attr-defined]
        assert client.lookups.facility("79001").province_code == "79"
        assert len(list(client.lookups.facilities(province_code="48", limit=2))) >= 3


def test_create_app_can_wrap_an_existing_sandbox(sandbox: Sandbox) -> None:
    app = create_app(sandbox=sandbox)
    assert app.state.sandbox is sandbox
