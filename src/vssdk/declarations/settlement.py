"""What BHXH answers to a 01B-HSB list: a decision per row, with the amount and its reasons."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from vssdk._core.model import Model

__all__ = [
    "BenefitSettlement",
    "BenefitSettlementSubmission",
    "SettlementRow",
    "SettlementRowStatus",
    "SettlementStatus",
]


class SettlementStatus(enum.StrEnum):
    """``received`` → ``decided`` (every row accepted or refused) → ``paid``."""

    RECEIVED = "received"
    DECIDED = "decided"
    PAID = "paid"


class SettlementRowStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    PAID = "paid"


@attrs.frozen(slots=True)
class BenefitSettlementSubmission(Model):
    """Body of ``submitBenefitSettlement``: the signed 01B-HSB file, base64."""

    period: str
    batch: int
    file: str


@attrs.frozen(slots=True)
class SettlementRow(Model):
    """BHXH's decision on one row: the amount (computed by :mod:`vssdk.benefits`, with the
    explanation in Vietnamese and English and the legal citations) or why it was refused."""

    row: int
    si_code: str
    full_name: str
    regime: str
    leave_from: dt.date
    leave_to: dt.date
    days_claimed: int
    status: SettlementRowStatus
    certificate_number: str | None = None
    days_paid: int | None = None
    amount: int | None = None
    explanation: str | None = None
    explanation_en: str | None = None
    citations: tuple[str, ...] = ()
    refusal_code: str | None = None
    refusal_reason: str | None = None
    paid_at: dt.datetime | None = None


@attrs.frozen(slots=True)
class BenefitSettlement(Model):
    """A settlement list as BHXH holds it."""

    id: str
    unit_code: str
    period: str
    batch: int
    status: SettlementStatus
    submitted_at: dt.datetime
    updated_at: dt.datetime
    receipt_number: str
    rows: tuple[SettlementRow, ...]
    total_amount: int
    accepted_rows: int
    refused_rows: int
    decided_at: dt.datetime | None = None
    paid_at: dt.datetime | None = None

    @property
    def final(self) -> bool:
        """Decided or paid: every row has its answer."""
        return self.status is not SettlementStatus.RECEIVED
