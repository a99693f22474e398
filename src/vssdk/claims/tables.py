# ruff: noqa: RUF009  (``_k``/``_extra`` wrap attrs.field)
"""Rows of the claim tables: typed XML0 (check-in), XML1 (summary), XML2 (drugs), XML3
(services and supplies), and :class:`TableRow` for every other table (XML4–XML15, or any table
of a standard vssdk does not type).

Attribute names are the wire names in lower case (``thanh_tien_bv`` ↔ ``THANH_TIEN_BV``); each
attribute's kind (see :mod:`vssdk.claims.fields`) sits in its metadata. Columns of the standard
without an attribute, and columns the standard does not list, go in ``extra`` (wire name → text)
and are written back. Amounts are :class:`~decimal.Decimal`; floats are refused.

Reading is liberal: a required value left empty in a file parses (text as ``""``, other kinds as
``None``) and :meth:`ClaimDossier.validate` reports it (rule ``required``). Building is the same
call, so a required attribute must still be passed, even if as ``None``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

import attrs

from vssdk.claims.fields import PartialDate, from_text, round_amount, to_decimal, to_text
from vssdk.errors import InvalidArgument

__all__ = [
    "CheckIn",
    "DrugLine",
    "Row",
    "ServiceLine",
    "Summary",
    "TableRow",
    "line_shares",
    "split_shares",
]

R = TypeVar("R", bound="Row")
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


def _k(kind: str, default: Any = attrs.NOTHING) -> Any:
    conv = None
    if kind in ("amount", "price", "qty", "rate"):

        def conv(v: Any) -> Any:
            return None if v is None else to_decimal(v, "amount")

    elif kind in ("list", "d8list"):

        def conv(v: Any) -> Any:
            if isinstance(v, str):
                raise InvalidArgument("list", "give a tuple, not a string")
            return tuple(v)

    return attrs.field(default=default, converter=conv, metadata={"kind": kind}, kw_only=True)


Birth = dt.datetime | PartialDate


def _extra() -> Any:
    return attrs.field(factory=dict, converter=dict, kw_only=True, eq=True)


@attrs.frozen(slots=True)
class Row:
    """Base of a table row: conversion to and from the wire fields."""

    TABLE: ClassVar[str] = ""

    @classmethod
    def required_fields(cls) -> tuple[str, ...]:
        """Wire names of the attributes without a default (required by the standard)."""
        return tuple(
            f.name.upper()
            for f in attrs.fields(cls)
            if "kind" in f.metadata and f.default is attrs.NOTHING
        )

    @classmethod
    def typed_fields(cls) -> dict[str, str]:
        """Wire name → kind of every typed attribute."""
        return {
            f.name.upper(): f.metadata["kind"] for f in attrs.fields(cls) if "kind" in f.metadata
        }

    def to_fields(self) -> dict[str, str]:
        """Wire name → text for the typed attributes and ``extra``."""
        out: dict[str, str] = {}
        for f in attrs.fields(type(self)):
            if "kind" in f.metadata:
                out[f.name.upper()] = to_text(f.metadata["kind"], getattr(self, f.name))
        extra: Mapping[str, str] = getattr(self, "extra", {})
        out.update(extra)
        return out

    @classmethod
    def from_fields(cls: type[R], fields: Mapping[str, str], *, row: int | None = None) -> R:
        """Build from wire name → text. Unknown columns go to ``extra`` (empty ones too, so they
        are written back); an empty required value becomes ``""`` or ``None`` (a ``required``
        issue for :func:`validate_dossier`, not an error here). A value that cannot be read
        raises :class:`~vssdk.errors.InvalidArgument` naming table, row and field."""
        typed = cls.typed_fields()
        kwargs: dict[str, Any] = {}
        extra: dict[str, str] = {}
        where = f"{cls.TABLE}[{row}]" if row is not None else cls.TABLE
        for name, text in fields.items():
            kind = typed.get(name)
            if kind is None:
                extra[name] = text
                continue
            value = from_text(kind, text, f"{where}.{name}")
            if value is not None:
                kwargs[name.lower()] = value
        for f in attrs.fields(cls):
            if "kind" in f.metadata and f.default is attrs.NOTHING and f.name not in kwargs:
                kwargs[f.name] = "" if f.metadata["kind"] == "text" else None
        kwargs["extra"] = extra
        return cls(**kwargs)


@attrs.frozen(slots=True)
class CheckIn(Row):
    """XML0: visit status at check-in (``TRANG_THAI_KCB``)."""

    TABLE: ClassVar[str] = "XML0"

    ma_lk: str = _k("text")
    stt: int | None = _k("int")
    ma_bn: str = _k("text")
    ho_ten: str = _k("text")
    ngay_sinh: Birth | None = _k("birth")
    gioi_tinh: str = _k("text")
    ma_doituong_kcb: str = _k("text")
    ngay_vao: dt.datetime | None = _k("dt12")
    ma_loai_kcb: str = _k("text")
    ma_cskcb: str = _k("text")
    so_cccd: str | None = _k("text", None)
    ma_the_bhyt: tuple[str, ...] = _k("list", ())
    ma_dkbd: tuple[str, ...] = _k("list", ())
    gt_the_tu: tuple[dt.date, ...] = _k("d8list", ())
    gt_the_den: tuple[dt.date, ...] = _k("d8list", ())
    extra: dict[str, str] = _extra()


@attrs.frozen(slots=True)
class Summary(Row):
    """XML1: the visit summary (``TONG_HOP``), one per dossier."""

    TABLE: ClassVar[str] = "XML1"

    ma_lk: str = _k("text")
    stt: int | None = _k("int")
    ma_bn: str = _k("text")
    ho_ten: str = _k("text")
    ngay_sinh: Birth | None = _k("birth")
    gioi_tinh: str = _k("text")
    ma_the_bhyt: tuple[str, ...] = _k("list")
    ma_dkbd: tuple[str, ...] = _k("list")
    gt_the_tu: tuple[dt.date, ...] = _k("d8list")
    gt_the_den: tuple[dt.date, ...] = _k("d8list")
    ma_benh_chinh: str = _k("text")
    ma_doituong_kcb: str = _k("text")
    ngay_vao: dt.datetime | None = _k("dt12")
    ngay_ra: dt.datetime | None = _k("dt12")
    ma_loai_kcb: str = _k("text")
    ma_cskcb: str = _k("text")
    nam_qt: int | None = _k("int")
    thang_qt: int | None = _k("int")
    t_tongchi_bv: Decimal | None = _k("amount")
    t_tongchi_bh: Decimal | None = _k("amount")
    t_bntt: Decimal | None = _k("amount")
    t_bncct: Decimal | None = _k("amount")
    t_bhtt: Decimal | None = _k("amount")
    t_thuoc: Decimal = _k("amount", _ZERO)
    t_vtyt: Decimal = _k("amount", _ZERO)
    t_nguonkhac: Decimal = _k("amount", _ZERO)
    so_cccd: str | None = _k("text", None)
    ma_benh_kt: tuple[str, ...] = _k("list", ())
    ngay_ttoan: dt.datetime | None = _k("dt12", None)
    extra: dict[str, str] = _extra()


@attrs.frozen(slots=True)
class DrugLine(Row):
    """XML2: one drug line (``CHI_TIET_THUOC``)."""

    TABLE: ClassVar[str] = "XML2"

    ma_lk: str = _k("text")
    stt: int | None = _k("int")
    ma_thuoc: str = _k("text")
    ma_nhom: str = _k("text")
    ten_thuoc: str = _k("text")
    don_vi_tinh: str = _k("text")
    so_luong: Decimal | None = _k("qty")
    don_gia: Decimal | None = _k("price")
    thanh_tien_bv: Decimal | None = _k("amount")
    thanh_tien_bh: Decimal | None = _k("amount")
    muc_huong: Decimal | None = _k("rate")
    t_bntt: Decimal | None = _k("amount")
    t_bncct: Decimal | None = _k("amount")
    t_bhtt: Decimal | None = _k("amount")
    ma_khoa: str = _k("text")
    ma_bac_si: str = _k("text")
    ngay_yl: dt.datetime | None = _k("dt12")
    t_nguonkhac: Decimal = _k("amount", _ZERO)
    tyle_tt_bh: Decimal = _k("rate", _HUNDRED)
    extra: dict[str, str] = _extra()


@attrs.frozen(slots=True)
class ServiceLine(Row):
    """XML3: one technical service or medical supply line (``CHI_TIET_DVKT``)."""

    TABLE: ClassVar[str] = "XML3"

    ma_lk: str = _k("text")
    stt: int | None = _k("int")
    ma_nhom: str = _k("text")
    don_vi_tinh: str = _k("text")
    so_luong: Decimal | None = _k("qty")
    don_gia_bv: Decimal | None = _k("price")
    don_gia_bh: Decimal | None = _k("price")
    thanh_tien_bv: Decimal | None = _k("amount")
    thanh_tien_bh: Decimal | None = _k("amount")
    muc_huong: Decimal | None = _k("rate")
    t_bntt: Decimal | None = _k("amount")
    t_bncct: Decimal | None = _k("amount")
    t_bhtt: Decimal | None = _k("amount")
    ma_khoa: str = _k("text")
    ngay_yl: dt.datetime | None = _k("dt12")
    ma_dich_vu: str | None = _k("text", None)
    ten_dich_vu: str | None = _k("text", None)
    ma_vat_tu: str | None = _k("text", None)
    ten_vat_tu: str | None = _k("text", None)
    t_nguonkhac: Decimal = _k("amount", _ZERO)
    tyle_tt_dv: Decimal = _k("rate", _HUNDRED)
    tyle_tt_bh: Decimal = _k("rate", _HUNDRED)
    extra: dict[str, str] = _extra()


def split_shares(
    total: Decimal, covered: Decimal, rate: Decimal, others: Decimal
) -> tuple[Decimal, Decimal, Decimal]:
    """``(t_bhtt, t_bncct, t_bntt)`` of a line (QĐ 3176 as HIS checkers apply it).

    The fund pays ``round(covered × rate / 100, 2)``, the patient co-pays the rest of the insured
    amount and pays ``total − covered`` outside insurance; other sources (``T_NGUONKHAC``) then
    reduce, in this order, the outside part, the co-payment and the fund's share.
    """
    fund = round_amount(covered * rate / _HUNDRED)
    copay = covered - fund
    outside = total - covered
    rest = others
    for_outside = min(rest, outside)
    outside, rest = outside - for_outside, rest - for_outside
    for_copay = min(rest, copay)
    copay, rest = copay - for_copay, rest - for_copay
    fund = fund - min(rest, fund)
    return fund, copay, outside


def line_shares(
    quantity: Decimal | int | str,
    unit_price: Decimal | int | str,
    insured_unit_price: Decimal | int | str,
    rate_percent: Decimal | int | str,
    other_sources: Decimal | int | str = 0,
    *,
    service_rate: Decimal | int | str = 100,
    insured_rate: Decimal | int | str = 100,
) -> dict[str, Decimal]:
    """The amounts of one line, computed the way :func:`vssdk.claims.validate_dossier` checks.

    ``thanh_tien_bv = round(quantity × unit_price × service_rate/100, 2)``;
    ``thanh_tien_bh = round(quantity × insured_unit_price × service_rate/100 ×
    insured_rate/100, 2)`` (``service_rate`` = ``TYLE_TT_DV``, ``insured_rate`` =
    ``TYLE_TT_BH``, both 100 for drugs); the shares follow :func:`split_shares`.
    """
    qty = to_decimal(quantity, "so_luong")
    price = to_decimal(unit_price, "don_gia")
    insured = to_decimal(insured_unit_price, "don_gia_bh")
    rate = to_decimal(rate_percent, "muc_huong")
    others = to_decimal(other_sources, "t_nguonkhac")
    dv = to_decimal(service_rate, "tyle_tt_dv")
    bh = to_decimal(insured_rate, "tyle_tt_bh")
    for name, value in (("muc_huong", rate), ("tyle_tt_dv", dv), ("tyle_tt_bh", bh)):
        if not _ZERO <= value <= _HUNDRED:
            raise InvalidArgument(name, "must be between 0 and 100")
    total = round_amount(qty * price * dv / _HUNDRED)
    covered = round_amount(qty * insured * dv / _HUNDRED * bh / _HUNDRED)
    if covered > total:
        raise InvalidArgument("don_gia_bh", "the insured amount exceeds the facility amount")
    if others < _ZERO or others > total:
        raise InvalidArgument("t_nguonkhac", "must be between 0 and the line's amount")
    fund, copay, outside = split_shares(total, covered, rate, others)
    return {
        "thanh_tien_bv": total,
        "thanh_tien_bh": covered,
        "t_nguonkhac": others,
        "t_bhtt": fund,
        "t_bncct": copay,
        "t_bntt": outside,
        "muc_huong": rate,
    }


def _pairs(values: Any) -> tuple[tuple[str, str], ...]:
    items = values.items() if isinstance(values, Mapping) else values
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for item in items:
        name, text = item
        if not isinstance(name, str) or not isinstance(text, str):
            raise InvalidArgument("values", "columns and values are text (the wire form)")
        if name in seen:
            raise InvalidArgument(f"values.{name}", "column given twice")
        seen.add(name)
        out.append((name, text))
    return tuple(out)


@attrs.frozen(slots=True)
class TableRow:
    """One row of a table vssdk carries without typing it (XML4–XML15, or any table of an
    older standard): the wire columns and their text, in order, exactly as given or read.

    ``TableRow("XML14", {"MA_LK": "01001-2026-1", "NGAY_HEN_KL": "20261201"})``; columns the
    standard lists but the row leaves out are written empty.
    """

    table: str
    values: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs)

    def get(self, name: str, default: str = "") -> str:
        """The text of one column (``default`` when absent)."""
        for key, text in self.values:
            if key == name:
                return text
        return default

    def to_fields(self) -> dict[str, str]:
        """Wire name → text."""
        return dict(self.values)
