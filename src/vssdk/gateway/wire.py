"""Conversions between the gateway's wire formats and vssdk's typed results (pure).

Each call has its own date format (pitfall §10.7): ``dd/MM/yyyy`` or ``yyyy`` (card check),
``yyyyMMddHHmm`` (visits, XML tables), ``yyyyMMddHHmmss`` (upload receipts), ISO 8601 (token).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from vssdk.calendar import VN_TZ
from vssdk.cards.models import (
    CardCheck,
    CardCheckWarning,
    CardInfo,
    CardPreviousCheck,
    CardVisit,
    NewCard,
)
from vssdk.cards.result_codes import CheckAction, ResultCode
from vssdk.errors import InvalidArgument
from vssdk.gateway.models import GatewayCardCheckReply, GatewayUploadReply

__all__ = [
    "VN_TZ",
    "GatewayReceipt",
    "birth_to_wire",
    "card_check_from_wire",
    "parse_wire_date",
    "parse_wire_minute",
    "receipt_from_wire",
]


def birth_to_wire(birth: str) -> str:
    """``1985-03-14`` → ``14/03/1985``; ``1985`` stays ``1985``."""
    if len(birth) == 4:
        return birth
    return dt.date.fromisoformat(birth).strftime("%d/%m/%Y")


def _birth_from_wire(text: str) -> str:
    text = text.strip()
    if len(text) == 4 and text.isdigit():
        return text
    return parse_wire_date(text, "ngaySinh").isoformat()


def parse_wire_date(text: str, field: str) -> dt.date:
    """``dd/MM/yyyy`` → date."""
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise InvalidArgument(field, f"{text!r} is not dd/MM/yyyy") from None


def parse_wire_minute(text: str, field: str) -> dt.datetime:
    """``yyyyMMddHHmm`` (Vietnam time) → aware datetime (+07:00)."""
    try:
        return dt.datetime.strptime(text.strip(), "%Y%m%d%H%M").replace(tzinfo=VN_TZ)
    except ValueError:
        raise InvalidArgument(field, f"{text!r} is not yyyyMMddHHmm") from None


def _sex(text: str | None) -> str | None:
    if text is None:
        return None
    return {"nam": "male", "nữ": "female", "nu": "female"}.get(text.strip().casefold())


def _text(value: str | int | None) -> str | None:
    """Wire text with ``null`` and ``""`` both read as absent; numbers as their digits."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _new_card_differs(reply: GatewayCardCheckReply) -> bool:
    pairs = (
        (reply.maTheMoi, reply.maThe),
        (reply.gtTheTuMoi, reply.gtTheTu),
        (reply.gtTheDenMoi, reply.gtTheDen),
        (reply.maDKBDMoi, reply.maDKBD),
    )
    return any(_text(new) is not None and _text(new) != _text(old) for new, old in pairs)


