"""Fixtures: hospital 79001 by REST (client credentials) and by the gateway's wire dialect."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import vssdk
from tests.conftest import IN_PROCESS_URL, InProcessHTTP
from vssdk.gateway import GatewayLogin
from vssdk_sandbox.seeds.cards import GATEWAY_PASSWORD
from vssdk_sandbox.testing import organisation_client


@pytest.fixture
def hospital(client: vssdk.Client) -> vssdk.Client:
    """Facility 79001 with scope ``medical.documents``."""
    return organisation_client(client, client_id="79001_BV", scopes=["medical.documents"])


@pytest.fixture
def wire(sandbox_app: Any) -> Iterator[vssdk.Client]:
    """Facility 79001's gateway account (``79001_BV``)."""
    http = InProcessHTTP(sandbox_app, base_url=IN_PROCESS_URL, raise_server_exceptions=True)
    login = GatewayLogin("79001_BV", GATEWAY_PASSWORD, base_url=IN_PROCESS_URL)
    with vssdk.Client(IN_PROCESS_URL, http_client=http, auth=login, max_retries=0) as c:
        yield c
    http.close()
