"""Read side of VssID: profile, e-card, participation, benefits, medical visits, household."""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterable
from typing import Any

from vssdk.calendar import (
    add_months,
    month_of,
    months_between,
)
from vssdk_sandbox.card_image import render_card_png
from vssdk_sandbox.handlers.citizen.common import (
    CARDS,
    PARTICIPATION,
    PEOPLE,
    covered_elsewhere,
    last_month,
    me,
    page,
    periods_of,
    public,
    subject,
)
from vssdk_sandbox.kit import (
    Ctx,
    Reply,
    handles,
    problem,
)

# --- read side --------------------------------------------------------------------------------


@handles("getMyProfile")
def get_profile(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    keys = ("si_code", "citizen_id", "full_name", "birth_date", "sex", "province_code")
    return {k: person[k] for k in (*keys, "household_id") if person.get(k) is not None}


def _card_doc(ctx: Ctx, si_code: str) -> dict[str, Any]:
    card = ctx.store.get(CARDS, si_code)
    if card is None:
        raise problem(
            404,
            "Not Found",
            detail="this citizen has no health insurance card",
            vss_code="010",
            vss_message="Không có thông tin thẻ",
        )
    return card


def _qr(person: dict[str, Any], card: dict[str, Any]) -> dict[str, Any]:
    """The QR payload: pipe-separated, name and address hex-encoded, CRC-32 at the end."""

    def vn(day: str | None) -> str:
        return "" if day is None else dt.date.fromisoformat(day).strftime("%d/%m/%Y")

    fields = [
        card["card_code"],
        person["full_name"].encode("utf-8").hex(),
        vn(person["birth_date"]),
        "1" if person["sex"] == "male" else "2",
        card["address"].encode("utf-8").hex(),
        card["initial_facility_code"],
        vn(card["valid_from"]),
        vn(card.get("valid_to")),
        vn(card["issued_on"]),
        vn(card.get("five_years_continuous_from")),
    ]
    body = "|".join(fields)
    checksum = f"{zlib.crc32(body.encode('utf-8')):08x}"
    return public(
        {
            "text": f"{body}|{checksum}|$",
            "card_code": card["card_code"],
            "full_name": person["full_name"],
            "birth_date": person["birth_date"],
            "sex": person["sex"],
            "address": card["address"],
            "initial_facility_code": card["initial_facility_code"],
            "valid_from": card["valid_from"],
            "valid_to": card.get("valid_to"),
            "issued_on": card["issued_on"],
            "five_years_continuous_from": card.get("five_years_continuous_from"),
            "checksum": checksum,
        }
    )


def _card_view(ctx: Ctx, person: dict[str, Any], card: dict[str, Any]) -> dict[str, Any]:
    today = ctx.sandbox.today().isoformat()
    facility = ctx.store.get("facilities", card["initial_facility_code"]) or {}
    if card["valid_from"] > today:
        status = "not_yet_valid"
    elif card.get("valid_to") is not None and card["valid_to"] < today:
        status = "expired"
    else:
        status = "valid"
    return public(
        {
            "card_code": card["card_code"],
            "si_code": person["si_code"],
            "full_name": person["full_name"],
            "birth_date": person["birth_date"],
            "sex": person["sex"],
            "address": card["address"],
            "object_group": card["object_group"],
            "benefit_level": card["benefit_level"],
            "province_code": card["province_code"],
            "initial_facility": {
                "code": card["initial_facility_code"],
                "name": facility.get("name", card["initial_facility_code"]),
            },
            "valid_from": card["valid_from"],
            "valid_to": card.get("valid_to"),
            "five_years_continuous_from": card.get("five_years_continuous_from"),
            "area_code": card.get("area_code"),
            "status": status,
            "qr": _qr(person, card),
        }
    )


@handles("getMyCard")
def get_card(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    return _card_view(ctx, person, _card_doc(ctx, person["si_code"]))


@handles("getMyCardImage")
def get_card_image(ctx: Ctx) -> Reply:
    person = me(ctx)
    view = _card_view(ctx, person, _card_doc(ctx, person["si_code"]))
    return Reply(render_card_png(view), media_type="image/png")


def _period_view(period: dict[str, Any], today: dt.date) -> dict[str, Any]:
    view = public(period, "si_code")
    view["months"] = max(1, months_between(period["from_month"], last_month(period, today)))
    return view


@handles("listMyParticipation")
def list_participation(ctx: Ctx) -> dict[str, Any]:
    today = ctx.sandbox.today()
    items, cursor = page(ctx, PARTICIPATION, {"scheme": ctx.query.get("scheme")})
    return {"items": [_period_view(p, today) for p in items], "next_cursor": cursor}


def fund_totals(periods: Iterable[dict[str, Any]], scheme: str, today: dt.date) -> dict[str, Any]:
    """Months per fund, before and from 2014, counting each calendar month once."""
    months: set[str] = set()
    for period in periods:
        if period["scheme"] != scheme:
            continue
        first, last = period["from_month"], last_month(period, today)
        months.update(add_months(first, n) for n in range(months_between(first, last)))
    before = sum(1 for m in months if m < "2014-01")
    total = len(months)
    return public(
        {
            "scheme": scheme,
            "months_total": total,
            "months_before_2014": before,
            "months_from_2014": total - before,
            "years": total // 12,
            "remaining_months": total % 12,
            "participating": month_of(today) in months,
            "last_month": max(months) if months else None,
        }
    )


@handles("getMyParticipationSummary")
def get_participation_summary(ctx: Ctx) -> dict[str, Any]:
    today = ctx.sandbox.today()
    periods = periods_of(ctx.store, subject(ctx))
    return {
        "as_of": today.isoformat(),
        "funds": [fund_totals(periods, s, today) for s in ("si", "ui", "oa", "hi")],
    }


@handles("listMyBenefits")
def list_benefits(ctx: Ctx) -> dict[str, Any]:
    items, cursor = page(ctx, "benefit_records", {"kind": ctx.query.get("kind")})
    return {"items": [public(i, "si_code") for i in items], "next_cursor": cursor}


@handles("listMyMedicalVisits")
def list_medical_visits(ctx: Ctx) -> dict[str, Any]:
    items, cursor = page(ctx, "medical_visits", {"facility_code": ctx.query.get("facility_code")})
    return {"items": [public(i, "si_code") for i in items], "next_cursor": cursor}


@handles("getMyHousehold")
def get_household(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    household = person.get("household_id")
    if not household:
        raise problem(404, "Not Found", detail="no household in the population records")
    today = ctx.sandbox.today()
    members = []
    for member in ctx.store.find(PEOPLE, household_id=household):
        if not member.get("alive", True):
            continue  # a registered death removes the person from the household's residence
        card = ctx.store.get(CARDS, member["si_code"])
        members.append(
            public(
                {
                    "si_code": member["si_code"],
                    "full_name": member["full_name"],
                    "birth_date": member["birth_date"],
                    "covered": covered_elsewhere(card, today),
                    "object_group": None if card is None else card["object_group"],
                    "card_valid_to": None if card is None else card.get("valid_to"),
                }
            )
        )
    return {"household_id": household, "members": members}
