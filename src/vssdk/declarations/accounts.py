"""Models of the unit's contribution account: back-payment (601), refunds and closing an
employee's SI book."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from vssdk._core.model import Model
from vssdk.citizen.models import BankAccount

__all__ = [
    "BackPayment",
    "BackPaymentQuote",
    "BackPaymentRequest",
    "BackPaymentStatus",
    "ContributionRefund",
    "OwedMonth",
    "RefundReason",
    "RefundRequest",
    "RefundStatus",
    "SiBookConfirmation",
    "SiBookRequest",
    "SiBookStatus",
]


@attrs.frozen(slots=True)
class OwedMonth(Model):
    """One month the unit has not paid: what is due, the deadline and the interest so far."""

    month: str
    employees: int
    amount: int
    due_on: dt.date
    days_late: int
    interest: int


@attrs.frozen(slots=True)
class BackPaymentQuote(Model):
    """Everything the unit owes on ``pay_on``: principal plus late-payment interest."""

    unit_code: str
    pay_on: dt.date
    months: list[OwedMonth]
    principal: int
    interest: int
    total: int
    daily_rate: Decimal
    citation: str | None = None


@attrs.frozen(slots=True)
class BackPaymentRequest(Model):
    amount: int
    payment_reference: str | None = None


class BackPaymentStatus(enum.StrEnum):
    RECEIVED = "received"
    CREDITED = "credited"


@attrs.frozen(slots=True)
class BackPayment(Model):
    """A back-payment; once ``credited`` the months count in the employees' SI books."""

    id: str
    unit_code: str
    status: BackPaymentStatus
    months: list[OwedMonth]
    principal: int
    interest: int
    total: int
    paid_on: dt.date
    payment_reference: str | None = None
    credited_at: dt.datetime | None = None


class RefundReason(enum.StrEnum):
    PAID_TWICE = "paid_twice"
    OVERPAID = "overpaid"
    WRONG_UNIT = "wrong_unit"


@attrs.frozen(slots=True)
class RefundRequest(Model):
    reason: RefundReason
    payment_reference: str
    amount: int
    bank_account: BankAccount


class RefundStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"


@attrs.frozen(slots=True)
class ContributionRefund(Model):
    """A refund request and BHXH's decision."""

    id: str
    unit_code: str
    status: RefundStatus
    reason: RefundReason
    payment_reference: str
    amount: int
    submitted_at: dt.datetime
    decided_at: dt.datetime | None = None
    rejection_reason: str | None = None


@attrs.frozen(slots=True)
class SiBookRequest(Model):
    si_code: str
    termination_date: dt.date


class SiBookStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"


@attrs.frozen(slots=True)
class SiBookConfirmation(Model):
    """Closing (chốt sổ) an employee's SI book when the contract ends."""

    id: str
    unit_code: str
    si_code: str
    full_name: str
    status: SiBookStatus
    termination_date: dt.date
    last_month: str
    submitted_at: dt.datetime
    months_with_unit: int | None = None
    months_total: int | None = None
    confirmed_at: dt.datetime | None = None
