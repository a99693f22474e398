"""vssdk.medical: the certificates hospitals issue (medical e-documents, chứng từ điện tử).

Typed builders (:func:`sick_leave_certificate`, :func:`birth_certificate`, ...), the rules they
must meet (:func:`validate`, :func:`check`), their XML and base64 envelope
(:func:`document_to_xml`, :func:`envelope_to_base64`, :func:`decode_envelope`), and
``client.medical`` to send them by REST or through the gateway. See ``docs/medical.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vssdk.medical.builders import (
    birth_certificate,
    death_notice,
    discharge_certificate,
    driver_health_certificate,
    inpatient_treatment_certificate,
    pregnancy_rest_certificate,
    record_summary,
    sick_leave_certificate,
)
from vssdk.medical.errors import (
    InvalidMedicalDocument,
    InvalidMedicalXml,
    MedicalIssue,
    WireRefused,
)
from vssdk.medical.fields import DocumentSpec, FieldSpec, document_spec
from vssdk.medical.models import (
    BirthDetail,
    DeathDetail,
    DischargeDetail,
    DocumentHistoryEntry,
    DriverHealthDetail,
    InpatientTreatmentDetail,
    MedicalDocument,
    MedicalDocumentReplacement,
    MedicalDocumentRevocation,
    MedicalDocumentStatus,
    MedicalDocumentSubmission,
    MedicalDocumentType,
    MedicalPatient,
    MedicalSex,
    MedicalWireForm,
    MedicalWireReply,
    PregnancyRestDetail,
    RecordSummaryDetail,
    SickLeaveDetail,
)
from vssdk.medical.validation import check, validate, validate_builtins
from vssdk.medical.xml import (
    Envelope,
    EnvelopeFile,
    decode_envelope,
    document_from_xml,
    document_to_xml,
    envelope_to_base64,
    envelope_to_xml,
)

if TYPE_CHECKING:  # loaded on first use by __getattr__ below (signxml only when signing)
    from vssdk.medical.signing import is_signed, sign_envelope, verify_envelope

__all__ = [
    "BirthDetail",
    "DeathDetail",
    "DischargeDetail",
    "DocumentHistoryEntry",
    "DocumentSpec",
    "DriverHealthDetail",
    "Envelope",
    "EnvelopeFile",
    "FieldSpec",
    "InpatientTreatmentDetail",
    "InvalidMedicalDocument",
    "InvalidMedicalXml",
    "MedicalDocument",
    "MedicalDocumentReplacement",
    "MedicalDocumentRevocation",
    "MedicalDocumentStatus",
    "MedicalDocumentSubmission",
    "MedicalDocumentType",
    "MedicalIssue",
    "MedicalPatient",
    "MedicalSex",
    "MedicalWireForm",
    "MedicalWireReply",
    "PregnancyRestDetail",
    "RecordSummaryDetail",
    "SickLeaveDetail",
    "WireRefused",
    "birth_certificate",
    "check",
    "death_notice",
    "decode_envelope",
    "discharge_certificate",
    "document_from_xml",
    "document_spec",
    "document_to_xml",
    "driver_health_certificate",
    "envelope_to_base64",
    "envelope_to_xml",
    "inpatient_treatment_certificate",
    "is_signed",
    "pregnancy_rest_certificate",
    "record_summary",
    "sick_leave_certificate",
    "sign_envelope",
    "validate",
    "validate_builtins",
    "verify_envelope",
]

_SIGNING = frozenset({"is_signed", "sign_envelope", "verify_envelope"})


def __getattr__(name: str) -> object:
    if name in _SIGNING:
        from vssdk.medical import signing

        return getattr(signing, name)
    raise AttributeError(f"module 'vssdk.medical' has no attribute {name!r}")
