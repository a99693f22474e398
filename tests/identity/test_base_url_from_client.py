"""Credentials given to a client take its base URL: no second base_url= (issue 17)."""

from __future__ import annotations

import pytest

import vssdk
from vssdk.errors import ConfigurationError
from vssdk.gateway import GatewayLogin
from vssdk.identity import ClientCredentials


def test_client_credentials_take_the_clients_base_url(
    client: vssdk.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VSSDK_BASE_URL", raising=False)
    auth = ClientCredentials("01001_BV", "sbx-01001_BV-secret")
    hospital = client.with_options(auth=auth)
    assert auth.base_url == client.base_url
    check = hospital.cards.check(
        card_code="DN4010199000001",
        full_name="Nguyễn Văn Bình",
        birth_date="1985-03-14",
        operator_name="Nguyễn Thị Lan",
        operator_id="001085000111",
    )
    assert check.result_code == "000"


def test_gateway_login_takes_the_clients_base_url(
    client: vssdk.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VSSDK_BASE_URL", raising=False)
    login = GatewayLogin("01001_BV", "Sandbox@2026")
    wire = client.with_options(auth=login)
    assert login.token_url == client.base_url + "/api/token/take"
    assert wire.gateway.check_card is not None
    token = login.cached_token
    assert token is None  # nothing fetched until the first call


def test_an_explicit_base_url_wins_and_none_at_all_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VSSDK_BASE_URL", raising=False)
    auth = ClientCredentials("x", "y", base_url="http://auth.example")
    with vssdk.Client("http://api.example", auth=auth):
        assert auth.base_url == "http://auth.example"
    loose = ClientCredentials("x", "y")
    with pytest.raises(ConfigurationError, match="no base URL"):
        _ = loose.base_url
    with pytest.raises(ConfigurationError, match="GatewayLogin has no base URL"):
        _ = GatewayLogin("01001_BV", "Sandbox@2026").token_url
