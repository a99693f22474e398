"""REST: a facility issues, reads, replaces and revokes its certificates."""

from __future__ import annotations

from typing import Any

from vssdk_sandbox.handlers.medical.common import (
    DOCS,
    Refused,
    check,
    emit,
    own_facility,
    receive,
    transaction_id,
    view,
)
from vssdk_sandbox.kit import Ctx, Reply, field_error, handles, problem


@handles("submitMedicalDocument")
def submit(ctx: Ctx) -> Reply:
    facility = own_facility(ctx)
    principal = ctx.require_principal()
    body = dict(ctx.body)
    try:
        check(ctx.sandbox, facility, body, "body")
        stored, created = receive(
            ctx.sandbox,
            facility,
            principal.subject,
            body,
            "rest",
            transaction_id(ctx.sandbox, facility),
        )
    except Refused as exc:
        raise exc.as_problem() from None
    return Reply(view(stored), status=201 if created else 200)


def _own(ctx: Ctx) -> dict[str, Any]:
    facility = own_facility(ctx)
    doc = ctx.store.get(DOCS, ctx.path["document_id"])
    if doc is None or doc["facility"] != facility:
        raise problem(404, "Not Found", detail="no such certificate for this facility")
    return doc


@handles("getMedicalDocument")
def get(ctx: Ctx) -> dict[str, Any]:
    return view(_own(ctx))


@handles("listMedicalDocuments")
def list_documents(ctx: Ctx) -> dict[str, Any]:
    facility = own_facility(ctx)
    q = ctx.query
    items, cursor = ctx.store.page(
        DOCS,
        where={
            "facility": facility,
            "kind": q.get("type"),
            "status": q.get("status"),
            "number": q.get("document_number"),
        },
        cursor=q.get("cursor"),
        limit=int(q.get("limit", 50)),
    )
    return {"items": [view(d) for d in items], "next_cursor": cursor}


@handles("replaceMedicalDocument")
def replace(ctx: Ctx) -> dict[str, Any]:
    stored = _own(ctx)
    body = dict(ctx.body["document"])
    if stored["status"] == "revoked":
        raise problem(
            409,
            "Conflict",
            slug="medical-document-conflict",
            detail="a revoked certificate cannot be replaced; issue a new one",
        )
    errors = [
        field_error(f"body.document.{name}", f"a replacement keeps the {name} ({stored[name]})")
        for name in ("type", "document_number")
        if body.get(name) != stored[name]
    ]
    if errors:
        raise problem(422, "Unprocessable Entity", slug="medical-document-invalid",
                      detail="not a replacement of this certificate", errors=errors)  # fmt: skip
    try:
        check(ctx.sandbox, stored["facility"], body, "body.document")
    except Refused as exc:
        raise exc.as_problem() from None
    if body == stored["document"]:
        return view(stored)  # a resend of the same correction
    now = ctx.sandbox.now().isoformat()
    magd = transaction_id(ctx.sandbox, stored["facility"])
    stored["version"] += 1
    stored["document"] = body
    stored["updated_at"] = now
    stored["transaction_id"] = magd
    patient = body.get("patient", {})
    stored["citizen_id"], stored["si_code"] = patient.get("citizen_id"), patient.get("si_code")
    stored["history"].append(
        {"version": stored["version"], "action": "replaced", "at": now, "channel": "rest",
         "reason": ctx.body["reason"], "transaction_id": magd}
    )  # fmt: skip
    ctx.store.put(DOCS, stored["id"], stored)
    emit(ctx.sandbox, stored, "replaced", reason=ctx.body["reason"])
    return view(stored)


@handles("revokeMedicalDocument")
def revoke(ctx: Ctx) -> dict[str, Any]:
    stored = _own(ctx)
    if stored["status"] == "revoked":
        return view(stored)  # already revoked: the same answer again
    now = ctx.sandbox.now().isoformat()
    stored["status"] = "revoked"
    stored["updated_at"] = now
    stored["revocation_reason"] = ctx.body["reason"]
    stored["history"].append(
        {"version": stored["version"], "action": "revoked", "at": now, "channel": "rest",
         "reason": ctx.body["reason"]}
    )  # fmt: skip
    ctx.store.put(DOCS, stored["id"], stored)
    emit(ctx.sandbox, stored, "revoked", reason=ctx.body["reason"])
    return view(stored)
