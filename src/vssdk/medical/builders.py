"""Typed builders: one function per certificate, keyword arguments in the certificate's words.

Each returns a :class:`MedicalDocumentSubmission` already checked (:func:`check`), so a wrong
certificate fails here, naming the field and the rule, before anything is sent.
"""

from __future__ import annotations

import datetime as dt

from vssdk.medical.models import (
    BirthDetail,
    DeathDetail,
    DischargeDetail,
    DriverHealthDetail,
    InpatientTreatmentDetail,
    MedicalDocumentSubmission,
    MedicalDocumentType,
    MedicalPatient,
    MedicalSex,
    PregnancyRestDetail,
    RecordSummaryDetail,
    SickLeaveDetail,
)
from vssdk.medical.validation import check

__all__ = [
    "birth_certificate",
    "death_notice",
    "discharge_certificate",
    "driver_health_certificate",
    "inpatient_treatment_certificate",
    "pregnancy_rest_certificate",
    "record_summary",
    "sick_leave_certificate",
]


def _span(leave_from: dt.date, leave_to: dt.date) -> int:
    return (leave_to - leave_from).days + 1


def _done(document: MedicalDocumentSubmission) -> MedicalDocumentSubmission:
    check(document)
    return document


def sick_leave_certificate(
    *,
    number: str,
    issued_on: dt.date,
    patient: MedicalPatient,
    leave_from: dt.date,
    leave_to: dt.date,
    diagnosis: str,
    signed_by: str,
    diagnosis_code: str | None = None,
    treatment: str | None = None,
    long_term: bool = False,
    employer_name: str | None = None,
    doctor_name: str | None = None,
    doctor_code: str | None = None,
    link_key: str | None = None,
) -> MedicalDocumentSubmission:
    """Sick-leave certificate (CT07 / XML11); the number of days is the span, both ends counted."""
    return _done(
        MedicalDocumentSubmission(
            type=MedicalDocumentType.SICK_LEAVE,
            document_number=number,
            issued_on=issued_on,
            patient=patient,
            signed_by=signed_by,
            doctor_name=doctor_name,
            doctor_code=doctor_code,
            link_key=link_key,
            sick_leave=SickLeaveDetail(
                leave_from=leave_from,
                leave_to=leave_to,
                days=_span(leave_from, leave_to),
                diagnosis=diagnosis,
                diagnosis_code=diagnosis_code,
                treatment=treatment,
                long_term=long_term,
                employer_name=employer_name,
            ),
        )
    )


def pregnancy_rest_certificate(
    *,
    number: str,
    issued_on: dt.date,
    patient: MedicalPatient,
    leave_from: dt.date,
    leave_to: dt.date,
    diagnosis: str,
    signed_by: str,
    employer_name: str | None = None,
    doctor_name: str | None = None,
) -> MedicalDocumentSubmission:
    """Pregnancy-rest certificate (CT06 / XML10)."""
    return _done(
        MedicalDocumentSubmission(
            type=MedicalDocumentType.PREGNANCY_REST,
            document_number=number,
            issued_on=issued_on,
            patient=patient,
            signed_by=signed_by,
            doctor_name=doctor_name,
            pregnancy_rest=PregnancyRestDetail(
                leave_from=leave_from,
                leave_to=leave_to,
                days=_span(leave_from, leave_to),
                diagnosis=diagnosis,
                employer_name=employer_name,
            ),
        )
    )


def discharge_certificate(
    *,
    number: str,
    issued_on: dt.date,
    patient: MedicalPatient,
    admitted_on: dt.date,
    discharged_on: dt.date,
    diagnosis: str,
    signed_by: str,
    treatment: str | None = None,
    surgery: bool = False,
    rest_from: dt.date | None = None,
    rest_to: dt.date | None = None,
    doctor_name: str | None = None,
    link_key: str | None = None,
) -> MedicalDocumentSubmission:
    """Discharge certificate (CT03 / XML7), with the outpatient rest it prescribes if any."""
    rest_days = None if rest_from is None or rest_to is None else _span(rest_from, rest_to)
    return _done(
        MedicalDocumentSubmission(
            type=MedicalDocumentType.DISCHARGE,
            document_number=number,
            issued_on=issued_on,
            patient=patient,
            signed_by=signed_by,
            doctor_name=doctor_name,
            link_key=link_key,
            discharge=DischargeDetail(
                admitted_on=admitted_on,
                discharged_on=discharged_on,
                diagnosis=diagnosis,
                treatment=treatment,
                surgery=surgery,
                rest_days=rest_days,
                rest_from=rest_from,
                rest_to=rest_to,
            ),
        )
    )


