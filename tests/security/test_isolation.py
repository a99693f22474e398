"""F4, F5, F8, F9: one caller's bad data or a crash never costs anyone else a request or a record.

- F4: what the clock tick will use is checked at submission; a tick hook that fails anyway has
  its writes undone, quarantines its document, and fails neither the request that emitted the
  event nor any other tenant's.
- F5/F8: a handler's writes and its idempotency record commit together, or not at all.
- F9: one process per data directory; ids are allocated atomically.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.security.conftest import bearer, org_token
from vssdk_sandbox.app import Sandbox, SandboxConfig
from vssdk_sandbox.store import DataDirInUse, Store

DECISIONS = "/linked-procedures/unemployment-decisions"


def _decision(sandbox: Sandbox, number: str, **changes: Any) -> dict[str, Any]:
    today = sandbox.today()
    return {
        "decision_number": number,
        "decided_on": (today - dt.timedelta(days=2)).isoformat(),
        "issued_by": "Trung tâm Dịch vụ việc làm Hà Nội",
        "person": {"full_name": "Hoàng Văn Em", "citizen_id": "001092013579"},
        "monthly_amount": 9_000_000,
        "months": 3,
        "start_date": (today - dt.timedelta(days=1)).isoformat(),
        **changes,
    }


@pytest.mark.parametrize(
    "changes",
    [
        {"months": 3.0},
        {"monthly_amount": 3_000_000.0},
        {"monthly_amount": 10**300},
        {"start_date": "9999-11-01"},
        {"start_date": "0001-01-01"},
    ],
    ids=["months-float", "amount-float", "amount-huge", "start-9999", "start-0001"],
)
def test_poison_unemployment_decision_is_refused_at_submission(
    http: TestClient, sandbox: Sandbox, changes: dict[str, Any]
) -> None:
    token = org_token(http, "employment-service")
    reply = http.post(DECISIONS, json=_decision(sandbox, "QD-1", **changes), headers=bearer(token))
    assert reply.status_code in (400, 422), reply.text
    assert http.post("/_sandbox/clock/advance", json={"seconds": 86400}).status_code == 200


def test_failing_tick_hook_fails_no_request_and_its_writes_are_undone(
    http: TestClient, sandbox: Sandbox
) -> None:
    def broken(box: Sandbox) -> None:
        box.store.put("meta", "half-done", {"x": 1})
        raise ValueError("year 10000 is out of range")

    sandbox.tick_hooks.insert(0, broken)
    token = org_token(http, "employment-service")
    submitted = http.post(DECISIONS, json=_decision(sandbox, "QD-2"), headers=bearer(token))
    assert submitted.status_code == 201  # emits an event, which ticks
    assert http.post("/_sandbox/clock/advance", json={"seconds": 3600}).status_code == 200
    assert sandbox.store.get("meta", "half-done") is None
    case = http.get(f"/linked-applications/{submitted.json()['id']}", headers=bearer(token))
    assert case.json()["status"] == "paying"  # the other hooks still ran


def test_stored_case_the_tick_cannot_process_is_quarantined_and_others_go_on(
    http: TestClient, sandbox: Sandbox
) -> None:
    token = org_token(http, "employment-service")
    good = http.post(DECISIONS, json=_decision(sandbox, "QD-3"), headers=bearer(token)).json()
    bad = http.post(DECISIONS, json=_decision(sandbox, "QD-4"), headers=bearer(token)).json()
    case = sandbox.store.get("linked_cases", bad["id"])
    assert case is not None
    case["submission"]["months"] = 3.0  # as stored by an older sandbox that did not check
    sandbox.store.put("linked_cases", bad["id"], case)
    assert http.post("/_sandbox/clock/advance", json={"seconds": 3600}).status_code == 200
    read = http.get(f"/linked-applications/{good['id']}", headers=bearer(token))
    assert read.json()["status"] == "paying"
    stored = sandbox.store.get("linked_cases", bad["id"])
    assert stored is not None and stored["quarantined"]["reason"] == "InvalidArgument"
    assert http.get(f"/linked-applications/{bad['id']}", headers=bearer(token)).status_code == 200
    # a hospital's request that emits an event is unaffected
    hospital = org_token(http, "01001_BV")
    assert http.get("/_sandbox/status", headers=bearer(hospital)).status_code == 200


def test_crashing_handler_leaves_no_partial_write_and_no_idempotency_record(
    http: TestClient, sandbox: Sandbox
) -> None:
    original = sandbox.handlers["createWebhook"]
    calls = 0

    def crash_after_writing(ctx: Any) -> Any:
        nonlocal calls
        calls += 1
        result = original(ctx)  # the subscription is written...
        if calls == 1:
            raise RuntimeError("killed before the reply")  # ...and the process dies
        return result

    sandbox.handlers["createWebhook"] = crash_after_writing
    headers = {**bearer(org_token(http, "ministry-justice")), "idempotency-key": "retry-123456"}
    body = {"url": "https://ministry.example/hook", "events": ["*"]}
    assert http.post("/webhooks", json=body, headers=headers).status_code == 500
    assert sandbox.store.count("webhooks") == 0
    assert sandbox.store.count("idempotency") == 0
    retry = http.post("/webhooks", json=body, headers=headers)
    assert retry.status_code == 201
    assert sandbox.store.count("webhooks") == 1


def test_second_process_on_one_data_dir_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    first = Sandbox(SandboxConfig(data_dir=tmp_path))
    try:
        code = (
            "import sys; from pathlib import Path; from vssdk_sandbox.store import Store\n"
            "try:\n    Store(Path(sys.argv[1]) / 'sandbox.sqlite3')\n"
            "except Exception as exc:\n    print(type(exc).__name__, exc); sys.exit(3)\n"
        )
        other = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60
        )
        assert other.returncode == 3, other.stderr
        assert other.stdout.startswith("DataDirInUse")
        assert "in use by process" in other.stdout and str(tmp_path) in other.stdout
        with pytest.raises(DataDirInUse):
            Store(tmp_path / "sandbox.sqlite3")
    finally:
        first.close()
    Store(tmp_path / "sandbox.sqlite3").close()  # free again once the first one closed


def test_ids_are_allocated_atomically_across_connections(tmp_path: Path) -> None:
    import sqlite3

    store = Store(tmp_path / "sandbox.sqlite3")
    try:
        other = sqlite3.connect(tmp_path / "sandbox.sqlite3", isolation_level=None)
        seen = []
        for _ in range(50):
            seen.append(store.next_number("chk"))
            other.execute("UPDATE counters SET value = value + 1 WHERE name = 'chk'")
        assert len(set(seen)) == 50
        other.close()
    finally:
        store.close()