def card_check_from_wire(reply: GatewayCardCheckReply) -> CardCheck:
    """The typed :class:`~vssdk.cards.CardCheck` for a ``KQNhanLichSuKCB2024`` reply.

    Liberal as the gateway is: ``null`` or ``""`` strings and ``null`` lists read as absent,
    ``maHoSo`` may be a number. A new card is reported (``new_card`` and the
    ``new_card_issued`` warning) only when the ``…Moi`` fields differ from the current card;
    the official sample repeats the current card there on an ordinary 000.
    """
    code = ResultCode.from_wire(reply.maKetQua)
    cleaned: dict[str, Any] = {
        f.name: _text(getattr(reply, f.name))
        for f in attrs.fields(type(reply))
        if f.name not in ("maKetQua", "dsLichSuKCB2018", "dsLichSuKT2018")
        and not f.name.startswith("_")
    }
    reply = attrs.evolve(reply, **cleaned)
    card = None
    if reply.maThe and reply.gtTheTu and reply.gtTheDen and reply.hoTen and reply.ngaySinh:
        card = CardInfo(
            card_code=reply.maThe,
            si_code=reply.maSoBHXH,
            full_name=reply.hoTen,
            birth_date=_birth_from_wire(reply.ngaySinh),
            sex=_sex(reply.gioiTinh),
            address=reply.diaChi,
            registered_facility_code=reply.maDKBD,
            issuing_office=reply.cqBHXH,
            valid_from=parse_wire_date(reply.gtTheTu, "gtTheTu"),
            valid_to=parse_wire_date(reply.gtTheDen, "gtTheDen"),
            area_code=reply.maKV,
            five_years_date=(
                parse_wire_date(reply.ngayDu5Nam, "ngayDu5Nam") if reply.ngayDu5Nam else None
            ),
            previous_card_code=reply.maTheCu,
        )
    new_card = None
    if reply.maTheMoi and reply.gtTheTuMoi and reply.gtTheDenMoi and _new_card_differs(reply):
        new_card = NewCard(
            card_code=reply.maTheMoi,
            valid_from=parse_wire_date(reply.gtTheTuMoi, "gtTheTuMoi"),
            valid_to=parse_wire_date(reply.gtTheDenMoi, "gtTheDenMoi"),
            registered_facility_code=reply.maDKBDMoi,
            registered_facility_name=reply.tenDKBDMoi,
        )
    warnings: list[CardCheckWarning] = []
    visits: list[CardVisit] = []
    for v in reply.dsLichSuKCB2018 or ():
        admitted = _text(v.ngayVao)
        if admitted is None:
            warnings.append(CardCheckWarning("visit_without_date", "a visit has no ngayVao"))
            continue
        discharged = _text(v.ngayRa)
        visits.append(
            CardVisit(
                record_id=_text(v.maHoSo) or "",
                facility_code=_text(v.maCSKCB) or "",
                admitted_at=parse_wire_minute(admitted, "ngayVao"),
                discharged_at=parse_wire_minute(discharged, "ngayRa") if discharged else None,
                diagnosis=_text(v.tenBenh),
                status_code=_text(v.tinhTrang),
                outcome_code=_text(v.kqDieuTri),
                reason_code=_text(v.lyDoVV),
            )
        )
    checks: list[CardPreviousCheck] = []
    for c in reply.dsLichSuKT2018 or ():
        when = _text(c.thoiGianKT)
        if when is None:
            warnings.append(CardCheckWarning("check_without_date", "a check has no thoiGianKT"))
            continue
        checks.append(
            CardPreviousCheck(
                checked_by=_text(c.userKT) or "",
                checked_at=parse_wire_minute(when, "thoiGianKT"),
                message=_text(c.thongBao),
                result_code=_text(c.maLoi),
            )
        )
    if new_card is not None:
        warnings.append(CardCheckWarning("new_card_issued", f"Đã cấp thẻ mới {new_card.card_code}"))
    return CardCheck(
        result_code=reply.maKetQua,
        result_message=reply.ghiChu or (code.message_vi if code else ""),
        eligible=code.card_valid if code else False,
        action=code.action if code else CheckAction.MANUAL_REVIEW,
        card=card,
        new_card=new_card,
        visits=tuple(visits),
        previous_checks=tuple(checks),
        warnings=tuple(warnings),
    )


@attrs.frozen(slots=True)
class GatewayReceipt:
    """A successful upload: ``maGiaoDich`` (store it: portal results vanish after ~60 days)."""

    transaction_id: str
    received_at: dt.datetime | None
    message: str | None


def receipt_from_wire(reply: GatewayUploadReply) -> GatewayReceipt:
    """The receipt of a ``maKetQua`` 200 upload reply."""
    received = None
    if reply.thoiGianTiepNhan:
        try:
            received = dt.datetime.strptime(reply.thoiGianTiepNhan, "%Y%m%d%H%M%S").replace(
                tzinfo=VN_TZ
            )
        except ValueError:
            raise InvalidArgument(
                "thoiGianTiepNhan", f"{reply.thoiGianTiepNhan!r} is not yyyyMMddHHmmss"
            ) from None
    return GatewayReceipt(
        transaction_id=reply.maGiaoDich or "", received_at=received, message=reply.thongDiep
    )
