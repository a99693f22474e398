"""Models of what citizens file with BHXH beyond VssID's four public services, and what BHXH
sends back: messages, contributions month by month, card re-issue, information changes, claims
for long-term benefits and direct HI reimbursement."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from vssdk._core.model import Model
from vssdk.citizen.models import BankAccount, ParticipationKind, Sex, VisitKind

__all__ = [
    "CardReissueReason",
    "CardReissueRequest",
    "ContributionMonth",
    "ContributionStatus",
    "EvidenceDocument",
    "EvidenceKind",
    "HiReimbursementClaim",
    "InformationChangeRequest",
    "InjuryKind",
    "Notification",
    "NotificationKind",
    "OccupationalInjuryClaim",
    "PensionClaim",
    "PersonalDetails",
    "ReimbursementReason",
    "SurvivorBenefitClaim",
    "SurvivorRelationship",
]


class NotificationKind(enum.StrEnum):
    DOSSIER_RESULT = "dossier_result"
    BENEFIT_PAID = "benefit_paid"
    CARD_ISSUED = "card_issued"
    PAYMENT_RECEIVED = "payment_received"
    CONTRIBUTION_GAP = "contribution_gap"
    INFORMATION_UPDATED = "information_updated"
    SI_BOOK_CLOSED = "si_book_closed"


@attrs.frozen(slots=True)
class Notification(Model):
    """A message from BHXH (thông báo) as VssID shows it; title and body are kept as sent."""

    id: str
    kind: NotificationKind
    title: str
    body: str
    created_at: dt.datetime
    read: bool
    read_at: dt.datetime | None = None
    related_id: str | None = None


class ContributionStatus(enum.StrEnum):
    """``paid``: recorded in the SI book; ``owed``: the employer has not paid the month."""

    PAID = "paid"
    OWED = "owed"


@attrs.frozen(slots=True)
class ContributionMonth(Model):
    """One month of SI contributions as recorded (thông tin ghi nhận đóng)."""

    month: str
    kind: ParticipationKind
    salary: int
    amount: int
    status: ContributionStatus
    employer_unit_code: str | None = None
    employer_name: str | None = None
    employer_owes_since: dt.date | None = None


class CardReissueReason(enum.StrEnum):
    """Lost or damaged (cấp lại, procedure 612) or details changed (đổi thẻ, 610)."""

    LOST = "lost"
    DAMAGED = "damaged"
    INFORMATION_CHANGED = "information_changed"


@attrs.frozen(slots=True)
class CardReissueRequest(Model):
    reason: CardReissueReason
    paper_card: bool | None = None


class EvidenceKind(enum.StrEnum):
    CITIZEN_ID_CARD = "citizen_id_card"
    BIRTH_CERTIFICATE = "birth_certificate"
    CIVIL_STATUS_EXTRACT = "civil_status_extract"
    COURT_DECISION = "court_decision"
    OTHER = "other"


@attrs.frozen(slots=True)
class EvidenceDocument(Model):
    """A document proving a change (its number and date; the file itself stays with BHXH)."""

    kind: EvidenceKind
    number: str
    issued_on: dt.date
    issuer: str | None = None


@attrs.frozen(slots=True)
class PersonalDetails(Model):
    """The details to correct; fields left ``None`` stay as they are."""

    full_name: str | None = None
    birth_date: dt.date | None = None
    sex: Sex | None = None
    citizen_id: str | None = None


@attrs.frozen(slots=True)
class InformationChangeRequest(Model):
    changes: PersonalDetails
    evidence: list[EvidenceDocument]


@attrs.frozen(slots=True)
class PensionClaim(Model):
    retirement_date: dt.date
    bank_account: BankAccount
    hazardous: bool | None = None


class SurvivorRelationship(enum.StrEnum):
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    OTHER = "other"


@attrs.frozen(slots=True)
class SurvivorBenefitClaim(Model):
    deceased_si_code: str
    death_date: dt.date
    relationship: SurvivorRelationship
    dependants: int
    bank_account: BankAccount


class InjuryKind(enum.StrEnum):
    ACCIDENT = "accident"
    DISEASE = "disease"


@attrs.frozen(slots=True)
class OccupationalInjuryClaim(Model):
    kind: InjuryKind
    event_date: dt.date
    capacity_loss_percent: int
    employer_unit_code: str
    bank_account: BankAccount


class ReimbursementReason(enum.StrEnum):
    """Care at a facility without an HI contract, or at a contracted one without the card."""

    NON_CONTRACTED_FACILITY = "non_contracted_facility"
    CARD_NOT_PRESENTED = "card_not_presented"


@attrs.frozen(slots=True)
class HiReimbursementClaim(Model):
    facility_code: str
    visit_kind: VisitKind
    admitted_on: dt.date
    discharged_on: dt.date
    covered_cost: int
    invoice_number: str
    reason: ReimbursementReason
    bank_account: BankAccount
