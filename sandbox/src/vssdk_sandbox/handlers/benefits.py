"""Sandbox handlers of the calculators area: answered with the vssdk.benefits engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from vssdk import benefits
from vssdk_sandbox.kit import Ctx, SandboxProblem, field_error, handles, problem


def _unprocessable(exc: benefits.RuleInputError) -> SandboxProblem:
    return problem(
        422,
        "Unprocessable Entity",
        detail=str(exc),
        slug="rule-violated",
        errors=[field_error(exc.argument, exc.reason)],
    )


def _run(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except benefits.RuleInputError as exc:
        raise _unprocessable(exc) from None


def _lang(body: dict[str, Any]) -> str:
    return str(body.get("lang") or "vi")


@handles("calculateCompulsoryContribution")
def calculate_compulsory(ctx: Ctx) -> dict[str, Any]:
    b = ctx.body
    r: benefits.CompulsoryContribution = _run(
        lambda: benefits.compulsory_contribution(
            b["monthly_salary"],
            dt.date.fromisoformat(b["on"]),
            b["region"],
            occupational_reduced=bool(b.get("occupational_reduced", False)),
            unpaid_working_days=b.get("unpaid_working_days", 0),
            part_time=bool(b.get("part_time", False)),
            state_payroll=bool(b.get("state_payroll", False)),
            ui_relief=bool(b.get("ui_relief", True)),
        )
    )
    return {
        "subject": r.subject,
        "reason": r.reason,
        "contribution_base": r.contribution_base,
        "ui_base": r.ui_base,
        "employee": r.employee,
        "employer": r.employer,
        "total": r.total,
        "by_fund": [
            {"fund": fund, "employee": share.employee, "employer": share.employer}
            for fund, share in r.by_fund.items()
        ],
        "citations": list(r.citations),
        "explanation": r.explain(_lang(b)),
    }


@handles("calculateVoluntarySi")
def calculate_voluntary_si(ctx: Ctx) -> dict[str, Any]:
    b = ctx.body
    r: benefits.VoluntarySIContribution = _run(
        lambda: benefits.voluntary_si_contribution(
            b["monthly_income"],
            dt.date.fromisoformat(b["on"]),
            months=b.get("months", 1),
            support_group=b.get("support_group", "other"),
            supported_months_so_far=b.get("supported_months_so_far", 0),
        )
    )
    return {
        "gross_per_month": r.gross_per_month,
        "state_support_per_month": r.state_support_per_month,
        "payable_per_month": r.payable_per_month,
        "supported_months": r.supported_months,
        "payable_total": r.payable_total,
        "income_floor": r.income_floor,
        "income_ceiling": r.income_ceiling,
        "citations": list(r.citations),
        "explanation": r.explain(_lang(b)),
    }


@handles("calculateHouseholdHi")
def calculate_household_hi(ctx: Ctx) -> dict[str, Any]:
    b = ctx.body
    r: benefits.HouseholdHIContribution = _run(
        lambda: benefits.household_hi_contribution(
            b["members"], dt.date.fromisoformat(b["on"]), months=b.get("months", 12)
        )
    )
    return {
        "first_member_monthly": r.first_member_monthly,
        "per_member": list(r.per_member),
        "total": r.total,
        "citations": list(r.citations),
        "explanation": r.explain(_lang(b)),
    }
