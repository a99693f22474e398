"""Models of the declarations API: employer profile, dossier submission, dossier, result documents.

Field names are the JSON names of ``spec/src/70-declarations.yaml``; money is int VND.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from vssdk._core.model import Model
from vssdk.declarations.codes import UnitPaymentMode

__all__ = [
    "ContributionNotice",
    "DossierDocumentKind",
    "DossierDocumentRef",
    "DossierFile",
    "DossierFileInfo",
    "DossierRowError",
    "DossierStatus",
    "DossierStatusChange",
    "DossierSubmission",
    "EmployerDossier",
    "EmployerProfile",
    "FormCode",
    "FundAmount",
]


class FormCode(enum.StrEnum):
    """The forms a dossier may carry (one signed XML file each)."""

    D02_LT = "D02-LT"
    TK1_TS = "TK1-TS"
    TK3_TS = "TK3-TS"
    D03_TS = "D03-TS"
    D05_TS = "D05-TS"
    DK_GD = "DK-GD"


class DossierStatus(enum.StrEnum):
    """Dossier lifecycle: submitted → received → processing → accepted | rejected.

    I-VAN vendor status codes (one vendor's public code: SECONDARY): submitted 200, processing
    201, accepted 202 (result available), rejected 203.
    """

    SUBMITTED = "submitted"
    RECEIVED = "received"
    PROCESSING = "processing"
    ACCEPTED = "accepted"
    REJECTED = "rejected"

    @property
    def final(self) -> bool:
        """True once BHXH has decided (accepted or rejected)."""
        return self in (DossierStatus.ACCEPTED, DossierStatus.REJECTED)


class DossierDocumentKind(enum.StrEnum):
    """Result documents BHXH issues for a dossier."""

    CONTRIBUTION_NOTICE = "contribution_notice"  # thông báo kết quả đóng (C12-TS)


@attrs.frozen(slots=True)
class EmployerProfile(Model):
    """A unit taking part in SI (TK3-TS data): codes, name, wage region, BHXH agency."""

    unit_code: str
    name: str
    region: int
    agency_code: str
    tax_code: str | None = None
    province_code: str | None = None
    address: str | None = None
    payment_mode: UnitPaymentMode | None = None


@attrs.frozen(slots=True)
class DossierFile(Model):
    """One signed form file, base64-encoded."""

    form_code: FormCode
    content_base64: str


@attrs.frozen(slots=True)
class DossierSubmission(Model):
    """The body of a submission: procedure, period (``YYYY-MM``) and the signed files."""

    procedure_code: str
    period: str
    files: tuple[DossierFile, ...]


@attrs.frozen(slots=True)
class DossierFileInfo(Model):
    """What BHXH recorded of one file: form, rows, the signer certificate's SHA-256."""

    form_code: FormCode
    rows: int
    signer_fingerprint: str


@attrs.frozen(slots=True)
class DossierRowError(Model):
    """One reason for rejection: form, row (1-based; absent for the header), field, rule."""

    form_code: FormCode
    field: str
    rule: str
    message: str
    row: int | None = None


@attrs.frozen(slots=True)
class DossierDocumentRef(Model):
    """A result document attached to the dossier."""

    document_id: str
    kind: DossierDocumentKind
    title: str


@attrs.frozen(slots=True)
class DossierStatusChange(Model):
    """One step of the dossier's history."""

    status: DossierStatus
    at: dt.datetime


@attrs.frozen(slots=True)
class EmployerDossier(Model):
    """A submitted dossier and where it stands."""

    id: str
    unit_code: str
    procedure_code: str
    period: str
    status: DossierStatus
    submitted_at: dt.datetime
    files: tuple[DossierFileInfo, ...]
    status_history: tuple[DossierStatusChange, ...]
    dossier_number: str | None = None
    appointment_date: dt.date | None = None
    decided_at: dt.datetime | None = None
    errors: tuple[DossierRowError, ...] = ()
    documents: tuple[DossierDocumentRef, ...] = ()


@attrs.frozen(slots=True)
class FundAmount(Model):
    """Employee and employer amounts of one fund for the month (VND)."""

    fund: str
    employee: int
    employer: int
    total: int


@attrs.frozen(slots=True)
class ContributionNotice(Model):
    """Notification of contributions due (C12-TS-like) issued when a dossier is accepted."""

    document_id: str
    dossier_id: str
    unit_code: str
    period: str
    employees: int
    funds: tuple[FundAmount, ...]
    employee_total: int
    employer_total: int
    total: int
    issued_at: dt.datetime
