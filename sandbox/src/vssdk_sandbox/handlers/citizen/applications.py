"""Benefit claims as dossiers, and their lifecycle on the sandbox clock.

Dossiers move along on the sandbox clock (:func:`advance_applications`) and every status change is
emitted as ``application.status_changed`` for webhook delivery.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from vssdk.calendar import (
    add_months,
    add_months_to_date,
    month_of,
    month_span,
    months_between,
)
from vssdk_sandbox.handlers.citizen.common import (
    APPLICATIONS,
    REJECT_ACCOUNT,
    STATUS_DELAYS,
    last_month,
    me,
    notify,
    open_now,
    owned,
    page,
    periods_of,
    public,
    refuse,
    subject,
)
from vssdk_sandbox.handlers.citizen.decisions import PAYING, Refusal, carry_out, decide
from vssdk_sandbox.handlers.citizen.reads import fund_totals
from vssdk_sandbox.kit import (
    Ctx,
    handles,
    on_tick,
    problem,
)

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox


# --- claims (dossiers) ------------------------------------------------------------------------


def ensure_none_open(ctx: Ctx, procedure: str) -> None:
    for doc in ctx.store.find(APPLICATIONS, si_code=subject(ctx), procedure=procedure):
        if doc["status"] not in ("rejected", "paid", "completed"):
            raise problem(
                409,
                "Conflict",
                detail=f"application {doc['id']} for this procedure is still open",
                slug="application-open",
            )


# The procedure's code in the catalogue (seeds/catalogue.py), by dossier kind.
PROCEDURE_CODES = {
    "one_time_si": "642",
    "unemployment_benefit": "651",
    "pension": "641",
    "occupational_injury": "644",
    "survivor_benefit": "645",
    "hi_reimbursement": "SBX-TTKCB",
    "information_change": "608",
}


def create_application(
    ctx: Ctx,
    procedure: str,
    months: int,
    details: dict[str, Any],
    *,
    procedure_code: str | None = None,
) -> dict[str, Any]:
    """File a dossier (status ``submitted``) for the signed-in citizen and emit the change."""
    now = ctx.sandbox.now().isoformat()
    app: dict[str, Any] = {
        "id": ctx.sandbox.new_id("app"),
        "si_code": subject(ctx),
        "procedure": procedure,
        "status": "submitted",
        "submitted_at": now,
        "updated_at": now,
        "history": [{"status": "submitted", "at": now}],
        "contribution_months": months,
        "details": details,
        "procedure_code": procedure_code or PROCEDURE_CODES.get(procedure),
    }
    ctx.store.put(APPLICATIONS, app["id"], app)
    _emit_change(ctx.sandbox, app, None)
    return _application_view(app)


def _application_view(app: dict[str, Any]) -> dict[str, Any]:
    return public(app, "si_code", "details")


@handles("claimOneTimeSi")
def claim_one_time_si(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    today = ctx.sandbox.today()
    periods = periods_of(ctx.store, person["si_code"], "si")
    totals = fund_totals(periods, "si", today)
    months = int(totals["months_total"])
    ground = ctx.body["ground"]
    if months == 0:
        raise refuse(
            "body.ground", "no social insurance contribution months", "one_time_si.no_contribution"
        )
    if ground == "left_si_12_months":
        window = (add_months(month_of(today), -12), add_months(month_of(today), -1))
        if totals["participating"] or any(
            month_span(p["from_month"], last_month(p, today), *window) for p in periods
        ):
            raise refuse(
                "body.ground",
                "contributed to SI in the last 12 months (Law 41/2024 Art 70(1)(đ))",
                "one_time_si.still_participating",
            )
        if months >= 240:
            raise refuse(
                "body.ground",
                "20 years or more of contributions: one-time SI route (đ) is closed",
                "one_time_si.twenty_years",
            )
        if min(p["from_month"] for p in periods) >= "2025-07":
            raise refuse(
                "body.ground",
                "route (đ) needs contribution time from before 2025-07-01",
                "one_time_si.joined_after_2025_07",
            )
    ensure_none_open(ctx, "one_time_si")
    return create_application(ctx, "one_time_si", months, dict(ctx.body))


@handles("claimUnemploymentBenefit")
def claim_unemployment_benefit(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    today = ctx.sandbox.today()
    ended = dt.date.fromisoformat(ctx.body["termination_date"])
    if ended > today:
        raise refuse(
            "body.termination_date", "is in the future", "unemployment.termination_in_future"
        )
    if add_months_to_date(ended, 3) < today:
        raise refuse(
            "body.termination_date",
            "the claim must be filed within 3 months of termination (Law 74/2025 Art 38(1)(c))",
            "unemployment.filing_deadline",
        )
    ui = periods_of(ctx.store, person["si_code"], "ui")
    window = (add_months(month_of(ended), -23), month_of(ended))
    months = len(
        {
            add_months(p["from_month"], n)
            for p in ui
            for n in range(months_between(p["from_month"], last_month(p, today)))
            if window[0] <= add_months(p["from_month"], n) <= window[1]
        }
    )
    if months < 12:
        raise refuse(
            "body.termination_date",
            f"{months} months of unemployment insurance in the 24 months before termination; "
            "12 are needed (Law 74/2025 Art 38(1)(b))",
            "unemployment.contribution_months",
        )
    if any(
        p["kind"] == "compulsory" and open_now(p, today)
        for p in periods_of(ctx.store, person["si_code"], "si")
    ):
        raise refuse(
            "body.termination_date",
            "still employed: compulsory SI is being paid this month",
            "unemployment.still_employed",
        )
    ensure_none_open(ctx, "unemployment_benefit")
    return create_application(ctx, "unemployment_benefit", months, dict(ctx.body))


@handles("getMyApplication")
def get_application(ctx: Ctx) -> dict[str, Any]:
    return _application_view(owned(ctx, APPLICATIONS, ctx.path["application_id"], "application"))


@handles("listMyApplications")
def list_applications(ctx: Ctx) -> dict[str, Any]:
    where = {k: ctx.query.get(k) for k in ("procedure", "status")}
    items, cursor = page(ctx, APPLICATIONS, where)
    return {"items": [_application_view(a) for a in items], "next_cursor": cursor}


# --- lifecycle --------------------------------------------------------------------------------


def _emit_change(sandbox: Sandbox, app: dict[str, Any], previous: str | None) -> None:
    data = public(
        {
            "application_id": app["id"],
            "procedure": app["procedure"],
            "status": app["status"],
            "previous_status": previous,
            "reason": app.get("rejection_reason"),
            "at": app["updated_at"],
        }
    )
    sandbox.emit("application.status_changed", data, owner=app["si_code"])


def _step(app: dict[str, Any]) -> tuple[str, dt.timedelta] | None:
    if app["status"] == "approved" and app["procedure"] not in PAYING:
        delay = STATUS_DELAYS["approved"][1]
        return "completed", delay
    return STATUS_DELAYS.get(app["status"])


def _advance(sandbox: Sandbox, app: dict[str, Any]) -> bool:
    step = _step(app)
    if step is None:
        return False
    following, delay = step
    due = dt.datetime.fromisoformat(app["updated_at"]) + delay
    if due > sandbox.now():
        return False
    previous = app["status"]
    if following == "received":
        app["reference_number"] = f"HS{due:%Y%m%d}{app['id'][-6:]}"
    if following == "approved":
        account = (app["details"].get("bank_account") or {}).get("account_number")
        try:
            if account == REJECT_ACCOUNT:
                raise Refusal("Tài khoản ngân hàng không hợp lệ (bank account not valid)")
            app["decision"] = decide(sandbox, app, due.date())
        except Refusal as refusal:
            following = "rejected"
            app["rejection_reason"] = str(refusal)
    app["status"] = following
    app["updated_at"] = due.isoformat()
    change = {"status": following, "at": due.isoformat()}
    if following == "rejected":
        change["reason"] = app["rejection_reason"]
    app["history"].append(change)
    sandbox.store.put(APPLICATIONS, app["id"], app)
    if following in ("paid", "completed"):
        carry_out(sandbox, app, due.date())
    elif following in ("approved", "rejected"):
        _tell_result(sandbox, app)
    _emit_change(sandbox, app, previous)
    return True


def _tell_result(sandbox: Sandbox, app: dict[str, Any]) -> None:
    number = app.get("reference_number", app["id"])
    if app["status"] == "rejected":
        body = f"Hồ sơ {number} không được giải quyết: {app['rejection_reason']}"
        title = "Hồ sơ bị từ chối"
    else:
        body = f"Hồ sơ {number} đã được duyệt."
        title = "Hồ sơ đã được duyệt"
    notify(sandbox, app["si_code"], "dossier_result", title, body, app["id"])


_TICKING = "citizen.ticking"  # re-entrancy guard: a tick can emit events that tick again


@on_tick
def advance_applications(sandbox: Sandbox) -> None:
    """Move every open dossier through its statuses as simulated time passes."""
    if sandbox.state.get(_TICKING):
        return
    sandbox.state[_TICKING] = True
    try:
        for app in sandbox.store.find(APPLICATIONS):
            while _advance(sandbox, app):
                pass
    finally:
        sandbox.state[_TICKING] = False
