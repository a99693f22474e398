"""Sandbox handlers of the look-ups area."""

from __future__ import annotations

import unicodedata
from typing import Any

from vssdk_sandbox.kit import Ctx, handles, problem


@handles("listFacilities")
def list_facilities(ctx: Ctx) -> dict[str, Any]:
    where = {k: ctx.query.get(k) for k in ("province_code", "level")}
    for flag in ("contracted", "sick_leave_certificates"):
        value = ctx.query.get(flag)
        if value is not None:
            # SQLite's json_extract gives 1/0 for JSON true/false, so compare with an integer.
            where[flag] = int(bool(value))
    items, cursor = ctx.store.page(
        "facilities",
        where=where,
        cursor=ctx.query.get("cursor"),
        limit=int(ctx.query.get("limit", 50)),
    )
    return {"items": items, "next_cursor": cursor}


@handles("getFacility")
def get_facility(ctx: Ctx) -> dict[str, Any]:
    doc = ctx.store.get("facilities", ctx.path["facility_code"])
    if doc is None:
        raise problem(
            404,
            "Not Found",
            detail=f"no facility {ctx.path['facility_code']}",
            vss_code="404",
            vss_message="Không tìm thấy cơ sở khám chữa bệnh",
        )
    return doc


# --- public look-ups (tra cứu) ----------------------------------------------------------------

_EMPLOYER_FIELDS = ("unit_code", "tax_code", "name", "province_code", "agency_code")


def _slice(ctx: Ctx, docs: list[dict[str, Any]]) -> dict[str, Any]:
    """One page of an in-memory result, with an offset cursor (``o<offset>``)."""
    cursor = str(ctx.query.get("cursor") or "o0")
    offset = int(cursor[1:]) if cursor[:1] == "o" and cursor[1:].isdigit() else 0
    limit = int(ctx.query.get("limit", 50))
    items = docs[offset : offset + limit]
    more = offset + limit < len(docs)
    return {"items": items, "next_cursor": f"o{offset + limit}" if more else None}


def _norm_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@handles("findSiCodes")
def find_si_codes(ctx: Ctx) -> dict[str, Any]:
    wanted = _norm_name(str(ctx.query["full_name"]))
    candidates = ctx.store.find(
        "people", birth_date=ctx.query["birth_date"], province_code=ctx.query["province_code"]
    )
    matches = [
        {k: p[k] for k in ("si_code", "full_name", "birth_date", "province_code")}
        for p in candidates
        if _norm_name(p["full_name"]) == wanted and p.get("alive", True)
    ]
    return _slice(ctx, matches)


@handles("listAgencies")
def list_agencies(ctx: Ctx) -> dict[str, Any]:
    where = {k: ctx.query.get(k) for k in ("province_code", "level")}
    items, cursor = ctx.store.page(
        "agencies",
        where=where,
        cursor=ctx.query.get("cursor"),
        limit=int(ctx.query.get("limit", 50)),
    )
    return {"items": items, "next_cursor": cursor}


@handles("listEmployers")
def list_employers(ctx: Ctx) -> dict[str, Any]:
    where = {k: ctx.query.get(k) for k in ("tax_code", "province_code")}
    items, cursor = ctx.store.page(
        "employers",
        where=where,
        cursor=ctx.query.get("cursor"),
        limit=int(ctx.query.get("limit", 50)),
    )
    return {
        "items": [{k: e[k] for k in _EMPLOYER_FIELDS if e.get(k) is not None} for e in items],
        "next_cursor": cursor,
    }


@handles("listCollectionAgents")
def list_collection_agents(ctx: Ctx) -> dict[str, Any]:
    service = ctx.query.get("service")
    docs = ctx.store.find("collection_agents", province_code=ctx.query.get("province_code"))
    return _slice(ctx, [d for d in docs if service is None or service in d["services"]])


@handles("listProcedures")
def list_procedures(ctx: Ctx) -> dict[str, Any]:
    """The procedure catalogue (seeds/catalogue.py), by code, filtered by filer or code."""
    filer, code = ctx.query.get("filed_by"), ctx.query.get("code")
    docs = [
        doc
        for doc in ctx.store.find("procedure_catalogue")
        if (filer is None or filer in doc["filed_by"]) and (code is None or doc["code"] == code)
    ]
    return _slice(ctx, docs)
