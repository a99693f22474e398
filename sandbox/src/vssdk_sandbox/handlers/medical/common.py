"""What the medical handlers share: the store layout and receiving one certificate."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING, Any

from vssdk.medical import validate_builtins
from vssdk_sandbox.kit import Ctx, field_error, problem

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

DOCS = "medical_documents"
NUMBERS = "medical_numbers"
LEAVE_KINDS = frozenset({"sick_leave", "pregnancy_rest"})
_INTERNAL = ("owner", "facility", "number", "citizen_id", "si_code", "kind")


class Refused(Exception):
    """A certificate that cannot be accepted: ``status`` 409 or 422 and the field errors."""

    def __init__(self, status: int, detail: str, errors: list[dict[str, Any]]) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors

    def as_problem(self) -> Exception:
        slug = "medical-document-conflict" if self.status == 409 else "medical-document-invalid"
        title = "Conflict" if self.status == 409 else "Unprocessable Entity"
        return problem(self.status, title, slug=slug, detail=self.detail, errors=self.errors)


def same_name(a: str, b: str) -> bool:
    """Names compared as people read them: case, spacing and Unicode form ignored."""

    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return norm(a) == norm(b)


def view(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in _INTERNAL}


def own_facility(ctx: Ctx) -> str:
    """The caller's facility (from its gateway account); it must be the one in the path."""
    principal = ctx.require_principal()
    account = ctx.store.get("gateway_accounts", principal.subject)
    if account is None:
        raise problem(403, "Forbidden", detail="this client is not a health-facility account")
    facility = str(account["facility_code"])
    if ctx.path.get("facility_code") != facility:
        raise problem(403, "Forbidden", detail="a facility may only use its own facility code")
    return facility


def transaction_id(box: Sandbox, facility: str) -> str:
    """A gateway-style transaction id (MaGD): facility, day, sequence."""
    return f"{facility}{box.now():%Y%m%d}{box.store.next_number('medical_magd'):06d}"


def _differences(old: Any, new: Any, path: str) -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(old.keys() | new.keys()):
            out.extend(_differences(old.get(key), new.get(key), f"{path}.{key}"))
        return out
    return [] if old == new else [path]


def check(box: Sandbox, facility: str, body: dict[str, Any], prefix: str) -> None:
    """The SDK's rules plus the facility's right to issue SI leave certificates (422)."""
    errors = [
        field_error(f"{prefix}.{i.field}", i.message, code=i.rule) for i in validate_builtins(body)
    ]
    place = box.store.get("facilities", facility)
    if place is None:
        errors.append(field_error("path.facility_code", "not a known health facility"))
    elif body.get("type") in LEAVE_KINDS and not place.get("sick_leave_certificates"):
        errors.append(
            field_error(
                "path.facility_code",
                "this facility may not issue certificates of leave for SI benefits",
                code="facility.not_authorised",
            )
        )
    if errors:
        raise Refused(422, "the certificate cannot be accepted; nothing was stored", errors)


def receive(
    box: Sandbox,
    facility: str,
    owner: str,
    body: dict[str, Any],
    channel: str,
    magd: str,
    *,
    announce: bool = True,
) -> tuple[dict[str, Any], bool]:
    """Store a new certificate, or return the stored one when it is the same (idempotent on
    the facility's document number); the same number with other content is a 409."""
    key = f"{facility}:{body['document_number']}"
    ref = box.store.get(NUMBERS, key)
    if ref is not None:
        stored = box.store.get(DOCS, ref["id"])
        assert stored is not None
        if stored["document"] == body:
            return stored, False
        raise Refused(
            409,
            f"document number {body['document_number']} was already issued with other content "
            f"({stored['id']}); replace it to correct it",
            [field_error(p, "differs from the stored certificate") for p in
             _differences(stored["document"], body, "body")],
        )  # fmt: skip
    now = box.now().isoformat()
    doc_id = box.new_id("med")
    patient = body.get("patient", {})
    stored = {
        "id": doc_id,
        "facility_code": facility,
        "type": body["type"],
        "document_number": body["document_number"],
        "status": "active",
        "version": 1,
        "received_at": now,
        "updated_at": now,
        "transaction_id": magd,
        "document": body,
        "history": [
            {
                "version": 1,
                "action": "issued",
                "at": now,
                "channel": channel,
                "transaction_id": magd,
            }
        ],
        "owner": owner,
        "facility": facility,
        "number": body["document_number"],
        "kind": body["type"],
        "citizen_id": patient.get("citizen_id"),
        "si_code": patient.get("si_code"),
    }
    if not box.store.insert_new(NUMBERS, key, {"id": doc_id}):
        raise Refused(409, "the document number was taken by a concurrent request", [])
    box.store.put(DOCS, doc_id, stored)
    if announce:
        emit(box, stored, "received")
    return stored, True


def emit(box: Sandbox, stored: dict[str, Any], event: str, **extra: Any) -> None:
    data = {
        "document_id": stored["id"],
        "facility_code": stored["facility_code"],
        "type": stored["type"],
        "document_number": stored["document_number"],
        "version": stored["version"],
        "status": stored["status"],
        **extra,
    }
    box.emit(f"medical_document.{event}", data, owner=stored["owner"])


def by_number(box: Sandbox, number: str, kind: str) -> dict[str, Any] | None:
    """The certificate of ``kind`` with this number (the latest if facilities share it)."""
    found = box.store.find(DOCS, number=number, kind=kind)
    return found[-1] if found else None


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
