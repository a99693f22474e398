"""The operation-coverage recorder: what counts as a call, and when a run is the whole suite."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from tests.contract import _recorder
from tests.contract._support import ROOT


def _config(args: list[str], **options: Any) -> Any:
    values = {"keyword": "", "markexpr": "", "ignore": None, "ignore_glob": None, "lf": False}
    values.update(options)
    return SimpleNamespace(
        args=args,
        rootpath=ROOT,
        invocation_params=SimpleNamespace(dir=ROOT),
        getoption=lambda name, default=None: values.get(name, default),
    )


def test_a_plain_run_of_the_suite_is_complete() -> None:
    assert _recorder.selection_gap(_config(["tests"]), 0) is None
    assert _recorder.selection_gap(_config([str(ROOT)]), 0) is None


@pytest.mark.parametrize(
    ("args", "options", "deselected", "reason"),
    [
        (["tests/core"], {}, 0, "only tests/core selected"),
        (["tests/contract/test_coverage.py::test_x"], {}, 0, "only tests/contract/"),
        (["tests"], {"keyword": "lookups"}, 0, "-k/-m"),
        (["tests"], {"ignore": ["tests/gateway"]}, 0, "--ignore"),
        (["tests"], {}, 3, "3 tests deselected"),
    ],
)
def test_a_subset_is_named(
    args: list[str], options: dict[str, Any], deselected: int, reason: str
) -> None:
    gap = _recorder.selection_gap(_config(args, **options), deselected)
    assert gap is not None and reason in gap


def test_calls_count_only_outside_the_contract_suite(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_CURRENT_TEST", "tests/citizen/test_x.py::test_y (call)")
    assert _recorder._counts()
    monkeypatch.setenv("PYTEST_CURRENT_TEST", "tests/contract/test_schemathesis.py::t (call)")
    assert not _recorder._counts()
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    assert not _recorder._counts()


def test_the_sandbox_records_what_it_serves(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import IN_PROCESS_URL, InProcessHTTP
    from vssdk import Client
    from vssdk_sandbox.app import Sandbox, SandboxConfig, create_app

    monkeypatch.setattr(_recorder, "CALLED", set())
    monkeypatch.setenv("PYTEST_CURRENT_TEST", "tests/lookups/test_x.py::test_y (call)")
    box = Sandbox(SandboxConfig())
    http = InProcessHTTP(create_app(sandbox=box), base_url=IN_PROCESS_URL)
    with Client(IN_PROCESS_URL, http_client=http) as client:
        client.lookups.facility("01001")
    box.store.close()
    called = _recorder.CALLED
    assert called == {"getFacility"}
