"""Invalid input raises RuleInputError naming the argument; law-defined ineligibility is a result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from vssdk import benefits
from vssdk.errors import InvalidArgument, VssdkError

ON = dt.date(2026, 3, 1)


def test_rule_input_error_is_an_invalid_argument() -> None:
    assert issubclass(benefits.RuleInputError, InvalidArgument)
    assert issubclass(benefits.RuleInputError, VssdkError)
    assert issubclass(benefits.RuleInputError, ValueError)


@pytest.mark.parametrize(
    ("call", "argument", "fragment"),
    [
        (lambda: benefits.compulsory_contribution(-1, ON, 1), "monthly_salary", "negative"),
        (lambda: benefits.compulsory_contribution(1.5e7, ON, 1), "monthly_salary", "int"),
        (lambda: benefits.compulsory_contribution(True, ON, 1), "monthly_salary", "int"),
        (lambda: benefits.compulsory_contribution(10_000_000, ON, 5), "region", "1, 2, 3 or 4"),
        (
            lambda: benefits.compulsory_contribution(10_000_000, dt.date(2015, 12, 31), 1),
            "on",
            "2016-01-01",
        ),
        (
            lambda: benefits.compulsory_contribution(10_000_000, dt.datetime(2026, 3, 1), 1),
            "on",
            "datetime.date",
        ),
        (lambda: benefits.compulsory_contribution(2_000_000, ON, 1), "monthly_salary", "lowest"),
        (
            lambda: benefits.compulsory_contribution(4_000_000, dt.date(2024, 3, 1), 1),
            "monthly_salary",
            "regional minimum wage 4,680,000",
        ),
        (
            lambda: benefits.compulsory_contribution(10_000_000, ON, 1, unpaid_working_days=40),
            "unpaid_working_days",
            "between 0 and 31",
        ),
        (
            lambda: benefits.voluntary_si_contribution(1_000_000, ON),
            "monthly_income",
            "rural poverty line 1,500,000",
        ),
        (
            lambda: benefits.voluntary_si_contribution(50_000_000, ON),
            "monthly_income",
            "46,800,000",
        ),
        (
            lambda: benefits.voluntary_si_contribution(3_000_000, ON, support_group="rich"),
            "support_group",
            "near_poor",
        ),
        (lambda: benefits.voluntary_si_contribution(3_000_000, ON, months=2), "months", "1, 3, 6"),
        (lambda: benefits.household_hi_contribution(0, ON), "members", "between 1"),
        (lambda: benefits.household_hi_contribution(2, ON, months=5), "months", "3, 6 or 12"),
        (lambda: benefits.average_monthly_salary([]), "periods", "at least one"),
        (
            lambda: benefits.average_monthly_salary([(12, 5_000_000, 1.2)]),
            "periods[0].coefficient",
            "no floats",
        ),
        (lambda: benefits.one_time_si(1.0, 0, 24, ON), "average_monthly_salary", "no floats"),
        (
            lambda: benefits.one_time_si(5_000_000, 0, 6, ON),
            "contributed_salaries_total",
            "under 12 months",
        ),
        (lambda: benefits.pension("x", 240, 5_000_000, ON), "sex", "'male' or 'female'"),
        (lambda: benefits.sickness_benefit(5_000_000, -1, ON), "days", "between 0"),
        (lambda: benefits.hi_benefit("D4", 100_000, ON), "card_code", "benefit digit"),
        (
            lambda: benefits.hi_benefit("DN4", 1_000_000, ON, right_route=False),
            "route_factor",
            "facility level",
        ),
        (lambda: benefits.regional_minimum_wage(0, ON), "region", "1–4"),
        (lambda: benefits.lookup_parameter("nope", ON), "name", "unknown parameter"),
        (lambda: benefits.lookup_parameter("regional_minimum_wage", ON), "region", "regional"),
        (lambda: benefits.cpi_coefficient(2020, dt.date(2023, 5, 1)), "on", "2024-01-01"),
        (lambda: benefits.cpi_coefficient(2027, ON), "contribution_year", "after"),
    ],
)
def test_invalid_input_raises(call: Any, argument: str, fragment: str) -> None:
    with pytest.raises(benefits.RuleInputError) as info:
        call()
    assert info.value.argument == argument
    assert fragment in str(info.value)


def test_cached_context_does_not_accept_bool_region_or_datetime() -> None:
    benefits.compulsory_contribution(10_000_000, ON, 1)
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.compulsory_contribution(10_000_000, ON, True)
    assert info.value.argument == "region"
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.compulsory_contribution(10_000_000, dt.datetime(2026, 3, 1), 1)
    assert info.value.argument == "on"


def test_part_time_below_floor_is_not_subject() -> None:
    r = benefits.compulsory_contribution(2_000_000, ON, 1, part_time=True)
    assert not r.subject
    assert r.total == 0
    assert r.reason and "Art. 2(1)(l)" in r.reason


def test_fourteen_unpaid_days_means_no_contribution() -> None:
    r = benefits.compulsory_contribution(10_000_000, ON, 1, unpaid_working_days=14)
    assert r.total == 0
    assert r.reason and "14" in r.reason
    assert benefits.compulsory_contribution(10_000_000, ON, 1, unpaid_working_days=13).total > 0


def test_too_few_months_is_ineligibility_not_error() -> None:
    assert not benefits.unemployment_benefit(10_000_000, 11, 1, ON).eligible
    assert benefits.unemployment_benefit(10_000_000, 12, 1, ON).eligible
    funeral = benefits.funeral_allowance(ON, contribution_months=11)
    assert not funeral.eligible
    assert funeral.amount == 0
    assert benefits.funeral_allowance(ON, contribution_months=11, pensioner=True).eligible
    assert not benefits.pension("female", 14 * 12, 5_000_000, ON).eligible


def test_sickness_part_days_and_yearly_maximum() -> None:
    r = benefits.sickness_benefit(9_600_000, Decimal("2.3"), ON)
    assert r.counted_days == Decimal("2.5")
    r = benefits.sickness_benefit(9_600_000, Decimal("2.5"), ON)
    assert r.counted_days == 3
    capped = benefits.sickness_benefit(9_600_000, 45, ON, contribution_months=100)
    assert capped.max_days == 30
    assert capped.counted_days == 30
    assert benefits.sickness_benefit(9_600_000, 45, ON, 100, hazardous=True).max_days == 40


def test_voluntary_support_ends_after_120_months() -> None:
    r = benefits.voluntary_si_contribution(
        3_000_000, ON, months=12, support_group="poor", supported_months_so_far=115
    )
    assert r.supported_months == 5
    assert r.payable_total == 12 * r.gross_per_month - 5 * r.state_support_per_month


def test_voluntary_support_rates_by_period() -> None:
    """No support before 2018; Decree 134/2015 to 2025-06; Decree 159/2025 after."""
    assert (
        benefits.voluntary_si_contribution(
            1_000_000, dt.date(2017, 5, 1), support_group="poor"
        ).state_support_per_month
        == 0
    )
    assert (
        benefits.voluntary_si_contribution(
            1_500_000, dt.date(2024, 5, 1), support_group="poor"
        ).state_support_per_month
        == 99_000
    )
    assert (
        benefits.voluntary_si_contribution(
            1_500_000, dt.date(2025, 7, 1), support_group="poor"
        ).state_support_per_month
        == 165_000
    )


def test_hi_benefit_digit_override_from_2026() -> None:
    """Resolution 261/2025/QH15: near-poor (CN) 95% → 100% from 2026-01-01."""
    assert benefits.hi_benefit("CN3", 1_000_000, dt.date(2025, 12, 31)).fund_pays == 950_000
    assert benefits.hi_benefit("CN3", 1_000_000, dt.date(2026, 1, 1)).fund_pays == 1_000_000


def test_pension_floor_and_lump_sum() -> None:
    low = benefits.pension("male", 25 * 12, 3_000_000, ON)
    assert low.floor_applied
    assert low.monthly_amount == 2_340_000
    new_joiner = benefits.pension("male", 25 * 12, 3_000_000, ON, joined_before_2025_07=False)
    assert not new_joiner.floor_applied
    long = benefits.pension("female", 34 * 12, 10_000_000, ON)
    assert long.rate == 75
    assert long.retirement_lump_sum == 4 * 5_000_000


def test_paternity_days() -> None:
    assert benefits.paternity_benefit(12_000_000, ON).days == 5
    assert benefits.paternity_benefit(12_000_000, ON, caesarean=True).days == 7
    assert benefits.paternity_benefit(12_000_000, ON, children=2).days == 10
    assert benefits.paternity_benefit(12_000_000, ON, children=3, caesarean=True).days == 17
    assert benefits.paternity_benefit(12_000_000, ON).amount == 2_500_000


def test_one_time_si_under_one_year_and_support_deduction() -> None:
    r = benefits.one_time_si(
        5_000_000, 0, 6, ON, contributed_salaries_total=30_000_000, state_support_total=100_000
    )
    assert r.under_one_year
    assert r.gross == 6_600_000
    assert r.amount == 6_500_000
