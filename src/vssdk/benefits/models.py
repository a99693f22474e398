"""Wire models of the calculators (``client.calculators``); the engine's own results live in
``vssdk.benefits`` and are richer (``.parameters``, ``.explain()``)."""

from __future__ import annotations

import datetime as dt

import attrs

from vssdk._core.model import Model

__all__ = [
    "CalcCompulsoryRequest",
    "CalcCompulsoryResult",
    "CalcFundAmount",
    "CalcHouseholdHiRequest",
    "CalcHouseholdHiResult",
    "CalcVoluntarySiRequest",
    "CalcVoluntarySiResult",
]


@attrs.frozen(slots=True)
class CalcCompulsoryRequest(Model):
    """Inputs of the compulsory-contribution calculator."""

    monthly_salary: int
    on: dt.date
    region: int
    occupational_reduced: bool | None = None
    unpaid_working_days: int | None = None
    part_time: bool | None = None
    state_payroll: bool | None = None
    ui_relief: bool | None = None
    lang: str | None = None


@attrs.frozen(slots=True)
class CalcFundAmount(Model):
    """One fund's monthly amounts."""

    fund: str
    employee: int
    employer: int


@attrs.frozen(slots=True)
class CalcCompulsoryResult(Model):
    """Monthly compulsory contributions, per fund, with sources and explanation."""

    subject: bool
    contribution_base: int
    ui_base: int
    employee: int
    employer: int
    total: int
    by_fund: list[CalcFundAmount]
    citations: list[str]
    explanation: str
    reason: str | None = None


@attrs.frozen(slots=True)
class CalcVoluntarySiRequest(Model):
    """Inputs of the voluntary-SI calculator."""

    monthly_income: int
    on: dt.date
    months: int | None = None
    support_group: str | None = None
    supported_months_so_far: int | None = None
    lang: str | None = None


@attrs.frozen(slots=True)
class CalcVoluntarySiResult(Model):
    """Voluntary SI due: gross, state support and payable amounts."""

    gross_per_month: int
    state_support_per_month: int
    payable_per_month: int
    supported_months: int
    payable_total: int
    income_floor: int
    income_ceiling: int
    citations: list[str]
    explanation: str


@attrs.frozen(slots=True)
class CalcHouseholdHiRequest(Model):
    """Inputs of the household-HI calculator."""

    members: int
    on: dt.date
    months: int | None = None
    lang: str | None = None


@attrs.frozen(slots=True)
class CalcHouseholdHiResult(Model):
    """Household HI: amount per member (member 1 first) and total."""

    first_member_monthly: int
    per_member: list[int]
    total: int
    citations: list[str]
    explanation: str
