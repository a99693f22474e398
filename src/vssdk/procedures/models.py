"""Models of the procedures area: what ministries submit and the case BHXH keeps for it."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from vssdk._core.model import Model

__all__ = [
    "BirthLinkSubmission",
    "Claimant",
    "DeathCause",
    "DeathLinkSubmission",
    "FuneralAllowance",
    "LinkedApplication",
    "LinkedApplicationStatus",
    "LinkedApplicationType",
    "LinkedAuditEntry",
    "LinkedCard",
    "LinkedPayment",
    "LinkedStatusChange",
    "LinkedStep",
    "Newborn",
    "Person",
    "Residence",
    "Sex",
    "UnemploymentDecisionSubmission",
]


class Sex(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


@attrs.frozen(slots=True)
class Person(Model):
    """A named person with a 12-digit personal ID (parent, deceased, benefit recipient)."""

    full_name: str
    citizen_id: str


@attrs.frozen(slots=True)
class Newborn(Model):
    """The child of a birth registration (the personal ID is assigned at registration)."""

    full_name: str
    birth_date: dt.date
    sex: Sex
    citizen_id: str


@attrs.frozen(slots=True)
class Residence(Model):
    """Where the child's permanent residence is registered."""

    province_code: str
    address: str


@attrs.frozen(slots=True)
class Claimant(Model):
    """Who claims the funeral allowance (usually the person who organised the funeral)."""

    full_name: str
    citizen_id: str
    relationship: str


class DeathCause(enum.StrEnum):
    NATURAL = "natural"
    OCCUPATIONAL_ACCIDENT = "occupational_accident"
    OCCUPATIONAL_DISEASE = "occupational_disease"


@attrs.frozen(slots=True)
class BirthLinkSubmission(Model):
    """Body of ``submitBirthLink``."""

    registration_number: str
    registered_on: dt.date
    child: Newborn
    residence: Residence
    mother: Person | None = None
    father: Person | None = None
    birth_certificate_number: str | None = None


@attrs.frozen(slots=True)
class DeathLinkSubmission(Model):
    """Body of ``submitDeathLink``."""

    registration_number: str
    registered_on: dt.date
    deceased: Person
    date_of_death: dt.date
    claimant: Claimant
    cause: DeathCause | None = None
    death_notice_number: str | None = None


@attrs.frozen(slots=True)
class UnemploymentDecisionSubmission(Model):
    """Body of ``submitUnemploymentDecision``."""

    decision_number: str
    decided_on: dt.date
    issued_by: str
    person: Person
    monthly_amount: int
    months: int
    start_date: dt.date


class LinkedApplicationType(enum.StrEnum):
    BIRTH = "birth"
    DEATH = "death"
    UNEMPLOYMENT = "unemployment"


class LinkedApplicationStatus(enum.StrEnum):
    """Lifecycle: submitted → in_progress → (decided → paying →) completed, or rejected."""

    SUBMITTED = "submitted"
    IN_PROGRESS = "in_progress"
    DECIDED = "decided"
    PAYING = "paying"
    COMPLETED = "completed"
    REJECTED = "rejected"


@attrs.frozen(slots=True)
class LinkedStatusChange(Model):
    status: LinkedApplicationStatus
    at: dt.datetime
    reason: str


@attrs.frozen(slots=True)
class LinkedStep(Model):
    """One agency's step (justice registers, police record residence, BHXH decides)."""

    agency: str
    action: str
    status: str
    reference: str | None = None
    completed_at: dt.datetime | None = None


@attrs.frozen(slots=True)
class LinkedCard(Model):
    """The child's SI code and HI card (object group TE)."""

    si_code: str
    card_code: str
    object_group: str
    benefit_level: str
    valid_from: dt.date
    valid_to: dt.date


@attrs.frozen(slots=True)
class FuneralAllowance(Model):
    """BHXH's decision on the funeral allowance, with the participation it was based on."""

    eligible: bool
    amount: int
    reason: str
    compulsory_months: int
    voluntary_months: int
    pensioner: bool
    citation: str | None = None


@attrs.frozen(slots=True)
class LinkedPayment(Model):
    """One payment (a benefit month, or the allowance)."""

    sequence: int
    month: str
    due_on: dt.date
    amount: int
    status: str
    paid_at: dt.datetime | None = None
    reference: str | None = None


@attrs.frozen(slots=True)
class LinkedApplication(Model):
    """A case: one submitted record and everything BHXH did with it."""

    id: str
    type: LinkedApplicationType
    record_number: str
    status: LinkedApplicationStatus
    submitted_at: dt.datetime
    updated_at: dt.datetime
    subject: Person
    status_history: tuple[LinkedStatusChange, ...]
    steps: tuple[LinkedStep, ...]
    payments: tuple[LinkedPayment, ...]
    card: LinkedCard | None = None
    funeral_allowance: FuneralAllowance | None = None
    total_amount: int | None = None
    rejection_reason: str | None = None


@attrs.frozen(slots=True)
class LinkedAuditEntry(Model):
    """Who did what to a case, and when."""

    at: dt.datetime
    actor: str
    action: str
    detail: str
