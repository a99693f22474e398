"""Models of the claims area's REST dialect: receipts, rule errors, amounts, assessment."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs

from vssdk._core.model import Model

__all__ = [
    "CheckInReceipt",
    "ClaimAmounts",
    "ClaimAssessment",
    "ClaimCheck",
    "ClaimCheckName",
    "ClaimCheckStatus",
    "ClaimFeedback",
    "ClaimRuleError",
    "ClaimStatus",
    "ClaimSubmission",
    "ClaimWithdrawal",
]


class ClaimStatus(enum.StrEnum):
    """Where a claim is: ``received`` → ``accepted``/``rejected`` → ``assessed``; a corrected
    version makes the earlier one ``superseded``; ``withdrawn`` after a withdrawal."""

    RECEIVED = "received"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    ASSESSED = "assessed"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


@attrs.frozen(slots=True)
class ClaimRuleError(Model):
    """One failed rule, by table, 1-based row and wire field."""

    table: str
    field: str
    rule: str
    message: str
    row: int | None = None


@attrs.frozen(slots=True)
class ClaimAmounts(Model):
    """The dossier's totals as read by the receiver (decimal VND)."""

    total: Decimal
    insured: Decimal
    fund: Decimal
    patient_copay: Decimal
    patient_outside: Decimal


@attrs.frozen(slots=True)
class ClaimAssessment(Model):
    """The assessment result (simulated by the sandbox)."""

    approved_amount: Decimal
    assessed_at: dt.datetime
    denied_amount: Decimal | None = None
    note: str | None = None


@attrs.frozen(slots=True)
class ClaimSubmission(Model):
    """A submitted claim: receipt (``transaction_id`` = ``maGiaoDich``), status, errors."""

    id: str
    facility_code: str
    link_key: str
    version: int
    standard: str
    status: ClaimStatus
    transaction_id: str
    received_at: dt.datetime
    amounts: ClaimAmounts | None = None
    errors: tuple[ClaimRuleError, ...] = ()
    warnings: tuple[ClaimRuleError, ...] = ()
    assessment: ClaimAssessment | None = None
    withdrawn_at: dt.datetime | None = None
    withdrawal_reason: str | None = None


@attrs.frozen(slots=True)
class ClaimWithdrawal(Model):
    """Body of a withdrawal: why the payment request is withdrawn."""

    reason: str


class ClaimCheckName(enum.StrEnum):
    """The automated checks after receipt: sent on time, structure, card data."""

    TIMELINESS = "timeliness"
    STRUCTURE = "structure"
    CARD_DATA = "card_data"


class ClaimCheckStatus(enum.StrEnum):
    """``pending`` until the check's window has passed, then ``passed`` or ``failed``."""

    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"


@attrs.frozen(slots=True)
class ClaimCheck(Model):
    """One automated check after receipt: ``timeliness``, ``structure`` or ``card_data``;
    ``pending`` until ``due_at``, then ``passed`` or ``failed`` (with errors)."""

    name: ClaimCheckName
    status: ClaimCheckStatus
    due_at: dt.datetime
    errors: tuple[ClaimRuleError, ...] = ()


@attrs.frozen(slots=True)
class ClaimFeedback(Model):
    """The automated checks' feedback and the assessment of one claim version.

    ``simulated`` is true from the sandbox: the real system shows these on its portal only."""

    claim_id: str
    link_key: str
    version: int
    status: ClaimStatus
    simulated: bool
    checks: tuple[ClaimCheck, ...] = ()
    assessment: ClaimAssessment | None = None


@attrs.frozen(slots=True)
class CheckInReceipt(Model):
    """The receipt of an XML0 check-in file."""

    id: str
    facility_code: str
    status: str
    transaction_id: str
    received_at: dt.datetime
    rows: int
    errors: tuple[ClaimRuleError, ...] = ()
