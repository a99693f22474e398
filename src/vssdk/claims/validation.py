"""Validation of a claim dossier: required fields, code formats and arithmetic.

Each failure is a :class:`ClaimIssue` naming table, 1-based row and wire field. Rules (the
``rule`` codes are stable):

- ``required``: required text is not empty.
- ``format.*``: ``MA_LK`` ≤ 100 chars; card codes, facility codes, citizen ID, ICD-10 codes;
  ``STT`` runs 1..n; ``THANG_QT`` 1..12.
- ``code.*``: ``GIOI_TINH``, ``MA_DOITUONG_KCB``, ``MA_LOAI_KCB`` are in the shipped code lists.
- ``consistency.*``: the ``;``-lists of cards, facilities and validity dates have equal length;
  validity from ≤ to; admission ≤ discharge; every line carries the summary's ``MA_LK``.
- ``arithmetic.line_amount``: XML2 ``THANH_TIEN_BV = round(SO_LUONG × DON_GIA, 2)`` and
  ``THANH_TIEN_BH ≤ THANH_TIEN_BV``; XML3 ``THANH_TIEN_BV = round(SO_LUONG × DON_GIA_BV ×
  TYLE_TT_DV/100, 2)`` (or the "no surcharge" form) and ``THANH_TIEN_BH = round(SO_LUONG ×
  DON_GIA_BH × TYLE_TT_DV/100 × TYLE_TT_BH/100, 2)``.
- ``arithmetic.line_balance``: ``THANH_TIEN_BV = T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC``.
- ``arithmetic.fund_share`` / ``arithmetic.line_shares``: ``T_BHTT``, ``T_BNCCT``, ``T_BNTT`` as
  :func:`vssdk.claims.tables.split_shares` gives them (fund = insured × MUC_HUONG %, other
  sources reduce the outside part, then the co-payment, then the fund's share).
- ``benefit.rate``: ``MUC_HUONG`` is the card's level on the admission date (CN/LH change of
  2026 applied) or 100 (the 100 % exceptions), or one of ``extra_rates`` the caller allows.
- ``totals.*``: the summary's ``T_THUOC``, ``T_VTYT``, ``T_TONGCHI_BV``, ``T_TONGCHI_BH``,
  ``T_BNTT``, ``T_BNCCT``, ``T_BHTT``, ``T_NGUONKHAC`` equal the sums of the lines;
  ``T_TONGCHI_BV = T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC`` (``totals.balance``) and, without
  other sources, ``T_BHTT = T_TONGCHI_BH − T_BNCCT`` (``totals.shares``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from vssdk.cards import (
    InvalidIdentifier,
    benefit_level,
    parse_card_code,
    parse_citizen_id,
    parse_facility_code,
)
from vssdk.claims.errors import ClaimIssue
from vssdk.claims.fields import round_amount
from vssdk.claims.standards import code_list
from vssdk.claims.tables import CheckIn, DrugLine, Row, ServiceLine, Summary, split_shares

__all__ = ["validate_check_in", "validate_dossier"]

_ICD10 = re.compile(r"^[A-Z][0-9]{2}(\.?[0-9A-Z]{1,2})?$")
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


class _Issues:
    def __init__(self) -> None:
        self.items: list[ClaimIssue] = []

    def add(self, table: str, row: int | None, field: str, rule: str, message: str) -> None:
        self.items.append(ClaimIssue(table, row, field, rule, message))


def _required(issues: _Issues, table: str, row: int, item: Row, names: Iterable[str]) -> None:
    for name in names:
        value = getattr(item, name)
        if value is None or (isinstance(value, str | tuple) and len(value) == 0):
            issues.add(table, row, name.upper(), "required", "is required")


def _summary_rules(s: Summary, issues: _Issues) -> Decimal | None:
    t, r = "XML1", 1
    _required(
        issues,
        t,
        r,
        s,
        ("ma_lk", "ma_bn", "ho_ten", "gioi_tinh", "ma_benh_chinh", "ma_doituong_kcb",
         "ma_loai_kcb", "ma_cskcb", "ma_the_bhyt", "ma_dkbd", "gt_the_tu", "gt_the_den"),
    )  # fmt: skip
    if len(s.ma_lk) > 100:
        issues.add(t, r, "MA_LK", "format.ma_lk", "must be at most 100 characters")
    if s.stt != 1:
        issues.add(t, r, "STT", "format.stt", "the summary row is number 1")
    if s.gioi_tinh and s.gioi_tinh not in code_list("GIOI_TINH"):
        issues.add(t, r, "GIOI_TINH", "code.gioi_tinh", "must be 1 (male), 2 (female) or 3")
    if s.ma_doituong_kcb and s.ma_doituong_kcb not in code_list("MA_DOITUONG_KCB"):
        issues.add(t, r, "MA_DOITUONG_KCB", "code.ma_doituong_kcb", "not in the QĐ 3276 list")
    if s.ma_loai_kcb and s.ma_loai_kcb not in code_list("MA_LOAI_KCB"):
        issues.add(t, r, "MA_LOAI_KCB", "code.ma_loai_kcb", "not in the MA_LOAI_KCB list")
    for name in ("ma_cskcb",):
        _facility(issues, t, r, name.upper(), getattr(s, name))
    for code in s.ma_dkbd:
        _facility(issues, t, r, "MA_DKBD", code)
    if s.so_cccd and len(s.so_cccd) == 12 and s.so_cccd.isdigit():
        try:
            parse_citizen_id(s.so_cccd)
        except InvalidIdentifier as exc:
            issues.add(t, r, "SO_CCCD", "format.citizen_id", exc.reason)
    for code in (s.ma_benh_chinh, *s.ma_benh_kt):
        if code and not _ICD10.match(code):
            field = "MA_BENH_CHINH" if code == s.ma_benh_chinh else "MA_BENH_KT"
            issues.add(t, r, field, "format.icd10", f"{code!r} is not an ICD-10 code")
    if len(s.ma_benh_kt) > 12:
        issues.add(t, r, "MA_BENH_KT", "format.icd10", "at most 12 secondary diagnoses")
    lengths = {len(s.ma_the_bhyt), len(s.ma_dkbd), len(s.gt_the_tu), len(s.gt_the_den)}
    if len(lengths) > 1:
        issues.add(
            t, r, "MA_DKBD", "consistency.card_lists",
            "MA_THE_BHYT, MA_DKBD, GT_THE_TU and GT_THE_DEN must list the same number of cards",
        )  # fmt: skip
    for start, end in zip(s.gt_the_tu, s.gt_the_den, strict=False):
        if start > end:
            issues.add(
                t, r, "GT_THE_DEN", "consistency.validity", "card valid-to before valid-from"
            )
    if s.ngay_ra < s.ngay_vao:
        issues.add(t, r, "NGAY_RA", "consistency.dates", "discharge is before admission")
    if not 1 <= s.thang_qt <= 12:
        issues.add(t, r, "THANG_QT", "format.month", "must be 1-12")
    rate: Decimal | None = None
    for index, text in enumerate(s.ma_the_bhyt):
        try:
            card = parse_card_code(text)
        except InvalidIdentifier as exc:
            issues.add(t, r, "MA_THE_BHYT", "format.card_code", f"card {index + 1}: {exc.reason}")
            continue
        if index == 0:
            digit = card.group.digit_on(s.ngay_vao.date()) or card.benefit.digit
            level = benefit_level(digit)
            rate = level.fund_share_percent if level else None
    return rate


def _facility(issues: _Issues, table: str, row: int, field: str, code: str) -> None:
    if not code:
        return
    try:
        parse_facility_code(code)
    except InvalidIdentifier as exc:
        issues.add(table, row, field, "format.facility_code", exc.reason)


def _line_rules(
    table: str,
    lines: Sequence[DrugLine | ServiceLine],
    ma_lk: str,
    rates: frozenset[Decimal],
    issues: _Issues,
) -> None:
    for row, line in enumerate(lines, start=1):
        base = ("ma_lk", "ma_nhom", "don_vi_tinh", "ma_khoa")
        if isinstance(line, DrugLine):
            _required(issues, table, row, line, (*base, "ma_thuoc", "ten_thuoc", "ma_bac_si"))
            price = line.don_gia
            price_field = "DON_GIA"
        else:
            _required(issues, table, row, line, base)
            price = line.don_gia_bv
            price_field = "DON_GIA_BV"
            if not line.ma_dich_vu and not line.ma_vat_tu:
                issues.add(table, row, "MA_DICH_VU", "required", "give MA_DICH_VU or MA_VAT_TU")
        if line.stt != row:
            issues.add(table, row, "STT", "format.stt", f"must be {row} (rows numbered 1..n)")
        if line.ma_lk != ma_lk:
            issues.add(table, row, "MA_LK", "consistency.ma_lk", "differs from the summary's")
        for name in ("so_luong", "thanh_tien_bv", "thanh_tien_bh", "t_bhtt", "t_bncct",
                     "t_bntt", "t_nguonkhac"):  # fmt: skip
            if getattr(line, name) < _ZERO:
                issues.add(table, row, name.upper(), "format.negative", "must not be negative")
        if isinstance(line, ServiceLine):
            dv = line.tyle_tt_dv
            expected = round_amount(line.so_luong * price * dv / _HUNDRED)
            special = round_amount(
                line.so_luong * price - line.so_luong * line.don_gia_bh * (_HUNDRED - dv) / _HUNDRED
            )
            if line.thanh_tien_bv not in (expected, special):
                issues.add(
                    table, row, "THANH_TIEN_BV", "arithmetic.line_amount",
                    f"{line.thanh_tien_bv} ≠ SO_LUONG × DON_GIA_BV × TYLE_TT_DV % = {expected}",
                )  # fmt: skip
            insured = round_amount(
                line.so_luong * line.don_gia_bh * dv / _HUNDRED * line.tyle_tt_bh / _HUNDRED
            )
            if line.thanh_tien_bh != insured:
                issues.add(
                    table, row, "THANH_TIEN_BH", "arithmetic.line_amount",
                    f"{line.thanh_tien_bh} ≠ SO_LUONG × DON_GIA_BH × TYLE_TT_DV % × TYLE_TT_BH %"
                    f" = {insured}",
                )  # fmt: skip
        else:
            expected = round_amount(line.so_luong * price)
            if line.thanh_tien_bv != expected:
                issues.add(
                    table, row, "THANH_TIEN_BV", "arithmetic.line_amount",
                    f"{line.thanh_tien_bv} ≠ SO_LUONG × {price_field} = {expected}",
                )  # fmt: skip
            if line.thanh_tien_bh > line.thanh_tien_bv:
                issues.add(
                    table, row, "THANH_TIEN_BH", "arithmetic.line_amount",
                    "insured amount exceeds THANH_TIEN_BV",
                )  # fmt: skip
        parts = line.t_bntt + line.t_bncct + line.t_bhtt + line.t_nguonkhac
        if parts != line.thanh_tien_bv:
            issues.add(
                table, row, "THANH_TIEN_BV", "arithmetic.line_balance",
                f"T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC = {parts} ≠ {line.thanh_tien_bv}",
            )  # fmt: skip
        if line.thanh_tien_bh <= line.thanh_tien_bv and line.t_nguonkhac <= line.thanh_tien_bv:
            fund, copay, outside = split_shares(
                line.thanh_tien_bv, line.thanh_tien_bh, line.muc_huong, line.t_nguonkhac
            )
            if line.t_bhtt != fund:
                issues.add(
                    table, row, "T_BHTT", "arithmetic.fund_share",
                    f"{line.t_bhtt} ≠ THANH_TIEN_BH × MUC_HUONG % (after other sources) = {fund}",
                )  # fmt: skip
            if line.t_bncct != copay:
                issues.add(
                    table, row, "T_BNCCT", "arithmetic.line_shares",
                    f"{line.t_bncct} ≠ THANH_TIEN_BH − T_BHTT (after other sources) = {copay}",
                )  # fmt: skip
            if line.t_bntt != outside:
                issues.add(
                    table, row, "T_BNTT", "arithmetic.line_shares",
                    f"{line.t_bntt} ≠ THANH_TIEN_BV − THANH_TIEN_BH (after other sources)"
                    f" = {outside}",
                )  # fmt: skip
        if rates and line.muc_huong not in rates:
            allowed = ", ".join(sorted(f"{x.normalize():f}" for x in rates))
            issues.add(
                table, row, "MUC_HUONG", "benefit.rate",
                f"{line.muc_huong} is not the card's benefit rate ({allowed})",
            )  # fmt: skip


def _total_rules(
    s: Summary, drugs: Sequence[DrugLine], services: Sequence[ServiceLine], issues: _Issues
) -> None:
    lines: list[DrugLine | ServiceLine] = [*drugs, *services]

    def total(name: str, rows: Sequence[DrugLine | ServiceLine]) -> Decimal:
        return sum((getattr(x, name) for x in rows), _ZERO)

    checks = {
        "T_THUOC": total("thanh_tien_bv", drugs),
        "T_VTYT": total("thanh_tien_bv", [x for x in services if x.ma_vat_tu]),
        "T_TONGCHI_BV": total("thanh_tien_bv", lines),
        "T_TONGCHI_BH": total("thanh_tien_bh", lines),
        "T_BNTT": total("t_bntt", lines),
        "T_BNCCT": total("t_bncct", lines),
        "T_BHTT": total("t_bhtt", lines),
        "T_NGUONKHAC": total("t_nguonkhac", lines),
    }
    for field, expected in checks.items():
        actual: Decimal = getattr(s, field.lower())
        if actual != expected:
            issues.add("XML1", 1, field, "totals.sum", f"{actual} ≠ sum of the lines {expected}")
    parts = s.t_bntt + s.t_bncct + s.t_bhtt + s.t_nguonkhac
    if parts != s.t_tongchi_bv:
        issues.add(
            "XML1", 1, "T_TONGCHI_BV", "totals.balance",
            f"T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC = {parts} ≠ T_TONGCHI_BV {s.t_tongchi_bv}",
        )  # fmt: skip
    if s.t_nguonkhac == _ZERO and s.t_bhtt != s.t_tongchi_bh - s.t_bncct:
        issues.add(
            "XML1", 1, "T_BHTT", "totals.shares",
            f"{s.t_bhtt} ≠ T_TONGCHI_BH − T_BNCCT = {s.t_tongchi_bh - s.t_bncct}",
        )  # fmt: skip


def validate_dossier(
    summary: Summary,
    drugs: Sequence[DrugLine] = (),
    services: Sequence[ServiceLine] = (),
    *,
    extra_rates: Iterable[Decimal | int] = (),
) -> tuple[ClaimIssue, ...]:
    """Every rule the dossier breaks (empty when valid)."""
    issues = _Issues()
    card_rate = _summary_rules(summary, issues)
    rates: frozenset[Decimal] = frozenset()
    if card_rate is not None:
        rates = frozenset({card_rate, _HUNDRED, *(Decimal(x) for x in extra_rates)})
    _line_rules("XML2", drugs, summary.ma_lk, rates, issues)
    _line_rules("XML3", services, summary.ma_lk, rates, issues)
    _total_rules(summary, drugs, services, issues)
    return tuple(issues.items)


def validate_check_in(rows: Sequence[CheckIn]) -> tuple[ClaimIssue, ...]:
    """Rules for XML0 rows: required fields, codes, card and facility formats, numbering."""
    issues = _Issues()
    for row, item in enumerate(rows, start=1):
        t = "XML0"
        _required(issues, t, row, item, ("ma_lk", "ma_bn", "ho_ten", "gioi_tinh",
                                         "ma_doituong_kcb", "ma_loai_kcb", "ma_cskcb"))  # fmt: skip
        if item.stt != row:
            issues.add(t, row, "STT", "format.stt", f"must be {row} (rows numbered 1..n)")
        if len(item.ma_lk) > 100:
            issues.add(t, row, "MA_LK", "format.ma_lk", "must be at most 100 characters")
        if item.gioi_tinh and item.gioi_tinh not in code_list("GIOI_TINH"):
            issues.add(t, row, "GIOI_TINH", "code.gioi_tinh", "must be 1 (male), 2 (female) or 3")
        if item.ma_doituong_kcb and item.ma_doituong_kcb not in code_list("MA_DOITUONG_KCB"):
            issues.add(t, row, "MA_DOITUONG_KCB", "code.ma_doituong_kcb", "not in the list")
        if item.ma_loai_kcb and item.ma_loai_kcb not in code_list("MA_LOAI_KCB"):
            issues.add(t, row, "MA_LOAI_KCB", "code.ma_loai_kcb", "not in the list")
        _facility(issues, t, row, "MA_CSKCB", item.ma_cskcb)
        for code in item.ma_dkbd:
            _facility(issues, t, row, "MA_DKBD", code)
        for index, text in enumerate(item.ma_the_bhyt):
            try:
                parse_card_code(text)
            except InvalidIdentifier as exc:
                issues.add(
                    t, row, "MA_THE_BHYT", "format.card_code", f"card {index + 1}: {exc.reason}"
                )
    return tuple(issues.items)
