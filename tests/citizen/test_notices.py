"""The VssID inbox (messages from BHXH) and contributions recorded month by month."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import vssdk
from tests.citizen._support import UNEMPLOYED, VOLUNTARY, WORKER, citizen_token
from tests.conftest import run
from vssdk._core.auth import BearerToken
from vssdk.calendar import add_months, month_of
from vssdk.citizen import (
    BankAccount,
    ContributionStatus,
    Notification,
    NotificationKind,
    ParticipationKind,
)
from vssdk.errors import InvalidArgument, NotFoundError, PermissionDeniedError
from vssdk_sandbox.app import Sandbox

Login = Callable[..., vssdk.Client]
ACCOUNT = BankAccount("VCB", "0123456789", "NGUOI HUONG")


def test_contribution_gap_message_is_seeded_and_marked_read_once(
    login: Login, client: vssdk.Client, sandbox: Sandbox
) -> None:
    citizen = login(UNEMPLOYED).citizen
    [gap] = list(citizen.notifications(unread=True))
    assert gap.kind is NotificationKind.CONTRIBUTION_GAP and not gap.read
    assert gap.title == "Đơn vị chưa đóng BHXH" and "SBX002B" in gap.body
    read = citizen.mark_notification_read(gap.id)
    assert read.read and read.read_at is not None
    client.sandbox.advance_clock(hours=3)
    again = citizen.mark_notification_read(gap.id)
    assert again.read_at == read.read_at  # marking again changes nothing
    assert list(citizen.notifications(unread=True)) == []
    assert [n.id for n in citizen.notifications(unread=False)] == [gap.id]


def test_someone_elses_message_is_forbidden_and_unknown_is_404(login: Login) -> None:
    [gap] = list(login(UNEMPLOYED).citizen.notifications())
    with pytest.raises(PermissionDeniedError):
        login(WORKER).citizen.mark_notification_read(gap.id)
    with pytest.raises(NotFoundError):
        login(WORKER).citizen.mark_notification_read("ntf_999999")
    with pytest.raises(InvalidArgument) as info:
        login(WORKER).citizen.mark_notification_read("7")
    assert info.value.argument == "notification_id"


def test_dossier_results_and_payments_arrive_as_messages_newest_first(
    login: Login, client: vssdk.Client, sandbox: Sandbox
) -> None:
    citizen = login(UNEMPLOYED).citizen
    year, month = map(int, add_months(month_of(sandbox.today()), -2).split("-"))
    import calendar
    import datetime as dt

    ended = dt.date(year, month, calendar.monthrange(year, month)[1])
    app = citizen.claim_unemployment_benefit(ended, ACCOUNT)
    client.sandbox.advance_clock(days=5)
    messages = list(citizen.notifications())
    kinds = [n.kind for n in messages]
    assert kinds[:2] == [NotificationKind.BENEFIT_PAID, NotificationKind.DOSSIER_RESULT]
    assert all(n.related_id == app.id for n in messages[:2])
    assert [n.created_at for n in messages] == sorted(
        (n.created_at for n in messages), reverse=True
    )
    events = [e for e in sandbox.store.find("events") if e["type"] == "notification.created"]
    assert {e["owner"] for e in events} == {UNEMPLOYED}
    assert {e["data"]["notification_id"] for e in events} == {n.id for n in messages[:2]}


def test_contributions_month_by_month_with_the_employers_debt(
    login: Login, sandbox: Sandbox
) -> None:
    now = month_of(sandbox.today())
    months = list(login(UNEMPLOYED).citizen.contributions())
    assert months[0].month == add_months(now, -2)  # the contract ended two months ago
    assert [m.month for m in months] == sorted((m.month for m in months), reverse=True)
    owed = [m for m in months if m.status is ContributionStatus.OWED]
    assert [m.month for m in owed] == [add_months(now, -2), add_months(now, -3)]
    assert all(m.employer_unit_code == "SBX002B" for m in owed)
    # each month is late from the day after the end of the following month
    late = [m.employer_owes_since for m in owed]
    assert [d.isoformat()[:7] if d else None for d in late] == [
        add_months(now, 0),
        add_months(now, -1),
    ]
    first = months[-1]
    assert first.month == "2019-01" and first.status is ContributionStatus.PAID
    # 25% SI + 2% UI + 0.5% OA/OD + 4.5% HI for the same unit and month = 32%
    assert first.salary == 10_000_000 and first.amount == 3_200_000


def test_contributions_of_one_year_and_voluntary_months(login: Login, sandbox: Sandbox) -> None:
    year = sandbox.today().year - 2
    months = list(login(VOLUNTARY).citizen.contributions(year=year))
    assert [m.month for m in months] == [f"{year}-{m:02d}" for m in range(12, 0, -1)]
    assert {m.kind for m in months} == {ParticipationKind.VOLUNTARY}
    assert all(m.amount == 330_000 and m.status is ContributionStatus.PAID for m in months)
    with pytest.raises(InvalidArgument) as info:
        login(VOLUNTARY).citizen.contributions(year=26)
    assert info.value.argument == "year"


def test_inbox_and_contributions_on_the_async_client(
    make_aclient: Callable[..., vssdk.AsyncClient], sandbox: Sandbox
) -> None:
    token = citizen_token(sandbox, UNEMPLOYED)

    async def go() -> tuple[list[Notification], int]:
        async with make_aclient(auth=BearerToken(token), max_retries=0) as aclient:
            inbox = [n async for n in await aclient.citizen.notifications()]
            await aclient.citizen.mark_notification_read(inbox[0].id)
            months = [m async for m in await aclient.citizen.contributions(limit=10)]
            return inbox, len(months)

    inbox, count = run(go())
    assert len(inbox) == 1 and count > 12


def test_household_payment_renews_cards_and_tells_each_member(login: Login) -> None:
    from tests.citizen._support import DAUGHTER, SPOUSE

    citizen = login(VOLUNTARY).citizen
    registration = citizen.register_household_hi(
        [(VOLUNTARY, "Lê Thị Cúc"), (SPOUSE, "Đỗ Văn Hùng")], months=12
    )
    payment = citizen.pay(registration.id)
    done = citizen.complete_payment(payment.id)
    [paid] = [n for n in citizen.notifications() if n.kind is NotificationKind.PAYMENT_RECEIVED]
    assert done.receipt_number is not None and done.receipt_number in paid.body
    renewed = [n for n in citizen.notifications() if n.kind is NotificationKind.CARD_ISSUED]
    assert len(renewed) == 1 and citizen.card().card_code in renewed[0].body
    spouse = login(SPOUSE).citizen
    assert [n.kind for n in spouse.notifications()] == [NotificationKind.CARD_ISSUED]
    assert list(login(DAUGHTER).citizen.notifications()) == []
