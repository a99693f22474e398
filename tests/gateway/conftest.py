"""Fixtures: a client speaking the gateway's wire dialect to the in-process sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import vssdk
from tests.conftest import IN_PROCESS_URL, InProcessHTTP
from vssdk.gateway import GatewayLogin
from vssdk_sandbox.seeds.cards import GATEWAY_PASSWORD


@pytest.fixture
def login() -> GatewayLogin:
    return GatewayLogin("01001_BV", GATEWAY_PASSWORD, base_url=IN_PROCESS_URL)


@pytest.fixture
def wire(sandbox_app: Any, login: GatewayLogin) -> Iterator[vssdk.Client]:
    """A sync client whose auth is the facility's gateway login."""
    http = InProcessHTTP(sandbox_app, base_url=IN_PROCESS_URL, raise_server_exceptions=True)
    with vssdk.Client(IN_PROCESS_URL, http_client=http, auth=login, max_retries=0) as c:
        yield c
    http.close()
