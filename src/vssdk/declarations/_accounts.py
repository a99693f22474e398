"""Operations on the unit's contribution account: back-payment with interest (601), refunds
and closing an employee's SI book."""

from __future__ import annotations

import datetime as dt

from vssdk._core.operation import Call, operation
from vssdk.cards import parse_si_code
from vssdk.citizen.models import BankAccount
from vssdk.declarations.accounts import (
    BackPayment,
    BackPaymentQuote,
    BackPaymentRequest,
    ContributionRefund,
    RefundReason,
    RefundRequest,
    SiBookConfirmation,
    SiBookRequest,
)
from vssdk.errors import InvalidArgument

SCOPE = "employer.declarations"


def _unit(value: str) -> str:
    text = value.strip().upper() if isinstance(value, str) else ""
    if not 3 <= len(text) <= 12 or not text.isalnum() or not text.isascii():
        raise InvalidArgument("unit_code", f"must be 3-12 letters/digits, got {value!r}")
    return text


def _id(value: str, prefix: str, argument: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not (text.startswith(prefix + "_") and text[len(prefix) + 1 :].isdigit()):
        raise InvalidArgument(argument, f"must look like {prefix}_000001, got {value!r}")
    return text


def _amount(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidArgument("amount", "must be a positive int amount in VND")
    return value


def _reference(value: str | None, *, required: bool) -> str | None:
    if value is None and not required:
        return None
    text = value.strip() if isinstance(value, str) else ""
    if not 1 <= len(text) <= 40:
        raise InvalidArgument("payment_reference", "must be 1 to 40 characters")
    return text


@operation(
    "getBackPaymentQuote",
    "GET",
    "/employers/{unit_code}/back-payment",
    response=BackPaymentQuote,
    principal="organisation",
    scope=SCOPE,
)
def quote_back_payment(unit_code: str, *, pay_on: dt.date | None = None) -> Call:
    """What the unit owes (truy đóng, 601) month by month, with the late-payment interest to
    ``pay_on`` (default: BHXH's today), computed by :mod:`vssdk.declarations.late_payment`."""
    if pay_on is not None and (isinstance(pay_on, dt.datetime) or not isinstance(pay_on, dt.date)):
        raise InvalidArgument("pay_on", "must be a datetime.date")
    return Call(path_params={"unit_code": _unit(unit_code)}, query={"pay_on": pay_on})


@operation(
    "payBackPayment",
    "POST",
    "/employers/{unit_code}/back-payments",
    response=BackPayment,
    success=201,
    principal="organisation",
    scope=SCOPE,
    request=BackPaymentRequest,
    accepts_idempotency_key=True,
)
def pay_back_payment(
    unit_code: str,
    amount: int,
    *,
    payment_reference: str | None = None,
    idempotency_key: str | None = None,
) -> Call:
    """Pay what the unit owes today, interest included: ``amount`` must equal the quote's total
    (a 422 gives the expected total). The months are credited to the employees on the clock."""
    body = BackPaymentRequest(
        amount=_amount(amount), payment_reference=_reference(payment_reference, required=False)
    )
    return Call(
        path_params={"unit_code": _unit(unit_code)}, body=body, idempotency_key=idempotency_key
    )


@operation(
    "getBackPayment",
    "GET",
    "/employers/{unit_code}/back-payments/{payment_id}",
    response=BackPayment,
    principal="organisation",
    scope=SCOPE,
)
def get_back_payment(unit_code: str, payment_id: str) -> Call:
    """One back-payment and whether its months are credited."""
    return Call(
        path_params={
            "unit_code": _unit(unit_code),
            "payment_id": _id(payment_id, "bkp", "payment_id"),
        }
    )


@operation(
    "requestContributionRefund",
    "POST",
    "/employers/{unit_code}/refunds",
    response=ContributionRefund,
    success=201,
    principal="organisation",
    scope=SCOPE,
    request=RefundRequest,
    accepts_idempotency_key=True,
)
def request_refund(
    unit_code: str,
    reason: RefundReason | str,
    payment_reference: str,
    amount: int,
    bank_account: BankAccount,
    *,
    idempotency_key: str | None = None,
) -> Call:
    """Ask for contributions paid twice or wrongly to be refunded (hoàn trả); BHXH checks
    the payment against the unit's account and decides on the clock."""
    try:
        why = RefundReason(reason)
    except ValueError:
        raise InvalidArgument("reason", "must be paid_twice, overpaid or wrong_unit") from None
    if not isinstance(bank_account, BankAccount):
        raise InvalidArgument("bank_account", "must be a vssdk.citizen.BankAccount")
    reference = _reference(payment_reference, required=True)
    assert reference is not None
    body = RefundRequest(
        reason=why, payment_reference=reference, amount=_amount(amount), bank_account=bank_account
    )
    return Call(
        path_params={"unit_code": _unit(unit_code)}, body=body, idempotency_key=idempotency_key
    )


@operation(
    "getContributionRefund",
    "GET",
    "/employers/{unit_code}/refunds/{refund_id}",
    response=ContributionRefund,
    principal="organisation",
    scope=SCOPE,
)
def get_refund(unit_code: str, refund_id: str) -> Call:
    """One refund request and BHXH's decision."""
    return Call(
        path_params={"unit_code": _unit(unit_code), "refund_id": _id(refund_id, "rfd", "refund_id")}
    )


@operation(
    "confirmSiBook",
    "POST",
    "/employers/{unit_code}/si-book-confirmations",
    response=SiBookConfirmation,
    success=201,
    principal="organisation",
    scope=SCOPE,
    request=SiBookRequest,
    accepts_idempotency_key=True,
)
def confirm_si_book(
    unit_code: str,
    si_code: str,
    termination_date: dt.date,
    *,
    idempotency_key: str | None = None,
) -> Call:
    """Close and confirm an employee's SI book when the contract ends (chốt sổ).

    Refused (422 ``si_book.contributions_owed``) while the unit owes contributions for a month
    the employee worked: pay them first (:meth:`pay_back_payment`).
    """
    try:
        code = str(parse_si_code(si_code))
    except InvalidArgument as exc:
        raise InvalidArgument("si_code", exc.reason, value=exc.value) from None
    if isinstance(termination_date, dt.datetime) or not isinstance(termination_date, dt.date):
        raise InvalidArgument("termination_date", "must be a datetime.date")
    body = SiBookRequest(si_code=code, termination_date=termination_date)
    return Call(
        path_params={"unit_code": _unit(unit_code)}, body=body, idempotency_key=idempotency_key
    )


@operation(
    "getSiBookConfirmation",
    "GET",
    "/employers/{unit_code}/si-book-confirmations/{confirmation_id}",
    response=SiBookConfirmation,
    principal="organisation",
    scope=SCOPE,
)
def get_si_book_confirmation(unit_code: str, confirmation_id: str) -> Call:
    """One SI-book confirmation and its status."""
    return Call(
        path_params={
            "unit_code": _unit(unit_code),
            "confirmation_id": _id(confirmation_id, "sbk", "confirmation_id"),
        }
    )
