"""Operations of the procedures area (linked procedures for ministries)."""

from __future__ import annotations

import datetime as dt
import re

from vssdk._core.operation import Call, operation, paged_operation
from vssdk.procedures import _validate as check
from vssdk.procedures.driving import DriverHealthFinding, DrivingLicenceRenewal
from vssdk.procedures.errors import InvalidRecord
from vssdk.procedures.models import (
    BirthLinkSubmission,
    Claimant,
    DeathCause,
    DeathLinkSubmission,
    LinkedApplication,
    LinkedApplicationStatus,
    LinkedApplicationType,
    LinkedAuditEntry,
    Newborn,
    Person,
    Residence,
    UnemploymentDecisionSubmission,
)

_CASE_ID = re.compile(r"^lnk_[0-9]{6,}$")


def _person(person: Person, field: str) -> Person:
    return Person(
        full_name=check.name(person.full_name, f"{field}.full_name"),
        citizen_id=check.citizen_id(person.citizen_id, f"{field}.citizen_id"),
    )


def _case_id(application_id: str) -> str:
    if not isinstance(application_id, str) or not _CASE_ID.match(application_id):
        raise InvalidRecord("application_id", "must look like lnk_000001", value=application_id)
    return application_id


@operation(
    "submitBirthLink",
    "POST",
    "/linked-procedures/births",
    response=LinkedApplication,
    success=201,
    principal="organisation",
    scope="linked.birth",
    request=BirthLinkSubmission,
    accepts_idempotency_key=True,
)
def submit_birth(
    *,
    registration_number: str,
    registered_on: dt.date,
    child: Newborn,
    residence: Residence,
    mother: Person | None = None,
    father: Person | None = None,
    birth_certificate_number: str | None = None,
    idempotency_key: str | None = None,
) -> Call:
    """Send a birth registration; BHXH issues the child's SI code and HI card (child under 6).

    Resending the same ``registration_number`` returns the same case; the same number with other
    content raises :class:`~vssdk.procedures.RecordConflict`. ``birth_certificate_number`` cites
    the hospital's electronic birth certificate: BHXH checks it exists, was issued by a facility
    and names the same child (name, birth date, sex) and mother (citizen ID); without it the
    procedure works as before.
    """
    if mother is None and father is None:
        raise InvalidRecord("mother", "name at least one parent (mother or father)")
    birth = check.date(child.birth_date, "child.birth_date")
    registered = check.date(registered_on, "registered_on")
    check.not_before(registered, birth, "registered_on", "the birth date")
    child_id = check.citizen_id(child.citizen_id, "child.citizen_id")
    check.encodes_birth_year(child_id, birth, "child.citizen_id")
    body = BirthLinkSubmission(
        registration_number=check.record_number(registration_number, "registration_number"),
        registered_on=registered,
        child=Newborn(
            full_name=check.name(child.full_name, "child.full_name"),
            birth_date=birth,
            sex=child.sex,
            citizen_id=child_id,
        ),
        residence=residence,
        mother=None if mother is None else _person(mother, "mother"),
        father=None if father is None else _person(father, "father"),
        birth_certificate_number=None
        if birth_certificate_number is None
        else check.record_number(birth_certificate_number, "birth_certificate_number"),
    )
    return Call(body=body, idempotency_key=idempotency_key)


@operation(
    "submitDeathLink",
    "POST",
    "/linked-procedures/deaths",
    response=LinkedApplication,
    success=201,
    principal="organisation",
    scope="linked.death",
    request=DeathLinkSubmission,
    accepts_idempotency_key=True,
)
def submit_death(
    *,
    registration_number: str,
    registered_on: dt.date,
    deceased: Person,
    date_of_death: dt.date,
    claimant: Claimant,
    cause: DeathCause | None = None,
    death_notice_number: str | None = None,
    idempotency_key: str | None = None,
) -> Call:
    """Send a death registration; BHXH decides and pays the funeral allowance.

    The decision uses the deceased's participation history; a death date after BHXH's today is
    rejected (422). Idempotent on ``registration_number`` like :meth:`submit_birth`.
    ``death_notice_number`` cites the hospital's electronic death notice (checked like the birth
    certificate: the same person, the same date of death).
    """
    died = check.date(date_of_death, "date_of_death")
    registered = check.date(registered_on, "registered_on")
    check.not_before(registered, died, "registered_on", "the date of death")
    body = DeathLinkSubmission(
        registration_number=check.record_number(registration_number, "registration_number"),
        registered_on=registered,
        deceased=_person(deceased, "deceased"),
        date_of_death=died,
        claimant=Claimant(
            full_name=check.name(claimant.full_name, "claimant.full_name"),
            citizen_id=check.citizen_id(claimant.citizen_id, "claimant.citizen_id"),
            relationship=check.name(claimant.relationship, "claimant.relationship"),
        ),
        cause=cause,
        death_notice_number=None
        if death_notice_number is None
        else check.record_number(death_notice_number, "death_notice_number"),
    )
    return Call(body=body, idempotency_key=idempotency_key)


