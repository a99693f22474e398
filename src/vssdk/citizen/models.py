"""Models of the citizen area (what VssID shows and what its public services send and return)."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from vssdk._core.model import Model

__all__ = [
    "Application",
    "ApplicationDecision",
    "ApplicationProcedure",
    "ApplicationStatus",
    "ApplicationStatusChange",
    "BankAccount",
    "BenefitKind",
    "BenefitRecord",
    "CardQr",
    "CardStatus",
    "CitizenCard",
    "CitizenProfile",
    "FacilityRef",
    "FundTotals",
    "Household",
    "HouseholdHiMember",
    "HouseholdHiMemberLine",
    "HouseholdHiRegistration",
    "HouseholdHiRequest",
    "HouseholdMember",
    "MedicalVisit",
    "OneTimeSiClaim",
    "OneTimeSiGround",
    "ParticipationKind",
    "ParticipationPeriod",
    "ParticipationSummary",
    "Payment",
    "PaymentCompletion",
    "PaymentMethod",
    "PaymentOutcome",
    "PaymentPurpose",
    "PaymentRequest",
    "PaymentStatus",
    "Receipt",
    "ReceiptLine",
    "RegistrationStatus",
    "Scheme",
    "Sex",
    "SupportGroup",
    "UnemploymentClaim",
    "VisitKind",
    "VoluntarySiPaymentMode",
    "VoluntarySiRegistration",
    "VoluntarySiRequest",
]


class Sex(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


class Scheme(enum.StrEnum):
    """A fund: social, unemployment, occupational accident/disease or health insurance."""

    SI = "si"
    UI = "ui"
    OA = "oa"
    HI = "hi"


class ParticipationKind(enum.StrEnum):
    COMPULSORY = "compulsory"
    VOLUNTARY = "voluntary"
    HOUSEHOLD = "household"
    STATE_PAID = "state_paid"


class CardStatus(enum.StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"


class BenefitKind(enum.StrEnum):
    ONE_TIME_SI = "one_time_si"
    SICKNESS = "sickness"
    MATERNITY = "maternity"
    CONVALESCENCE = "convalescence"
    OCCUPATIONAL_ACCIDENT = "occupational_accident"
    UNEMPLOYMENT = "unemployment"
    PENSION = "pension"


class VisitKind(enum.StrEnum):
    OUTPATIENT = "outpatient"
    INPATIENT = "inpatient"


class VoluntarySiPaymentMode(enum.StrEnum):
    """Every 1, 3, 6 or 12 months (Law 41/2024 Art 36(2))."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}[self.value]


class SupportGroup(enum.StrEnum):
    """State-support group for voluntary SI (Decree 159/2025 Art 5)."""

    POOR = "poor"
    NEAR_POOR = "near_poor"
    ETHNIC_MINORITY = "ethnic_minority"
    ISLAND = "island"
    OTHER = "other"


class RegistrationStatus(enum.StrEnum):
    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"


class PaymentMethod(enum.StrEnum):
    QR = "qr"
    BANK_CARD = "bank_card"
    E_WALLET = "e_wallet"


class PaymentPurpose(enum.StrEnum):
    VOLUNTARY_SI = "voluntary_si"
    HOUSEHOLD_HI = "household_hi"


