"""Monthly contributions of a D02-LT, per row and in total (Law 41/2024/QH15 Art. 33-34; HI Law Art. 13; Law 74/2025/QH15 Art. 33)."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from tests.declarations import _factories as f
from vssdk.declarations import Month, PlanCode, contributions
from vssdk.declarations.amounts import FUNDS as FUNDS_ORDER


def test_rules_md_rates_on_10_million_in_11_2026() -> None:
    """Rates from 2025-07-01: employee 10.5 %, employer 21.5 % (17.5 % SI + 3 % HI + 1 % UI)."""
    schedule = contributions(f.d02(rows=1))
    (row,) = schedule.rows
    assert row.counted
    assert (row.employee, row.employer, row.total) == (1_050_000, 2_150_000, 3_200_000)
    assert schedule.by_fund["retirement_survivorship"].employee == 800_000
    assert schedule.by_fund["retirement_survivorship"].employer == 1_400_000
    assert schedule.by_fund["sickness_maternity"].employer == 300_000
    assert schedule.by_fund["occupational_accident"].employer == 50_000
    assert schedule.by_fund["health"].total == 450_000
    assert schedule.by_fund["unemployment"].total == 200_000
    assert row.detail.explain(lang="en")


def test_total_is_the_sum_of_rows_and_of_funds() -> None:
    form = attrs.evolve(
        f.d02(rows=3),
        rows=(
            f.d02_row(1, salary=6_000_000),
            f.d02_row(2, plan=PlanCode.DC, salary=20_000_000, region=2),
            f.d02_row(3, salary=8_000_000, position_allowance=1_000_000),
        ),
    )
    schedule = contributions(form)
    assert schedule.total == sum(r.total for r in schedule.rows)
    assert schedule.total == sum(t.total for t in schedule.by_fund.values())
    assert schedule.employee + schedule.employer == schedule.total
    assert (
        schedule.rows[2].total
        == contributions(attrs.evolve(form, rows=(f.d02_row(3, salary=9_000_000),))).total
    )


def test_decreases_and_supplements_are_not_counted() -> None:
    form = attrs.evolve(
        f.d02(rows=3),
        rows=(
            f.d02_row(1),
            f.d02_row(2, plan=PlanCode.GH, salary=None),
            f.d02_row(3, plan=PlanCode.AD, from_month=Month(2026, 8), to_month=Month(2026, 10)),
        ),
    )
    schedule = contributions(form)
    assert [r.counted for r in schedule.rows] == [True, False, False]
    assert schedule.rows[1].total == schedule.rows[2].total == 0
    assert schedule.total == 3_200_000


def test_salary_above_ceiling_contributes_on_the_ceiling() -> None:
    capped = contributions(attrs.evolve(f.d02(), rows=(f.d02_row(1, salary=50_600_000),)))
    above = contributions(attrs.evolve(f.d02(), rows=(f.d02_row(1, salary=80_000_000),)))
    assert capped.by_fund["retirement_survivorship"] == above.by_fund["retirement_survivorship"]


@given(st.lists(st.integers(5_310_000, 50_600_000), min_size=1, max_size=8))
def test_amounts_are_exact_integers_and_add_up(salaries: list[int]) -> None:
    rows = tuple(f.d02_row(i, salary=s) for i, s in enumerate(salaries, start=1))
    schedule = contributions(attrs.evolve(f.d02(), rows=rows))
    assert all(isinstance(r.total, int) for r in schedule.rows)
    assert schedule.total == sum(r.total for r in schedule.rows)
    assert list(schedule.by_fund) == list(FUNDS_ORDER)


def test_every_allowance_that_counts_is_added_to_the_base() -> None:
    """Law 41/2024/QH15 Art. 31(1)(a): wage + wage allowances + fixed regular supplements."""
    row = f.d02_row(
        1,
        salary=9_000_000,
        position_allowance=100_000,
        seniority_allowance=200_000,
        professional_seniority_allowance=300_000,
        salary_allowance=150_000,
        other_supplements=250_000,
    )
    assert row.contribution_salary == 10_000_000
    with_allowances = contributions(attrs.evolve(f.d02(), rows=(row,)))
    plain = contributions(attrs.evolve(f.d02(), rows=(f.d02_row(1, salary=10_000_000),)))
    assert with_allowances.total == plain.total == 3_200_000


def test_a_salary_above_the_ceiling_is_declared_and_capped_like_the_calculator() -> None:
    """One behaviour (issue 17): the D02-LT accepts the salary as paid and contributes on the
    ceiling, exactly as vssdk.benefits.compulsory_contribution computes it."""
    from vssdk import benefits
    from vssdk.declarations import validate

    form = attrs.evolve(f.d02(), rows=(f.d02_row(1, salary=80_000_000),))
    assert validate(form) == ()
    row = contributions(form).rows[0]
    scalar = benefits.compulsory_contribution(
        80_000_000, form.rows[0].from_month.first_day, form.employer.region
    )
    assert row.total == scalar.total
    ceiling = benefits.contribution_ceiling(form.rows[0].from_month.first_day)
    assert scalar.contribution_base == ceiling < 80_000_000 == scalar.ui_base
