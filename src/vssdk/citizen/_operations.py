"""Operations of the citizen area (what a citizen sees and does in VssID).

Every operation needs a citizen session of identity level 2 (``citizen.read`` to read,
``citizen.write`` to register, pay and claim) and only ever sees the signed-in citizen's data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from vssdk._core.operation import Binary, Call, operation, paged_operation
from vssdk.cards import parse_si_code
from vssdk.citizen._checks import (
    check_bank,
    check_enum,
    check_id,
    check_money,
    check_opt_enum,
)
from vssdk.citizen.certificates import MyCertificateBenefit, MyMedicalDocument
from vssdk.citizen.models import (
    Application,
    ApplicationProcedure,
    ApplicationStatus,
    BankAccount,
    BenefitKind,
    BenefitRecord,
    CitizenCard,
    CitizenProfile,
    Household,
    HouseholdHiMember,
    HouseholdHiRegistration,
    HouseholdHiRequest,
    MedicalVisit,
    OneTimeSiClaim,
    OneTimeSiGround,
    ParticipationPeriod,
    ParticipationSummary,
    Payment,
    PaymentCompletion,
    PaymentMethod,
    PaymentOutcome,
    PaymentRequest,
    Receipt,
    Scheme,
    SupportGroup,
    UnemploymentClaim,
    VoluntarySiPaymentMode,
    VoluntarySiRegistration,
    VoluntarySiRequest,
)
from vssdk.errors import InvalidArgument

HOUSEHOLD_HI_MONTHS = (3, 6, 12)


# --- read side --------------------------------------------------------------------------------


@operation(
    "getMyProfile",
    "GET",
    "/me",
    response=CitizenProfile,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def get_profile() -> Call:
    """The signed-in citizen's personal information."""
    return Call()


