"""Fixtures for card and claim tests: a facility client with a sandbox access token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypedDict

import pytest

import vssdk
from tests.conftest import IN_PROCESS_URL, InProcessHTTP
from vssdk._core.auth import BearerToken
from vssdk_sandbox.app import Sandbox


class Operator(TypedDict):
    operator_name: str
    operator_id: str


OPERATOR: Operator = {"operator_name": "Nguyễn Thị Lan", "operator_id": "001085000111"}


def facility_token(sandbox: Sandbox, client_id: str = "01001_BV") -> str:
    """Put a client-credentials access token for a facility account into the sandbox store."""
    token = f"tok-{client_id}"
    sandbox.store.put(
        "access_tokens",
        token,
        {
            "subject": client_id,
            "kind": "organisation",
            "client_id": client_id,
            "scopes": ["hi.card_check", "hi.claims"],
            "expires_at": sandbox.real_time() + 3600,
        },
    )
    return token


@pytest.fixture
def facility(sandbox: Sandbox, sandbox_app: Any) -> Iterator[vssdk.Client]:
    """A sync client signed in as facility 01001 (``01001_BV``)."""
    http = InProcessHTTP(sandbox_app, base_url=IN_PROCESS_URL, raise_server_exceptions=True)
    auth = BearerToken(facility_token(sandbox))
    with vssdk.Client(IN_PROCESS_URL, http_client=http, auth=auth, max_retries=0) as c:
        yield c
    http.close()
