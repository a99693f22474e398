"""The test helpers other areas use: real flows against the in-process sandbox."""

from __future__ import annotations

from typing import Any

import pytest

import vssdk
from tests.conftest import run
from vssdk.identity import ClientCredentials, OtpRequired, PasswordLogin, SessionRevoked
from vssdk_sandbox.testing import (
    acitizen_client,
    aorganisation_client,
    citizen_client,
    organisation_client,
)


def test_citizen_client_is_logged_in_as_that_citizen(client: vssdk.Client) -> None:
    me = citizen_client(client, si_code="7901234568")
    info = me.identity.userinfo()
    assert info.si_code == "7901234568"
    assert info.identity_level == 2
    assert isinstance(me.auth, PasswordLogin)


def test_citizen_client_level_one(client: vssdk.Client) -> None:
    me = citizen_client(client, level=1)
    assert me.identity.userinfo().acr == "loa1"


def test_organisation_client_secret_and_private_key(client: vssdk.Client) -> None:
    hospital = organisation_client(client, client_id="01001_BV", scopes=["hi.card_check"])
    assert isinstance(hospital.auth, ClientCredentials)
    tokens = hospital.auth.tokens
    assert tokens is not None and tokens.scope == "hi.card_check"
    vendor = organisation_client(client, client_id="ivan-sbx")
    assert isinstance(vendor.auth, ClientCredentials)
    assert vendor.auth.tokens is not None
    assert vendor.auth.tokens.scope == "employer.declarations"


def test_second_device_completes_otp_and_signs_the_first_out(client: vssdk.Client) -> None:
    first = citizen_client(client, device_id="phone-1")
    with pytest.raises(OtpRequired) as caught:
        citizen_client(client, device_id="phone-2", complete_otp=False)
    assert caught.value.challenge.device_id == "phone-2"
    second = citizen_client(client, device_id="phone-2")
    assert second.identity.userinfo().si_code == "7901234567"
    with pytest.raises(SessionRevoked):
        first.identity.userinfo()


def test_async_helpers(make_aclient: Any) -> None:
    async def scenario() -> tuple[str, str]:
        async with make_aclient() as aclient:
            me = await acitizen_client(aclient, si_code="4898765432")
            org = await aorganisation_client(aclient, client_id="ministry-justice")
            info = await me.identity.userinfo()
            assert org.auth is not None
            tokens = org.auth.tokens  # type: ignore[attr-defined]
            return info.si_code, tokens.scope

    assert run(scenario()) == ("4898765432", "linked.birth linked.death")