class PaymentStatus(enum.StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class PaymentOutcome(enum.StrEnum):
    APPROVED = "approved"
    DECLINED = "declined"


class OneTimeSiGround(enum.StrEnum):
    """Grounds of Law 41/2024 Art 70(1): (đ), (b), (c), (a)."""

    LEFT_SI_12_MONTHS = "left_si_12_months"
    EMIGRATING = "emigrating"
    SERIOUS_ILLNESS = "serious_illness"
    RETIREMENT_AGE_UNDER_15_YEARS = "retirement_age_under_15_years"


class ApplicationProcedure(enum.StrEnum):
    ONE_TIME_SI = "one_time_si"
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit"
    CARD_REISSUE = "card_reissue"
    INFORMATION_CHANGE = "information_change"
    PENSION = "pension"
    SURVIVOR_BENEFIT = "survivor_benefit"
    OCCUPATIONAL_INJURY = "occupational_injury"
    HI_REIMBURSEMENT = "hi_reimbursement"


class ApplicationStatus(enum.StrEnum):
    """submitted → received → processing → approved | rejected, then paid (dossiers paying
    money) or completed (card re-issued, records corrected)."""

    SUBMITTED = "submitted"
    RECEIVED = "received"
    PROCESSING = "processing"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"
    COMPLETED = "completed"

    @property
    def final(self) -> bool:
        return self in (
            ApplicationStatus.REJECTED,
            ApplicationStatus.PAID,
            ApplicationStatus.COMPLETED,
        )


# --- read side --------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class CitizenProfile(Model):
    """The signed-in citizen's personal information."""

    si_code: str
    citizen_id: str
    full_name: str
    birth_date: dt.date
    sex: Sex
    province_code: str
    household_id: str | None = None


@attrs.frozen(slots=True)
class FacilityRef(Model):
    """A health facility by code and name."""

    code: str
    name: str


@attrs.frozen(slots=True)
class CardQr(Model):
    """What the card's QR code holds, decoded; ``text`` is the exact encoded string."""

    text: str
    card_code: str
    full_name: str
    birth_date: dt.date
    sex: Sex
    initial_facility_code: str
    valid_from: dt.date
    issued_on: dt.date
    checksum: str
    address: str | None = None
    valid_to: dt.date | None = None
    five_years_continuous_from: dt.date | None = None


@attrs.frozen(slots=True)
class CitizenCard(Model):
    """The health insurance e-card (thẻ BHYT điện tử) as VssID shows it."""

    card_code: str
    si_code: str
    full_name: str
    birth_date: dt.date
    sex: Sex
    object_group: str
    benefit_level: str
    province_code: str
    initial_facility: FacilityRef
    valid_from: dt.date
    status: CardStatus
    qr: CardQr
    address: str | None = None
    valid_to: dt.date | None = None
    five_years_continuous_from: dt.date | None = None
    area_code: str | None = None


@attrs.frozen(slots=True)
class ParticipationPeriod(Model):
    """Months contributed to one fund, with employer and salary (or chosen income)."""

    scheme: Scheme
    kind: ParticipationKind
    from_month: str
    months: int
    rate_percent: str
    status: str
    to_month: str | None = None
    employer_unit_code: str | None = None
    employer_name: str | None = None
    monthly_salary: int | None = None


@attrs.frozen(slots=True)
class FundTotals(Model):
    """Totals of one fund: months before 2014 and from 2014 feed the benefit rules."""

    scheme: Scheme
    months_total: int
    months_before_2014: int
    months_from_2014: int
    years: int
    remaining_months: int
    participating: bool
    last_month: str | None = None


@attrs.frozen(slots=True)
class ParticipationSummary(Model):
    """Contribution totals per fund, as of a date."""

    as_of: dt.date
    funds: list[FundTotals]

    def fund(self, scheme: Scheme | str) -> FundTotals:
        """The totals of one fund (``"si"``, ``"ui"``, ``"oa"``, ``"hi"``)."""
        for totals in self.funds:
            if totals.scheme == scheme:
                return totals
        raise KeyError(scheme)


@attrs.frozen(slots=True)
class BenefitRecord(Model):
    """One benefit received (sickness, maternity, one-time SI, pension ...)."""

    id: str
    kind: BenefitKind
    from_date: dt.date
    amount: int
    to_date: dt.date | None = None
    monthly_amount: int | None = None
    days: int | None = None
    decision_number: str | None = None


@attrs.frozen(slots=True)
class MedicalVisit(Model):
    """One visit paid by health insurance (lịch sử KCB)."""

    id: str
    facility_code: str
    facility_name: str
    visit_kind: VisitKind
    admitted_on: dt.date
    discharged_on: dt.date
    diagnosis_code: str
    total_cost: int
    fund_paid: int
    patient_paid: int


@attrs.frozen(slots=True)
class HouseholdMember(Model):
    """A member of the citizen's household in the population records."""

    si_code: str
    full_name: str
    birth_date: dt.date
    covered: bool
    object_group: str | None = None
    card_valid_to: dt.date | None = None


@attrs.frozen(slots=True)
class Household(Model):
    household_id: str
    members: list[HouseholdMember]


# --- voluntary SI, household HI, payments -----------------------------------------------------


@attrs.frozen(slots=True)
class VoluntarySiRequest(Model):
    monthly_income: int
    payment_mode: VoluntarySiPaymentMode
    support_group: SupportGroup | None = None


@attrs.frozen(slots=True)
class VoluntarySiRegistration(Model):
    """A voluntary SI registration with the amount computed by ``vssdk.benefits``."""

    id: str
    status: RegistrationStatus
    monthly_income: int
    payment_mode: VoluntarySiPaymentMode
    support_group: SupportGroup
    months: int
    period_from: str
    period_to: str
    gross_per_month: int
    state_support_per_month: int
    payable_per_month: int
    amount_due: int
    created_at: dt.datetime
    payment_id: str | None = None


@attrs.frozen(slots=True)
class HouseholdHiMember(Model):
    """A member to enrol: SI code and the full name as in the population records."""

    si_code: str
    full_name: str


@attrs.frozen(slots=True)
class HouseholdHiRequest(Model):
    members: list[HouseholdHiMember]
    months: int


@attrs.frozen(slots=True)
class HouseholdHiMemberLine(Model):
    """One member's share of a household HI registration and the cover it buys."""

    si_code: str
    full_name: str
    position: int
    amount: int
    valid_from: dt.date
    valid_to: dt.date


@attrs.frozen(slots=True)
class HouseholdHiRegistration(Model):
    id: str
    status: RegistrationStatus
    months: int
    members: list[HouseholdHiMemberLine]
    amount_due: int
    created_at: dt.datetime
    payment_id: str | None = None


@attrs.frozen(slots=True)
class PaymentRequest(Model):
    registration_id: str
    method: PaymentMethod | None = None


@attrs.frozen(slots=True)
class PaymentCompletion(Model):
    outcome: PaymentOutcome


@attrs.frozen(slots=True)
class Payment(Model):
    """A payment through the payment gateway."""

    id: str
    registration_id: str
    purpose: PaymentPurpose
    amount: int
    method: PaymentMethod
    status: PaymentStatus
    checkout_url: str
    qr_text: str
    created_at: dt.datetime
    completed_at: dt.datetime | None = None
    receipt_number: str | None = None
    failure_reason: str | None = None


@attrs.frozen(slots=True)
class ReceiptLine(Model):
    description: str
    amount: int


@attrs.frozen(slots=True)
class Receipt(Model):
    """The receipt (biên lai) of a succeeded payment."""

    receipt_number: str
    payment_id: str
    purpose: PaymentPurpose
    amount: int
    paid_at: dt.datetime
    payer_si_code: str
    payer_name: str
    lines: list[ReceiptLine]


# --- claims -----------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class BankAccount(Model):
    """Where the benefit is paid."""

    bank_code: str
    account_number: str
    account_name: str


@attrs.frozen(slots=True)
class OneTimeSiClaim(Model):
    ground: OneTimeSiGround
    bank_account: BankAccount


@attrs.frozen(slots=True)
class UnemploymentClaim(Model):
    termination_date: dt.date
    bank_account: BankAccount


@attrs.frozen(slots=True)
class ApplicationStatusChange(Model):
    status: ApplicationStatus
    at: dt.datetime
    reason: str | None = None


@attrs.frozen(slots=True)
class ApplicationDecision(Model):
    """What BHXH decided: amounts from the benefit rules, with the explanation and citations."""

    decided_on: dt.date
    amount: int | None = None
    monthly_amount: int | None = None
    fee: int | None = None
    card_code: str | None = None
    explanation: str | None = None
    citations: list[str] | None = None


@attrs.frozen(slots=True)
class Application(Model):
    """A claim dossier and its status history."""

    id: str
    procedure: ApplicationProcedure
    status: ApplicationStatus
    submitted_at: dt.datetime
    updated_at: dt.datetime
    history: list[ApplicationStatusChange]
    contribution_months: int
    rejection_reason: str | None = None
    reference_number: str | None = None
    procedure_code: str | None = None
    decision: ApplicationDecision | None = None
