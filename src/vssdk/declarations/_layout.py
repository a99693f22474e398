"""Element names and text codecs of each form's XML layout (one table per element).

Element names follow the wire names seen in I-VAN vendors' and the portal's client code
(SECONDARY); names marked ``# vssdk`` are this SDK's where no wire name was found. The layout is
documented in ``docs/declarations.md``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any

import attrs

from vssdk.declarations._month import Month
from vssdk.declarations.codes import (
    ContractType,
    DatePrecision,
    PaymentMode,
    PlanCode,
    Relationship,
    UnitKind,
    UnitPaymentMode,
    VoluntaryPlanCode,
    WireSex,
)
from vssdk.errors import InvalidArgument

__all__ = ["Codec", "FieldSpec"]


@attrs.frozen(slots=True)
class Codec:
    """Text conversion of one field type: ``dump`` to element text, ``load`` back (may raise)."""

    dump: Callable[[Any], str]
    load: Callable[[str], Any]


_MAX_DIGITS = 15  # under a quadrillion đồng: beyond any salary or amount a form carries


def _load_int(text: str) -> int:
    if not text.isdigit() or not text.isascii():
        raise InvalidArgument("value", f"expected a whole number of VND, got {text!r}")
    if len(text) > _MAX_DIGITS:
        raise InvalidArgument("value", f"more than {_MAX_DIGITS} digits")
    return int(text)


def _load_bool(text: str) -> bool:
    if text not in ("0", "1"):
        raise InvalidArgument("value", f"expected 0 or 1, got {text!r}")
    return text == "1"


def _dump_date(value: dt.date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _load_date(text: str) -> dt.date:
    parts = text.split("/")
    if len(parts) != 3 or not all(p.isdigit() and p.isascii() for p in parts):
        raise InvalidArgument("value", f"expected dd/MM/yyyy, got {text!r}")
    try:
        return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError as exc:
        raise InvalidArgument("value", f"not a date: {text!r} ({exc})") from None


def _load_month(text: str) -> Month:
    if len(text) != 7 or text[2] != "/":
        raise InvalidArgument("value", f"expected MM/YYYY, got {text!r}")
    return Month.parse(text)


def _enum(kind: type[enum.StrEnum]) -> Codec:
    def load(text: str) -> Any:
        try:
            return kind(text)
        except ValueError:
            raise InvalidArgument("value", f"{text!r} is not a {kind.__name__} code") from None

    return Codec(lambda v: v.value, load)


TEXT = Codec(lambda v: v, lambda t: t)
INT = Codec(str, _load_int)
BOOL = Codec(lambda v: "1" if v else "0", _load_bool)
DATE = Codec(_dump_date, _load_date)
MONTH = Codec(lambda v: v.wire, _load_month)
PLAN = _enum(PlanCode)
VPLAN = _enum(VoluntaryPlanCode)
SEX = _enum(WireSex)
PRECISION = _enum(DatePrecision)
RELATION = _enum(Relationship)
CONTRACT = _enum(ContractType)
MODE = _enum(PaymentMode)
UNIT_KIND = _enum(UnitKind)
UNIT_MODE = _enum(UnitPaymentMode)


@attrs.frozen(slots=True)
class FieldSpec:
    """One model attribute ↔ one child element."""

    attr: str
    element: str
    codec: Codec
    required: bool = False


def _f(attr: str, element: str, codec: Codec = TEXT, *, required: bool = False) -> FieldSpec:
    return FieldSpec(attr, element, codec, required)


EMPLOYER = (
    _f("unit_code", "maDonVi", required=True),
    _f("name", "tenDonVi", required=True),
    _f("agency_code", "maCoQuan", required=True),
    _f("region", "maVungLTT", INT, required=True),
    _f("tax_code", "maSoThue"),
)

D02_ROW = (
    _f("full_name", "Hoten", required=True),
    _f("si_code", "Masobhxh"),
    _f("citizen_id", "cmnd"),
    _f("position", "chucVu"),
    _f("salary", "tienLuong", INT),
    _f("position_allowance", "phuCapCV", INT, required=True),
    _f("seniority_allowance", "phuCapTNVK", INT, required=True),
    _f("professional_seniority_allowance", "phuCapTNNghe", INT, required=True),
    _f("salary_allowance", "phuCapLuong", INT, required=True),
    _f("other_supplements", "phuCapBoSung", INT, required=True),
    _f("from_month", "tuThang", MONTH, required=True),
    _f("to_month", "denThang", MONTH),
    _f("plan", "phuongAn", PLAN, required=True),
    _f("contract_type", "loaiHdld", CONTRACT),  # vssdk (the flags Hdld/HdldXdth/HdldKhac)
    _f("region", "maVungLTT", INT),
    _f("has_book", "daCoSo", BOOL, required=True),
    _f("charge_interest", "tinhLai", BOOL, required=True),
    _f("note", "ghiChu"),
)

MEMBER = (
    _f("full_name", "hoTen", required=True),
    _f("relationship", "moiQuanHe", RELATION, required=True),
    _f("birth_date", "ngaySinh", DATE, required=True),
    _f("birth_date_precision", "ccns", PRECISION, required=True),
    _f("sex", "gioiTinh", SEX, required=True),
    _f("citizen_id", "cmnd"),
)

TK1 = (
    _f("full_name", "Hoten", required=True),
    _f("birth_date", "Ngaysinh", DATE, required=True),
    _f("birth_date_precision", "ccns", PRECISION, required=True),
    _f("sex", "Gioitinh", SEX, required=True),
    _f("nationality", "quocTich", required=True),
    _f("ethnicity", "danToc"),
    _f("citizen_id", "cmnd", required=True),
    _f("si_code", "Masobhxh"),
    _f("birth_registration_place", "noiDangKyKS"),  # vssdk
    _f("residence_address", "diaChi"),
    _f("overseas_address", "diaChi_NN"),
    _f("phone", "soDienThoai"),
    _f("change_request", "noiDungThayDoi"),  # vssdk
    _f("declared_on", "ngayKeKhai", DATE, required=True),  # vssdk
)

D03_ROW = (
    _f("full_name", "Hoten", required=True),
    _f("si_code", "Masobhxh"),
    _f("citizen_id", "cmnd"),
    _f("birth_date", "Ngaysinh", DATE, required=True),
    _f("sex", "Gioitinh", SEX, required=True),
    _f("card_from", "tuNgay", DATE),  # vssdk
    _f("card_to", "denNgay", DATE),  # vssdk
    _f("funding_source", "nguonDong"),  # vssdk
    _f("plan", "phuongAn", VPLAN, required=True),
    _f("note", "ghiChu"),
)

D05_ROW = (
    _f("full_name", "Hoten", required=True),
    _f("si_code", "Masobhxh"),
    _f("citizen_id", "cmnd"),
    _f("monthly_income", "mucThuNhap", INT),
    _f("payment_mode", "phuongThuc", MODE),
    _f("advance_years", "soNam", INT),  # vssdk
    _f("from_month", "tuThang", MONTH, required=True),
    _f("state_support", "tienHoTro", INT, required=True),
    _f("plan", "phuongAn", VPLAN, required=True),
    _f("note", "ghiChu"),
)

REGISTRATION = (  # all vssdk names: the registration form's XML was not found
    _f("unit_code", "maDonVi", required=True),
    _f("name", "tenDonVi", required=True),
    _f("tax_code", "maSoThue", required=True),
    _f("agency_code", "maCoQuan", required=True),
    _f("address", "diaChi"),
    _f("contact_name", "nguoiLienHe", required=True),
    _f("email", "email", required=True),
    _f("phone", "soDienThoai", required=True),
    _f("certificate_serial", "serialChungThu", required=True),
    _f("certificate_valid_from", "chungThuTuNgay", DATE, required=True),
    _f("certificate_valid_to", "chungThuDenNgay", DATE, required=True),
    _f("start_date", "ngayBatDau", DATE, required=True),
    _f("kind", "loaiDangKy", required=True),
    _f("ivan_code", "maIVAN"),
)

TK3 = (  # tenDonVi, maSoThue, diaChi as in the portal's unit profile; the rest vssdk names
    _f("kind", "loaiKeKhai", required=True),  # vssdk
    _f("unit_code", "maDonVi"),
    _f("name", "tenDonVi", required=True),
    _f("tax_code", "maSoThue", required=True),
    _f("unit_kind", "loaiHinhDonVi", UNIT_KIND, required=True),  # vssdk
    _f("address", "diaChi", required=True),
    _f("agency_code", "maCoQuan", required=True),
    _f("region", "maVungLTT", INT, required=True),
    _f("contact_name", "nguoiLienHe", required=True),  # vssdk
    _f("phone", "soDienThoai", required=True),
    _f("email", "email", required=True),
    _f("business_licence", "soGiayPhep", required=True),  # vssdk
    _f("licence_issued_on", "ngayCapGiayPhep", DATE, required=True),  # vssdk
    _f("payment_mode", "phuongThucDong", UNIT_MODE, required=True),  # vssdk
    _f("pays_by_product", "traLuongTheoSanPham", BOOL, required=True),  # vssdk
    _f("change_request", "noiDungThayDoi"),  # vssdk
    _f("declared_on", "ngayKeKhai", DATE, required=True),  # vssdk
)
