# ruff: noqa: N815  (the wire form and reply keep the gateway's own names)
"""Models of the medical area: the certificates hospitals issue and what BHXH keeps of them."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from vssdk._core.model import Model

__all__ = [
    "BirthDetail",
    "DeathDetail",
    "DischargeDetail",
    "DocumentHistoryEntry",
    "DriverHealthDetail",
    "InpatientTreatmentDetail",
    "MedicalDocument",
    "MedicalDocumentReplacement",
    "MedicalDocumentRevocation",
    "MedicalDocumentStatus",
    "MedicalDocumentSubmission",
    "MedicalDocumentType",
    "MedicalPatient",
    "MedicalSex",
    "MedicalWireForm",
    "MedicalWireReply",
    "PregnancyRestDetail",
    "RecordSummaryDetail",
    "SickLeaveDetail",
]


class MedicalDocumentType(enum.StrEnum):
    """The certificate kinds (values are the REST ``type``)."""

    SICK_LEAVE = "sick_leave"
    PREGNANCY_REST = "pregnancy_rest"
    DISCHARGE = "discharge"
    BIRTH = "birth"
    DEATH = "death"
    DRIVER_HEALTH = "driver_health"
    RECORD_SUMMARY = "record_summary"
    INPATIENT_TREATMENT = "inpatient_treatment"


class MedicalSex(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class MedicalDocumentStatus(enum.StrEnum):
    """``active`` (the current version counts), ``revoked`` (withdrawn by its issuer)."""

    ACTIVE = "active"
    REVOKED = "revoked"


@attrs.frozen(slots=True)
class MedicalPatient(Model):
    """Who the certificate is about: the worker, the mother, the deceased, the driver."""

    full_name: str
    citizen_id: str | None = None
    si_code: str | None = None
    card_code: str | None = None
    birth_date: dt.date | None = None
    sex: MedicalSex | None = None


@attrs.frozen(slots=True)
class SickLeaveDetail(Model):
    """Sick-leave certificate (CT07 / XML11): days off work paid by the sickness benefit."""

    leave_from: dt.date
    leave_to: dt.date
    days: int
    diagnosis: str
    diagnosis_code: str | None = None
    treatment: str | None = None
    long_term: bool = False
    employer_name: str | None = None
    series: str | None = None
    record_number: str | None = None


@attrs.frozen(slots=True)
class PregnancyRestDetail(Model):
    """Pregnancy-rest certificate (CT06 / XML10)."""

    leave_from: dt.date
    leave_to: dt.date
    days: int
    diagnosis: str
    employer_name: str | None = None
    series: str | None = None


@attrs.frozen(slots=True)
class DischargeDetail(Model):
    """Discharge certificate (CT03 / XML7); ``rest_*`` is the outpatient rest it prescribes."""

    admitted_on: dt.date
    discharged_on: dt.date
    diagnosis: str
    treatment: str | None = None
    surgery: bool = False
    department_code: str | None = None
    medical_id: str | None = None
    pregnancy_weeks: int | None = None
    rest_days: int | None = None
    rest_from: dt.date | None = None
    rest_to: dt.date | None = None
    note: str | None = None


@attrs.frozen(slots=True)
class RecordSummaryDetail(Model):
    """Medical record summary (bản tóm tắt hồ sơ bệnh án, CT04)."""

    admitted_on: dt.date
    discharged_on: dt.date
    diagnosis: str
    diagnosis_on_admission: str | None = None
    diagnosis_code: str | None = None
    reason_for_admission: str | None = None
    course: str | None = None
    results: str | None = None
    treatment: str | None = None
    condition_at_discharge: str | None = None
    surgery: bool = False
    employer_name: str | None = None
    series: str | None = None
    note: str | None = None


@attrs.frozen(slots=True)
class InpatientTreatmentDetail(Model):
    """Confirmation of inpatient treatment (giấy xác nhận quá trình điều trị nội trú)."""

    admitted_on: dt.date
    discharged_on: dt.date
    diagnosis: str
    diagnosis_code: str | None = None
    treatment: str | None = None
    department_code: str | None = None
    medical_id: str | None = None
    record_number: str | None = None
    note: str | None = None


@attrs.frozen(slots=True)
class BirthDetail(Model):
    """Birth certificate (giấy chứng sinh, XML9 / HSDLGCS); the patient is the mother."""

    child_name: str
    child_sex: MedicalSex
    child_birth_date: dt.date
    weight_grams: int
    place_of_birth: str
    children_born: int = 1
    birth_order: int | None = None
    living_children: int | None = None
    caesarean: bool = False
    under_32_weeks: bool = False
    father_name: str | None = None
    mother_address: str | None = None
    book_number: str | None = None


@attrs.frozen(slots=True)
class DeathDetail(Model):
    """Death notice (giấy báo tử, HSDLGBT); the patient is the deceased."""

    date_of_death: dt.date
    place_of_death: str
    cause: str
    book_number: str | None = None


@attrs.frozen(slots=True)
class DriverHealthDetail(Model):
    """Driver's health certificate: fit or not for a licence class, valid until a date."""

    licence_class: str
    examined_on: dt.date
    fit: bool
    valid_until: dt.date
    conditions: str | None = None


