"""Monthly contributions of a D02-LT: per employee and for the whole list, via vssdk.benefits.

Only rows that start or change the regular monthly contribution count (plan codes TM, TH, TC, TD,
ON, DC, CD); decreases contribute nothing, and supplementary/arrears rows (AD, AT, TT, SB, TU) and
single-fund changes (TL, TN, TV, DL, DN, GL, GN, GV) are settled by BHXH separately, so they are
listed with ``counted=False``. Each row is computed for its effective month (``from_month``) in
the row's wage region. Validate first: a row below the legal floor raises here.
"""

from __future__ import annotations

from typing import Any

import attrs

from vssdk.declarations._month import Month
from vssdk.declarations.codes import plan_rule
from vssdk.declarations.forms import D02LT, D02Row

__all__ = ["FUNDS", "FundTotals", "RowContribution", "Schedule", "contributions"]

FUNDS = (
    "retirement_survivorship",
    "sickness_maternity",
    "occupational_accident",
    "unemployment",
    "health",
)


@attrs.frozen(slots=True)
class FundTotals:
    """Employee and employer amounts of one fund (VND)."""

    employee: int
    employer: int

    @property
    def total(self) -> int:
        """Employee plus employer."""
        return self.employee + self.employer


@attrs.frozen(slots=True)
class RowContribution:
    """One row's monthly contribution (zero and ``counted=False`` for rows that do not count)."""

    row: int
    counted: bool
    employee: int
    employer: int
    detail: Any = attrs.field(default=None, eq=False, repr=False)
    """The :func:`vssdk.benefits.compulsory_contribution` result (``.explain()``), if counted."""

    @property
    def total(self) -> int:
        """Employee plus employer."""
        return self.employee + self.employer


@attrs.frozen(slots=True)
class Schedule:
    """The dossier's monthly contributions: per row, per fund, and the totals (all int VND)."""

    rows: tuple[RowContribution, ...]
    by_fund: dict[str, FundTotals]
    employee: int
    employer: int

    @property
    def total(self) -> int:
        """Everything due for the month: employee plus employer."""
        return self.employee + self.employer


def contributions(form: D02LT) -> Schedule:
    """Compute every row's monthly contribution and the totals (exact integer VND)."""
    from vssdk import benefits

    rows: list[RowContribution] = []
    fund_employee = dict.fromkeys(FUNDS, 0)
    fund_employer = dict.fromkeys(FUNDS, 0)
    memo: dict[tuple[int, Month, int], tuple[Any, tuple[tuple[int, int], ...]]] = {}
    for index, row in enumerate(form.rows, start=1):
        salary = row.contribution_salary
        if not plan_rule(row.plan).monthly or salary is None:
            rows.append(RowContribution(index, False, 0, 0))
            continue
        key = (salary, row.from_month, _region(row, form))
        cached = memo.get(key)  # many rows share salary, month and region
        if cached is None:
            result = benefits.compulsory_contribution(
                monthly_salary=salary, on=row.from_month.first_day, region=key[2]
            )
            funds = result.by_fund
            pairs = tuple((int(funds[f].employee), int(funds[f].employer)) for f in FUNDS)
            cached = memo[key] = (result, pairs)
        result, pairs = cached
        for fund, (employee, employer) in zip(FUNDS, pairs, strict=True):
            fund_employee[fund] += employee
            fund_employer[fund] += employer
        rows.append(
            RowContribution(index, True, int(result.employee), int(result.employer), result)
        )
    by_fund = {f: FundTotals(fund_employee[f], fund_employer[f]) for f in FUNDS}
    return Schedule(
        rows=tuple(rows),
        by_fund=by_fund,
        employee=sum(fund_employee.values()),
        employer=sum(fund_employer.values()),
    )


def _region(row: D02Row, form: D02LT) -> int:
    return row.region if row.region is not None else form.employer.region
