"""Which operations the tests really call: the sandbox notes every operation it serves.

:func:`install` wraps ``Sandbox.dispatch`` for the test session (in-process apps and embedded
servers alike run in this process). A call counts when a test outside ``tests/contract`` is
running (pytest's ``PYTEST_CURRENT_TEST``): the contract suite's own schemathesis run calls every
operation and would make the check meaningless. ``selection_gap`` says why a run is not the whole
suite, in which case the coverage check cannot conclude and is skipped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from vssdk.contract import AnyOperation
from vssdk_sandbox.app import Sandbox

__all__ = ["CALLED", "GAP", "install", "selection_gap"]

CALLED: set[str] = set()
# Why the run is not the whole suite (None when it is); stored once collection is done.
GAP = pytest.StashKey[str | None]()
_CONTRACT_PREFIX = "tests/contract/"
_installed: list[Any] = []


def _counts() -> bool:
    current = os.environ.get("PYTEST_CURRENT_TEST", "")
    return bool(current) and not current.startswith(_CONTRACT_PREFIX)


def install() -> None:
    """Wrap ``Sandbox.dispatch`` once per process (idempotent)."""
    if _installed:
        return
    original = Sandbox.dispatch

    async def dispatch(self: Sandbox, op: AnyOperation, request: Any) -> Any:
        if _counts():
            CALLED.add(op.operation_id)
        return await original(self, op, request)

    _installed.append(original)
    Sandbox.dispatch = dispatch  # type: ignore[method-assign]


def selection_gap(config: pytest.Config, deselected: int) -> str | None:
    """Why this run is not the whole suite (None when it is)."""
    if deselected:
        return f"{deselected} tests deselected"
    if config.getoption("keyword", "") or config.getoption("markexpr", ""):
        return "tests selected with -k/-m"
    if config.getoption("ignore", None) or config.getoption("ignore_glob", None):
        return "directories left out with --ignore"
    if config.getoption("lf", False) or config.getoption("failedfirst", False):
        return "--lf/--ff"
    tests_dir = (config.rootpath / "tests").resolve()
    for arg in config.args:
        if "::" in arg:
            return f"only {arg} selected"
        path = (Path(config.invocation_params.dir) / arg).resolve()
        if path not in (tests_dir, config.rootpath.resolve()):
            return f"only {arg} selected"
    return None
