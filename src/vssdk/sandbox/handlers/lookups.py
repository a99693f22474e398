"""Sandbox handlers of the look-ups area."""

from __future__ import annotations

from typing import Any

from vssdk.sandbox.handlers import Ctx, handles, problem


@handles("listFacilities")
def list_facilities(ctx: Ctx) -> dict[str, Any]:
    where = {k: ctx.query.get(k) for k in ("province_code", "level", "contracted")}
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
