"""Enrolment: voluntary SI registration and household HI registration (priced by vssdk.benefits)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vssdk import benefits
from vssdk.calendar import (
    add_months,
    add_months_to_date,
    month_of,
    months_between,
)
from vssdk_sandbox.handlers.citizen.common import (
    CARDS,
    MODE_MONTHS,
    PEOPLE,
    REGISTRATIONS,
    covered_elsewhere,
    last_month,
    me,
    norm_name,
    open_now,
    periods_of,
    public,
    unprocessable,
)
from vssdk_sandbox.kit import (
    Ctx,
    SandboxProblem,
    field_error,
    handles,
)

# --- voluntary SI -----------------------------------------------------------------------------


def _rule_error(exc: benefits.RuleInputError, rule: str) -> SandboxProblem:
    path = f"body.{exc.argument}"
    return unprocessable([field_error(path, str(exc), code=rule)], f"{path} breaks the rule {rule}")


@handles("registerVoluntarySi")
def register_voluntary_si(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    body = ctx.body
    now, today = ctx.sandbox.now(), ctx.sandbox.today()
    periods = periods_of(ctx.store, person["si_code"], "si")
    if any(p["kind"] == "compulsory" and open_now(p, today) for p in periods):
        raise unprocessable(
            [
                field_error(
                    "body",
                    "already in compulsory social insurance this month (Law 41/2024 Art 2(4))",
                    code="voluntary_si.in_compulsory_si",
                )
            ],
            "people in compulsory SI cannot register for voluntary SI",
        )
    if ctx.store.find("benefit_records", si_code=person["si_code"], kind="pension"):
        raise unprocessable(
            [field_error("body", "already receiving a pension", code="voluntary_si.pensioner")],
            "pensioners cannot register for voluntary SI",
        )
    months = MODE_MONTHS[body["payment_mode"]]
    group = body.get("support_group", "other")
    voluntary = [p for p in periods if p["kind"] == "voluntary"]
    supported = sum(months_between(p["from_month"], last_month(p, today)) for p in voluntary)
    try:
        amounts = benefits.voluntary_si_contribution(
            body["monthly_income"],
            today,
            months=months,
            support_group=group,
            supported_months_so_far=supported,
        )
    except benefits.RuleInputError as exc:
        rule = "voluntary_si.income_range" if exc.argument == "monthly_income" else "voluntary_si"
        raise _rule_error(exc, rule) from None
    latest = max((last_month(p, today) for p in voluntary), default=None)
    start = month_of(today) if latest is None or latest < month_of(today) else add_months(latest, 1)
    registration = {
        "id": ctx.sandbox.new_id("reg"),
        "si_code": person["si_code"],
        "purpose": "voluntary_si",
        "status": "awaiting_payment",
        "monthly_income": body["monthly_income"],
        "payment_mode": body["payment_mode"],
        "support_group": group,
        "months": months,
        "period_from": start,
        "period_to": add_months(start, months - 1),
        "gross_per_month": amounts.gross_per_month,
        "state_support_per_month": amounts.state_support_per_month,
        "payable_per_month": amounts.payable_per_month,
        "amount_due": amounts.payable_total,
        "created_at": now.isoformat(),
    }
    ctx.store.put(REGISTRATIONS, registration["id"], registration)
    return public(registration, "si_code", "purpose")


# --- household HI -----------------------------------------------------------------------------


def _new_cover(card: dict[str, Any] | None, today: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """HI Law Art 16(3)(c): first-time or ≥90-day gap → valid 30 days after payment."""
    valid_to = None if card is None or card.get("valid_to") is None else card["valid_to"]
    last = None if valid_to is None else dt.date.fromisoformat(valid_to)
    if last is not None and last >= today - dt.timedelta(days=90):
        start = max(last + dt.timedelta(days=1), today)
    else:
        start = today + dt.timedelta(days=30)
    return start, add_months_to_date(start, months) - dt.timedelta(days=1)


def _member_errors(ctx: Ctx, person: dict[str, Any], members: list[dict[str, Any]]) -> list[Any]:
    today = ctx.sandbox.today()
    errors: list[dict[str, Any]] = []
    for index, member in enumerate(members):
        where = f"body.members[{index}]"
        record = ctx.store.get(PEOPLE, member["si_code"])
        if record is None or not record.get("alive", True):
            errors.append(
                field_error(
                    f"{where}.si_code",
                    "not in the population records",
                    code="household_hi.not_in_population_records",
                )
            )
        elif norm_name(record["full_name"]) != norm_name(member["full_name"]):
            errors.append(
                field_error(
                    f"{where}.full_name",
                    "does not match the population records for this SI code",
                    code="household_hi.name_mismatch",
                )
            )
        elif record.get("household_id") != person.get("household_id"):
            errors.append(
                field_error(
                    f"{where}.si_code",
                    "not a member of your household in the population records",
                    code="household_hi.not_in_household",
                )
            )
        elif covered_elsewhere(ctx.store.get(CARDS, member["si_code"]), today):
            errors.append(
                field_error(
                    f"{where}.si_code",
                    "already covered by another group; only household-form members count",
                    code="household_hi.covered_by_other_group",
                )
            )
    return errors


@handles("registerHouseholdHi")
def register_household_hi(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    members: list[dict[str, Any]] = ctx.body["members"]
    months: int = ctx.body["months"]
    if len({m["si_code"] for m in members}) != len(members):
        raise unprocessable(
            [
                field_error(
                    "body.members", "a member is listed twice", code="household_hi.duplicate"
                )
            ],
            "each member once",
        )
    errors = _member_errors(ctx, person, members)
    if errors:
        raise unprocessable(errors, "some members cannot join in the household form")
    today, now = ctx.sandbox.today(), ctx.sandbox.now()
    amounts = benefits.household_hi_contribution(len(members), today, months=months)
    lines = []
    for position, (member, amount) in enumerate(zip(members, amounts.per_member, strict=True), 1):
        record = ctx.store.get(PEOPLE, member["si_code"]) or {}
        start, end = _new_cover(ctx.store.get(CARDS, member["si_code"]), today, months)
        lines.append(
            {
                "si_code": member["si_code"],
                "full_name": record.get("full_name", member["full_name"]),
                "position": position,
                "amount": amount,
                "valid_from": start.isoformat(),
                "valid_to": end.isoformat(),
            }
        )
    registration = {
        "id": ctx.sandbox.new_id("reg"),
        "si_code": person["si_code"],
        "purpose": "household_hi",
        "status": "awaiting_payment",
        "months": months,
        "members": lines,
        "amount_due": amounts.total,
        "created_at": now.isoformat(),
    }
    ctx.store.put(REGISTRATIONS, registration["id"], registration)
    return public(registration, "si_code", "purpose")
