"""Sandbox handlers of the unit's contribution account: back-payment with interest (601), refunds
(``SBX-HOANTRA``) and closing an employee's SI book (``SBX-CHOTSO``; no public codes were found).

The account (``employer_accounts``, seeded by ``seeds/citizen_services.py``) holds the month the
unit has paid through and the payments it made. A month after ``paid_through`` is owed: its
amount is every employee's contribution for the month (``vssdk.benefits.compulsory_contribution``,
both shares, every fund) and its interest comes from ``vssdk.declarations.late_payment``. On the
sandbox clock: a back-payment is credited after 1 hour (the unit's ``paid_through`` moves and each
employee gets a message); a refund is decided after 1 day and paid the day after; an SI book is
confirmed after 1 day (the employee's periods with the unit are closed and they get a message).
Events ``back_payment.credited``, ``refund.decided`` and ``si_book.confirmed`` go to the filer.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

from vssdk import benefits
from vssdk.calendar import add_months, month_of, months_between
from vssdk.declarations.late_payment import DAILY_RATES, late_payment_interest
from vssdk_sandbox.handlers.citizen.common import notify
from vssdk_sandbox.kit import Ctx, field_error, handles, on_tick, problem

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

ACCOUNTS = "employer_accounts"
BACK_PAYMENTS = "employer_back_payments"
REFUNDS = "employer_refunds"
SI_BOOKS = "employer_si_books"
REJECT_ACCOUNT = "0000000000"  # documented trigger: a refund paying to it is rejected
CREDIT_AFTER = dt.timedelta(hours=1)
DECIDE_AFTER = dt.timedelta(days=1)
_BUSY = "employer_accounts.ticking"


def _unit(ctx: Ctx) -> tuple[dict[str, Any], dict[str, Any]]:
    unit = ctx.path["unit_code"]
    employer = ctx.store.get("employers", unit)
    if employer is None:
        raise problem(
            404,
            "Not Found",
            detail=f"no unit {unit}",
            vss_code="404",
            vss_message="Không tìm thấy đơn vị",
        )
    account = ctx.store.get(ACCOUNTS, unit) or {
        "unit_code": unit,
        "paid_through": add_months(month_of(ctx.sandbox.today()), -1),
    }
    return employer, account


def _refused(path: str, message: str, rule: str) -> Exception:
    return problem(
        422,
        "Unprocessable Entity",
        detail=message,
        slug="rule-violated",
        errors=[field_error(path, message, code=rule)],
    )


def _own(ctx: Ctx, collection: str, key: str, what: str) -> dict[str, Any]:
    doc = ctx.store.get(collection, ctx.path[key])
    principal = ctx.require_principal()
    if (
        doc is None
        or doc["unit_code"] != ctx.path["unit_code"]
        or doc["owner"] != principal.subject
    ):
        raise problem(404, "Not Found", detail=f"no {what} {ctx.path[key]} for this unit")
    return doc


def _view(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in ("owner", "details") and v is not None}


# --- what the unit owes -----------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _month_total(salary: int, month: str, region: int) -> int:
    first = dt.date.fromisoformat(month + "-01")
    return benefits.compulsory_contribution(salary, first, region).total


def _employees(store: Any, unit: str, month: str) -> list[tuple[str, int]]:
    """(SI code, salary) of everyone in compulsory SI with ``unit`` in ``month``."""
    out = []
    for period in store.find("participation", scheme="si", kind="compulsory"):
        if period.get("employer_unit_code") != unit or period["from_month"] > month:
            continue
        if period.get("to_month") is not None and period["to_month"] < month:
            continue
        out.append((period["si_code"], int(period.get("monthly_salary") or 0)))
    return out


def owed_months(
    store: Any, employer: dict[str, Any], account: dict[str, Any], today: dt.date, pay_on: dt.date
) -> list[dict[str, Any]]:
    """Every unpaid month up to last month, with its amount and the interest to ``pay_on``."""
    last = add_months(month_of(today), -1)
    months: list[dict[str, Any]] = []
    month = add_months(account["paid_through"], 1)
    region = int(employer.get("region", 1))
    while month <= last:
        people = _employees(store, employer["unit_code"], month)
        amount = sum(_month_total(salary, month, region) for _, salary in people)
        late = late_payment_interest(amount, month, pay_on)
        months.append(
            {
                "month": month,
                "employees": len(people),
                "amount": amount,
                "due_on": late.due_on.isoformat(),
                "days_late": late.days_late,
                "interest": late.interest,
            }
        )
        month = add_months(month, 1)
    return months


def _quote(ctx: Ctx, pay_on: dt.date) -> dict[str, Any]:
    employer, account = _unit(ctx)
    months = owed_months(ctx.store, employer, account, ctx.sandbox.today(), pay_on)
    principal = sum(m["amount"] for m in months)
    interest = sum(m["interest"] for m in months)
    return {
        "unit_code": employer["unit_code"],
        "pay_on": pay_on.isoformat(),
        "months": months,
        "principal": principal,
        "interest": interest,
        "total": principal + interest,
        "daily_rate": str(DAILY_RATES[-1][1]),
        "citation": DAILY_RATES[-1][2],
    }


@handles("getBackPaymentQuote")
def get_back_payment_quote(ctx: Ctx) -> dict[str, Any]:
    today = ctx.sandbox.today()
    pay_on = ctx.query.get("pay_on")
    day = today if pay_on is None else dt.date.fromisoformat(str(pay_on))
    if day < today:
        raise _refused("query.pay_on", "must not be in the past", "back_payment.pay_on_past")
    return _quote(ctx, day)


@handles("payBackPayment")
def pay_back_payment(ctx: Ctx) -> dict[str, Any]:
    today = ctx.sandbox.today()
    quote = _quote(ctx, today)
    unit = quote["unit_code"]
    pending = [
        d for d in ctx.store.find(BACK_PAYMENTS, unit_code=unit) if d["status"] == "received"
    ]
    if pending:
        raise problem(
            409,
            "Conflict",
            detail=f"back-payment {pending[0]['id']} is not credited yet",
            slug="back-payment-pending",
        )
    if not quote["months"]:
        raise problem(409, "Conflict", detail="the unit owes nothing", slug="nothing-owed")
    if ctx.body["amount"] != quote["total"]:
        raise _refused(
            "body.amount",
            f"the unit owes {quote['total']} VND today ({quote['principal']} + interest "
            f"{quote['interest']})",
            "back_payment.amount_mismatch",
        )
    now = ctx.sandbox.now()
    doc = {
        "id": ctx.sandbox.new_id("bkp"),
        "unit_code": unit,
        "owner": ctx.require_principal().subject,
        "status": "received",
        "months": quote["months"],
        "principal": quote["principal"],
        "interest": quote["interest"],
        "total": quote["total"],
        "paid_on": today.isoformat(),
        "payment_reference": ctx.body.get("payment_reference"),
        "received_at": now.isoformat(),
    }
    ctx.store.put(BACK_PAYMENTS, doc["id"], doc)
    return _view({k: v for k, v in doc.items() if k != "received_at"})


@handles("getBackPayment")
def get_back_payment(ctx: Ctx) -> dict[str, Any]:
    doc = _own(ctx, BACK_PAYMENTS, "payment_id", "back-payment")
    return _view({k: v for k, v in doc.items() if k != "received_at"})


# --- refunds ----------------------------------------------------------------------------------


@handles("requestContributionRefund")
def request_refund(ctx: Ctx) -> dict[str, Any]:
    employer, account = _unit(ctx)
    body = ctx.body
    today = ctx.sandbox.today()
    credit = next(
        (c for c in account.get("credits", []) if c["reference"] == body["payment_reference"]),
        None,
    )
    if credit is None:
        raise _refused(
            "body.payment_reference",
            "no payment with this reference on the unit's account",
            "refund.unknown_payment",
        )
    if body["amount"] > credit["surplus"]:
        raise _refused(
            "body.amount",
            f"only {credit['surplus']} VND of this payment was not due",
            "refund.amount_exceeds_surplus",
        )
    # Only a debt set the surplus against it: a month whose payment deadline has not passed yet
    # is not owed (a refund asked on 3 March is not refused for February's contributions).
    overdue = [m for m in owed_months(ctx.store, employer, account, today, today) if m["days_late"]]
    if overdue:
        raise _refused(
            "body.payment_reference",
            "the unit owes contributions: the surplus is set against them, not refunded",
            "refund.unit_owes",
        )
    doc = {
        "id": ctx.sandbox.new_id("rfd"),
        "unit_code": employer["unit_code"],
        "owner": ctx.require_principal().subject,
        "status": "submitted",
        "reason": body["reason"],
        "payment_reference": body["payment_reference"],
        "amount": body["amount"],
        "submitted_at": ctx.sandbox.now().isoformat(),
        "details": {"account_number": body["bank_account"]["account_number"]},
    }
    ctx.store.put(REFUNDS, doc["id"], doc)
    return _view(doc)


@handles("getContributionRefund")
def get_refund(ctx: Ctx) -> dict[str, Any]:
    return _view(_own(ctx, REFUNDS, "refund_id", "refund"))


# --- SI books ---------------------------------------------------------------------------------


def _periods_with(store: Any, si_code: str, unit: str) -> list[dict[str, Any]]:
    return [
        p
        for p in store.find("participation", si_code=si_code, kind="compulsory")
        if p.get("employer_unit_code") == unit
    ]


@handles("confirmSiBook")
def confirm_si_book(ctx: Ctx) -> dict[str, Any]:
    employer, account = _unit(ctx)
    body = ctx.body
    unit = employer["unit_code"]
    today = ctx.sandbox.today()
    ended = dt.date.fromisoformat(body["termination_date"])
    person = ctx.store.get("people", body["si_code"])
    periods = _periods_with(ctx.store, body["si_code"], unit)
    si = [p for p in periods if p["scheme"] == "si"]
    if person is None or not si:
        raise _refused(
            "body.si_code", "not a participant of this unit", "si_book.not_a_participant"
        )
    if ended > today:
        raise _refused("body.termination_date", "is in the future", "si_book.termination_future")
    last_month = min(month_of(ended), max(p.get("to_month") or month_of(today) for p in si))
    owed = [
        m
        for m in owed_months(ctx.store, employer, account, today, today)
        if m["month"] <= last_month
        and any(p["from_month"] <= m["month"] <= (p.get("to_month") or "9999-12") for p in si)
    ]
    if owed:
        total = sum(m["amount"] + m["interest"] for m in owed)
        listed = ", ".join(m["month"] for m in owed)
        raise _refused(
            "body.si_code",
            f"the unit owes contributions for {listed} ({total} VND with interest): pay them "
            "before the SI book can be closed",
            "si_book.contributions_owed",
        )
    for doc in ctx.store.find(SI_BOOKS, unit_code=unit, si_code=body["si_code"]):
        raise problem(
            409,
            "Conflict",
            detail=f"this SI book is already closed by this unit ({doc['id']})",
            slug="already-closed",
        )
    months_with_unit = sum(
        max(0, months_between(p["from_month"], min(p.get("to_month") or last_month, last_month)))
        for p in si
    )
    doc = {
        "id": ctx.sandbox.new_id("sbk"),
        "unit_code": unit,
        "owner": ctx.require_principal().subject,
        "si_code": body["si_code"],
        "full_name": person["full_name"],
        "status": "submitted",
        "termination_date": ended.isoformat(),
        "last_month": last_month,
        "months_with_unit": months_with_unit,
        "submitted_at": ctx.sandbox.now().isoformat(),
    }
    ctx.store.put(SI_BOOKS, doc["id"], doc)
    return _view(doc)


@handles("getSiBookConfirmation")
def get_si_book_confirmation(ctx: Ctx) -> dict[str, Any]:
    return _view(_own(ctx, SI_BOOKS, "confirmation_id", "SI-book confirmation"))


# --- lifecycle --------------------------------------------------------------------------------


def _credit(box: Sandbox, doc: dict[str, Any], at: dt.datetime) -> None:
    account = box.store.get(ACCOUNTS, doc["unit_code"]) or {"unit_code": doc["unit_code"]}
    account["paid_through"] = doc["months"][-1]["month"]
    box.store.put(ACCOUNTS, doc["unit_code"], account)
    doc.update(status="credited", credited_at=at.isoformat())
    box.store.put(BACK_PAYMENTS, doc["id"], doc)
    months = [m["month"] for m in doc["months"]]
    people = sorted({si for m in months for si, _ in _employees(box.store, doc["unit_code"], m)})
    for si_code in people:
        notify(
            box,
            si_code,
            "payment_received",
            "Đã ghi nhận thời gian đóng BHXH",
            f"Đơn vị {doc['unit_code']} đã đóng bổ sung các tháng {', '.join(months)}; thời gian "
            "này đã được ghi nhận vào sổ BHXH.",
            doc["unit_code"],
        )
    box.emit(
        "back_payment.credited",
        {"payment_id": doc["id"], "unit_code": doc["unit_code"], "months": months},
        owner=doc["owner"],
    )


def _decide_refund(box: Sandbox, doc: dict[str, Any], at: dt.datetime) -> None:
    if doc["status"] == "submitted":
        account = box.store.get(ACCOUNTS, doc["unit_code"]) or {}
        credit = next(
            (c for c in account.get("credits", []) if c["reference"] == doc["payment_reference"]),
            None,
        )
        if doc["details"]["account_number"] == REJECT_ACCOUNT or credit is None:
            doc.update(status="rejected", rejection_reason="Tài khoản nhận tiền không hợp lệ")
        elif credit["surplus"] < doc["amount"]:
            doc.update(status="rejected", rejection_reason="Số tiền đề nghị vượt số đóng thừa")
        else:
            credit["surplus"] -= doc["amount"]
            box.store.put(ACCOUNTS, doc["unit_code"], account)
            doc["status"] = "approved"
        doc["decided_at"] = at.isoformat()
        box.emit(
            "refund.decided",
            {"refund_id": doc["id"], "unit_code": doc["unit_code"], "status": doc["status"]},
            owner=doc["owner"],
        )
    elif doc["status"] == "approved":
        doc["status"] = "paid"
    box.store.put(REFUNDS, doc["id"], doc)


def _period_keys(store: Any, si_code: str) -> dict[str, dict[str, Any]]:
    """The participation periods of a person by store key (``<si>:NNN``, ``<si>:pNNN``)."""
    found: dict[str, dict[str, Any]] = {}
    misses, number = 0, 0
    while misses < 5:
        number += 1
        hit = False
        for key in (f"{si_code}:{number:03d}", f"{si_code}:p{number:03d}"):
            doc = store.get("participation", key)
            if doc is not None:
                found[key], hit = doc, True
        misses = 0 if hit else misses + 1
    return found


def _confirm(box: Sandbox, doc: dict[str, Any], at: dt.datetime) -> None:
    for key, period in _period_keys(box.store, doc["si_code"]).items():
        if (
            period.get("kind") != "compulsory"
            or period.get("employer_unit_code") != doc["unit_code"]
        ):
            continue
        if period.get("to_month") is None or period["to_month"] > doc["last_month"]:
            period["to_month"] = doc["last_month"]
            box.store.put("participation", key, period)
    months = {
        add_months(p["from_month"], n)
        for p in box.store.find("participation", si_code=doc["si_code"], scheme="si")
        for n in range(months_between(p["from_month"], p.get("to_month") or month_of(at.date())))
    }
    doc.update(status="confirmed", confirmed_at=at.isoformat(), months_total=len(months))
    box.store.put(SI_BOOKS, doc["id"], doc)
    notify(
        box,
        doc["si_code"],
        "si_book_closed",
        "Đã chốt sổ BHXH",
        f"Đơn vị {doc['unit_code']} đã chốt sổ BHXH đến tháng {doc['last_month']}; tổng thời "
        f"gian đóng: {len(months)} tháng.",
        doc["id"],
    )
    box.emit(
        "si_book.confirmed",
        {"confirmation_id": doc["id"], "unit_code": doc["unit_code"], "si_code": doc["si_code"]},
        owner=doc["owner"],
    )


def _due(
    doc: dict[str, Any], field: str, delay: dt.timedelta, now: dt.datetime
) -> dt.datetime | None:
    at = dt.datetime.fromisoformat(doc[field]) + delay
    return at if at <= now else None


@on_tick
def advance_accounts(box: Sandbox) -> None:
    """Credit back-payments, decide and pay refunds, confirm SI books as simulated time passes."""
    if box.state.get(_BUSY):
        return
    box.state[_BUSY] = True
    try:
        now = box.now()
        for doc in box.store.find(BACK_PAYMENTS, status="received"):
            at = _due(doc, "received_at", CREDIT_AFTER, now)
            if at is not None:
                _credit(box, doc, at)
        for doc in box.store.find(REFUNDS):
            if doc["status"] == "submitted":
                at = _due(doc, "submitted_at", DECIDE_AFTER, now)
            elif doc["status"] == "approved":
                at = _due(doc, "decided_at", DECIDE_AFTER, now)
            else:
                continue
            if at is not None:
                _decide_refund(box, doc, at)
                if doc["status"] == "approved":
                    later = _due(doc, "decided_at", DECIDE_AFTER, now)
                    if later is not None:
                        _decide_refund(box, doc, later)
        for doc in box.store.find(SI_BOOKS, status="submitted"):
            at = _due(doc, "submitted_at", DECIDE_AFTER, now)
            if at is not None:
                _confirm(box, doc, at)
    finally:
        box.state[_BUSY] = False
