"""The legal rules BHXH applies in the linked procedures (pure functions, used by the sandbox).

- Card of a child under 6 (object group ``TE``, benefit level 1): valid from birth until the child
  reaches 72 months; when that day comes before school entry, until 30 September of that year
  (Law on Health Insurance 25/2008/QH12 Art. 16(3) as amended by Law 46/2014/QH13; the start on
  the birth date is an assumption). The sandbox's seeded children use the same function.
- Funeral allowance: 10 × the reference level (base salary) of the month of death when the
  deceased was a pensioner, died of an occupational accident or disease, had ≥ 12 months of
  compulsory SI or ≥ 60 months of voluntary SI (Law 41/2024 Art 85, 109; Law 58/2014 Art 66).
- Unemployment benefit: one payment per benefit month, each due on the day its month starts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from vssdk import benefits
from vssdk.calendar import add_months_to_date
from vssdk.errors import InvalidArgument

__all__ = [
    "CHILD_CARD_MONTHS",
    "FuneralDecision",
    "add_months",
    "age_in_months",
    "child_card_validity",
    "funeral_decision",
    "payment_schedule",
]

CHILD_CARD_MONTHS = 72


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months; the day of month is clamped (31 Jan + 1 → 28/29 Feb)."""
    return add_months_to_date(day, months)


def age_in_months(birth_date: dt.date, on: dt.date) -> int:
    """Completed months of age on ``on``."""
    months = (on.year - birth_date.year) * 12 + on.month - birth_date.month
    if add_months(birth_date, months) > on:
        months -= 1
    return months


def child_card_validity(birth_date: dt.date) -> tuple[dt.date, dt.date]:
    """Validity of a ``TE`` card: from birth to 72 months, extended to 30/9 before school entry."""
    reaches = add_months(birth_date, CHILD_CARD_MONTHS)
    school_year_end = dt.date(reaches.year, 9, 30)
    return birth_date, school_year_end if reaches <= school_year_end else reaches


@attrs.frozen(slots=True)
class FuneralDecision:
    """Whether the funeral allowance is due, how much (VND), why, and the citation."""

    eligible: bool
    amount: int
    reason: str
    citation: str


def funeral_decision(
    *,
    date_of_death: dt.date,
    compulsory_months: int,
    voluntary_months: int,
    pensioner: bool,
    occupational: bool,
) -> FuneralDecision:
    """Decide the funeral allowance from the participation history.

    Law 58/2014/QH13 Art. 66; from 2025-07-01 Law 41/2024/QH15 Art. 85.

    Eligibility and amount come from :func:`vssdk.benefits.funeral_allowance`; this adds the
    reason BHXH states in its decision.
    """
    result = benefits.funeral_allowance(
        date_of_death,
        compulsory_months,
        voluntary_months=voluntary_months,
        pensioner=pensioner,
        occupational_death=occupational,
    )
    citation = "; ".join(result.citations)
    if not result.eligible:
        return FuneralDecision(
            eligible=False,
            amount=0,
            reason=(
                f"{compulsory_months} months of compulsory SI (needs 12) and "
                f"{voluntary_months} of voluntary SI (needs 60); funeral cost support is a "
                "social-protection matter"
            ),
            citation=citation,
        )
    if pensioner:
        reason = "the deceased received a pension"
    elif occupational:
        reason = "death from an occupational accident or disease"
    elif compulsory_months >= 12:
        reason = f"{compulsory_months} months of compulsory SI (at least 12)"
    else:
        reason = f"{voluntary_months} months of voluntary SI (at least 60)"
    base = result.parameters["base_salary"]
    return FuneralDecision(
        eligible=True,
        amount=result.amount,
        reason=f"{reason}: 10 × reference level {base.value:,} VND ({base.citation.document})",
        citation=citation,
    )


def payment_schedule(start_date: dt.date, months: int, monthly_amount: int) -> list[dict[str, Any]]:
    """One scheduled payment per benefit month (sequence, month, due date, amount)."""
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 12:
        raise InvalidArgument("months", "must be 1-12 (Employment Law Art 39(2))", value=months)
    if (
        isinstance(monthly_amount, bool)
        or not isinstance(monthly_amount, int)
        or monthly_amount < 1
    ):
        raise InvalidArgument("monthly_amount", "must be a positive whole number of VND")
    out = []
    for index in range(months):
        due = add_months(start_date, index)
        out.append(
            {
                "sequence": index + 1,
                "month": f"{due.year:04d}-{due.month:02d}",
                "due_on": due.isoformat(),
                "amount": monthly_amount,
                "status": "scheduled",
            }
        )
    return out
