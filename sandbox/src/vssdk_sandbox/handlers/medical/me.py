"""A citizen's view of the chain: certificates about them and the benefits claimed from them."""

from __future__ import annotations

from typing import Any

from vssdk.medical import document_spec
from vssdk_sandbox.handlers.medical.common import DOCS
from vssdk_sandbox.handlers.medical.settlements import SETTLEMENTS
from vssdk_sandbox.kit import Ctx, handles, problem

_DETAIL_FIELDS = {
    "sick_leave": {"leave_from": "leave_from", "leave_to": "leave_to", "days": "days",
                   "diagnosis": "diagnosis"},
    "pregnancy_rest": {"leave_from": "leave_from", "leave_to": "leave_to", "days": "days",
                       "diagnosis": "diagnosis"},
    "discharge": {"leave_from": "rest_from", "leave_to": "rest_to", "days": "rest_days",
                  "diagnosis": "diagnosis"},
    "birth": {"child_name": "child_name", "child_birth_date": "child_birth_date"},
    "driver_health": {"licence_class": "licence_class", "fit": "fit", "valid_until": "valid_until"},
    "death": {},
    "record_summary": {"diagnosis": "diagnosis"},
    "inpatient_treatment": {"leave_from": "admitted_on", "leave_to": "discharged_on",
                            "diagnosis": "diagnosis"},
}  # fmt: skip


def _me(ctx: Ctx) -> dict[str, Any]:
    principal = ctx.require_principal()
    person = ctx.store.get("people", principal.subject)
    if person is None:
        raise problem(404, "Not Found", detail="no participant record for this account")
    return person


def _page(ctx: Ctx, items: list[dict[str, Any]]) -> dict[str, Any]:
    start = int(ctx.query["cursor"]) if str(ctx.query.get("cursor", "")).isdigit() else 0
    limit = int(ctx.query.get("limit", 50))
    page = items[start : start + limit]
    more = start + limit < len(items)
    return {"items": page, "next_cursor": str(start + limit) if more else None}


def _summary(ctx: Ctx, doc: dict[str, Any]) -> dict[str, Any]:
    kind = doc["type"]
    detail = doc["document"].get(kind, {})
    place = ctx.store.get("facilities", doc["facility_code"]) or {}
    out: dict[str, Any] = {
        "id": doc["id"],
        "type": kind,
        "title": document_spec(kind).title_vi,
        "document_number": doc["document_number"],
        "facility_code": doc["facility_code"],
        "facility_name": place.get("name"),
        "issued_on": doc["document"]["issued_on"],
        "status": doc["status"],
    }
    for name, source in _DETAIL_FIELDS[kind].items():
        out[name] = detail.get(source)
    return {k: v for k, v in out.items() if v is not None}


@handles("listMyMedicalDocuments")
def list_documents(ctx: Ctx) -> dict[str, Any]:
    person = _me(ctx)
    kind = ctx.query.get("type")
    found = {
        d["id"]: d
        for d in [
            *ctx.store.find(DOCS, citizen_id=person["citizen_id"], kind=kind),
            *ctx.store.find(DOCS, si_code=person["si_code"], kind=kind),
        ]
    }
    items = [_summary(ctx, found[k]) for k in sorted(found)]
    return _page(ctx, items)


@handles("listMyCertificateBenefits")
def list_benefits(ctx: Ctx) -> dict[str, Any]:
    person = _me(ctx)
    items = []
    for doc in ctx.store.find(SETTLEMENTS):
        for row in doc["rows"]:
            if row["si_code"] != person["si_code"]:
                continue
            item = {
                "settlement_id": doc["id"],
                "row": row["row"],
                "regime": row["regime"],
                "unit_code": doc["unit_code"],
                "period": doc["period"],
                "leave_from": row["leave_from"],
                "leave_to": row["leave_to"],
                "days_claimed": row["days_claimed"],
                "status": row["status"],
                "certificate_number": row.get("certificate_number"),
                "days_paid": row.get("days_paid"),
                "amount": row.get("amount"),
                "explanation": row.get("explanation"),
                "refusal_reason": row.get("refusal_reason"),
                "decided_at": doc.get("decided_at"),
                "paid_at": row.get("paid_at"),
            }
            items.append({k: v for k, v in item.items() if v is not None})
    return _page(ctx, items)
