"""Sandbox handlers of the cards area, and the card-check logic both dialects share.

:func:`evaluate` decides the result code from the seeded cards (``seeds/cards.py``) the way the
gateway does: staff registration (054/055), lookup (050–053), fixed codes of some fixtures,
name (060/061, compared case-insensitively but *without* Unicode normalisation, like the real
gateway: send NFC), birth date (070), card state (110–124), validity and new cards (003/004/010),
special funds (001/002) and children checked by citizen ID (130).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from vssdk.cards.result_codes import ResultCode
from vssdk_sandbox.kit import Ctx, handles, problem

__all__ = ["Outcome", "evaluate", "facility_of", "record_check", "rest_result"]

VN_TZ = dt.timezone(dt.timedelta(hours=7))
_STATUS_CODES = {
    "revoked": "110",
    "decreased": "120",
    "decreased_moved_province": "121",
    "decreased_moved_within": "122",
    "decreased_reregistered": "123",
    "decreased_stopped": "124",
}
_SHOW_CARD = frozenset(
    {"000", "001", "002", "003", "004", "010", "110", "120", "121", "122", "123", "124", "130"}
)


@attrs.frozen(slots=True)
class Outcome:
    """The decided code and the card it concerns (``None`` when none was found)."""

    code: str
    card: dict[str, Any] | None
    lookup_type: str


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _birth_matches(given: str, stored: str) -> bool:
    if len(given) == 4 or len(stored) == 4:
        return given[:4] == stored[:4]
    return given == stored


def facility_of(ctx: Ctx, requested: str | None) -> str:
    """The calling facility: from its gateway account (``01001_BV``) or the request."""
    principal = ctx.require_principal()
    account = ctx.store.get("gateway_accounts", principal.subject)
    if account is not None:
        return str(account["facility_code"])
    if requested:
        return requested
    raise problem(403, "Forbidden", detail="this client is not a health-facility account")


def _find(ctx_store: Any, key: str) -> tuple[dict[str, Any] | None, str]:
    if len(key) == 15:
        return ctx_store.get("hi_cards", key[5:]), "card_code"
    if len(key) == 12:
        ref = ctx_store.get("hi_cards_by_citizen_id", key)
        return (ctx_store.get("hi_cards", ref["si_code"]) if ref else None), "citizen_id"
    return ctx_store.get("hi_cards", key), "si_code"


def evaluate(
    store: Any,
    today: dt.date,
    *,
    facility_code: str,
    key: str,
    full_name: str,
    birth: str,
    operator_name: str,
    operator_id: str,
) -> Outcome:
    """The result code for one check. ``birth`` is ``yyyy-mm-dd`` or ``yyyy``."""
    staff = (store.get("gateway_operators", facility_code) or {}).get("staff", {})
    kind = {15: "card_code", 12: "citizen_id"}.get(len(key), "si_code")
    if operator_id not in staff:
        return Outcome("054", None, kind)
    if _name_key(staff[operator_id]) != _name_key(operator_name):
        return Outcome("055", None, kind)
    card, kind = _find(store, key)
    if card is None:
        return Outcome("050", None, kind)
    if kind == "card_code" and key != card["card_code"]:
        new = card.get("new_card") or {}
        if key == new.get("card_code"):
            card = {
                **card,
                "card_code": new["card_code"],
                "valid_from": new["valid_from"],
                "valid_to": new["valid_to"],
                "facility_code": new["facility_code"],
                "facility_name": new["facility_name"],
                "previous_card_code": card["card_code"],
                "new_card": None,
            }
        else:
            code = card["card_code"]
            if key[:2] != code[:2]:
                return Outcome("051", None, kind)
            if key[2] != code[2]:
                return Outcome("053", None, kind)
            return Outcome("052", None, kind)
    if card.get("forced_code"):
        return Outcome(str(card["forced_code"]), card, kind)
    wanted, given = _name_key(card["full_name"]), _name_key(full_name)
    if wanted != given:
        return Outcome("061" if wanted[:1] == given[:1] else "060", None, kind)
    if not _birth_matches(birth, card["birth_date"]):
        return Outcome("070", None, kind)
    if card["status"] in _STATUS_CODES:
        return Outcome(_STATUS_CODES[card["status"]], card, kind)
    valid_to = dt.date.fromisoformat(card["valid_to"])
    if today > valid_to:
        return Outcome("003" if card.get("new_card") else "010", card, kind)
    if card.get("new_card"):
        return Outcome("004", card, kind)
    if card.get("fund") == "army":
        return Outcome("001", card, kind)
    if card.get("fund") == "police":
        return Outcome("002", card, kind)
    if kind == "citizen_id" and card["card_code"].startswith("TE"):
        return Outcome("130", card, kind)
    return Outcome("000", card, kind)


def record_check(store: Any, outcome: Outcome, account: str, at: dt.datetime) -> None:
    """Append the check to the card's history (``dsLichSuKT2018``). ``userKT`` is the facility
    account that made the check (``01001_BV``), as the gateway's guide describes it, not the
    staff member."""
    if outcome.card is None:
        return
    card = store.get("hi_cards", outcome.card["si_code"])
    if card is None:
        return
    card["checks"] = [
        *card.get("checks", [])[-9:],
        {"checked_by": account, "checked_at": at.isoformat(), "result_code": outcome.code,
         "message": ResultCode(outcome.code).message_vi},
    ]  # fmt: skip
    store.put("hi_cards", card["si_code"], card)


def _stamp(value: str) -> str:
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VN_TZ)
    return moment.isoformat()


def warnings_for(outcome: Outcome, today: dt.date, facility_code: str) -> list[dict[str, str]]:
    """Warnings for reception: card expiring, visit today elsewhere, new card issued."""
    card = outcome.card
    if card is None or outcome.code not in _SHOW_CARD:
        return []
    out: list[dict[str, str]] = []
    valid_to = dt.date.fromisoformat(card["valid_to"])
    days = (valid_to - today).days
    if 0 <= days <= 30:
        out.append({"code": "card_expiring",
                    "message": f"Thẻ hết hạn sau {days} ngày ({valid_to:%d/%m/%Y})"})  # fmt: skip
    for visit in card.get("visits", []):
        when = dt.datetime.fromisoformat(visit["admitted_at"]).date()
        if when == today and visit["facility_code"] != facility_code:
            where = visit["facility_code"]
            out.append({"code": "visit_same_day", "message": f"Đã khám trong ngày tại {where}"})
    if card.get("new_card") and outcome.code in ("003", "004"):
        out.append({"code": "new_card_issued",
                    "message": f"Đã cấp thẻ mới {card['new_card']['card_code']}"})  # fmt: skip
    return out


def rest_result(
    outcome: Outcome, today: dt.date, facility_code: str, *, check_id: str, at: dt.datetime
) -> dict[str, Any]:
    """The clean REST ``CardCheck`` document."""
    code = ResultCode(outcome.code)
    doc: dict[str, Any] = {
        "id": check_id,
        "result_code": code.value,
        "result_message": code.message_vi,
        "eligible": code.card_valid,
        "action": code.action.value,
        "lookup_type": outcome.lookup_type,
        "checked_at": at.isoformat(),
        "visits": [],
        "previous_checks": [],
        "warnings": warnings_for(outcome, today, facility_code),
    }
    card = outcome.card
    if card is not None and outcome.code in _SHOW_CARD:
        doc["card"] = {
            "card_code": card["card_code"],
            "si_code": card["si_code"],
            "full_name": card["full_name"],
            "birth_date": card["birth_date"],
            "sex": card["sex"],
            "address": card["address"],
            "registered_facility_code": card["facility_code"],
            "registered_facility_name": card["facility_name"],
            "issuing_office": card["office"],
            "valid_from": card["valid_from"],
            "valid_to": card["valid_to"],
            "area_code": card.get("area_code"),
            "five_years_date": card["five_years_date"],
            "previous_card_code": card.get("previous_card_code"),
        }
        new = card.get("new_card")
        if new and outcome.code in ("003", "004"):
            doc["new_card"] = {
                "card_code": new["card_code"],
                "valid_from": new["valid_from"],
                "valid_to": new["valid_to"],
                "registered_facility_code": new["facility_code"],
                "registered_facility_name": new["facility_name"],
            }
        doc["visits"] = [
            {**v, "admitted_at": _stamp(v["admitted_at"]),
             "discharged_at": _stamp(v["discharged_at"])}
            for v in card.get("visits", [])
        ]  # fmt: skip
        doc["previous_checks"] = [
            {**c, "checked_at": _stamp(c["checked_at"])} for c in card.get("checks", [])
        ]
    return doc


@handles("checkCard")
def check_card(ctx: Ctx) -> dict[str, Any]:
    body = ctx.body
    facility = facility_of(ctx, body.get("facility_code"))
    lookup = body["lookup"]
    if {15: "card_code", 12: "citizen_id", 10: "si_code"}[len(lookup["value"])] != lookup["type"]:
        raise problem(
            422, "Unprocessable Entity", detail="lookup.type does not match the value's length",
            slug="validation-failed", vss_code="205", vss_message=ResultCode("205").message_vi,
        )  # fmt: skip
    now = ctx.sandbox.now()
    outcome = evaluate(
        ctx.store,
        ctx.sandbox.today(),
        facility_code=facility,
        key=lookup["value"],
        full_name=body["full_name"],
        birth=body["birth_date"],
        operator_name=body["operator"]["name"],
        operator_id=body["operator"]["citizen_id"],
    )
    with ctx.store.transaction():  # one commit for the check's three writes
        check_id = ctx.sandbox.new_id("chk")
        doc = rest_result(outcome, ctx.sandbox.today(), facility, check_id=check_id, at=now)
        record_check(ctx.store, outcome, f"{facility}_BV", now)
        ctx.store.put("card_checks", check_id, {"facility": facility, "result": doc})
    return doc


@handles("getCardCheck")
def get_card_check(ctx: Ctx) -> dict[str, Any]:
    facility = facility_of(ctx, None)
    stored = ctx.store.get("card_checks", ctx.path["check_id"])
    if stored is None or stored["facility"] != facility:
        raise problem(404, "Not Found", detail="no such card check for this facility")
    result: dict[str, Any] = stored["result"]
    return result