def birth_certificate(
    *,
    number: str,
    issued_on: dt.date,
    mother: MedicalPatient,
    child_name: str,
    child_sex: MedicalSex,
    child_birth_date: dt.date,
    weight_grams: int,
    place_of_birth: str,
    signed_by: str,
    children_born: int = 1,
    caesarean: bool = False,
    under_32_weeks: bool = False,
    father_name: str | None = None,
    delivered_by: str | None = None,
    book_number: str | None = None,
) -> MedicalDocumentSubmission:
    """Birth certificate (giấy chứng sinh, XML9, sent as HSDLGCS); the patient is the mother."""
    return _done(
        MedicalDocumentSubmission(
            type=MedicalDocumentType.BIRTH,
            document_number=number,
            issued_on=issued_on,
            patient=mother,
            signed_by=signed_by,
            doctor_name=delivered_by,
            birth=BirthDetail(
                child_name=child_name,
                child_sex=child_sex,
                child_birth_date=child_birth_date,
                weight_grams=weight_grams,
                place_of_birth=place_of_birth,
                children_born=children_born,
                caesarean=caesarean,
                under_32_weeks=under_32_weeks,
                father_name=father_name,
                book_number=book_number,
            ),
        )
    )


def death_notice(
    *,
    number: str,
    issued_on: dt.date,
    deceased: MedicalPatient,
    date_of_death: dt.date,
    place_of_death: str,
    cause: str,
    signed_by: str,
    doctor_name: str | None = None,
) -> MedicalDocumentSubmission:
    """Death notice (giấy báo tử, sent as HSDLGBT); the patient is the deceased."""
    return _done(
        MedicalDocumentSubmission(
            type=MedicalDocumentType.DEATH,
            document_number=number,
            issued_on=issued_on,
            patient=deceased,
            signed_by=signed_by,
            doctor_name=doctor_name,
            death=DeathDetail(
                date_of_death=date_of_death, place_of_death=place_of_death, cause=cause
            ),
        )
    )


def driver_health_certificate(
    *,
    number: str,
    issued_on: dt.date,
    driver: MedicalPatient,
    licence_class: str,
    examined_on: dt.date,
    fit: bool,
    valid_until: dt.date,
    signed_by: str,
    conditions: str | None = None,
    doctor_name: str | None = None,
) -> MedicalDocumentSubmission:
    """Driver's health certificate (TT 36/2024/TT-BYT): fit or not for ``licence_class``."""
    return _done(
        MedicalDocumentSubmission(
            type=MedicalDocumentType.DRIVER_HEALTH,
            document_number=number,
            issued_on=issued_on,
            patient=driver,
            signed_by=signed_by,
            doctor_name=doctor_name,
            driver_health=DriverHealthDetail(
                licence_class=licence_class,
                examined_on=examined_on,
                fit=fit,
                valid_until=valid_until,
                conditions=conditions,
            ),
        )
    )


def record_summary(
    *,
    number: str,
    issued_on: dt.date,
    patient: MedicalPatient,
    admitted_on: dt.date,
    discharged_on: dt.date,
    diagnosis: str,
    signed_by: str,
    diagnosis_on_admission: str | None = None,
    diagnosis_code: str | None = None,
    course: str | None = None,
    results: str | None = None,
    treatment: str | None = None,
    surgery: bool = False,
    employer_name: str | None = None,
) -> MedicalDocumentSubmission:
    """Medical record summary (bản tóm tắt hồ sơ bệnh án, CT04, TT 25/2025/TT-BYT Mẫu 03)."""
    return _done(
        MedicalDocumentSubmission(
            type=MedicalDocumentType.RECORD_SUMMARY,
            document_number=number,
            issued_on=issued_on,
            patient=patient,
            signed_by=signed_by,
            record_summary=RecordSummaryDetail(
                admitted_on=admitted_on,
                discharged_on=discharged_on,
                diagnosis=diagnosis,
                diagnosis_on_admission=diagnosis_on_admission,
                diagnosis_code=diagnosis_code,
                course=course,
                results=results,
                treatment=treatment,
                surgery=surgery,
                employer_name=employer_name,
            ),
        )
    )


def inpatient_treatment_certificate(
    *,
    number: str,
    issued_on: dt.date,
    patient: MedicalPatient,
    admitted_on: dt.date,
    discharged_on: dt.date,
    diagnosis: str,
    signed_by: str,
    diagnosis_code: str | None = None,
    treatment: str | None = None,
    doctor_name: str | None = None,
) -> MedicalDocumentSubmission:
    """Confirmation of inpatient treatment (GIAYDIEUTRINOITRU, TT 25/2025/TT-BYT Mẫu 06)."""
    return _done(
        MedicalDocumentSubmission(
            type=MedicalDocumentType.INPATIENT_TREATMENT,
            document_number=number,
            issued_on=issued_on,
            patient=patient,
            signed_by=signed_by,
            doctor_name=doctor_name,
            inpatient_treatment=InpatientTreatmentDetail(
                admitted_on=admitted_on,
                discharged_on=discharged_on,
                diagnosis=diagnosis,
                diagnosis_code=diagnosis_code,
                treatment=treatment,
            ),
        )
    )
