"""The pure rules of the linked procedures (card validity, funeral decision, payment schedule)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssdk.errors import InvalidArgument
from vssdk.procedures import rules


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert rules.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert rules.add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert rules.add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


@given(
    birth=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=4000),
)
def test_age_in_months_brackets_the_date(birth: dt.date, days: int) -> None:
    on = birth + dt.timedelta(days=days)
    months = rules.age_in_months(birth, on)
    assert months >= 0
    assert rules.add_months(birth, months) <= on < rules.add_months(birth, months + 1)


def test_child_card_born_in_spring_runs_to_30_september_of_the_sixth_year() -> None:
    """HI Law Art. 16(3): at 72 months before school entry → valid until 30/9 of that year."""
    assert rules.child_card_validity(dt.date(2026, 3, 10)) == (
        dt.date(2026, 3, 10),
        dt.date(2032, 9, 30),
    )


def test_child_card_born_in_november_ends_at_72_months() -> None:
    """HI Law Art. 16(3): the child reaches 72 months after school entry → valid to that day."""
    assert rules.child_card_validity(dt.date(2026, 11, 10)) == (
        dt.date(2026, 11, 10),
        dt.date(2032, 11, 10),
    )


@given(st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_child_card_validity_covers_72_months_at_least(birth: dt.date) -> None:
    start, end = rules.child_card_validity(birth)
    assert start == birth
    assert end >= rules.add_months(birth, 72)
    assert end <= max(rules.add_months(birth, 72), dt.date(end.year, 9, 30))


def test_funeral_w11_old_law_five_years() -> None:
    """rules.md W11: 5 years of compulsory SI, death October 2023 → 10 × 1,800,000."""
    decision = rules.funeral_decision(
        date_of_death=dt.date(2023, 10, 15),
        compulsory_months=60,
        voluntary_months=0,
        pensioner=False,
        occupational=False,
    )
    assert decision.eligible
    assert decision.amount == 18_000_000
    assert "60 months of compulsory SI" in decision.reason


def test_funeral_2026_uses_the_new_reference_level() -> None:
    """Law 41/2024 Art 85(2): 10 × 2,530,000 (Decree 161/2026) for a death in November 2026."""
    decision = rules.funeral_decision(
        date_of_death=dt.date(2026, 11, 2),
        compulsory_months=150,
        voluntary_months=0,
        pensioner=False,
        occupational=False,
    )
    assert (decision.eligible, decision.amount) == (True, 25_300_000)
    assert "Law 41/2024" in decision.citation


@pytest.mark.parametrize(
    ("compulsory", "voluntary", "pensioner", "occupational", "eligible"),
    [
        (11, 0, False, False, False),
        (12, 0, False, False, True),
        (0, 59, False, False, False),
        (0, 60, False, False, True),
        (0, 0, True, False, True),
        (0, 0, False, True, True),
        (8, 20, False, False, False),
    ],
)
def test_funeral_eligibility_thresholds(
    compulsory: int, voluntary: int, pensioner: bool, occupational: bool, eligible: bool
) -> None:
    """Law 41/2024 Art 85(1), 109: 12 months compulsory, 60 voluntary, pension, OA/OD death."""
    decision = rules.funeral_decision(
        date_of_death=dt.date(2026, 8, 1),
        compulsory_months=compulsory,
        voluntary_months=voluntary,
        pensioner=pensioner,
        occupational=occupational,
    )
    assert decision.eligible is eligible
    assert decision.amount == (25_300_000 if eligible else 0)
    if not eligible:
        assert "needs 12" in decision.reason


def test_payment_schedule_one_payment_per_month() -> None:
    plan = rules.payment_schedule(dt.date(2026, 1, 31), 3, 9_000_000)
    assert [p["due_on"] for p in plan] == ["2026-01-31", "2026-02-28", "2026-03-31"]
    assert [p["month"] for p in plan] == ["2026-01", "2026-02", "2026-03"]
    assert sum(p["amount"] for p in plan) == 27_000_000
    assert {p["status"] for p in plan} == {"scheduled"}


@pytest.mark.parametrize(("months", "amount"), [(0, 1), (13, 1), (3, 0), (3, 1.5), (True, 1)])
def test_payment_schedule_refuses_bad_input(months: object, amount: object) -> None:
    with pytest.raises(InvalidArgument) as info:
        rules.payment_schedule(dt.date(2026, 1, 1), months, amount)  # type: ignore[arg-type]
    assert info.value.argument in ("months", "monthly_amount")
