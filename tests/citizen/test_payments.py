"""Voluntary SI and household HI: registration, amounts from vssdk.benefits, payment, receipt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

import vssdk
from tests.citizen._support import DAUGHTER, SPOUSE, VOLUNTARY, WORKER, WORKER_FEMALE
from vssdk import benefits
from vssdk.calendar import add_months, month_of
from vssdk.citizen import HouseholdHiMember, PaymentStatus, RegistrationStatus, Scheme
from vssdk_sandbox.app import Sandbox

Login = Callable[..., vssdk.Client]
FAMILY = [(VOLUNTARY, "Lê Thị Cúc"), (SPOUSE, "Đỗ Văn Hùng"), (DAUGHTER, "Đỗ Thị Lan")]


def test_voluntary_si_amount_comes_from_the_rules_engine(login: Login, sandbox: Sandbox) -> None:
    """Decree 159/2025 Art 5: 'other' group support is 20% of 22% of the 1,500,000 floor."""
    reg = login(VOLUNTARY).citizen.register_voluntary_si(1_500_000, "quarterly")
    expected = benefits.voluntary_si_contribution(1_500_000, sandbox.today(), months=3)
    assert reg.status is RegistrationStatus.AWAITING_PAYMENT
    assert (reg.gross_per_month, reg.state_support_per_month) == (
        expected.gross_per_month,
        expected.state_support_per_month,
    )
    assert reg.amount_due == expected.payable_total
    if sandbox.today() >= dt.date(2025, 7, 1):
        assert (reg.gross_per_month, reg.state_support_per_month, reg.amount_due) == (
            330_000,
            66_000,
            792_000,
        )
    assert reg.months == 3 and reg.period_from == month_of(sandbox.today())
    assert reg.period_to == add_months(reg.period_from, 2)


def test_pay_complete_receipt_and_participation(login: Login) -> None:
    citizen = login(VOLUNTARY).citizen
    reg = citizen.register_voluntary_si(2_000_000, "monthly", support_group="near_poor")
    payment = citizen.pay(reg.id, method="e_wallet")
    assert payment.status is PaymentStatus.PENDING and payment.amount == reg.amount_due
    assert payment.checkout_url.endswith(payment.id) and str(reg.amount_due) in payment.qr_text
    with pytest.raises(vssdk.ConflictError):
        citizen.receipt(payment.id)
    done = citizen.complete_payment(payment.id)
    assert done.status is PaymentStatus.SUCCEEDED and done.receipt_number is not None
    assert citizen.complete_payment(payment.id).receipt_number == done.receipt_number
    assert citizen.payment(payment.id).status is PaymentStatus.SUCCEEDED
    receipt = citizen.receipt(payment.id)
    assert (
        receipt.amount
        == reg.amount_due
        == sum(line.amount for line in receipt.lines[:1]) - receipt.lines[1].amount
    )
    assert receipt.payer_si_code == VOLUNTARY and receipt.payer_name == "Lê Thị Cúc"
    voluntary = [p for p in citizen.participation(scheme=Scheme.SI) if p.kind == "voluntary"]
    assert voluntary[-1].from_month == reg.period_from and voluntary[-1].monthly_salary == 2_000_000
    with pytest.raises(vssdk.ConflictError):
        citizen.pay(reg.id)


def test_declined_payment_leaves_the_registration_unpaid(login: Login) -> None:
    citizen = login(VOLUNTARY).citizen
    reg = citizen.register_voluntary_si(1_500_000, "monthly")
    failed = citizen.complete_payment(citizen.pay(reg.id).id, outcome="declined")
    assert failed.status is PaymentStatus.FAILED and failed.failure_reason
    with pytest.raises(vssdk.ConflictError):
        citizen.complete_payment(failed.id, outcome="approved")
    assert citizen.complete_payment(citizen.pay(reg.id).id).status is PaymentStatus.SUCCEEDED


def test_income_under_the_floor_is_a_422_and_creates_nothing(
    login: Login, sandbox: Sandbox
) -> None:
    before = sandbox.store.count("citizen_registrations")
    with pytest.raises(vssdk.UnprocessableEntityError) as info:
        login(VOLUNTARY).citizen.register_voluntary_si(1_000_000, "monthly")
    [error] = info.value.errors
    assert (error.path, error.code) == ("body.monthly_income", "voluntary_si.income_range")
    assert "poverty line" in error.message
    assert sandbox.store.count("citizen_registrations") == before


def test_compulsory_si_participants_cannot_register(login: Login) -> None:
    with pytest.raises(vssdk.UnprocessableEntityError) as info:
        login(WORKER).citizen.register_voluntary_si(5_000_000, "yearly")
    assert info.value.errors[0].code == "voluntary_si.in_compulsory_si"


def test_household_hi_applies_the_member_reduction(login: Login, sandbox: Sandbox) -> None:
    """HI Law Art 13(6): 2nd, 3rd members pay 70%, 60% of the first member's contribution."""
    reg = login(VOLUNTARY).citizen.register_household_hi(FAMILY, months=12)
    first, second, third = (line.amount for line in reg.members)
    assert [line.position for line in reg.members] == [1, 2, 3]
    assert (second * 10, third * 10) == (first * 7, first * 6)
    assert reg.amount_due == first + second + third
    engine = benefits.household_hi_contribution(3, sandbox.today(), months=12)
    assert (first, second, third) == engine.per_member
    if benefits.base_salary(sandbox.today()) == 2_530_000:
        assert (first, second, third) == (1_366_200, 956_340, 819_720)


