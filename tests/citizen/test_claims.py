"""One-time SI and unemployment claims: eligibility, lifecycle on the sandbox clock, events."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

import pytest

import vssdk
from tests.citizen._support import CHILD, FORMER_WORKER, UNEMPLOYED, VOLUNTARY, WORKER
from vssdk.calendar import add_months, month_of
from vssdk.citizen import ApplicationStatus, BankAccount, BenefitKind
from vssdk_sandbox.app import Sandbox

Login = Callable[..., vssdk.Client]
ACCOUNT = BankAccount("VCB", "0123456789", "NGUOI HUONG")
CLOSED_ACCOUNT = BankAccount("VCB", "0000000000", "NGUOI HUONG")  # documented rejection trigger


def _termination(sandbox: Sandbox) -> dt.date:
    """The unemployed fixture's last day: the end of the month two months ago."""
    year, month = map(int, add_months(month_of(sandbox.today()), -2).split("-"))
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def test_one_time_si_moves_through_every_status(
    login: Login, client: vssdk.Client, sandbox: Sandbox
) -> None:
    citizen = login(FORMER_WORKER).citizen
    app = citizen.claim_one_time_si("left_si_12_months", ACCOUNT)
    assert app.status is ApplicationStatus.SUBMITTED and app.contribution_months > 12
    client.sandbox.advance_clock(hours=2)
    received = citizen.application(app.id)
    assert received.status is ApplicationStatus.RECEIVED and received.reference_number
    client.sandbox.advance_clock(days=5)
    done = citizen.application(app.id)
    assert [h.status.value for h in done.history] == [
        "submitted",
        "received",
        "processing",
        "approved",
        "paid",
    ]
    assert [h.at for h in done.history] == sorted(h.at for h in done.history)
    [paid] = [b for b in citizen.benefits(kind=BenefitKind.ONE_TIME_SI)]
    assert paid.amount > 0 and paid.decision_number == done.reference_number
    events = [e for e in sandbox.store.find("events") if e["type"] == "application.status_changed"]
    assert [e["data"]["status"] for e in events] == [h.status.value for h in done.history]
    assert {e["owner"] for e in events} == {FORMER_WORKER}


def test_unemployment_claim_with_a_bad_account_is_rejected_with_a_reason(
    login: Login, client: vssdk.Client, sandbox: Sandbox
) -> None:
    citizen = login(UNEMPLOYED).citizen
    app = citizen.claim_unemployment_benefit(_termination(sandbox), CLOSED_ACCOUNT)
    assert app.contribution_months == 24
    client.sandbox.advance_clock(days=5)
    done = citizen.application(app.id)
    assert done.status is ApplicationStatus.REJECTED and done.rejection_reason
    assert done.history[-1].reason == done.rejection_reason
    assert [a.id for a in citizen.applications(status="rejected")] == [app.id]
    again = citizen.claim_unemployment_benefit(_termination(sandbox), ACCOUNT)
    client.sandbox.advance_clock(days=5)
    assert citizen.application(again.id).status is ApplicationStatus.PAID
    [benefit] = list(citizen.benefits(kind="unemployment"))
    assert benefit.monthly_amount is not None and benefit.amount == benefit.monthly_amount * 3


def test_a_second_open_claim_is_a_conflict(login: Login, sandbox: Sandbox) -> None:
    citizen = login(FORMER_WORKER).citizen
    citizen.claim_one_time_si("left_si_12_months", ACCOUNT)
    with pytest.raises(vssdk.ConflictError):
        citizen.claim_one_time_si("emigrating", ACCOUNT)
    assert sandbox.store.count("citizen_applications") == 1


@pytest.mark.parametrize(
    ("who", "ground", "code"),
    [
        (WORKER, "left_si_12_months", "one_time_si.still_participating"),
        (CHILD, "serious_illness", "one_time_si.no_contribution"),
    ],
)
def test_ineligible_one_time_si_is_a_422_and_creates_nothing(
    login: Login, sandbox: Sandbox, who: str, ground: str, code: str
) -> None:
    with pytest.raises(vssdk.UnprocessableEntityError) as info:
        login(who).citizen.claim_one_time_si(ground, ACCOUNT)
    assert [(e.path, e.code) for e in info.value.errors] == [("body.ground", code)]
    assert sandbox.store.count("citizen_applications") == 0


def test_unemployment_without_enough_months_is_a_422(login: Login, sandbox: Sandbox) -> None:
    """Employment Law 74/2025 Art 38(1)(b): 12 months of UI in the 24 before termination."""
    ended = sandbox.today() - dt.timedelta(days=10)
    with pytest.raises(vssdk.UnprocessableEntityError) as info:
        login(VOLUNTARY).citizen.claim_unemployment_benefit(ended, ACCOUNT)
    [error] = info.value.errors
    assert (error.path, error.code) == ("body.termination_date", "unemployment.contribution_months")
    assert "12 are needed" in error.message
    assert sandbox.store.count("citizen_applications") == 0


@pytest.mark.parametrize(
    ("days_ago", "code"),
    [(-3, "unemployment.termination_in_future"), (200, "unemployment.filing_deadline")],
)
def test_unemployment_dates_are_checked(
    login: Login, sandbox: Sandbox, days_ago: int, code: str
) -> None:
    ended = sandbox.today() - dt.timedelta(days=days_ago)
    with pytest.raises(vssdk.UnprocessableEntityError) as info:
        login(UNEMPLOYED).citizen.claim_unemployment_benefit(ended, ACCOUNT)
    assert info.value.errors[0].code == code


def test_claims_on_the_async_client(
    make_aclient: Callable[..., vssdk.AsyncClient], sandbox: Sandbox
) -> None:
    from tests.citizen._support import citizen_token
    from tests.conftest import run
    from vssdk._core.auth import BearerToken

    token = citizen_token(sandbox, UNEMPLOYED)
    ended = _termination(sandbox)

    async def go() -> list[str]:
        async with make_aclient(auth=BearerToken(token), max_retries=0) as aclient:
            app = await aclient.citizen.claim_unemployment_benefit(ended, ACCOUNT)
            other = await make_other(aclient)
            fetched = await aclient.citizen.application(app.id)
            listed = [a.id async for a in await aclient.citizen.applications()]
            return [fetched.id, *listed, other]

    async def make_other(aclient: vssdk.AsyncClient) -> str:
        with pytest.raises(vssdk.UnprocessableEntityError):
            await aclient.citizen.claim_one_time_si("left_si_12_months", ACCOUNT)
        return "refused"

    assert run(go()) == ["app_000001", "app_000001", "refused"]
