"""Organisation credentials for tests: a token stored where the sandbox looks tokens up.

(Until ``vssdk_sandbox.testing.organisation_client`` exists, this stands in for it.)
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

import vssdk
from vssdk._core.auth import BearerToken
from vssdk_sandbox.app import Sandbox

ALL_SCOPES = ("linked.birth", "linked.death", "linked.unemployment")
MINISTRY = "moj-hcm-civil-registry"


def org_token(
    sandbox: Sandbox,
    client_id: str = MINISTRY,
    scopes: Iterable[str] = ALL_SCOPES,
    kind: str = "organisation",
) -> str:
    token = "tok_" + secrets.token_hex(12)
    sandbox.store.put(
        "access_tokens",
        token,
        {
            "subject": client_id,
            "kind": kind,
            "client_id": client_id,
            "scopes": list(scopes),
            "identity_level": 0,
            "expires_at": sandbox.real_time() + 10 * 365 * 86400,
        },
    )
    return token


def org_client(
    client: vssdk.Client,
    sandbox: Sandbox,
    client_id: str = MINISTRY,
    scopes: Iterable[str] = ALL_SCOPES,
    kind: str = "organisation",
) -> vssdk.Client:
    """A view of the in-process ``client`` authenticated as an organisation."""
    return client.with_options(auth=BearerToken(org_token(sandbox, client_id, scopes, kind)))


def days_ago(sandbox: Sandbox, days: int) -> dt.date:
    return sandbox.today() - dt.timedelta(days=days)
