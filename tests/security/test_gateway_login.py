"""F14: the legacy gateway login locks an account after repeated wrong passwords, as OAuth does."""

from __future__ import annotations

from starlette.testclient import TestClient

from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.handlers.gateway import LOCK_SECONDS, MAX_LOGIN_FAILURES
from vssdk_sandbox.seeds.cards import GATEWAY_PASSWORD, md5_upper

RIGHT = md5_upper(GATEWAY_PASSWORD)


def _take(http: TestClient, password: str) -> str:
    reply = http.post("/api/token/take", data={"username": "01001_BV", "password": password})
    assert reply.status_code == 200
    return str(reply.json()["maKetQua"])


def test_gateway_login_locks_after_repeated_wrong_passwords(
    http: TestClient, sandbox: Sandbox
) -> None:
    assert _take(http, RIGHT) == "200"
    codes = [_take(http, "0" * 32) for _ in range(30)]
    assert set(codes) == {"401"}
    assert _take(http, RIGHT) == "401"  # locked: even the right password is refused
    sandbox.advance(LOCK_SECONDS + 60)
    assert _take(http, RIGHT) == "200"


def test_a_success_resets_the_failure_count(http: TestClient) -> None:
    for _ in range(MAX_LOGIN_FAILURES - 1):
        assert _take(http, "0" * 32) == "401"
    assert _take(http, RIGHT) == "200"
    for _ in range(MAX_LOGIN_FAILURES - 1):
        assert _take(http, "0" * 32) == "401"
    assert _take(http, RIGHT) == "200"
