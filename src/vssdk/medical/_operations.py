"""Operations of the medical area: hospitals issue certificates (REST and the gateway's wire)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from vssdk._core.operation import Call, operation, paged_operation
from vssdk.cards import InvalidIdentifier, parse_facility_code
from vssdk.errors import InvalidArgument
from vssdk.medical.models import (
    MedicalDocument,
    MedicalDocumentReplacement,
    MedicalDocumentRevocation,
    MedicalDocumentStatus,
    MedicalDocumentSubmission,
    MedicalDocumentType,
    MedicalWireForm,
    MedicalWireReply,
)
from vssdk.medical.validation import check

SCOPE = "medical.documents"
_ID = re.compile(r"^med_[0-9]{6,}$")
_FORM = "application/x-www-form-urlencoded"


def _facility(value: str) -> str:
    try:
        return parse_facility_code(value).canonical
    except InvalidIdentifier as exc:
        raise InvalidArgument("facility_code", exc.reason, value=value) from None


def _doc_id(value: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise InvalidArgument("document_id", "must look like med_000001", value=value)
    return value


def _reason(value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument("reason", "say why (kept in the certificate's history)")
    return value.strip()


@operation(
    "submitMedicalDocument",
    "POST",
    "/facilities/{facility_code}/medical-documents",
    response=MedicalDocument,
    success=201,
    principal="organisation",
    scope=SCOPE,
    request=MedicalDocumentSubmission,
    accepts_idempotency_key=True,
)
def submit(
    facility_code: str,
    document: MedicalDocumentSubmission,
    *,
    idempotency_key: str | None = None,
) -> Call:
    """Send one certificate; checked first (:class:`~vssdk.medical.InvalidMedicalDocument`).

    Idempotent on the document number: the same certificate again returns the stored one (200);
    the same number with other content is a 409 (use :meth:`replace` to correct it).
    """
    if not isinstance(document, MedicalDocumentSubmission):
        raise InvalidArgument(
            "document", "build it with vssdk.medical (e.g. sick_leave_certificate)"
        )
    check(document)
    return Call(
        path_params={"facility_code": _facility(facility_code)},
        body=document,
        idempotency_key=idempotency_key,
    )


@operation(
    "getMedicalDocument",
    "GET",
    "/facilities/{facility_code}/medical-documents/{document_id}",
    response=MedicalDocument,
    principal="organisation",
    scope=SCOPE,
)
def get(facility_code: str, document_id: str) -> Call:
    """One certificate: current content, status and full history."""
    return Call(
        path_params={"facility_code": _facility(facility_code), "document_id": _doc_id(document_id)}
    )


@paged_operation(
    "listMedicalDocuments",
    "/facilities/{facility_code}/medical-documents",
    item=MedicalDocument,
    principal="organisation",
    scope=SCOPE,
)
def list_documents(
    facility_code: str,
    *,
    type: MedicalDocumentType | str | None = None,
    status: MedicalDocumentStatus | str | None = None,
    document_number: str | None = None,
    limit: int | None = None,
) -> Call:
    """The facility's certificates, oldest first; iterates all pages."""
    for name, value, kind in (
        ("type", type, MedicalDocumentType),
        ("status", status, MedicalDocumentStatus),
    ):
        if value is not None:
            try:
                kind(value)
            except ValueError:
                raise InvalidArgument(name, f"unknown {name} {value!r}") from None
    return Call(
        path_params={"facility_code": _facility(facility_code)},
        query={"type": type, "status": status, "document_number": document_number, "limit": limit},
    )


@operation(
    "replaceMedicalDocument",
    "POST",
    "/facilities/{facility_code}/medical-documents/{document_id}/replacement",
    response=MedicalDocument,
    principal="organisation",
    scope=SCOPE,
    request=MedicalDocumentReplacement,
    accepts_idempotency_key=True,
)
def replace(
    facility_code: str,
    document_id: str,
    document: MedicalDocumentSubmission,
    *,
    reason: str,
    idempotency_key: str | None = None,
) -> Call:
    """Replace a certificate by its corrected version (same type and number); history is kept."""
    check(document)
    return Call(
        path_params={
            "facility_code": _facility(facility_code),
            "document_id": _doc_id(document_id),
        },
        body=MedicalDocumentReplacement(reason=_reason(reason), document=document),
        idempotency_key=idempotency_key,
    )


@operation(
    "revokeMedicalDocument",
    "POST",
    "/facilities/{facility_code}/medical-documents/{document_id}/revocation",
    response=MedicalDocument,
    principal="organisation",
    scope=SCOPE,
    request=MedicalDocumentRevocation,
    accepts_idempotency_key=True,
)
def revoke(
    facility_code: str, document_id: str, *, reason: str, idempotency_key: str | None = None
) -> Call:
    """Revoke a certificate (it no longer supports any benefit); history is kept."""
    return Call(
        path_params={
            "facility_code": _facility(facility_code),
            "document_id": _doc_id(document_id),
        },
        body=MedicalDocumentRevocation(reason=_reason(reason)),
        idempotency_key=idempotency_key,
    )


def _wire(form: MedicalWireForm) -> Call:
    if not isinstance(form, MedicalWireForm):
        raise InvalidArgument("form", "must be a vssdk.medical.MedicalWireForm")
    fields = {
        "maCskcb": form.maCskcb,
        "token": form.token,
        "id_token": form.id_token,
        "username": form.username,
        "password": form.password,
        "loaiHs": form.loaiHs,
        "fileBase64Str": form.fileBase64Str,
    }
    return Call(body=urlencode(fields).encode("ascii"), content_type=_FORM)


@operation(
    "medicalWireSendDocument",
    "POST",
    "/api/hososuckhoe/guiGiayToDienTu",
    response=MedicalWireReply,
    request=MedicalWireForm,
)
def wire_send_document(form: MedicalWireForm) -> Call:
    """``guiGiayToDienTu``: birth certificates (``loaiHs`` 61) and death notices (60)."""
    return _wire(form)


@operation(
    "medicalWireSendCertificates",
    "POST",
    "/api/chungtugw/GuiHoSoChungTu2025",
    response=MedicalWireReply,
    request=MedicalWireForm,
)
def wire_send_certificates(form: MedicalWireForm) -> Call:
    """``GuiHoSoChungTu2025`` (``loaiHs`` 39): sick leave, pregnancy rest, discharge ..."""
    return _wire(form)


class MedicalOperations:
    """The area's methods, for both clients: ``Medical`` and ``AsyncMedical`` inherit this class,
    so an operation is listed once, here."""

    __slots__ = ()
    submit = submit
    get = get
    list = list_documents
    replace = replace
    revoke = revoke
    raw_send_document = wire_send_document
    raw_send_certificates = wire_send_certificates
