"""Messages from BHXH (the VssID inbox) and contributions recorded month by month.

Messages are written by the lifecycles (dossier results, benefits paid, cards issued, payments
received) and by the seeds (contribution gaps); each one is also emitted as
``notification.created``. Contribution months come from the participation periods and the
employer's account: a month after the unit's ``paid_through`` is owed, and late from the day after
its deadline (the last day of the following month, Law 41/2024/QH15 Art 34(4)(a)).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from vssdk.calendar import add_months, month_of, months_between
from vssdk_sandbox.handlers.citizen.common import (
    EMPLOYER_ACCOUNTS,
    NOTIFICATIONS,
    owned,
    periods_of,
    public,
    subject,
)
from vssdk_sandbox.kit import Ctx, handles


@handles("listMyNotifications")
def list_notifications(ctx: Ctx) -> dict[str, Any]:
    unread = ctx.query.get("unread")
    docs = ctx.store.find(NOTIFICATIONS, si_code=subject(ctx))
    if unread is not None:
        docs = [d for d in docs if d["read"] is not bool(unread)]
    docs.sort(key=lambda d: (d["created_at"], d["id"]), reverse=True)
    return _slice(ctx, [public(d, "si_code") for d in docs])


@handles("markMyNotificationRead")
def mark_notification_read(ctx: Ctx) -> dict[str, Any]:
    doc = owned(ctx, NOTIFICATIONS, ctx.path["notification_id"], "notification")
    if not doc["read"]:
        doc["read"] = True
        doc["read_at"] = ctx.sandbox.now().isoformat()
        ctx.store.put(NOTIFICATIONS, doc["id"], doc)
    return public(doc, "si_code")


def _slice(ctx: Ctx, docs: list[dict[str, Any]]) -> dict[str, Any]:
    """One page of an in-memory, already ordered list (offset cursor ``o<n>``)."""
    cursor = str(ctx.query.get("cursor") or "o0")
    offset = int(cursor[1:]) if cursor[:1] == "o" and cursor[1:].isdigit() else 0
    limit = int(ctx.query.get("limit", 50))
    more = offset + limit < len(docs)
    return {
        "items": docs[offset : offset + limit],
        "next_cursor": f"o{offset + limit}" if more else None,
    }


def _deadline_passed(month: str, today: dt.date) -> dt.date | None:
    """The day a month's contributions became late (day after the next month ends), if past."""
    late_from = dt.date.fromisoformat(add_months(month, 2) + "-01")
    return late_from if late_from <= today else None


def contribution_months(store: Any, si_code: str, today: dt.date) -> list[dict[str, Any]]:
    """Every SI month of a person up to last month, newest first, with the employer's status."""
    last_month = add_months(month_of(today), -1)
    periods = periods_of(store, si_code)
    rates: dict[tuple[str, str | None], Decimal] = {}
    for period in periods:  # an employee's month: SI, UI, OA/OD and HI, all paid by the unit
        if period["kind"] != "compulsory":
            continue
        end = min(period.get("to_month") or last_month, last_month)
        for n in range(max(0, months_between(period["from_month"], end))):
            key = (add_months(period["from_month"], n), period.get("employer_unit_code"))
            rates[key] = rates.get(key, Decimal(0)) + Decimal(period["rate_percent"])
    accounts: dict[str, dict[str, Any]] = {}
    months: list[dict[str, Any]] = []
    for period in periods:
        if period["scheme"] != "si":
            continue
        unit = period.get("employer_unit_code")
        if unit is not None and unit not in accounts:
            accounts[unit] = store.get(EMPLOYER_ACCOUNTS, unit) or {}
        salary = int(period.get("monthly_salary") or 0)
        end = min(period.get("to_month") or last_month, last_month)
        for n in range(max(0, months_between(period["from_month"], end))):
            month = add_months(period["from_month"], n)
            rate = rates.get((month, unit), Decimal(period["rate_percent"]))
            amount = (salary * rate / 100).quantize(Decimal(1), ROUND_HALF_UP)
            paid_through = (accounts.get(unit) or {}).get("paid_through") if unit else None
            owed = paid_through is not None and month > paid_through
            late = _deadline_passed(month, today) if owed else None
            months.append(
                public(
                    {
                        "month": month,
                        "kind": period["kind"],
                        "employer_unit_code": unit,
                        "employer_name": period.get("employer_name"),
                        "salary": salary,
                        "amount": int(amount),
                        "status": "owed" if owed else "paid",
                        "employer_owes_since": None if late is None else late.isoformat(),
                    }
                )
            )
    months.sort(key=lambda m: m["month"], reverse=True)
    return months


@handles("listMyContributions")
def list_contributions(ctx: Ctx) -> dict[str, Any]:
    months = contribution_months(ctx.store, subject(ctx), ctx.sandbox.today())
    year = ctx.query.get("year")
    if year is not None:
        months = [m for m in months if m["month"].startswith(f"{int(year):04d}-")]
    return _slice(ctx, months)
