"""Payments of registrations, their completion at the simulated gateway, and receipts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vssdk_sandbox.handlers.citizen.common import (
    CARDS,
    HOUSEHOLD_GROUP,
    PARTICIPATION,
    PAYMENTS,
    PEOPLE,
    REGISTRATIONS,
    notify,
    owned,
    public,
)
from vssdk_sandbox.kit import (
    Ctx,
    handles,
    problem,
)

# --- payments ---------------------------------------------------------------------------------


@handles("createMyPayment")
def create_payment(ctx: Ctx) -> dict[str, Any]:
    registration = owned(ctx, REGISTRATIONS, ctx.body["registration_id"], "registration")
    if registration["status"] == "paid":
        raise problem(409, "Conflict", detail="this registration is already paid", slug="paid")
    payment_id = ctx.sandbox.new_id("pay")
    payment = {
        "id": payment_id,
        "si_code": registration["si_code"],
        "registration_id": registration["id"],
        "purpose": registration["purpose"],
        "amount": registration["amount_due"],
        "method": ctx.body.get("method", "qr"),
        "status": "pending",
        "checkout_url": f"https://pay.sandbox.vssdk.invalid/checkout/{payment_id}",
        "qr_text": f"VSSDKPAY|{payment_id}|{registration['amount_due']}|VND|BHXH",
        "created_at": ctx.sandbox.now().isoformat(),
    }
    ctx.store.put(PAYMENTS, payment_id, payment)
    return public(payment, "si_code")


def _apply_voluntary(ctx: Ctx, registration: dict[str, Any]) -> None:
    count = ctx.store.next_number(f"participation:{registration['si_code']}")
    ctx.store.put(
        PARTICIPATION,
        f"{registration['si_code']}:p{count:03d}",
        {
            "si_code": registration["si_code"],
            "scheme": "si",
            "kind": "voluntary",
            "from_month": registration["period_from"],
            "to_month": registration["period_to"],
            "monthly_salary": registration["monthly_income"],
            "rate_percent": "22",
            "status": "paid",
        },
    )


def _apply_household(ctx: Ctx, registration: dict[str, Any]) -> None:
    for line in registration["members"]:
        person = ctx.store.get(PEOPLE, line["si_code"]) or {}
        card = ctx.store.get(CARDS, line["si_code"])
        province = person.get("province_code", line["si_code"][:2])
        if card is None:
            card = {
                "si_code": line["si_code"],
                "province_code": province,
                "initial_facility_code": f"{province}002",
                "valid_from": line["valid_from"],
                "issued_on": ctx.sandbox.today().isoformat(),
                "address": "Việt Nam",
            }
        old_to = card.get("valid_to")
        next_day = None if old_to is None else dt.date.fromisoformat(old_to) + dt.timedelta(days=1)
        if next_day is None or line["valid_from"] > next_day.isoformat():
            card["valid_from"] = line["valid_from"]
        card.update(
            card_code=f"{HOUSEHOLD_GROUP}4{card['province_code']}{line['si_code']}",
            object_group=HOUSEHOLD_GROUP,
            benefit_level="4",
            valid_to=line["valid_to"],
        )
        ctx.store.put(CARDS, line["si_code"], card)


@handles("completeMyPayment")
def complete_payment(ctx: Ctx) -> dict[str, Any]:
    payment = owned(ctx, PAYMENTS, ctx.path["payment_id"], "payment")
    outcome = ctx.body["outcome"]
    wanted = "succeeded" if outcome == "approved" else "failed"
    if payment["status"] == wanted:
        return public(payment, "si_code")
    if payment["status"] != "pending":
        raise problem(409, "Conflict", detail=f"the payment is already {payment['status']}")
    registration = ctx.store.get(REGISTRATIONS, payment["registration_id"]) or {}
    now = ctx.sandbox.now()
    with ctx.store.transaction():
        payment["status"] = wanted
        payment["completed_at"] = now.isoformat()
        if wanted == "failed":
            payment["failure_reason"] = "declined by the payer at the payment gateway"
        elif registration.get("status") == "paid":
            payment["status"] = "failed"
            payment["failure_reason"] = "the registration was already paid by another payment"
        else:
            number = ctx.store.next_number(f"receipt:{now.year}")
            payment["receipt_number"] = f"BL{now.year}{number:06d}"
            registration["status"] = "paid"
            registration["payment_id"] = payment["id"]
            ctx.store.put(REGISTRATIONS, registration["id"], registration)
            if registration["purpose"] == "voluntary_si":
                _apply_voluntary(ctx, registration)
            else:
                _apply_household(ctx, registration)
        ctx.store.put(PAYMENTS, payment["id"], payment)
    ctx.sandbox.emit(
        f"payment.{payment['status']}",
        {"payment_id": payment["id"], "registration_id": payment["registration_id"]},
        owner=payment["si_code"],
    )
    if payment["status"] == "succeeded":
        _tell_paid(ctx, payment, registration)
    return public(payment, "si_code")


def _tell_paid(ctx: Ctx, payment: dict[str, Any], registration: dict[str, Any]) -> None:
    """A message for the payer: the receipt, and for household HI each member's new card."""
    amount = f"{payment['amount']:,}".replace(",", ".")
    notify(
        ctx.sandbox,
        payment["si_code"],
        "payment_received",
        "Đã nhận tiền đóng",
        f"BHXH đã nhận {amount} đồng, biên lai {payment['receipt_number']}.",
        payment["id"],
    )
    if registration.get("purpose") != "household_hi":
        return
    for line in registration["members"]:
        card = ctx.store.get(CARDS, line["si_code"]) or {}
        notify(
            ctx.sandbox,
            line["si_code"],
            "card_issued",
            "Thẻ BHYT đã được gia hạn",
            f"Thẻ BHYT {card.get('card_code', '')} có giá trị từ {line['valid_from']} đến "
            f"{line['valid_to']}.",
            payment["id"],
        )


