"""Late payment of compulsory contributions (chậm đóng): the deadline and the interest charged.

A unit pays each month's contributions by the last day of the following month (Law 41/2024/QH15
Art 34(4)(a)); paying later is late payment (Art 38(1)), and the unit pays 0.03% per day on the
amount paid late (Art 40(1), in force from 2025-07-01). The rate is data here (:data:`DAILY_RATES`),
with its citation and the day it starts. Late days before 2025-07-01 followed Law 58/2014/QH13
Art 122(3) (twice the SI fund's average investment return of the previous year, published
yearly); vssdk does not hold those rates and refuses such a period rather than guessing.

Day count (a choice, recorded in docs/declarations-notes.md): the days after the deadline up to
and including the payment day, so paying on the day after the deadline is 1 day late.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import attrs

from vssdk.calendar import add_months
from vssdk.errors import InvalidArgument

__all__ = ["DAILY_RATES", "LateInterest", "late_payment_interest", "payment_deadline"]

# (first late day the rate applies to, rate per day as a fraction, citation)
DAILY_RATES: tuple[tuple[dt.date, Decimal, str], ...] = (
    (dt.date(2025, 7, 1), Decimal("0.0003"), "Law 41/2024/QH15 Art 40(1)"),
)


def _month_text(month: str) -> str:
    text = month.strip() if isinstance(month, str) else ""
    if len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isdigit():
        raise InvalidArgument("month", f"must be YYYY-MM, got {month!r}")
    if not 1 <= int(text[5:]) <= 12:
        raise InvalidArgument("month", f"no month {text[5:]}")
    return text


def payment_deadline(month: str) -> dt.date:
    """The last day to pay ``month``'s contributions (YYYY-MM): the end of the next month."""
    after = dt.date.fromisoformat(add_months(_month_text(month), 2) + "-01")
    return after - dt.timedelta(days=1)


@attrs.frozen(slots=True)
class LateInterest:
    """Interest on one month's contributions paid on ``paid_on``."""

    month: str
    amount: int
    due_on: dt.date
    paid_on: dt.date
    days_late: int
    daily_rate: Decimal
    interest: int
    citation: str

    def explain(self) -> str:
        """The computation in Vietnamese, as BHXH's notice would put it."""
        if self.days_late == 0:
            return f"Tháng {self.month}: nộp trong hạn ({self.due_on:%d/%m/%Y}), không tính lãi."
        amount = f"{self.amount:,}".replace(",", ".")
        interest = f"{self.interest:,}".replace(",", ".")
        rate = f"{self.daily_rate * 100:.2f}".replace(".", ",")
        return (
            f"Tháng {self.month}: hạn nộp {self.due_on:%d/%m/%Y}; chậm {self.days_late} ngày; "
            f"{amount} đồng × {rate}%/ngày × {self.days_late} = {interest} đồng "
            f"({self.citation})."
        )


def late_payment_interest(amount: int, month: str, paid_on: dt.date) -> LateInterest:
    """The interest a unit pays when ``month``'s ``amount`` (VND) is paid on ``paid_on``."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise InvalidArgument("amount", "must be a non-negative int amount in VND")
    if isinstance(paid_on, dt.datetime) or not isinstance(paid_on, dt.date):
        raise InvalidArgument("paid_on", "must be a datetime.date")
    due = payment_deadline(month)
    days = max(0, (paid_on - due).days)
    first_late = due + dt.timedelta(days=1)
    rate, citation = Decimal(0), DAILY_RATES[0][2]
    if days:
        applicable = [r for r in DAILY_RATES if r[0] <= first_late]
        if not applicable:
            raise InvalidArgument(
                "month",
                f"late from {first_late.isoformat()}: interest before "
                f"{DAILY_RATES[0][0].isoformat()} followed Law 58/2014/QH13 Art 122(3), "
                "whose yearly rates vssdk does not hold",
            )
        _, rate, citation = applicable[-1]
    interest = (Decimal(amount) * rate * days).quantize(Decimal(1), ROUND_HALF_UP)
    return LateInterest(
        month=_month_text(month),
        amount=amount,
        due_on=due,
        paid_on=paid_on,
        days_late=days,
        daily_rate=rate,
        interest=int(interest),
        citation=citation,
    )
