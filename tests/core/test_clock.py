"""The sandbox's clock: pinned by configuration, seeds laid out from it, tokens on real time."""

from __future__ import annotations

import datetime as dt

import pytest

import vssdk
from vssdk_sandbox.app import CLOCK_ENV, Sandbox, SandboxConfig, clock_from_env, pinned_clock
from vssdk_sandbox.testing import pkce_session

VN = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize("day", ["2026-12-01", "2028-02-29", "2026-12-31"])
def test_a_pinned_clock_sets_sandbox_today_and_the_seeds(day: str) -> None:
    box = Sandbox(SandboxConfig(clock=pinned_clock(day)))
    try:
        today = dt.date.fromisoformat(day)
        assert box.today() == today
        card = box.store.get("hi_cards", "0199000001")
        assert card is not None
        valid_to = dt.date.fromisoformat(card["valid_to"])
        assert (valid_to - today).days > 30  # a current card never counts as expiring
    finally:
        box.store.close()


def test_a_pinned_datetime_keeps_its_time_and_advance_adds_to_it() -> None:
    box = Sandbox(SandboxConfig(clock=pinned_clock("2027-03-31T23:30:00+07:00")))
    try:
        assert box.now().hour == 23
        assert box.advance(3600).date() == dt.date(2027, 4, 1)
    finally:
        box.store.close()


def test_a_naive_pinned_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        pinned_clock(dt.datetime(2027, 1, 1, 9, 0))


def test_the_environment_pins_the_default_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CLOCK_ENV, "2030-01-02")
    assert clock_from_env()().date() == dt.date(2030, 1, 2)
    monkeypatch.delenv(CLOCK_ENV)
    real = dt.datetime.now(VN)
    assert abs((clock_from_env()() - real).total_seconds()) < 60


def test_pkce_login_works_after_advancing_the_clock(client: vssdk.Client) -> None:
    # ID tokens carry real time, so a simulated advance cannot make them look issued in the future.
    client.sandbox.advance_clock(hours=2)
    session = pkce_session(client)
    assert client.with_options(auth=session).identity.userinfo().si_code == "7901234567"


def test_password_login_works_after_advancing_the_clock_by_days(client: vssdk.Client) -> None:
    from vssdk_sandbox.testing import citizen_client

    client.sandbox.advance_clock(days=40)
    me = citizen_client(client)
    assert me.citizen.profile().si_code == "7901234567"
