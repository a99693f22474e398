"""Citizen sessions for the tests: a token put straight into the sandbox's token store.

The identity area's own flow (PKCE, VNeID) is tested there; here a token with the subject, scopes
and identity level the citizen operations check is enough.
"""

from __future__ import annotations

import secrets
from typing import Any

import vssdk
from vssdk._core.auth import BearerToken
from vssdk_sandbox.app import Sandbox

WORKER = "7901234567"
WORKER_FEMALE = "7901234568"
CHILD = "7924000011"
VOLUNTARY = "0112345670"
PENSIONER = "4898765432"
UNEMPLOYED = "0187654321"
SPOUSE = "0112345681"
DAUGHTER = "0112345692"
FORMER_WORKER = "3112345679"
CITIZEN_SCOPES = ("openid", "profile", "citizen.read", "citizen.write")


def citizen_token(
    sandbox: Sandbox,
    si_code: str,
    *,
    level: int = 2,
    scopes: tuple[str, ...] = CITIZEN_SCOPES,
    kind: str = "citizen",
) -> str:
    """Store an access token for ``si_code`` and return it."""
    token = "at_test_" + secrets.token_urlsafe(16)
    sandbox.store.put(
        "access_tokens",
        token,
        {
            "subject": si_code,
            "kind": kind,
            "client_id": "test-app",
            "scopes": list(scopes),
            "identity_level": level,
            "expires_at": sandbox.real_time() + 400 * 86400,
        },
    )
    return token


def as_citizen(client: vssdk.Client, sandbox: Sandbox, si_code: str, **kwargs: Any) -> vssdk.Client:
    """A view of ``client`` signed in as ``si_code`` (shares the in-process transport)."""
    return client.with_options(auth=BearerToken(citizen_token(sandbox, si_code, **kwargs)))


RETIRING = "0112345703"
DECEASED = "0112345714"
