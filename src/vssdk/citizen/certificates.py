"""What a citizen sees of the medical chain: the certificates issued for them (as VssID shows
"cấp giấy nghỉ") and the benefits their employer claimed from them (amount, or why refused)."""

from __future__ import annotations

import datetime as dt

import attrs

from vssdk._core.model import Model

__all__ = ["MyCertificateBenefit", "MyMedicalDocument"]


@attrs.frozen(slots=True)
class MyMedicalDocument(Model):
    """One certificate about the signed-in citizen (for a birth certificate: the mother)."""

    id: str
    type: str
    title: str
    document_number: str
    facility_code: str
    issued_on: dt.date
    status: str
    facility_name: str | None = None
    leave_from: dt.date | None = None
    leave_to: dt.date | None = None
    days: int | None = None
    diagnosis: str | None = None
    child_name: str | None = None
    child_birth_date: dt.date | None = None
    licence_class: str | None = None
    fit: bool | None = None
    valid_until: dt.date | None = None


@attrs.frozen(slots=True)
class MyCertificateBenefit(Model):
    """One 01B-HSB row about the signed-in citizen and BHXH's answer."""

    settlement_id: str
    row: int
    regime: str
    unit_code: str
    period: str
    leave_from: dt.date
    leave_to: dt.date
    days_claimed: int
    status: str
    certificate_number: str | None = None
    days_paid: int | None = None
    amount: int | None = None
    explanation: str | None = None
    refusal_reason: str | None = None
    decided_at: dt.datetime | None = None
    paid_at: dt.datetime | None = None