@handles("getMyPayment")
def get_payment(ctx: Ctx) -> dict[str, Any]:
    return public(owned(ctx, PAYMENTS, ctx.path["payment_id"], "payment"), "si_code")


def _receipt_lines(registration: dict[str, Any]) -> list[dict[str, Any]]:
    if registration["purpose"] == "voluntary_si":
        months = registration["months"]
        return [
            {
                "description": (
                    f"BHXH tự nguyện {registration['period_from']}..{registration['period_to']}: "
                    f"22% x {registration['monthly_income']:,} x {months} tháng"
                ),
                "amount": registration["gross_per_month"] * months,
            },
            {
                "description": "Nhà nước hỗ trợ (state support)",
                "amount": registration["gross_per_month"] * months - registration["amount_due"],
            },
        ]
    return [
        {
            "description": f"BHYT hộ gia đình, người thứ {line['position']}: {line['full_name']}",
            "amount": line["amount"],
        }
        for line in registration["members"]
    ]


@handles("getMyReceipt")
def get_receipt(ctx: Ctx) -> dict[str, Any]:
    payment = owned(ctx, PAYMENTS, ctx.path["payment_id"], "payment")
    if payment["status"] != "succeeded":
        raise problem(
            409, "Conflict", detail=f"no receipt: the payment is {payment['status']}", slug="unpaid"
        )
    registration = ctx.store.get(REGISTRATIONS, payment["registration_id"]) or {}
    person = ctx.store.get(PEOPLE, payment["si_code"]) or {}
    return {
        "receipt_number": payment["receipt_number"],
        "payment_id": payment["id"],
        "purpose": payment["purpose"],
        "amount": payment["amount"],
        "paid_at": payment["completed_at"],
        "payer_si_code": payment["si_code"],
        "payer_name": person.get("full_name", ""),
        "lines": _receipt_lines(registration),
    }
