"""Sandbox handlers of the citizen area: VssID's screens and public services for one citizen.

Every handler works on ``ctx.principal.subject`` (the citizen's SI code) only: another person's
registration, payment or dossier is a 403, an unknown id a 404. Amounts come from
``vssdk.benefits`` (the same engine as the SDK). Dossiers move along on the sandbox clock
(:func:`advance_applications`) and every status change is emitted as
``application.status_changed`` for webhook delivery.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vssdk import benefits
from vssdk.calendar import (
    add_months,
    add_months_to_date,
    month_of,
    month_span,
    months_between,
    split_2014,
)
from vssdk_sandbox.kit import (
    Ctx,
    Reply,
    SandboxProblem,
    field_error,
    handles,
    on_tick,
    problem,
)

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

PEOPLE = "people"
CARDS = "citizen_cards"
PARTICIPATION = "participation"
REGISTRATIONS = "citizen_registrations"
PAYMENTS = "citizen_payments"
APPLICATIONS = "citizen_applications"
HOUSEHOLD_GROUP = "GD"
MODE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
REJECT_ACCOUNT = "0000000000"  # documented trigger: a dossier paying to it is rejected
# How long each dossier status lasts on the sandbox clock before the next one.
STATUS_DELAYS: dict[str, tuple[str, dt.timedelta]] = {
    "submitted": ("received", dt.timedelta(hours=1)),
    "received": ("processing", dt.timedelta(days=1)),
    "processing": ("approved", dt.timedelta(days=2)),
    "approved": ("paid", dt.timedelta(days=1)),
}


# --- shared helpers ---------------------------------------------------------------------------


def _subject(ctx: Ctx) -> str:
    return ctx.require_principal().subject


def _me(ctx: Ctx) -> dict[str, Any]:
    person = ctx.store.get(PEOPLE, _subject(ctx))
    if person is None:
        raise problem(404, "Not Found", detail="no population record for this session's citizen")
    return person


def _unprocessable(errors: list[dict[str, Any]], detail: str) -> SandboxProblem:
    return problem(422, "Unprocessable Entity", detail=detail, slug="rule-violated", errors=errors)


def _owned(ctx: Ctx, collection: str, key: str, what: str) -> dict[str, Any]:
    doc = ctx.store.get(collection, key)
    if doc is None:
        raise problem(404, "Not Found", detail=f"no {what} {key}", vss_code="404")
    if doc["si_code"] != _subject(ctx):
        raise problem(
            403, "Forbidden", detail=f"{what} {key} belongs to another citizen", slug="not-yours"
        )
    return doc


def _public(doc: dict[str, Any], *hidden: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in hidden and v is not None}


def _page(
    ctx: Ctx, collection: str, where: dict[str, Any]
) -> tuple[list[dict[str, Any]], str | None]:
    return ctx.store.page(
        collection,
        where={"si_code": _subject(ctx), **where},
        cursor=ctx.query.get("cursor"),
        limit=int(ctx.query.get("limit", 50)),
    )


def _norm_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _periods(store: Any, si_code: str, scheme: str | None = None) -> list[dict[str, Any]]:
    where = {"si_code": si_code} if scheme is None else {"si_code": si_code, "scheme": scheme}
    docs, _ = store.page(PARTICIPATION, where=where, limit=None)
    return list(docs)


def _last(period: dict[str, Any], today: dt.date) -> str:
    return str(period.get("to_month") or month_of(today))


def _open(period: dict[str, Any], today: dt.date) -> bool:
    return period.get("to_month") is None or period["to_month"] >= month_of(today)


# --- read side --------------------------------------------------------------------------------


@handles("getMyProfile")
def get_profile(ctx: Ctx) -> dict[str, Any]:
    person = _me(ctx)
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
    return _public(
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
    return _public(
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
    person = _me(ctx)
    return _card_view(ctx, person, _card_doc(ctx, person["si_code"]))


_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)


def _font(size: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    path = Path(_FONT_PATHS[1 if bold else 0])
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _vn(day: str | None) -> str:
    return "-" if day is None else dt.date.fromisoformat(day).strftime("%d/%m/%Y")


def render_card_png(view: dict[str, Any]) -> bytes:
    """Draw the e-card as VssID shows it (text on the left, the QR code on the right)."""
    import segno
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (720, 420), (235, 244, 252))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 720, 64), fill=(0, 94, 168))
    draw.text((20, 10), "BẢO HIỂM XÃ HỘI VIỆT NAM", font=_font(18, bold=True), fill="white")
    draw.text((20, 36), "THẺ BẢO HIỂM Y TẾ (SANDBOX)", font=_font(16), fill="white")
    facility = view["initial_facility"]
    rows = [
        ("Mã số", view["card_code"]),
        ("Họ và tên", view["full_name"]),
        ("Ngày sinh", _vn(view["birth_date"])),
        ("Giới tính", "Nam" if view["sex"] == "male" else "Nữ"),
        ("Nơi ĐKKCB", f"{facility['code']} - {facility['name']}"[:34]),
        ("Giá trị từ", f"{_vn(view['valid_from'])} đến {_vn(view.get('valid_to'))}"),
        ("Đủ 5 năm", _vn(view.get("five_years_continuous_from"))),
    ]
    y = 84
    for label, value in rows:
        draw.text((20, y), f"{label}:", font=_font(15), fill=(60, 60, 60))
        draw.text((130, y), str(value), font=_font(15, bold=True), fill=(0, 0, 0))
        y += 40
    buffer = io.BytesIO()
    segno.make(view["qr"]["text"], error="m").save(buffer, kind="png", scale=4, border=2)
    buffer.seek(0)
    qr = Image.open(buffer).convert("RGB")
    side = min(220, qr.width)
    image.paste(qr.resize((side, side), Image.Resampling.NEAREST), (720 - side - 24, 110))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@handles("getMyCardImage")
def get_card_image(ctx: Ctx) -> Reply:
    person = _me(ctx)
    view = _card_view(ctx, person, _card_doc(ctx, person["si_code"]))
    return Reply(render_card_png(view), media_type="image/png")


def _period_view(period: dict[str, Any], today: dt.date) -> dict[str, Any]:
    view = _public(period, "si_code")
    view["months"] = max(1, months_between(period["from_month"], _last(period, today)))
    return view


@handles("listMyParticipation")
def list_participation(ctx: Ctx) -> dict[str, Any]:
    today = ctx.sandbox.today()
    items, cursor = _page(ctx, PARTICIPATION, {"scheme": ctx.query.get("scheme")})
    return {"items": [_period_view(p, today) for p in items], "next_cursor": cursor}


def fund_totals(periods: Iterable[dict[str, Any]], scheme: str, today: dt.date) -> dict[str, Any]:
    """Months per fund, before and from 2014, counting each calendar month once."""
    months: set[str] = set()
    for period in periods:
        if period["scheme"] != scheme:
            continue
        first, last = period["from_month"], _last(period, today)
        months.update(add_months(first, n) for n in range(months_between(first, last)))
    before = sum(1 for m in months if m < "2014-01")
    total = len(months)
    return _public(
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
    periods = _periods(ctx.store, _subject(ctx))
    return {
        "as_of": today.isoformat(),
        "funds": [fund_totals(periods, s, today) for s in ("si", "ui", "oa", "hi")],
    }


@handles("listMyBenefits")
def list_benefits(ctx: Ctx) -> dict[str, Any]:
    items, cursor = _page(ctx, "benefit_records", {"kind": ctx.query.get("kind")})
    return {"items": [_public(i, "si_code") for i in items], "next_cursor": cursor}


@handles("listMyMedicalVisits")
def list_medical_visits(ctx: Ctx) -> dict[str, Any]:
    items, cursor = _page(ctx, "medical_visits", {"facility_code": ctx.query.get("facility_code")})
    return {"items": [_public(i, "si_code") for i in items], "next_cursor": cursor}


def _covered_elsewhere(card: dict[str, Any] | None, today: dt.date) -> bool:
    if card is None or card["object_group"] == HOUSEHOLD_GROUP:
        return False
    return card.get("valid_to") is None or card["valid_to"] >= today.isoformat()


@handles("getMyHousehold")
def get_household(ctx: Ctx) -> dict[str, Any]:
    person = _me(ctx)
    household = person.get("household_id")
    if not household:
        raise problem(404, "Not Found", detail="no household in the population records")
    today = ctx.sandbox.today()
    members = []
    for member in ctx.store.find(PEOPLE, household_id=household):
        card = ctx.store.get(CARDS, member["si_code"])
        members.append(
            _public(
                {
                    "si_code": member["si_code"],
                    "full_name": member["full_name"],
                    "birth_date": member["birth_date"],
                    "covered": _covered_elsewhere(card, today),
                    "object_group": None if card is None else card["object_group"],
                    "card_valid_to": None if card is None else card.get("valid_to"),
                }
            )
        )
    return {"household_id": household, "members": members}


# --- voluntary SI -----------------------------------------------------------------------------


def _rule_error(exc: benefits.RuleInputError, rule: str) -> SandboxProblem:
    path = f"body.{exc.argument}"
    return _unprocessable(
        [field_error(path, str(exc), code=rule)], f"{path} breaks the rule {rule}"
    )


@handles("registerVoluntarySi")
def register_voluntary_si(ctx: Ctx) -> dict[str, Any]:
    person = _me(ctx)
    body = ctx.body
    now, today = ctx.sandbox.now(), ctx.sandbox.today()
    periods = _periods(ctx.store, person["si_code"], "si")
    if any(p["kind"] == "compulsory" and _open(p, today) for p in periods):
        raise _unprocessable(
            [
                field_error(
                    "body",
                    "already in compulsory social insurance this month (Law 41/2024 Art 2(4))",
                    code="voluntary_si.in_compulsory_si",
                )
            ],
            "people in compulsory SI cannot register for voluntary SI",
        )
    if ctx.store.find("benefit_records", si_code=person["si_code"], kind="pension"):
        raise _unprocessable(
            [field_error("body", "already receiving a pension", code="voluntary_si.pensioner")],
            "pensioners cannot register for voluntary SI",
        )
    months = MODE_MONTHS[body["payment_mode"]]
    group = body.get("support_group", "other")
    voluntary = [p for p in periods if p["kind"] == "voluntary"]
    supported = sum(months_between(p["from_month"], _last(p, today)) for p in voluntary)
    try:
        amounts = benefits.voluntary_si_contribution(
            body["monthly_income"],
            today,
            months=months,
            support_group=group,
            supported_months_so_far=supported,
        )
    except benefits.RuleInputError as exc:
        rule = "voluntary_si.income_range" if exc.argument == "monthly_income" else "voluntary_si"
        raise _rule_error(exc, rule) from None
    latest = max((_last(p, today) for p in voluntary), default=None)
    start = month_of(today) if latest is None or latest < month_of(today) else add_months(latest, 1)
    registration = {
        "id": ctx.sandbox.new_id("reg"),
        "si_code": person["si_code"],
        "purpose": "voluntary_si",
        "status": "awaiting_payment",
        "monthly_income": body["monthly_income"],
        "payment_mode": body["payment_mode"],
        "support_group": group,
        "months": months,
        "period_from": start,
        "period_to": add_months(start, months - 1),
        "gross_per_month": amounts.gross_per_month,
        "state_support_per_month": amounts.state_support_per_month,
        "payable_per_month": amounts.payable_per_month,
        "amount_due": amounts.payable_total,
        "created_at": now.isoformat(),
    }
    ctx.store.put(REGISTRATIONS, registration["id"], registration)
    return _public(registration, "si_code", "purpose")


# --- household HI -----------------------------------------------------------------------------


def _new_cover(card: dict[str, Any] | None, today: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """HI Law Art 16(3)(c): first-time or ≥90-day gap → valid 30 days after payment."""
    valid_to = None if card is None or card.get("valid_to") is None else card["valid_to"]
    last = None if valid_to is None else dt.date.fromisoformat(valid_to)
    if last is not None and last >= today - dt.timedelta(days=90):
        start = max(last + dt.timedelta(days=1), today)
    else:
        start = today + dt.timedelta(days=30)
    return start, add_months_to_date(start, months) - dt.timedelta(days=1)


def _member_errors(ctx: Ctx, person: dict[str, Any], members: list[dict[str, Any]]) -> list[Any]:
    today = ctx.sandbox.today()
    errors: list[dict[str, Any]] = []
    for index, member in enumerate(members):
        where = f"body.members[{index}]"
        record = ctx.store.get(PEOPLE, member["si_code"])
        if record is None or not record.get("alive", True):
            errors.append(
                field_error(
                    f"{where}.si_code",
                    "not in the population records",
                    code="household_hi.not_in_population_records",
                )
            )
        elif _norm_name(record["full_name"]) != _norm_name(member["full_name"]):
            errors.append(
                field_error(
                    f"{where}.full_name",
                    "does not match the population records for this SI code",
                    code="household_hi.name_mismatch",
                )
            )
        elif record.get("household_id") != person.get("household_id"):
            errors.append(
                field_error(
                    f"{where}.si_code",
                    "not a member of your household in the population records",
                    code="household_hi.not_in_household",
                )
            )
        elif _covered_elsewhere(ctx.store.get(CARDS, member["si_code"]), today):
            errors.append(
                field_error(
                    f"{where}.si_code",
                    "already covered by another group; only household-form members count",
                    code="household_hi.covered_by_other_group",
                )
            )
    return errors


@handles("registerHouseholdHi")
def register_household_hi(ctx: Ctx) -> dict[str, Any]:
    person = _me(ctx)
    members: list[dict[str, Any]] = ctx.body["members"]
    months: int = ctx.body["months"]
    if len({m["si_code"] for m in members}) != len(members):
        raise _unprocessable(
            [
                field_error(
                    "body.members", "a member is listed twice", code="household_hi.duplicate"
                )
            ],
            "each member once",
        )
    errors = _member_errors(ctx, person, members)
    if errors:
        raise _unprocessable(errors, "some members cannot join in the household form")
    today, now = ctx.sandbox.today(), ctx.sandbox.now()
    amounts = benefits.household_hi_contribution(len(members), today, months=months)
    lines = []
    for position, (member, amount) in enumerate(zip(members, amounts.per_member, strict=True), 1):
        record = ctx.store.get(PEOPLE, member["si_code"]) or {}
        start, end = _new_cover(ctx.store.get(CARDS, member["si_code"]), today, months)
        lines.append(
            {
                "si_code": member["si_code"],
                "full_name": record.get("full_name", member["full_name"]),
                "position": position,
                "amount": amount,
                "valid_from": start.isoformat(),
                "valid_to": end.isoformat(),
            }
        )
    registration = {
        "id": ctx.sandbox.new_id("reg"),
        "si_code": person["si_code"],
        "purpose": "household_hi",
        "status": "awaiting_payment",
        "months": months,
        "members": lines,
        "amount_due": amounts.total,
        "created_at": now.isoformat(),
    }
    ctx.store.put(REGISTRATIONS, registration["id"], registration)
    return _public(registration, "si_code", "purpose")


# --- payments ---------------------------------------------------------------------------------


@handles("createMyPayment")
def create_payment(ctx: Ctx) -> dict[str, Any]:
    registration = _owned(ctx, REGISTRATIONS, ctx.body["registration_id"], "registration")
    if registration["status"] == "paid":
        raise problem(409, "Conflict", detail="this registration is already paid", slug="paid")
    payment_id = ctx.sandbox.new_id("pay")
    payment = {
        "id": payment_id,
        "si_code": registration["si_code"],
        "registration_id": registration["id"],
        "purpose": registration["purpose"],
        "amount": registration["amount_due"],
        "method": ctx.body.get("method", "qr"),
        "status": "pending",
        "checkout_url": f"https://pay.sandbox.vssdk.invalid/checkout/{payment_id}",
        "qr_text": f"VSSDKPAY|{payment_id}|{registration['amount_due']}|VND|BHXH",
        "created_at": ctx.sandbox.now().isoformat(),
    }
    ctx.store.put(PAYMENTS, payment_id, payment)
    return _public(payment, "si_code")


def _apply_voluntary(ctx: Ctx, registration: dict[str, Any]) -> None:
    count = ctx.store.next_number(f"participation:{registration['si_code']}")
    ctx.store.put(
        PARTICIPATION,
        f"{registration['si_code']}:p{count:03d}",
        {
            "si_code": registration["si_code"],
            "scheme": "si",
            "kind": "voluntary",
            "from_month": registration["period_from"],
            "to_month": registration["period_to"],
            "monthly_salary": registration["monthly_income"],
            "rate_percent": "22",
            "status": "paid",
        },
    )


def _apply_household(ctx: Ctx, registration: dict[str, Any]) -> None:
    for line in registration["members"]:
        person = ctx.store.get(PEOPLE, line["si_code"]) or {}
        card = ctx.store.get(CARDS, line["si_code"])
        province = person.get("province_code", line["si_code"][:2])
        if card is None:
            card = {
                "si_code": line["si_code"],
                "province_code": province,
                "initial_facility_code": f"{province}002",
                "valid_from": line["valid_from"],
                "issued_on": ctx.sandbox.today().isoformat(),
                "address": "Việt Nam",
            }
        old_to = card.get("valid_to")
        next_day = None if old_to is None else dt.date.fromisoformat(old_to) + dt.timedelta(days=1)
        if next_day is None or line["valid_from"] > next_day.isoformat():
            card["valid_from"] = line["valid_from"]
        card.update(
            card_code=f"{HOUSEHOLD_GROUP}4{card['province_code']}{line['si_code']}",
            object_group=HOUSEHOLD_GROUP,
            benefit_level="4",
            valid_to=line["valid_to"],
        )
        ctx.store.put(CARDS, line["si_code"], card)


@handles("completeMyPayment")
def complete_payment(ctx: Ctx) -> dict[str, Any]:
    payment = _owned(ctx, PAYMENTS, ctx.path["payment_id"], "payment")
    outcome = ctx.body["outcome"]
    wanted = "succeeded" if outcome == "approved" else "failed"
    if payment["status"] == wanted:
        return _public(payment, "si_code")
    if payment["status"] != "pending":
        raise problem(409, "Conflict", detail=f"the payment is already {payment['status']}")
    registration = ctx.store.get(REGISTRATIONS, payment["registration_id"]) or {}
    now = ctx.sandbox.now()
    with ctx.store.transaction():
        payment["status"] = wanted
        payment["completed_at"] = now.isoformat()
        if wanted == "failed":
            payment["failure_reason"] = "declined by the payer at the payment gateway"
        elif registration.get("status") == "paid":
            payment["status"] = "failed"
            payment["failure_reason"] = "the registration was already paid by another payment"
        else:
            number = ctx.store.next_number(f"receipt:{now.year}")
            payment["receipt_number"] = f"BL{now.year}{number:06d}"
            registration["status"] = "paid"
            registration["payment_id"] = payment["id"]
            ctx.store.put(REGISTRATIONS, registration["id"], registration)
            if registration["purpose"] == "voluntary_si":
                _apply_voluntary(ctx, registration)
            else:
                _apply_household(ctx, registration)
        ctx.store.put(PAYMENTS, payment["id"], payment)
    ctx.sandbox.emit(
        f"payment.{payment['status']}",
        {"payment_id": payment["id"], "registration_id": payment["registration_id"]},
        owner=payment["si_code"],
    )
    return _public(payment, "si_code")


@handles("getMyPayment")
def get_payment(ctx: Ctx) -> dict[str, Any]:
    return _public(_owned(ctx, PAYMENTS, ctx.path["payment_id"], "payment"), "si_code")


def _receipt_lines(registration: dict[str, Any]) -> list[dict[str, Any]]:
    if registration["purpose"] == "voluntary_si":
        months = registration["months"]
        return [
            {
                "description": (
                    f"BHXH tự nguyện {registration['period_from']}..{registration['period_to']}: "
                    f"22% x {registration['monthly_income']:,} x {months} tháng"
                ),
                "amount": registration["gross_per_month"] * months,
            },
            {
                "description": "Nhà nước hỗ trợ (state support)",
                "amount": registration["gross_per_month"] * months - registration["amount_due"],
            },
        ]
    return [
        {
            "description": f"BHYT hộ gia đình, người thứ {line['position']}: {line['full_name']}",
            "amount": line["amount"],
        }
        for line in registration["members"]
    ]


@handles("getMyReceipt")
def get_receipt(ctx: Ctx) -> dict[str, Any]:
    payment = _owned(ctx, PAYMENTS, ctx.path["payment_id"], "payment")
    if payment["status"] != "succeeded":
        raise problem(
            409, "Conflict", detail=f"no receipt: the payment is {payment['status']}", slug="unpaid"
        )
    registration = ctx.store.get(REGISTRATIONS, payment["registration_id"]) or {}
    person = ctx.store.get(PEOPLE, payment["si_code"]) or {}
    return {
        "receipt_number": payment["receipt_number"],
        "payment_id": payment["id"],
        "purpose": payment["purpose"],
        "amount": payment["amount"],
        "paid_at": payment["completed_at"],
        "payer_si_code": payment["si_code"],
        "payer_name": person.get("full_name", ""),
        "lines": _receipt_lines(registration),
    }


# --- claims (dossiers) ------------------------------------------------------------------------


def _refuse(path: str, message: str, rule: str) -> SandboxProblem:
    return _unprocessable([field_error(path, message, code=rule)], message)


def _ensure_none_open(ctx: Ctx, procedure: str) -> None:
    for doc in ctx.store.find(APPLICATIONS, si_code=_subject(ctx), procedure=procedure):
        if doc["status"] not in ("rejected", "paid"):
            raise problem(
                409,
                "Conflict",
                detail=f"application {doc['id']} for this procedure is still open",
                slug="application-open",
            )


def _create_application(
    ctx: Ctx, procedure: str, months: int, details: dict[str, Any]
) -> dict[str, Any]:
    now = ctx.sandbox.now().isoformat()
    app: dict[str, Any] = {
        "id": ctx.sandbox.new_id("app"),
        "si_code": _subject(ctx),
        "procedure": procedure,
        "status": "submitted",
        "submitted_at": now,
        "updated_at": now,
        "history": [{"status": "submitted", "at": now}],
        "contribution_months": months,
        "details": details,
    }
    ctx.store.put(APPLICATIONS, app["id"], app)
    _emit_change(ctx.sandbox, app, None)
    return _application_view(app)


def _application_view(app: dict[str, Any]) -> dict[str, Any]:
    return _public(app, "si_code", "details")


@handles("claimOneTimeSi")
def claim_one_time_si(ctx: Ctx) -> dict[str, Any]:
    person = _me(ctx)
    today = ctx.sandbox.today()
    periods = _periods(ctx.store, person["si_code"], "si")
    totals = fund_totals(periods, "si", today)
    months = int(totals["months_total"])
    ground = ctx.body["ground"]
    if months == 0:
        raise _refuse(
            "body.ground", "no social insurance contribution months", "one_time_si.no_contribution"
        )
    if ground == "left_si_12_months":
        window = (add_months(month_of(today), -12), add_months(month_of(today), -1))
        if totals["participating"] or any(
            month_span(p["from_month"], _last(p, today), *window) for p in periods
        ):
            raise _refuse(
                "body.ground",
                "contributed to SI in the last 12 months (Law 41/2024 Art 70(1)(đ))",
                "one_time_si.still_participating",
            )
        if months >= 240:
            raise _refuse(
                "body.ground",
                "20 years or more of contributions: one-time SI route (đ) is closed",
                "one_time_si.twenty_years",
            )
        if min(p["from_month"] for p in periods) >= "2025-07":
            raise _refuse(
                "body.ground",
                "route (đ) needs contribution time from before 2025-07-01",
                "one_time_si.joined_after_2025_07",
            )
    _ensure_none_open(ctx, "one_time_si")
    return _create_application(ctx, "one_time_si", months, dict(ctx.body))


@handles("claimUnemploymentBenefit")
def claim_unemployment_benefit(ctx: Ctx) -> dict[str, Any]:
    person = _me(ctx)
    today = ctx.sandbox.today()
    ended = dt.date.fromisoformat(ctx.body["termination_date"])
    if ended > today:
        raise _refuse(
            "body.termination_date", "is in the future", "unemployment.termination_in_future"
        )
    if add_months_to_date(ended, 3) < today:
        raise _refuse(
            "body.termination_date",
            "the claim must be filed within 3 months of termination (Law 74/2025 Art 38(1)(c))",
            "unemployment.filing_deadline",
        )
    ui = _periods(ctx.store, person["si_code"], "ui")
    window = (add_months(month_of(ended), -23), month_of(ended))
    months = len(
        {
            add_months(p["from_month"], n)
            for p in ui
            for n in range(months_between(p["from_month"], _last(p, today)))
            if window[0] <= add_months(p["from_month"], n) <= window[1]
        }
    )
    if months < 12:
        raise _refuse(
            "body.termination_date",
            f"{months} months of unemployment insurance in the 24 months before termination; "
            "12 are needed (Law 74/2025 Art 38(1)(b))",
            "unemployment.contribution_months",
        )
    if any(
        p["kind"] == "compulsory" and _open(p, today)
        for p in _periods(ctx.store, person["si_code"], "si")
    ):
        raise _refuse(
            "body.termination_date",
            "still employed: compulsory SI is being paid this month",
            "unemployment.still_employed",
        )
    _ensure_none_open(ctx, "unemployment_benefit")
    return _create_application(ctx, "unemployment_benefit", months, dict(ctx.body))


@handles("getMyApplication")
def get_application(ctx: Ctx) -> dict[str, Any]:
    return _application_view(_owned(ctx, APPLICATIONS, ctx.path["application_id"], "application"))


@handles("listMyApplications")
def list_applications(ctx: Ctx) -> dict[str, Any]:
    where = {k: ctx.query.get(k) for k in ("procedure", "status")}
    items, cursor = _page(ctx, APPLICATIONS, where)
    return {"items": [_application_view(a) for a in items], "next_cursor": cursor}


# --- lifecycle --------------------------------------------------------------------------------


def _emit_change(sandbox: Sandbox, app: dict[str, Any], previous: str | None) -> None:
    data = _public(
        {
            "application_id": app["id"],
            "procedure": app["procedure"],
            "status": app["status"],
            "previous_status": previous,
            "reason": app.get("rejection_reason"),
            "at": app["updated_at"],
        }
    )
    sandbox.emit("application.status_changed", data, owner=app["si_code"])


def _benefit_amount(sandbox: Sandbox, app: dict[str, Any], on: dt.date) -> tuple[int, int | None]:
    """(total, monthly) the claim pays, from vssdk.benefits.

    Simplified inputs: one-time SI averages the recorded salaries without CPI adjustment; the
    unemployment benefit uses the last period's salary as the 6-month average.
    """
    periods = _periods(
        sandbox.store, app["si_code"], "si" if app["procedure"] == "one_time_si" else "ui"
    )
    weighted = [
        (months_between(p["from_month"], _last(p, on)), int(p.get("monthly_salary") or 0))
        for p in periods
    ]
    months = sum(m for m, _ in weighted) or 1
    average = sum(m * s for m, s in weighted) // months
    if app["procedure"] == "one_time_si":
        before = sum(split_2014(p["from_month"], _last(p, on))[0] for p in periods)
        result = benefits.one_time_si(
            average,
            before,
            app["contribution_months"] - before,
            on,
            contributed_salaries_total=sum(m * s for m, s in weighted),
        )
        return result.amount, None
    latest = periods[-1] if periods else {}
    employer = sandbox.store.get("employers", str(latest.get("employer_unit_code"))) or {}
    salary = int(latest.get("monthly_salary") or average)
    ui = benefits.unemployment_benefit(
        salary, app["contribution_months"], int(employer.get("region", 1)), on
    )
    return ui.total, ui.monthly_amount


def _advance(sandbox: Sandbox, app: dict[str, Any]) -> bool:
    step = STATUS_DELAYS.get(app["status"])
    if step is None:
        return False
    following, delay = step
    due = dt.datetime.fromisoformat(app["updated_at"]) + delay
    if due > sandbox.now():
        return False
    previous = app["status"]
    if following == "received":
        app["reference_number"] = f"HS{due:%Y%m%d}{app['id'][-6:]}"
    if (
        following == "approved"
        and app["details"]["bank_account"]["account_number"] == REJECT_ACCOUNT
    ):
        following = "rejected"
        app["rejection_reason"] = "Tài khoản ngân hàng không hợp lệ (bank account not valid)"
    app["status"] = following
    app["updated_at"] = due.isoformat()
    change = {"status": following, "at": due.isoformat()}
    if following == "rejected":
        change["reason"] = app["rejection_reason"]
    app["history"].append(change)
    if following == "paid":
        _record_benefit(sandbox, app, due.date())
    sandbox.store.put(APPLICATIONS, app["id"], app)
    _emit_change(sandbox, app, previous)
    return True


def _record_benefit(sandbox: Sandbox, app: dict[str, Any], on: dt.date) -> None:
    try:
        total, monthly = _benefit_amount(sandbox, app, on)
    except benefits.RuleInputError:
        return
    kind = "one_time_si" if app["procedure"] == "one_time_si" else "unemployment"
    sandbox.store.put(
        "benefit_records",
        f"{app['si_code']}:{app['id']}",
        _public(
            {
                "si_code": app["si_code"],
                "id": f"ben_{app['id']}",
                "kind": kind,
                "from_date": on.isoformat(),
                "amount": total,
                "monthly_amount": monthly,
                "decision_number": app.get("reference_number"),
            }
        ),
    )


_TICKING = "citizen.ticking"  # re-entrancy guard: a tick can emit events that tick again


@on_tick
def advance_applications(sandbox: Sandbox) -> None:
    """Move every open dossier through its statuses as simulated time passes."""
    if sandbox.state.get(_TICKING):
        return
    sandbox.state[_TICKING] = True
    try:
        for app in sandbox.store.find(APPLICATIONS):
            while _advance(sandbox, app):
                pass
    finally:
        sandbox.state[_TICKING] = False