@operation(
    "getMyCard",
    "GET",
    "/me/health-insurance-card",
    response=CitizenCard,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def get_card() -> Call:
    """The current health insurance e-card and its QR payload as structured data."""
    return Call()


@operation(
    "getMyCardImage",
    "GET",
    "/me/health-insurance-card/image",
    response=Binary,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def get_card_image() -> Call:
    """The card image as VssID shows it: PNG bytes with the QR code."""
    return Call(headers={"accept": "image/png"})


@paged_operation(
    "listMyParticipation",
    "/me/participation",
    item=ParticipationPeriod,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def list_participation(*, scheme: Scheme | str | None = None, limit: int | None = None) -> Call:
    """Participation periods (quá trình tham gia), optionally of one fund; iterates all pages."""
    return Call(query={"scheme": check_opt_enum(Scheme, scheme, "scheme"), "limit": limit})


@operation(
    "getMyParticipationSummary",
    "GET",
    "/me/participation/summary",
    response=ParticipationSummary,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def get_participation_summary() -> Call:
    """Totals per fund: years and months, before and from 2014 (what the benefit rules need)."""
    return Call()


@paged_operation(
    "listMyBenefits",
    "/me/benefits",
    item=BenefitRecord,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def list_benefits(*, kind: BenefitKind | str | None = None, limit: int | None = None) -> Call:
    """Benefits received (quá trình hưởng), optionally of one kind; iterates all pages."""
    return Call(query={"kind": check_opt_enum(BenefitKind, kind, "kind"), "limit": limit})


@paged_operation(
    "listMyMedicalVisits",
    "/me/medical-visits",
    item=MedicalVisit,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def list_medical_visits(*, facility_code: str | None = None, limit: int | None = None) -> Call:
    """Medical visits paid by health insurance (lịch sử KCB); iterates all pages."""
    code = None if facility_code is None else facility_code.strip().upper()
    return Call(query={"facility_code": code, "limit": limit})


@operation(
    "getMyHousehold",
    "GET",
    "/me/household",
    response=Household,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def get_household() -> Call:
    """The household from the population records, with each member's current cover."""
    return Call()


# --- voluntary SI, household HI, payments -----------------------------------------------------


@operation(
    "registerVoluntarySi",
    "POST",
    "/me/voluntary-si/registrations",
    response=VoluntarySiRegistration,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=VoluntarySiRequest,
    accepts_idempotency_key=True,
)
def register_voluntary_si(
    monthly_income: int,
    payment_mode: VoluntarySiPaymentMode | str,
    *,
    support_group: SupportGroup | str | None = None,
    idempotency_key: str | None = None,
) -> Call:
    """Register for voluntary SI with a chosen income and payment mode; pay with :meth:`pay`.

    The amount and the state support are computed by ``vssdk.benefits`` on the server (the same
    engine as the SDK's calculators). An income below the rural poverty line or above 20 x the
    reference level is a 422 naming ``body.monthly_income``.
    """
    body = VoluntarySiRequest(
        monthly_income=check_money(monthly_income, "monthly_income"),
        payment_mode=check_enum(VoluntarySiPaymentMode, payment_mode, "payment_mode"),
        support_group=check_opt_enum(SupportGroup, support_group, "support_group"),
    )
    return Call(body=body, idempotency_key=idempotency_key)


def _members(members: Sequence[HouseholdHiMember | tuple[str, str]]) -> list[HouseholdHiMember]:
    if isinstance(members, str | bytes) or not members:
        raise InvalidArgument("members", "give at least one member (SI code, full name)")
    result: list[HouseholdHiMember] = []
    seen: set[str] = set()
    for index, member in enumerate(members):
        where = f"members[{index}]"
        if isinstance(member, tuple):
            if len(member) != 2:
                raise InvalidArgument(where, "must be (si_code, full_name)")
            member = HouseholdHiMember(si_code=member[0], full_name=member[1])
        if not isinstance(member, HouseholdHiMember):
            raise InvalidArgument(where, "must be a HouseholdHiMember or (si_code, full_name)")
        try:
            si_code = str(parse_si_code(member.si_code))
        except InvalidArgument as exc:
            raise InvalidArgument(f"{where}.si_code", exc.reason, value=exc.value) from None
        if si_code in seen:
            raise InvalidArgument(f"{where}.si_code", "the same member is listed twice")
        if not member.full_name.strip():
            raise InvalidArgument(f"{where}.full_name", "must not be empty")
        seen.add(si_code)
        result.append(HouseholdHiMember(si_code=si_code, full_name=member.full_name.strip()))
    return result


@operation(
    "registerHouseholdHi",
    "POST",
    "/me/household-hi/registrations",
    response=HouseholdHiRegistration,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=HouseholdHiRequest,
    accepts_idempotency_key=True,
)
def register_household_hi(
    members: Sequence[HouseholdHiMember | tuple[str, str]],
    *,
    months: int = 12,
    idempotency_key: str | None = None,
) -> Call:
    """Register (or renew) health insurance for household members, with the member reduction.

    Members are checked against the population records (SI code and full name, same household);
    members already covered by another group are refused. One member is the "HI only"
    registration. The first listed member is member 1 (4.5% of the reference level); the 2nd,
    3rd, 4th pay 70%, 60%, 50% of that and the 5th and later 40% (HI Law Art 13(6)).
    """
    if isinstance(months, bool) or months not in HOUSEHOLD_HI_MONTHS:
        raise InvalidArgument("months", "must be 3, 6 or 12")
    body = HouseholdHiRequest(members=_members(members), months=months)
    return Call(body=body, idempotency_key=idempotency_key)


@operation(
    "createMyPayment",
    "POST",
    "/me/payments",
    response=Payment,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=PaymentRequest,
    accepts_idempotency_key=True,
)
def create_payment(
    registration_id: str,
    *,
    method: PaymentMethod | str = PaymentMethod.QR,
    idempotency_key: str | None = None,
) -> Call:
    """Start paying a registration: a pending payment with a checkout link and QR text."""
    body = PaymentRequest(
        registration_id=check_id(registration_id, "reg", "registration_id"),
        method=check_enum(PaymentMethod, method, "method"),
    )
    return Call(body=body, idempotency_key=idempotency_key)


@operation(
    "completeMyPayment",
    "POST",
    "/me/payments/{payment_id}/completion",
    response=Payment,
    idempotent=True,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=PaymentCompletion,
)
def complete_payment(payment_id: str, *, outcome: PaymentOutcome | str = "approved") -> Call:
    """The gateway's return step (the sandbox's simulated gateway): approve or decline."""
    return Call(
        path_params={"payment_id": check_id(payment_id, "pay", "payment_id")},
        body=PaymentCompletion(outcome=check_enum(PaymentOutcome, outcome, "outcome")),
    )


@operation(
    "getMyPayment",
    "GET",
    "/me/payments/{payment_id}",
    response=Payment,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def get_payment(payment_id: str) -> Call:
    """One payment and its status."""
    return Call(path_params={"payment_id": check_id(payment_id, "pay", "payment_id")})


@operation(
    "getMyReceipt",
    "GET",
    "/me/payments/{payment_id}/receipt",
    response=Receipt,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def get_receipt(payment_id: str) -> Call:
    """The receipt of a succeeded payment (409 while the payment is not succeeded)."""
    return Call(path_params={"payment_id": check_id(payment_id, "pay", "payment_id")})


# --- claims -----------------------------------------------------------------------------------


@operation(
    "claimOneTimeSi",
    "POST",
    "/me/one-time-si/claims",
    response=Application,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=OneTimeSiClaim,
    accepts_idempotency_key=True,
)
def claim_one_time_si(
    ground: OneTimeSiGround | str,
    bank_account: BankAccount,
    *,
    idempotency_key: str | None = None,
) -> Call:
    """Claim one-time social insurance; returns the dossier (status ``submitted``).

    Retried safely: the same ``idempotency_key`` (one is generated per call when not given)
    returns the same dossier, never a second one.
    """
    body = OneTimeSiClaim(
        ground=check_enum(OneTimeSiGround, ground, "ground"), bank_account=check_bank(bank_account)
    )
    return Call(body=body, idempotency_key=idempotency_key)


@operation(
    "claimUnemploymentBenefit",
    "POST",
    "/me/unemployment-benefit/claims",
    response=Application,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=UnemploymentClaim,
    accepts_idempotency_key=True,
)
def claim_unemployment_benefit(
    termination_date: dt.date,
    bank_account: BankAccount,
    *,
    idempotency_key: str | None = None,
) -> Call:
    """Claim unemployment benefit after the labour contract ended; returns the dossier.

    Needs at least 12 months of unemployment insurance in the 24 months before
    ``termination_date`` and must be filed within 3 months of it (Employment Law 74/2025 Art 38).
    """
    if isinstance(termination_date, dt.datetime) or not isinstance(termination_date, dt.date):
        raise InvalidArgument("termination_date", "must be a datetime.date")
    body = UnemploymentClaim(
        termination_date=termination_date, bank_account=check_bank(bank_account)
    )
    return Call(body=body, idempotency_key=idempotency_key)


@operation(
    "getMyApplication",
    "GET",
    "/me/applications/{application_id}",
    response=Application,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def get_application(application_id: str) -> Call:
    """One dossier with its status history."""
    return Call(path_params={"application_id": check_id(application_id, "app", "application_id")})


@paged_operation(
    "listMyApplications",
    "/me/applications",
    item=Application,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def list_applications(
    *,
    procedure: ApplicationProcedure | str | None = None,
    status: ApplicationStatus | str | None = None,
    limit: int | None = None,
) -> Call:
    """The citizen's dossiers, optionally of one procedure or status; iterates all pages."""
    return Call(
        query={
            "procedure": check_opt_enum(ApplicationProcedure, procedure, "procedure"),
            "status": check_opt_enum(ApplicationStatus, status, "status"),
            "limit": limit,
        }
    )


# The filings' operations live in their own module and belong to this area's table.
from vssdk.citizen._filings import (  # noqa: E402
    change_information,
    claim_hi_reimbursement,
    claim_occupational_injury,
    claim_pension,
    claim_survivor_benefit,
    list_contributions,
    list_notifications,
    mark_notification_read,
    reissue_card,
)

__all__ = [
    "change_information",
    "claim_hi_reimbursement",
    "claim_occupational_injury",
    "claim_pension",
    "claim_survivor_benefit",
    "list_contributions",
    "list_notifications",
    "mark_notification_read",
    "reissue_card",
]


@paged_operation(
    "listMyMedicalDocuments",
    "/me/medical-documents",
    item=MyMedicalDocument,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def list_medical_documents(*, type: str | None = None, limit: int | None = None) -> Call:
    """Certificates hospitals issued about me (sick leave, birth of my child, discharge ...)."""
    from vssdk.medical.models import MedicalDocumentType

    kinds = tuple(t.value for t in MedicalDocumentType)
    if type is not None and type not in kinds:
        raise InvalidArgument("type", f"one of {', '.join(kinds)}", value=type)
    return Call(query={"type": type, "limit": limit})


@paged_operation(
    "listMyCertificateBenefits",
    "/me/certificate-benefits",
    item=MyCertificateBenefit,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def list_certificate_benefits(*, limit: int | None = None) -> Call:
    """Sickness, maternity and convalescence benefits claimed for me, with BHXH's answer."""
    return Call(query={"limit": limit})