@attrs.frozen(slots=True)
class MedicalDocumentSubmission(Model):
    """One certificate as the hospital issues it (body of ``submitMedicalDocument``).

    Exactly the detail matching ``type`` is given (``sick_leave`` for ``type="sick_leave"`` ...).
    ``document_number`` is the certificate's number (SO_CT / SO); a facility never reuses it.
    """

    type: MedicalDocumentType
    document_number: str
    issued_on: dt.date
    patient: MedicalPatient
    signed_by: str
    doctor_name: str | None = None
    doctor_code: str | None = None
    link_key: str | None = None
    sick_leave: SickLeaveDetail | None = None
    pregnancy_rest: PregnancyRestDetail | None = None
    discharge: DischargeDetail | None = None
    birth: BirthDetail | None = None
    death: DeathDetail | None = None
    driver_health: DriverHealthDetail | None = None
    record_summary: RecordSummaryDetail | None = None
    inpatient_treatment: InpatientTreatmentDetail | None = None


@attrs.frozen(slots=True)
class MedicalDocumentReplacement(Model):
    """Body of ``replaceMedicalDocument``: the corrected certificate and why."""

    reason: str
    document: MedicalDocumentSubmission


@attrs.frozen(slots=True)
class MedicalDocumentRevocation(Model):
    """Body of ``revokeMedicalDocument``."""

    reason: str


@attrs.frozen(slots=True)
class DocumentHistoryEntry(Model):
    """One change: ``issued``, ``replaced`` or ``revoked``, when, by which channel, why."""

    version: int
    action: str
    at: dt.datetime
    channel: str
    reason: str | None = None
    transaction_id: str | None = None


@attrs.frozen(slots=True)
class MedicalDocument(Model):
    """A certificate as BHXH holds it: the current content, its status and its history."""

    id: str
    facility_code: str
    type: MedicalDocumentType
    document_number: str
    status: MedicalDocumentStatus
    version: int
    received_at: dt.datetime
    updated_at: dt.datetime
    transaction_id: str
    document: MedicalDocumentSubmission
    history: tuple[DocumentHistoryEntry, ...]
    revocation_reason: str | None = None


@attrs.frozen(slots=True)
class MedicalWireForm(Model):
    """The form of ``guiGiayToDienTu`` / ``GuiHoSoChungTu2025`` (names as the gateway has them)."""

    maCskcb: str
    token: str
    id_token: str
    username: str
    password: str
    loaiHs: str
    fileBase64Str: str


@attrs.frozen(slots=True)
class MedicalWireReply(Model):
    """The gateway's answer, with its capitalised keys (``MaKetQua``, not ``maKetQua``)."""

    MaKetQua: str
    MaGD: str | None = None
    ThoiGianTiepNhan: str | None = None
    ThongDiep: str | None = None
