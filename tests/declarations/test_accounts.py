"""The unit's contribution account: back-payment with late-payment interest (601), refunds of
contributions paid twice, closing an employee's SI book, refused while owed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vssdk
from tests.citizen._support import as_citizen
from tests.conftest import run
from vssdk import benefits
from vssdk.calendar import add_months, month_of
from vssdk.citizen import BankAccount, NotificationKind
from vssdk.declarations.accounts import BackPaymentStatus, RefundStatus, SiBookStatus
from vssdk.declarations.late_payment import late_payment_interest, payment_deadline
from vssdk.errors import ConflictError, InvalidArgument, NotFoundError, UnprocessableEntityError
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import aorganisation_client, organisation_client

OWING = "SBX002B"  # seeded: has not paid the last three months
PAYING = "SBX001A"  # seeded: paid up; paid 12,500,000 twice (UNC-SBX001A-0042)
UNEMPLOYED = "0187654321"  # worked for SBX002B until two months ago
WORKER = "7901234567"  # works for SBX001A
ACCOUNT = BankAccount("VCB", "0123456789", "CONG TY SANDBOX")


@pytest.fixture
def vendor(client: vssdk.Client) -> vssdk.Client:
    return organisation_client(client, client_id="ivan-sbx-basic")


def _rule(info: pytest.ExceptionInfo[UnprocessableEntityError]) -> tuple[str, str | None]:
    [error] = info.value.errors
    return error.path, error.code


def _termination(sandbox: Sandbox) -> dt.date:
    first = dt.date.fromisoformat(add_months(month_of(sandbox.today()), -1) + "-01")
    return first - dt.timedelta(days=1)  # the end of the month two months ago


# --- the rule -----------------------------------------------------------------------------------


def test_late_payment_interest_is_0_03_percent_a_day_after_the_deadline() -> None:
    assert payment_deadline("2026-03") == dt.date(2026, 4, 30)
    on_time = late_payment_interest(10_000_000, "2026-03", dt.date(2026, 4, 30))
    assert on_time.days_late == 0 and on_time.interest == 0
    late = late_payment_interest(10_000_000, "2026-03", dt.date(2026, 6, 15))
    assert late.days_late == 46 and late.daily_rate == Decimal("0.0003")
    assert late.interest == 138_000  # 10,000,000 x 0.03% x 46
    assert "46 ngày" in late.explain() and "Law 41/2024/QH15 Art 40(1)" in late.explain()
    assert (
        late_payment_interest(1, "2026-03", dt.date(2026, 5, 1)).interest == 0
    )  # half-up of 0.0003


def test_interest_before_the_2024_law_is_refused_not_guessed() -> None:
    with pytest.raises(InvalidArgument) as info:
        late_payment_interest(1_000_000, "2025-01", dt.date(2025, 8, 1))
    assert info.value.argument == "month" and "122(3)" in info.value.reason
    with pytest.raises(InvalidArgument):
        payment_deadline("2026-13")


# --- back-payment (601) -------------------------------------------------------------------------


def test_quote_lists_owed_months_with_interest(vendor: vssdk.Client, sandbox: Sandbox) -> None:
    today = sandbox.today()
    quote = vendor.declarations.quote_back_payment(OWING)
    last = add_months(month_of(today), -1)
    assert [m.month for m in quote.months] == [add_months(last, -2), add_months(last, -1), last]
    first = quote.months[0]
    assert first.employees > 0 and first.days_late > 0
    expected = late_payment_interest(first.amount, first.month, today)
    assert (first.due_on, first.interest) == (expected.due_on, expected.interest)
    assert quote.months[-1].days_late == 0  # last month is not yet due
    assert (
        quote.total
        == quote.principal + quote.interest
        == sum(m.amount + m.interest for m in quote.months)
    )
    later = vendor.declarations.quote_back_payment(OWING, pay_on=today + dt.timedelta(days=10))
    assert later.interest > quote.interest and later.principal == quote.principal
    assert vendor.declarations.quote_back_payment(PAYING).months == []


def test_one_months_amount_is_every_employees_contribution(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    [first, *_] = vendor.declarations.quote_back_payment(OWING).months
    periods = [
        p
        for p in sandbox.store.find("participation", scheme="si", kind="compulsory")
        if p.get("employer_unit_code") == OWING
        and p["from_month"] <= first.month <= (p.get("to_month") or "9999-12")
    ]
    day = dt.date.fromisoformat(first.month + "-01")
    expected = sum(
        benefits.compulsory_contribution(int(p["monthly_salary"]), day, 2).total for p in periods
    )
    assert first.employees == len(periods) and first.amount == expected


def test_paying_back_credits_the_months_and_tells_the_employees(
    vendor: vssdk.Client, client: vssdk.Client, sandbox: Sandbox
) -> None:
    quote = vendor.declarations.quote_back_payment(OWING)
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.pay_back_payment(OWING, quote.principal)
    assert _rule(info) == ("body.amount", "back_payment.amount_mismatch")
    paid = vendor.declarations.pay_back_payment(OWING, quote.total, payment_reference="UNC-77")
    assert paid.status is BackPaymentStatus.RECEIVED and paid.interest == quote.interest
    with pytest.raises(ConflictError):
        vendor.declarations.pay_back_payment(OWING, quote.total)
    client.sandbox.advance_clock(hours=2)
    credited = vendor.declarations.back_payment(OWING, paid.id)
    assert credited.status is BackPaymentStatus.CREDITED and credited.credited_at is not None
    assert vendor.declarations.quote_back_payment(OWING).months == []
    citizen = as_citizen(client, sandbox, UNEMPLOYED).citizen
    assert all(m.status.value == "paid" for m in citizen.contributions())
    kinds = [n.kind for n in citizen.notifications()]
    assert NotificationKind.PAYMENT_RECEIVED in kinds
    events = [e for e in sandbox.store.find("events") if e["type"] == "back_payment.credited"]
    assert [e["owner"] for e in events] == ["ivan-sbx-basic"]
    with pytest.raises(ConflictError):
        vendor.declarations.pay_back_payment(OWING, 1)  # nothing owed now


# --- SI book (chốt sổ) ------------------------------------------------------------------------


def test_si_book_refused_while_contributions_are_owed(
    vendor: vssdk.Client, client: vssdk.Client, sandbox: Sandbox
) -> None:
    ended = _termination(sandbox)
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.confirm_si_book(OWING, UNEMPLOYED, ended)
    assert _rule(info) == ("body.si_code", "si_book.contributions_owed")
    assert add_months(month_of(sandbox.today()), -2) in info.value.errors[0].message
    quote = vendor.declarations.quote_back_payment(OWING)
    vendor.declarations.pay_back_payment(OWING, quote.total)
    client.sandbox.advance_clock(hours=2)
    book = vendor.declarations.confirm_si_book(OWING, UNEMPLOYED, ended)
    assert book.status is SiBookStatus.SUBMITTED and book.last_month == month_of(ended)
    assert book.full_name == "Hoàng Văn Em" and book.months_with_unit
    client.sandbox.advance_clock(days=2)
    done = vendor.declarations.si_book_confirmation(OWING, book.id)
    assert done.status is SiBookStatus.CONFIRMED and done.months_total == done.months_with_unit
    messages = as_citizen(client, sandbox, UNEMPLOYED).citizen.notifications()
    assert any(n.kind is NotificationKind.SI_BOOK_CLOSED for n in messages)
    with pytest.raises(ConflictError):
        vendor.declarations.confirm_si_book(OWING, UNEMPLOYED, ended)


def test_si_book_closes_a_current_employees_periods(
    vendor: vssdk.Client, client: vssdk.Client, sandbox: Sandbox
) -> None:
    ended = sandbox.today() - dt.timedelta(days=sandbox.today().day)  # end of last month
    book = vendor.declarations.confirm_si_book(PAYING, WORKER, ended)
    client.sandbox.advance_clock(days=2)
    summary = as_citizen(client, sandbox, WORKER).citizen.participation_summary()
    assert summary.fund("si").last_month == book.last_month == month_of(ended)
    assert not summary.fund("si").participating


def test_si_book_for_someone_else_or_in_the_future_is_refused(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.confirm_si_book(PAYING, UNEMPLOYED, _termination(sandbox))
    assert _rule(info) == ("body.si_code", "si_book.not_a_participant")
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.confirm_si_book(PAYING, WORKER, sandbox.today() + dt.timedelta(days=9))
    assert _rule(info) == ("body.termination_date", "si_book.termination_future")
    with pytest.raises(InvalidArgument) as arg:
        vendor.declarations.confirm_si_book(PAYING, "12345", sandbox.today())
    assert arg.value.argument == "si_code"
    with pytest.raises(NotFoundError):
        vendor.declarations.si_book_confirmation(PAYING, "sbk_999999")


# --- refunds (hoàn trả) -----------------------------------------------------------------------


def test_refund_of_a_double_payment_is_decided_then_paid(
    vendor: vssdk.Client, client: vssdk.Client
) -> None:
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.request_refund(PAYING, "paid_twice", "UNC-0000", 1_000, ACCOUNT)
    assert _rule(info) == ("body.payment_reference", "refund.unknown_payment")
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.request_refund(
            PAYING, "paid_twice", "UNC-SBX001A-0042", 12_500_001, ACCOUNT
        )
    assert _rule(info) == ("body.amount", "refund.amount_exceeds_surplus")
    refund = vendor.declarations.request_refund(
        PAYING, "paid_twice", "UNC-SBX001A-0042", 12_500_000, ACCOUNT
    )
    assert refund.status is RefundStatus.SUBMITTED
    client.sandbox.advance_clock(days=1, hours=1)
    assert vendor.declarations.refund(PAYING, refund.id).status is RefundStatus.APPROVED
    client.sandbox.advance_clock(days=1)
    assert vendor.declarations.refund(PAYING, refund.id).status is RefundStatus.PAID
    with pytest.raises(UnprocessableEntityError) as info:  # the surplus is used up
        vendor.declarations.request_refund(PAYING, "paid_twice", "UNC-SBX001A-0042", 1, ACCOUNT)
    assert _rule(info) == ("body.amount", "refund.amount_exceeds_surplus")


def test_refund_refused_while_the_unit_owes(vendor: vssdk.Client, sandbox: Sandbox) -> None:
    account = sandbox.store.get("employer_accounts", OWING)
    assert account is not None
    account["credits"] = [{"reference": "UNC-B-1", "amount": 500_000, "surplus": 500_000}]
    sandbox.store.put("employer_accounts", OWING, account)
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.request_refund(OWING, "overpaid", "UNC-B-1", 500_000, ACCOUNT)
    assert _rule(info) == ("body.payment_reference", "refund.unit_owes")
    with pytest.raises(InvalidArgument) as arg:
        vendor.declarations.request_refund(OWING, "gift", "UNC-B-1", 500_000, ACCOUNT)
    assert arg.value.argument == "reason"


def test_accounts_on_the_async_client(make_aclient: Any, sandbox: Sandbox) -> None:
    async def scenario() -> tuple[int, str]:
        async with make_aclient() as aclient:
            vendor = await aorganisation_client(aclient, client_id="ivan-sbx-basic")
            quote = await vendor.declarations.quote_back_payment(OWING)
            paid = await vendor.declarations.pay_back_payment(OWING, quote.total)
            await vendor.sandbox.advance_clock(hours=2)
            again = await vendor.declarations.back_payment(OWING, paid.id)
            refund = await vendor.declarations.request_refund(
                PAYING, "paid_twice", "UNC-SBX001A-0042", 2_000_000, ACCOUNT
            )
            await vendor.sandbox.advance_clock(days=3)
            decided = await vendor.declarations.refund(PAYING, refund.id)
            book = await vendor.declarations.confirm_si_book(
                OWING, UNEMPLOYED, _termination(sandbox)
            )
            await vendor.sandbox.advance_clock(days=2)
            confirmed = await vendor.declarations.si_book_confirmation(OWING, book.id)
            assert again.status is BackPaymentStatus.CREDITED
            return quote.total, f"{decided.status.value}/{confirmed.status.value}"

    total, statuses = run(scenario())
    assert total > 0 and statuses == "paid/confirmed"


def test_refund_to_a_closed_account_is_rejected(vendor: vssdk.Client, client: vssdk.Client) -> None:
    closed = BankAccount("VCB", "0000000000", "CONG TY SANDBOX")  # documented rejection trigger
    refund = vendor.declarations.request_refund(
        PAYING, "paid_twice", "UNC-SBX001A-0042", 1_000_000, closed
    )
    client.sandbox.advance_clock(days=3)
    decided = vendor.declarations.refund(PAYING, refund.id)
    assert decided.status is RefundStatus.REJECTED and decided.rejection_reason
    assert decided.decided_at is not None
    again = vendor.declarations.request_refund(  # the surplus was not used
        PAYING, "paid_twice", "UNC-SBX001A-0042", 12_500_000, ACCOUNT
    )
    assert again.status is RefundStatus.SUBMITTED


@settings(max_examples=200, deadline=None)
@given(
    amount=st.integers(min_value=0, max_value=10**11),
    days=st.integers(min_value=0, max_value=2000),
)
def test_interest_is_the_daily_rate_times_days_rounded(amount: int, days: int) -> None:
    due = payment_deadline("2025-06")  # 2025-07-31: every late day under the 2024 law
    late = late_payment_interest(amount, "2025-06", due + dt.timedelta(days=days))
    assert late.days_late == days
    exact = Decimal(amount) * Decimal("0.0003") * days
    assert abs(Decimal(late.interest) - exact) <= Decimal("0.5")
    later = late_payment_interest(amount, "2025-06", due + dt.timedelta(days=days + 1))
    assert later.interest >= late.interest
