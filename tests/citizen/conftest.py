"""Fixtures of the citizen tests: clients signed in as the documented fixture citizens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import vssdk
from tests.citizen._support import as_citizen
from vssdk.sandbox.app import Sandbox


@pytest.fixture
def login(client: vssdk.Client, sandbox: Sandbox) -> Callable[..., vssdk.Client]:
    """``login(si_code, level=2, scopes=...)`` → a sync client signed in as that citizen."""

    def make(si_code: str, **kwargs: Any) -> vssdk.Client:
        return as_citizen(client, sandbox, si_code, **kwargs)

    return make
