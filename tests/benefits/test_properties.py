"""Property tests of the rules (issue 4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssdk import benefits

# Dates run past the data horizon on purpose: the StaleParameters warnings are expected.
pytestmark = pytest.mark.filterwarnings("ignore::vssdk.benefits.StaleParameters")

DATES = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2030, 12, 31))
REGIONS = st.integers(1, 4)
SALARY = st.integers(6_000_000, 200_000_000)  # above every floor since 2016 (max RMW 5,310,000)


@given(on=DATES, region=REGIONS, a=SALARY, b=SALARY)
def test_contributions_never_decrease_as_salary_rises(
    on: dt.date, region: int, a: int, b: int
) -> None:
    low, high = sorted((a, b))
    r1 = benefits.compulsory_contribution(low, on, region)
    r2 = benefits.compulsory_contribution(high, on, region)
    assert r1.employee <= r2.employee
    assert r1.employer <= r2.employer
    for fund in benefits.FUNDS:
        assert r1.by_fund[fund].total <= r2.by_fund[fund].total


@given(on=DATES, region=REGIONS, extra=st.integers(1, 10_000_000_000))
def test_contributions_flat_above_the_ceiling(on: dt.date, region: int, extra: int) -> None:
    ceiling = benefits.contribution_ceiling(on)
    ui_ceiling = 20 * benefits.regional_minimum_wage(region, on)
    top = max(ceiling, ui_ceiling)
    r1 = benefits.compulsory_contribution(top, on, region)
    r2 = benefits.compulsory_contribution(top + extra, on, region)
    assert (r1.employee, r1.employer) == (r2.employee, r2.employer)
    assert r2.contribution_base == ceiling


@given(on=DATES, region=REGIONS, salary=st.integers(0, 500_000_000), state=st.booleans())
def test_base_is_clamped_to_floor_and_ceiling(
    on: dt.date, region: int, salary: int, state: bool
) -> None:
    ceiling = benefits.contribution_ceiling(on)
    floor = benefits.compulsory_contribution(ceiling, on, region, state_payroll=state)
    lowest = floor.parameters["base_salary"].value
    if not state and benefits.lookup_parameter("si_floor_basis", on).value == "rmw":
        lowest = benefits.regional_minimum_wage(region, on)
    if salary < lowest:
        with pytest.raises(benefits.RuleInputError) as info:
            benefits.compulsory_contribution(salary, on, region, state_payroll=state)
        assert info.value.argument == "monthly_salary"
        return
    r = benefits.compulsory_contribution(salary, on, region, state_payroll=state)
    assert benefits.base_salary(on) <= r.contribution_base <= ceiling
    assert r.contribution_base == min(salary, ceiling)


@given(on=DATES, region=REGIONS, salary=SALARY, reduced=st.booleans(), relief=st.booleans())
def test_employee_plus_employer_per_fund_equals_total(
    on: dt.date, region: int, salary: int, reduced: bool, relief: bool
) -> None:
    r = benefits.compulsory_contribution(
        salary, on, region, occupational_reduced=reduced, ui_relief=relief
    )
    funds = r.by_fund
    assert sum(f.employee for f in funds.values()) == r.employee
    assert sum(f.employer for f in funds.values()) == r.employer
    assert sum(f.total for f in funds.values()) == r.total == r.employee + r.employer


@given(on=DATES, members=st.integers(1, 12), months=st.sampled_from([3, 6, 12]))
def test_household_member_k_pays_documented_share(on: dt.date, members: int, months: int) -> None:
    r = benefits.household_hi_contribution(members, on, months=months)
    shares = [Decimal(1), Decimal("0.7"), Decimal("0.6"), Decimal("0.5")]
    first = r.per_member[0]
    assert first == r.first_member_monthly * months
    for k, amount in enumerate(r.per_member):
        share = shares[k] if k < len(shares) else Decimal("0.4")
        assert amount == (Decimal(first) * share).to_integral_value(rounding="ROUND_HALF_UP")
    assert r.total == sum(r.per_member)


@given(
    on=DATES,
    pre=st.integers(0, 300),
    post=st.integers(12, 300),
    a=st.integers(1, 25_000_000),
    b=st.integers(1, 25_000_000),
)
def test_one_time_si_is_linear_in_average_salary(
    on: dt.date, pre: int, post: int, a: int, b: int
) -> None:
    # Benefit months are multiples of 1/4: with averages that are multiples of 4 no rounding occurs.
    a, b = 4 * a, 4 * b
    ra = benefits.one_time_si(a, pre, post, on)
    rb = benefits.one_time_si(b, pre, post, on)
    rab = benefits.one_time_si(a + b, pre, post, on)
    assert rab.amount == ra.amount + rb.amount
    assert benefits.one_time_si(3 * a, pre, post, on).amount == 3 * ra.amount


@given(
    on=DATES,
    region=REGIONS,
    avg=st.integers(0, 300_000_000),
    months=st.integers(0, 600),
    state=st.booleans(),
)
def test_unemployment_cap_and_month_bands(
    on: dt.date, region: int, avg: int, months: int, state: bool
) -> None:
    r = benefits.unemployment_benefit(avg, months, region, on, state_payroll=state)
    if months < 12:
        assert not r.eligible
        assert r.total == 0
        assert r.reason
        return
    assert r.monthly_amount <= r.cap
    assert r.cap in (
        5 * benefits.regional_minimum_wage(region, on),
        5 * benefits.base_salary(on),
    )
    expected = 3 if months < 36 else min(12, 3 + (months - 36) // 12)
    assert r.duration_months == expected
    assert r.total == r.monthly_amount * r.duration_months


CHANGES = [
    ("base_salary", dt.date(2016, 5, 1), None),
    ("base_salary", dt.date(2017, 7, 1), None),
    ("base_salary", dt.date(2018, 7, 1), None),
    ("base_salary", dt.date(2019, 7, 1), None),
    ("base_salary", dt.date(2023, 7, 1), None),
    ("base_salary", dt.date(2024, 7, 1), None),
    ("base_salary", dt.date(2026, 7, 1), None),
    ("regional_minimum_wage", dt.date(2017, 1, 1), 1),
    ("regional_minimum_wage", dt.date(2022, 7, 1), 3),
    ("regional_minimum_wage", dt.date(2026, 1, 1), 4),
    ("rate.employer.occupational_accident", dt.date(2017, 6, 1), None),
    ("rate.employer.occupational_accident", dt.date(2021, 7, 1), None),
    ("rate.employer.occupational_accident_reduced", dt.date(2020, 7, 15), None),
    ("rate.employer.unemployment_relief", dt.date(2021, 10, 1), None),
    ("rate.employer.unemployment_relief", dt.date(2022, 10, 1), None),
    ("rural_poverty_line", dt.date(2022, 1, 1), None),
    ("voluntary.support_rate", dt.date(2025, 7, 1), None),
    ("regime.si_law", dt.date(2025, 7, 1), None),
    ("regime.employment_law", dt.date(2026, 1, 1), None),
]


@pytest.mark.parametrize(("name", "change", "region"), CHANGES)
def test_day_before_and_on_a_change_pick_different_values(
    name: str, change: dt.date, region: int | None
) -> None:
    before = benefits.lookup_parameter(name, change - dt.timedelta(days=1), region=region)
    on = benefits.lookup_parameter(name, change, region=region)
    assert before.value != on.value
    assert on.effective_from == change
    assert before.effective_to == change - dt.timedelta(days=1)


def test_contribution_changes_with_base_salary_on_2026_07_01() -> None:
    """A salary above the ceiling: the base moves from 46,800,000 to 50,600,000 (Decree 161/2026)."""
    before = benefits.compulsory_contribution(80_000_000, dt.date(2026, 6, 30), 1)
    on = benefits.compulsory_contribution(80_000_000, dt.date(2026, 7, 1), 1)
    assert (before.contribution_base, on.contribution_base) == (46_800_000, 50_600_000)
    assert on.employee > before.employee


def test_employer_ui_relief_resolution_116() -> None:
    """Resolution 116/NQ-CP: 0% employer UI from 2021-10 to 2022-09, except state payroll."""
    on = dt.date(2022, 3, 1)
    r = benefits.compulsory_contribution(10_000_000, on, 1)
    assert r.by_fund["unemployment"].employer == 0
    assert r.by_fund["unemployment"].employee == 100_000
    state = benefits.compulsory_contribution(10_000_000, on, 1, state_payroll=True)
    assert state.by_fund["unemployment"].employer == 100_000
    no_relief = benefits.compulsory_contribution(10_000_000, on, 1, ui_relief=False)
    assert no_relief.by_fund["unemployment"].employer == 100_000