def test_household_hi_cover_dates_follow_the_90_day_rule(login: Login, sandbox: Sandbox) -> None:
    """HI Law Art 16(3)(c): a first-time member is covered 30 days after payment."""
    today = sandbox.today()
    reg = login(VOLUNTARY).citizen.register_household_hi(FAMILY, months=6)
    lines = {line.si_code: line for line in reg.members}
    assert lines[VOLUNTARY].valid_from == today + dt.timedelta(days=21)  # card ends in 20 days
    assert lines[SPOUSE].valid_from == today + dt.timedelta(days=30)


def test_paying_household_hi_issues_the_cards(login: Login) -> None:
    citizen = login(VOLUNTARY).citizen
    reg = citizen.register_household_hi([HouseholdHiMember(SPOUSE, "đỗ văn  hùng")], months=3)
    assert reg.members[0].full_name == "Đỗ Văn Hùng"
    done = citizen.complete_payment(citizen.pay(reg.id).id)
    assert done.status is PaymentStatus.SUCCEEDED
    card = login(SPOUSE).citizen.card()
    assert card.card_code == f"GD401{SPOUSE}"
    assert (card.valid_from, card.valid_to) == (reg.members[0].valid_from, reg.members[0].valid_to)
    receipt = citizen.receipt(done.id)
    assert [line.amount for line in receipt.lines] == [reg.amount_due]


@pytest.mark.parametrize(
    ("members", "path", "code"),
    [
        (
            [(VOLUNTARY, "Lê Thị Cúc"), ("0100000009", "Không Có Ai")],
            "body.members[1].si_code",
            "household_hi.not_in_population_records",
        ),
        ([(SPOUSE, "Đỗ Văn Hưng")], "body.members[0].full_name", "household_hi.name_mismatch"),
        ([(WORKER, "Nguyễn Văn An")], "body.members[0].si_code", "household_hi.not_in_household"),
    ],
)
def test_household_members_are_checked_against_population_records(
    login: Login, sandbox: Sandbox, members: list[tuple[str, str]], path: str, code: str
) -> None:
    with pytest.raises(vssdk.UnprocessableEntityError) as info:
        login(VOLUNTARY).citizen.register_household_hi(members)
    assert [(e.path, e.code) for e in info.value.errors] == [(path, code)]
    assert sandbox.store.count("citizen_registrations") == 0


def test_members_covered_by_another_group_are_refused(login: Login) -> None:
    with pytest.raises(vssdk.UnprocessableEntityError) as info:
        login(WORKER).citizen.register_household_hi([(WORKER_FEMALE, "Trần Thị Bình")])
    assert info.value.errors[0].code == "household_hi.covered_by_other_group"


def test_payments_on_the_async_client(
    make_aclient: Callable[..., vssdk.AsyncClient], sandbox: Sandbox
) -> None:
    from tests.citizen._support import citizen_token
    from tests.conftest import run
    from vssdk._core.auth import BearerToken

    token = citizen_token(sandbox, VOLUNTARY)

    async def go() -> tuple[str, str, int]:
        async with make_aclient(auth=BearerToken(token), max_retries=0) as aclient:
            reg = await aclient.citizen.register_voluntary_si(1_500_000, "half_yearly")
            house = await aclient.citizen.register_household_hi(FAMILY[1:], months=3)
            payment = await aclient.citizen.pay(reg.id)
            await aclient.citizen.complete_payment(payment.id)
            fetched = await aclient.citizen.payment(payment.id)
            receipt = await aclient.citizen.receipt(payment.id)
            return fetched.status.value, receipt.receipt_number[:2], len(house.members)

    assert run(go()) == ("succeeded", "BL", 2)