@operation(
    "submitUnemploymentDecision",
    "POST",
    "/linked-procedures/unemployment-decisions",
    response=LinkedApplication,
    success=201,
    principal="organisation",
    scope="linked.unemployment",
    request=UnemploymentDecisionSubmission,
    accepts_idempotency_key=True,
)
def submit_unemployment(
    *,
    decision_number: str,
    decided_on: dt.date,
    issued_by: str,
    person: Person,
    monthly_amount: int,
    months: int,
    start_date: dt.date,
    idempotency_key: str | None = None,
) -> Call:
    """Send a labour department's unemployment-benefit decision; BHXH schedules the payments.

    ``monthly_amount`` is whole VND; ``months`` 1-12. Each month's payment appears in
    ``payments`` and is marked paid when due. Idempotent on ``decision_number``.
    """
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 12:
        raise InvalidRecord("months", "must be 1-12 (Employment Law Art 39(2))", value=months)
    body = UnemploymentDecisionSubmission(
        decision_number=check.record_number(decision_number, "decision_number"),
        decided_on=check.date(decided_on, "decided_on"),
        issued_by=check.name(issued_by, "issued_by"),
        person=_person(person, "person"),
        monthly_amount=check.whole_vnd(monthly_amount, "monthly_amount"),
        months=months,
        start_date=check.date(start_date, "start_date"),
    )
    return Call(body=body, idempotency_key=idempotency_key)


@paged_operation(
    "listLinkedApplications",
    "/linked-applications",
    item=LinkedApplication,
    principal="organisation",
)
def list_applications(
    *,
    type: LinkedApplicationType | str | None = None,
    status: LinkedApplicationStatus | str | None = None,
    submitted_from: dt.date | None = None,
    submitted_to: dt.date | None = None,
    record_number: str | None = None,
    limit: int | None = None,
) -> Call:
    """The caller's cases, oldest first, filtered for reconciliation; iterates all pages."""
    if submitted_from is not None and submitted_to is not None and submitted_to < submitted_from:
        raise InvalidRecord("submitted_to", "is before submitted_from")
    return Call(
        query={
            "type": type,
            "status": status,
            "submitted_from": submitted_from,
            "submitted_to": submitted_to,
            "record_number": record_number,
            "limit": limit,
        }
    )


@operation(
    "getLinkedApplication",
    "GET",
    "/linked-applications/{application_id}",
    response=LinkedApplication,
    principal="organisation",
)
def get_application(application_id: str) -> Call:
    """One case: steps, status history with reasons, card / allowance / payments."""
    return Call(path_params={"application_id": _case_id(application_id)})


@paged_operation(
    "listLinkedApplicationAudit",
    "/linked-applications/{application_id}/audit",
    item=LinkedAuditEntry,
    principal="organisation",
)
def list_audit(application_id: str, *, limit: int | None = None) -> Call:
    """The case's audit trail (submissions, resends, every step), oldest first."""
    return Call(path_params={"application_id": _case_id(application_id)}, query={"limit": limit})


@operation(
    "checkDriverHealth",
    "POST",
    "/linked-procedures/driving-licence-renewals",
    response=DriverHealthFinding,
    idempotent=True,
    principal="organisation",
    scope="linked.driving_licence",
    request=DrivingLicenceRenewal,
)
def check_driver_health(
    *, application_number: str, citizen_id: str, full_name: str, licence_class: str
) -> Call:
    """Driving-licence renewal (cấp đổi, cấp lại GPLX): look up the applicant's valid driver's
    health certificate for ``licence_class`` and answer fit / not fit / none found.

    A look-up: asking again is harmless (retried like a GET).
    """
    from vssdk.medical.fields import licence_classes

    if licence_class not in licence_classes():
        raise InvalidRecord(
            "licence_class",
            f"one of {', '.join(licence_classes())} (Law 36/2024/QH15 Art. 57)",
            value=licence_class,
        )
    body = DrivingLicenceRenewal(
        application_number=check.record_number(application_number, "application_number"),
        citizen_id=check.citizen_id(citizen_id, "citizen_id"),
        full_name=check.name(full_name, "full_name"),
        licence_class=licence_class,
    )
    return Call(body=body)


class ProceduresOperations:
    """The area's methods, for both clients: ``Procedures`` and ``AsyncProcedures`` inherit this
    class, so an operation is listed once, here."""

    __slots__ = ()
    submit_birth = submit_birth
    submit_death = submit_death
    submit_unemployment = submit_unemployment
    check_driver_health = check_driver_health
    list = list_applications
    get = get_application
    audit = list_audit
