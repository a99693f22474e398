"""Operations of the citizen area beyond VssID's four public services: messages, contributions
month by month, card re-issue, information changes, long-term benefit claims, HI reimbursement.

Every operation needs a citizen session of identity level 2 and works on the signed-in citizen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from vssdk._core.operation import Call, operation, paged_operation
from vssdk.cards import parse_si_code
from vssdk.citizen._checks import check_bank, check_enum, check_id, check_money
from vssdk.citizen.filings import (
    CardReissueReason,
    CardReissueRequest,
    ContributionMonth,
    EvidenceDocument,
    HiReimbursementClaim,
    InformationChangeRequest,
    InjuryKind,
    Notification,
    OccupationalInjuryClaim,
    PensionClaim,
    PersonalDetails,
    ReimbursementReason,
    SurvivorBenefitClaim,
    SurvivorRelationship,
)
from vssdk.citizen.models import Application, BankAccount, Sex, VisitKind
from vssdk.errors import InvalidArgument


def _date(value: dt.date, argument: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidArgument(argument, "must be a datetime.date")
    return value


def _text(value: str, argument: str, longest: int) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > longest:
        raise InvalidArgument(argument, f"must be 1 to {longest} characters")
    return text


# --- messages and contributions ---------------------------------------------------------------


@paged_operation(
    "listMyNotifications",
    "/me/notifications",
    item=Notification,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def list_notifications(*, unread: bool | None = None, limit: int | None = None) -> Call:
    """Messages from BHXH (thông báo), newest first; ``unread=True`` for the unread ones only."""
    if unread is not None and not isinstance(unread, bool):
        raise InvalidArgument("unread", "must be True, False or None")
    return Call(query={"unread": unread, "limit": limit})


@operation(
    "markMyNotificationRead",
    "POST",
    "/me/notifications/{notification_id}/read",
    response=Notification,
    idempotent=True,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def mark_notification_read(notification_id: str) -> Call:
    """Mark one message as read; marking it again changes nothing (safe to retry)."""
    return Call(
        path_params={"notification_id": check_id(notification_id, "ntf", "notification_id")}
    )


@paged_operation(
    "listMyContributions",
    "/me/contributions",
    item=ContributionMonth,
    principal="citizen",
    scope="citizen.read",
    identity_level=2,
)
def list_contributions(*, year: int | None = None, limit: int | None = None) -> Call:
    """Contributions recorded month by month (newest first), each ``paid`` or ``owed`` by the
    employer; ``year`` keeps one calendar year. Iterates all pages."""
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise InvalidArgument("year", "must be an int year such as 2026")
    if year is not None and not 1995 <= year <= 2100:
        raise InvalidArgument("year", "must be between 1995 (SI records start) and 2100")
    return Call(query={"year": year, "limit": limit})


# --- card and personal information ------------------------------------------------------------


@operation(
    "requestCardReissue",
    "POST",
    "/me/card-reissues",
    response=Application,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=CardReissueRequest,
    accepts_idempotency_key=True,
)
def reissue_card(
    reason: CardReissueReason | str,
    *,
    paper_card: bool = False,
    idempotency_key: str | None = None,
) -> Call:
    """Ask for the HI card to be re-issued (``lost``/``damaged``, procedure 612) or exchanged
    after a change of details (``information_changed``, 610); returns the dossier.

    The decision carries the card code and the fee (0: the law sets none today). An exchange
    needs details that differ from the card's, e.g. after :meth:`change_information`.
    """
    if not isinstance(paper_card, bool):
        raise InvalidArgument("paper_card", "must be True or False")
    body = CardReissueRequest(
        reason=check_enum(CardReissueReason, reason, "reason"), paper_card=paper_card or None
    )
    return Call(body=body, idempotency_key=idempotency_key)


def _details(changes: PersonalDetails) -> PersonalDetails:
    if not isinstance(changes, PersonalDetails):
        raise InvalidArgument("changes", "must be a vssdk.citizen.PersonalDetails")
    if all(v is None for v in (changes.full_name, changes.birth_date, changes.sex)) and (
        changes.citizen_id is None
    ):
        raise InvalidArgument("changes", "name at least one detail to correct")
    name = None if changes.full_name is None else _text(changes.full_name, "changes.full_name", 100)
    birth = None if changes.birth_date is None else _date(changes.birth_date, "changes.birth_date")
    sex = None if changes.sex is None else check_enum(Sex, changes.sex, "changes.sex")
    citizen_id = changes.citizen_id
    if citizen_id is not None:
        citizen_id = citizen_id.strip()
        if len(citizen_id) != 12 or not citizen_id.isdigit():
            raise InvalidArgument("changes.citizen_id", "must be the 12-digit personal ID")
    return PersonalDetails(full_name=name, birth_date=birth, sex=sex, citizen_id=citizen_id)


def _evidence(evidence: Sequence[EvidenceDocument]) -> list[EvidenceDocument]:
    if isinstance(evidence, str | bytes) or not evidence:
        raise InvalidArgument("evidence", "reference at least one document proving the change")
    if len(evidence) > 10:
        raise InvalidArgument("evidence", "at most 10 documents")
    for index, item in enumerate(evidence):
        if not isinstance(item, EvidenceDocument):
            raise InvalidArgument(f"evidence[{index}]", "must be a vssdk.citizen.EvidenceDocument")
        _text(item.number, f"evidence[{index}].number", 50)
        _date(item.issued_on, f"evidence[{index}].issued_on")
    return list(evidence)


@operation(
    "requestInformationChange",
    "POST",
    "/me/information-changes",
    response=Application,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=InformationChangeRequest,
    accepts_idempotency_key=True,
)
def change_information(
    changes: PersonalDetails,
    evidence: Sequence[EvidenceDocument],
    *,
    idempotency_key: str | None = None,
) -> Call:
    """Correct personal information (procedure 608, the SI book re-issued with the corrected
    details); every change must agree with the national
    population records (a 422 names the field that does not). Returns the dossier."""
    body = InformationChangeRequest(changes=_details(changes), evidence=_evidence(evidence))
    return Call(body=body, idempotency_key=idempotency_key)


# --- long-term benefits -----------------------------------------------------------------------


@operation(
    "claimPension",
    "POST",
    "/me/pension/claims",
    response=Application,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=PensionClaim,
    accepts_idempotency_key=True,
)
def claim_pension(
    retirement_date: dt.date,
    bank_account: BankAccount,
    *,
    hazardous: bool = False,
    idempotency_key: str | None = None,
) -> Call:
    """Claim a pension from ``retirement_date`` (the 1st of a month; procedure 641).

    Needs 15 years of SI and the retirement age for the birth date (Law 41/2024 Art 64, Labour
    Code Art 169); the decision computes the monthly pension with ``vssdk.benefits.pension`` and
    explains it.
    """
    day = _date(retirement_date, "retirement_date")
    if day.day != 1:
        raise InvalidArgument("retirement_date", "pension starts on the 1st of a month")
    if not isinstance(hazardous, bool):
        raise InvalidArgument("hazardous", "must be True or False")
    body = PensionClaim(
        retirement_date=day, bank_account=check_bank(bank_account), hazardous=hazardous or None
    )
    return Call(body=body, idempotency_key=idempotency_key)


@operation(
    "claimSurvivorBenefit",
    "POST",
    "/me/survivor-benefit/claims",
    response=Application,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=SurvivorBenefitClaim,
    accepts_idempotency_key=True,
)
def claim_survivor_benefit(
    deceased_si_code: str,
    death_date: dt.date,
    relationship: SurvivorRelationship | str,
    bank_account: BankAccount,
    *,
    dependants: int = 0,
    idempotency_key: str | None = None,
) -> Call:
    """Claim survivor benefits for a deceased relative (procedure 645): the funeral allowance and
    either the monthly allowance for ``dependants`` qualifying relatives or, with 0, the lump sum.
    """
    try:
        si_code = str(parse_si_code(deceased_si_code))
    except InvalidArgument as exc:
        raise InvalidArgument("deceased_si_code", exc.reason, value=exc.value) from None
    if isinstance(dependants, bool) or not isinstance(dependants, int) or not 0 <= dependants <= 4:
        raise InvalidArgument("dependants", "must be 0 (lump sum) to 4 relatives")
    body = SurvivorBenefitClaim(
        deceased_si_code=si_code,
        death_date=_date(death_date, "death_date"),
        relationship=check_enum(SurvivorRelationship, relationship, "relationship"),
        dependants=dependants,
        bank_account=check_bank(bank_account),
    )
    return Call(body=body, idempotency_key=idempotency_key)


@operation(
    "claimOccupationalInjury",
    "POST",
    "/me/occupational-injury/claims",
    response=Application,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=OccupationalInjuryClaim,
    accepts_idempotency_key=True,
)
def claim_occupational_injury(
    kind: InjuryKind | str,
    event_date: dt.date,
    capacity_loss_percent: int,
    employer_unit_code: str,
    bank_account: BankAccount,
    *,
    idempotency_key: str | None = None,
) -> Call:
    """Claim the occupational accident or disease benefit (procedure 644) for the loss of working
    capacity the medical assessment council found; 5% or more is paid (Law 84/2015 Art 46)."""
    percent = capacity_loss_percent
    if isinstance(percent, bool) or not isinstance(percent, int) or not 1 <= percent <= 100:
        raise InvalidArgument("capacity_loss_percent", "must be an int percent from 1 to 100")
    unit = employer_unit_code.strip().upper() if isinstance(employer_unit_code, str) else ""
    if not 3 <= len(unit) <= 10 or not unit.isalnum():
        raise InvalidArgument("employer_unit_code", "must be the BHXH unit code, e.g. SBX001A")
    body = OccupationalInjuryClaim(
        kind=check_enum(InjuryKind, kind, "kind"),
        event_date=_date(event_date, "event_date"),
        capacity_loss_percent=percent,
        employer_unit_code=unit,
        bank_account=check_bank(bank_account),
    )
    return Call(body=body, idempotency_key=idempotency_key)


# --- direct HI reimbursement ------------------------------------------------------------------


@operation(
    "claimHiReimbursement",
    "POST",
    "/me/hi-reimbursements",
    response=Application,
    success=201,
    principal="citizen",
    scope="citizen.write",
    identity_level=2,
    request=HiReimbursementClaim,
    accepts_idempotency_key=True,
)
def claim_hi_reimbursement(
    facility_code: str,
    visit_kind: VisitKind | str,
    admitted_on: dt.date,
    discharged_on: dt.date,
    covered_cost: int,
    invoice_number: str,
    reason: ReimbursementReason | str,
    bank_account: BankAccount,
    *,
    idempotency_key: str | None = None,
) -> Call:
    """Ask HI to pay back care paid out of pocket (thanh toán trực tiếp): at a facility without
    an HI contract (capped by facility level and visit kind) or without showing the card.
    ``covered_cost`` is the cost within the HI benefit scope, in VND."""
    code = facility_code.strip().upper() if isinstance(facility_code, str) else ""
    if len(code) != 5 or not code.isalnum():
        raise InvalidArgument("facility_code", "must be the 5-character facility code")
    admitted = _date(admitted_on, "admitted_on")
    discharged = _date(discharged_on, "discharged_on")
    if discharged < admitted:
        raise InvalidArgument("discharged_on", "must not be before admitted_on")
    body = HiReimbursementClaim(
        facility_code=code,
        visit_kind=check_enum(VisitKind, visit_kind, "visit_kind"),
        admitted_on=admitted,
        discharged_on=discharged,
        covered_cost=check_money(covered_cost, "covered_cost"),
        invoice_number=_text(invoice_number, "invoice_number", 40),
        reason=check_enum(ReimbursementReason, reason, "reason"),
        bank_account=check_bank(bank_account),
    )
    return Call(body=body, idempotency_key=idempotency_key)
