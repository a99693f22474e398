"""Fixtures of the citizen tests: clients signed in as the documented fixture citizens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import vssdk
from tests.citizen._support import as_citizen
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import citizen_client


@pytest.fixture
def login(client: vssdk.Client, sandbox: Sandbox) -> Callable[..., vssdk.Client]:
    """``login(si_code)`` → a sync client logged in as that citizen through the real password
    grant (identity level 2); with ``level=``/``scopes=``/``kind=`` a token is stored directly,
    to test what the identity server would not issue to this app."""

    def make(si_code: str, **kwargs: Any) -> vssdk.Client:
        if kwargs:
            return as_citizen(client, sandbox, si_code, **kwargs)
        return citizen_client(client, si_code=si_code)

    return make
