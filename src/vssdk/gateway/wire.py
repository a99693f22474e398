"""Conversions between the gateway's wire formats and vssdk's typed results (pure).

Each call has its own date format (pitfall §10.7): ``dd/MM/yyyy`` or ``yyyy`` (card check),
``yyyyMMddHHmm`` (visits, XML tables), ``yyyyMMddHHmmss`` (upload receipts), ISO 8601 (token).
"""

from __future__ import annotations

import datetime as dt

import attrs

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

VN_TZ = dt.timezone(dt.timedelta(hours=7))


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


def card_check_from_wire(reply: GatewayCardCheckReply) -> CardCheck:
    """The typed :class:`~vssdk.cards.CardCheck` for a ``KQNhanLichSuKCB2024`` reply."""
    code = ResultCode.from_wire(reply.maKetQua)
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
    if reply.maTheMoi and reply.gtTheTuMoi and reply.gtTheDenMoi:
        new_card = NewCard(
            card_code=reply.maTheMoi,
            valid_from=parse_wire_date(reply.gtTheTuMoi, "gtTheTuMoi"),
            valid_to=parse_wire_date(reply.gtTheDenMoi, "gtTheDenMoi"),
            registered_facility_code=reply.maDKBDMoi,
            registered_facility_name=reply.tenDKBDMoi,
        )
    visits = tuple(
        CardVisit(
            record_id=v.maHoSo,
            facility_code=v.maCSKCB,
            admitted_at=parse_wire_minute(v.ngayVao, "ngayVao"),
            discharged_at=parse_wire_minute(v.ngayRa, "ngayRa") if v.ngayRa else None,
            diagnosis=v.tenBenh,
            status_code=v.tinhTrang,
            outcome_code=v.kqDieuTri,
            reason_code=v.lyDoVV,
        )
        for v in reply.dsLichSuKCB2018
    )
    checks = tuple(
        CardPreviousCheck(
            checked_by=c.userKT,
            checked_at=parse_wire_minute(c.thoiGianKT, "thoiGianKT"),
            message=c.thongBao,
            result_code=c.maLoi,
        )
        for c in reply.dsLichSuKT2018
    )
    warnings: list[CardCheckWarning] = []
    if new_card is not None:
        warnings.append(CardCheckWarning("new_card_issued", f"Đã cấp thẻ mới {new_card.card_code}"))
    return CardCheck(
        result_code=reply.maKetQua,
        result_message=reply.ghiChu or (code.message_vi if code else ""),
        eligible=code.card_valid if code else False,
        action=code.action if code else CheckAction.MANUAL_REVIEW,
        card=card,
        new_card=new_card,
        visits=visits,
        previous_checks=checks,
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
