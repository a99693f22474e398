"""private_key_jwt keeps working after the sandbox clock moves (assertions carry real time)."""

from __future__ import annotations

import vssdk
from vssdk_sandbox.testing import organisation_client


def test_private_key_jwt_client_after_advancing_the_sandbox_clock(client: vssdk.Client) -> None:
    client.sandbox.advance_clock(days=3)
    ivan = organisation_client(client, client_id="ivan-sbx", scopes=["employer.declarations"])
    unit = ivan.declarations.employer("SBX001A")
    assert unit.unit_code == "SBX001A"
