"""Validation of a claim dossier: required fields, code formats and arithmetic.

Each finding is a :class:`ClaimIssue` naming table, 1-based row and wire field, with a severity.
Rules (the ``rule`` codes are stable):

- ``required``: a column the standard requires is empty (every typed attribute without a default;
  ``MA_LK`` in every table and ``STT`` in list tables for XML4–XML15).
- ``format.*``: ``MA_LK`` ≤ 100 chars; card codes, facility codes, citizen ID, ICD-10 codes (a
  dagger/asterisk mark such as ``G55.2*`` or ``A17.0†`` is part of the Ministry of Health list);
  ``STT`` runs 1..n; ``THANG_QT`` 1..12. ``format.unknown_column`` (warning): a column the
  standard does not list, kept as sent. ``format.card_code`` is a warning for a well-formed
  card whose object group is unknown or whose level is not the group's usual one (the gateway
  decides), an error for a malformed code.
- ``code.*``: ``GIOI_TINH``, ``MA_DOITUONG_KCB``, ``MA_LOAI_KCB`` are in the shipped code lists.
- ``consistency.*``: the ``;``-lists of cards, facilities and validity dates have equal length;
  validity from ≤ to; admission ≤ discharge; every row carries the summary's ``MA_LK``.
- ``arithmetic.line_amount``: XML2 ``THANH_TIEN_BV = round(SO_LUONG × DON_GIA, 2)`` and
  ``THANH_TIEN_BH ≤ THANH_TIEN_BV``; XML3 ``THANH_TIEN_BV = round(SO_LUONG × DON_GIA_BV ×
  TYLE_TT_DV/100, 2)`` (or the "no surcharge" form) and ``THANH_TIEN_BH = round(SO_LUONG ×
  DON_GIA_BH × TYLE_TT_DV/100 × TYLE_TT_BH/100, 2)``.
- ``arithmetic.line_balance``: ``THANH_TIEN_BV = T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC``.
- ``arithmetic.fund_share`` / ``arithmetic.line_shares``: ``T_BHTT``, ``T_BNCCT``, ``T_BNTT`` as
  :func:`vssdk.claims.tables.split_shares` gives them.
- ``benefit.rate``: ``MUC_HUONG`` is the card's level on the admission date (CN/LH change of
  2026 applied) or 100 (the 100 % exceptions), or one of ``extra_rates`` the caller allows.
- ``totals.*``: the summary's ``T_THUOC``, ``T_VTYT``, ``T_TONGCHI_BV``, ``T_TONGCHI_BH``,
  ``T_BNTT``, ``T_BNCCT``, ``T_BHTT``, ``T_NGUONKHAC`` equal the sums of the lines;
  ``T_TONGCHI_BV = T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC`` (``totals.balance``) and, without
  other sources, ``T_BHTT = T_TONGCHI_BH − T_BNCCT`` (``totals.shares``).

Rounding: QĐ 130 (as amended by QĐ 4750 and QĐ 3176) writes amounts with at most two decimals
and says they are rounded to two decimals, but not in which order the steps of a formula are
rounded (for instance ``THANH_TIEN_BH`` before or after ``× MUC_HUONG``). Each computed line
amount can therefore differ by one rounding step, 0.01 đồng, and a sum of *n* lines by 0.01 × *n*.
A difference within that bound is a ``warning`` (same rule code); a larger one is an ``error``.
"""

from __future__ import annotations

import datetime as dt
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
from vssdk.claims.errors import ClaimIssue, Severity
from vssdk.claims.fields import round_amount
from vssdk.claims.standards import DEFAULT_STANDARD, code_list, standard
from vssdk.claims.tables import (
    CheckIn,
    DrugLine,
    Row,
    ServiceLine,
    Summary,
    TableRow,
    split_shares,
)

__all__ = ["ROUNDING_STEP", "validate_check_in", "validate_dossier", "validate_tables"]

_ICD10 = re.compile(r"^[A-Z][0-9]{2}(\.?[0-9A-Z]{1,2})?[*†+]?$")
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
ROUNDING_STEP = Decimal("0.01")
"""One rounding step of an amount (two decimals): the tolerance per computed line amount."""

Line = DrugLine | ServiceLine


class _Issues:
    def __init__(self) -> None:
        self.items: list[ClaimIssue] = []

    def add(
        self,
        table: str,
        row: int | None,
        field: str,
        rule: str,
        message: str,
        severity: Severity = "error",
    ) -> None:
        self.items.append(ClaimIssue(table, row, field, rule, message, severity))

    def compare(
        self,
        where: tuple[str, int | None, str, str],
        actual: Decimal,
        expected: Decimal,
        tolerance: Decimal,
        message: str,
    ) -> None:
        """An issue when ``actual`` ≠ ``expected``: a warning within ``tolerance``."""
        if actual == expected:
            return
        table, row, field, rule = where
        within = abs(actual - expected) <= tolerance
        note = f" (within rounding, {tolerance} đồng)" if within else ""
        self.add(table, row, field, rule, message + note, "warning" if within else "error")


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str | tuple) and len(value) == 0)


def _required(issues: _Issues, table: str, row: int, item: Row, names: Iterable[str]) -> None:
    for name in names:
        if _empty(getattr(item, name.lower())):
            issues.add(table, row, name.upper(), "required", "is required")


def _unknown_columns(
    issues: _Issues, table: str, row: int, names: Iterable[str], std_name: str
) -> None:
    spec = standard(std_name).tables.get(table)
    if spec is None or not spec.known:
        return
    for name in names:
        if name not in spec.fields:
            issues.add(
                table, row, name, "format.unknown_column",
                f"not a column of {table} in {std_name}; kept as sent", "warning",
            )  # fmt: skip


def _card_codes(
    issues: _Issues, table: str, row: int, codes: Sequence[str], admitted: dt.datetime | None
) -> Decimal | None:
    rate: Decimal | None = None
    for index, text in enumerate(codes):
        try:
            card = parse_card_code(text)
        except InvalidIdentifier as exc:
            issues.add(
                table, row, "MA_THE_BHYT", "format.card_code", f"card {index + 1}: {exc.reason}"
            )
            continue
        for warning in card.warnings:
            issues.add(
                table, row, "MA_THE_BHYT", "format.card_code", f"card {index + 1}: {warning}",
                "warning",
            )  # fmt: skip
        if index == 0:
            day = admitted.date() if admitted is not None else None
            level = benefit_level(card.level_on(day))
            rate = level.fund_share_percent if level else None
    return rate


def _not_in_list(field: str, value: str) -> str:
    """The message for a code outside its list: the value and the allowed codes."""
    codes = code_list(field)
    return f"{value!r} is not in the {field} code list; allowed: {', '.join(codes)}"


def _summary_rules(s: Summary, issues: _Issues, std_name: str) -> Decimal | None:
    t, r = "XML1", 1
    _required(issues, t, r, s, Summary.required_fields())
    _unknown_columns(issues, t, r, s.extra, std_name)
    if len(s.ma_lk) > 100:
        issues.add(t, r, "MA_LK", "format.ma_lk", "must be at most 100 characters")
    if s.stt is not None and s.stt != 1:
        issues.add(t, r, "STT", "format.stt", "the summary row is number 1")
    if s.gioi_tinh and s.gioi_tinh not in code_list("GIOI_TINH"):
        issues.add(t, r, "GIOI_TINH", "code.gioi_tinh", "must be 1 (male), 2 (female) or 3")
    for field, value in (("MA_DOITUONG_KCB", s.ma_doituong_kcb), ("MA_LOAI_KCB", s.ma_loai_kcb)):
        if value and value not in code_list(field):
            issues.add(t, r, field, f"code.{field.lower()}", _not_in_list(field, value))
    _facility(issues, t, r, "MA_CSKCB", s.ma_cskcb)
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
    if s.ngay_ra is not None and s.ngay_vao is not None and s.ngay_ra < s.ngay_vao:
        issues.add(t, r, "NGAY_RA", "consistency.dates", "discharge is before admission")
    if s.thang_qt is not None and not 1 <= s.thang_qt <= 12:
        issues.add(t, r, "THANG_QT", "format.month", "must be 1-12")
    return _card_codes(issues, t, r, s.ma_the_bhyt, s.ngay_vao)


def _facility(issues: _Issues, table: str, row: int, field: str, code: str) -> None:
    if not code:
        return
    try:
        parse_facility_code(code)
    except InvalidIdentifier as exc:
        issues.add(table, row, field, "format.facility_code", exc.reason)


def _line_amounts(table: str, row: int, line: Line, issues: _Issues) -> None:
    step = ROUNDING_STEP
    qty, bv, bh = line.so_luong, line.thanh_tien_bv, line.thanh_tien_bh
    if isinstance(line, ServiceLine):
        price, insured_price = line.don_gia_bv, line.don_gia_bh
        if qty is None or price is None or insured_price is None or bv is None or bh is None:
            return
        dv = line.tyle_tt_dv
        expected = round_amount(qty * price * dv / _HUNDRED)
        special = round_amount(qty * price - qty * insured_price * (_HUNDRED - dv) / _HUNDRED)
        if bv != special:
            issues.compare(
                (table, row, "THANH_TIEN_BV", "arithmetic.line_amount"), bv, expected, step,
                f"{bv} ≠ SO_LUONG × DON_GIA_BV × TYLE_TT_DV % = {expected}",
            )  # fmt: skip
        insured = round_amount(qty * insured_price * dv / _HUNDRED * line.tyle_tt_bh / _HUNDRED)
        issues.compare(
            (table, row, "THANH_TIEN_BH", "arithmetic.line_amount"), bh, insured, step,
            f"{bh} ≠ SO_LUONG × DON_GIA_BH × TYLE_TT_DV % × TYLE_TT_BH % = {insured}",
        )  # fmt: skip
        return
    if qty is None or line.don_gia is None or bv is None:
        return
    expected = round_amount(qty * line.don_gia)
    issues.compare(
        (table, row, "THANH_TIEN_BV", "arithmetic.line_amount"), bv, expected, step,
        f"{bv} ≠ SO_LUONG × DON_GIA = {expected}",
    )  # fmt: skip
    if bh is not None and bh > bv:
        issues.add(
            table, row, "THANH_TIEN_BH", "arithmetic.line_amount",
            "insured amount exceeds THANH_TIEN_BV",
        )  # fmt: skip


def _line_shares(table: str, row: int, line: Line, issues: _Issues) -> None:
    bv, bh, rate = line.thanh_tien_bv, line.thanh_tien_bh, line.muc_huong
    fund_in, copay_in, outside_in = line.t_bhtt, line.t_bncct, line.t_bntt
    if bv is None or fund_in is None or copay_in is None or outside_in is None:
        return
    step = ROUNDING_STEP
    parts = outside_in + copay_in + fund_in + line.t_nguonkhac
    issues.compare(
        (table, row, "THANH_TIEN_BV", "arithmetic.line_balance"), parts, bv, step,
        f"T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC = {parts} ≠ {bv}",
    )  # fmt: skip
    if bh is None or rate is None or bh > bv or line.t_nguonkhac > bv:
        return
    fund, copay, outside = split_shares(bv, bh, rate, line.t_nguonkhac)
    issues.compare(
        (table, row, "T_BHTT", "arithmetic.fund_share"), fund_in, fund, step,
        f"{fund_in} ≠ THANH_TIEN_BH × MUC_HUONG % (after other sources) = {fund}",
    )  # fmt: skip
    issues.compare(
        (table, row, "T_BNCCT", "arithmetic.line_shares"), copay_in, copay, step,
        f"{copay_in} ≠ THANH_TIEN_BH − T_BHTT (after other sources) = {copay}",
    )  # fmt: skip
    issues.compare(
        (table, row, "T_BNTT", "arithmetic.line_shares"), outside_in, outside, step,
        f"{outside_in} ≠ THANH_TIEN_BV − THANH_TIEN_BH (after other sources) = {outside}",
    )  # fmt: skip


def _line_rules(
    table: str,
    lines: Sequence[Line],
    ma_lk: str,
    rates: frozenset[Decimal],
    issues: _Issues,
    std_name: str,
) -> None:
    for row, line in enumerate(lines, start=1):
        _required(issues, table, row, line, type(line).required_fields())
        _unknown_columns(issues, table, row, line.extra, std_name)
        if isinstance(line, ServiceLine) and not line.ma_dich_vu and not line.ma_vat_tu:
            issues.add(table, row, "MA_DICH_VU", "required", "give MA_DICH_VU or MA_VAT_TU")
        if line.stt is not None and line.stt != row:
            issues.add(table, row, "STT", "format.stt", f"must be {row} (rows numbered 1..n)")
        if line.ma_lk != ma_lk:
            issues.add(table, row, "MA_LK", "consistency.ma_lk", "differs from the summary's")
        for name in ("so_luong", "thanh_tien_bv", "thanh_tien_bh", "t_bhtt", "t_bncct",
                     "t_bntt", "t_nguonkhac"):  # fmt: skip
            value = getattr(line, name)
            if value is not None and value < _ZERO:
                issues.add(table, row, name.upper(), "format.negative", "must not be negative")
        _line_amounts(table, row, line, issues)
        _line_shares(table, row, line, issues)
        if rates and line.muc_huong is not None and line.muc_huong not in rates:
            allowed = ", ".join(sorted(f"{x.normalize():f}" for x in rates))
            issues.add(
                table, row, "MUC_HUONG", "benefit.rate",
                f"{line.muc_huong} is not the card's benefit rate ({allowed})",
            )  # fmt: skip


def _total(name: str, rows: Sequence[Line]) -> Decimal:
    return sum((getattr(x, name) or _ZERO for x in rows), _ZERO)


def _total_rules(
    s: Summary, drugs: Sequence[DrugLine], services: Sequence[ServiceLine], issues: _Issues
) -> None:
    lines: list[Line] = [*drugs, *services]
    supplies = [x for x in services if x.ma_vat_tu]
    checks: dict[str, tuple[Decimal, int]] = {
        "T_THUOC": (_total("thanh_tien_bv", drugs), len(drugs)),
        "T_VTYT": (_total("thanh_tien_bv", supplies), len(supplies)),
        "T_TONGCHI_BV": (_total("thanh_tien_bv", lines), len(lines)),
        "T_TONGCHI_BH": (_total("thanh_tien_bh", lines), len(lines)),
        "T_BNTT": (_total("t_bntt", lines), len(lines)),
        "T_BNCCT": (_total("t_bncct", lines), len(lines)),
        "T_BHTT": (_total("t_bhtt", lines), len(lines)),
        "T_NGUONKHAC": (_total("t_nguonkhac", lines), len(lines)),
    }
    for field, (expected, count) in checks.items():
        actual: Decimal | None = getattr(s, field.lower())
        if actual is None:
            continue
        issues.compare(
            ("XML1", 1, field, "totals.sum"), actual, expected, ROUNDING_STEP * max(count, 1),
            f"{actual} ≠ sum of the lines {expected}",
        )  # fmt: skip
    tolerance = ROUNDING_STEP * max(len(lines), 1)
    total, insured = s.t_tongchi_bv, s.t_tongchi_bh
    fund, copay, outside = s.t_bhtt, s.t_bncct, s.t_bntt
    if total is None or fund is None or copay is None or outside is None:
        return
    parts = outside + copay + fund + s.t_nguonkhac
    issues.compare(
        ("XML1", 1, "T_TONGCHI_BV", "totals.balance"), parts, total, tolerance,
        f"T_BNTT + T_BNCCT + T_BHTT + T_NGUONKHAC = {parts} ≠ T_TONGCHI_BV {total}",
    )  # fmt: skip
    if s.t_nguonkhac == _ZERO and insured is not None:
        issues.compare(
            ("XML1", 1, "T_BHTT", "totals.shares"), fund, insured - copay, tolerance,
            f"{fund} ≠ T_TONGCHI_BH − T_BNCCT = {insured - copay}",
        )  # fmt: skip


def validate_dossier(
    summary: Summary,
    drugs: Sequence[DrugLine] = (),
    services: Sequence[ServiceLine] = (),
    *,
    extra_rates: Iterable[Decimal | int] = (),
    standard_name: str = DEFAULT_STANDARD,
) -> tuple[ClaimIssue, ...]:
    """Every issue of XML1–XML3 (errors and warnings; empty when nothing is found)."""
    issues = _Issues()
    card_rate = _summary_rules(summary, issues, standard_name)
    rates: frozenset[Decimal] = frozenset()
    if card_rate is not None:
        rates = frozenset({card_rate, _HUNDRED, *(Decimal(x) for x in extra_rates)})
    _line_rules("XML2", drugs, summary.ma_lk, rates, issues, standard_name)
    _line_rules("XML3", services, summary.ma_lk, rates, issues, standard_name)
    _total_rules(summary, drugs, services, issues)
    return tuple(issues.items)


def validate_tables(
    standard_name: str, ma_lk: str, tables: Iterable[tuple[str, Sequence[TableRow]]]
) -> tuple[ClaimIssue, ...]:
    """Rules for the untyped tables (XML0, XML4–XML15): the required columns of the standard
    (``MA_LK``, and ``STT`` in list tables) are not empty, ``MA_LK`` is the summary's, ``STT``
    runs 1..n, dates, card, facility and ICD-10 codes have their stated formats, and columns the
    standard does not list are reported (warning)."""
    issues = _Issues()
    std = standard(standard_name)
    for name, rows in tables:
        spec = std.tables.get(name)
        if spec is None or not spec.known:
            continue
        for row, item in enumerate(rows, start=1):
            values = item.to_fields()
            for column in spec.required:
                if not values.get(column, "").strip():
                    issues.add(name, row, column, "required", "is required")
            _unknown_columns(issues, name, row, values, standard_name)
            link = values.get("MA_LK", "").strip()
            if link and name != "XML0" and link != ma_lk:
                issues.add(name, row, "MA_LK", "consistency.ma_lk", "differs from the summary's")
            stt = values.get("STT", "").strip()
            if "STT" in spec.fields and stt and stt != str(row):
                issues.add(name, row, "STT", "format.stt", f"must be {row} (rows numbered 1..n)")
            _column_formats(issues, name, row, values)
    return tuple(issues.items)


def _is_date_column(column: str) -> bool:
    # QĐ 130 names every date column NGAY…/…NGAY (NGAY_KQ, NGAY_HEN_KL, TU_NGAY …); SO_NGAY…
    # columns are numbers of days.
    return not column.startswith("SO_") and (column.startswith("NGAY") or column.endswith("NGAY"))


def _date_text(text: str) -> bool:
    if not text.isascii() or not text.isdigit() or len(text) not in (8, 12):
        return False
    if text[4:8] in ("0000",) or text[6:8] == "00":  # a year (and month) only, as NGAY_SINH
        return "00" <= text[4:6] <= "12" and text[8:] in ("", "0000")
    try:
        dt.datetime.strptime(text, "%Y%m%d%H%M" if len(text) == 12 else "%Y%m%d")
    except ValueError:
        return False
    return True


def _column_formats(issues: _Issues, table: str, row: int, values: dict[str, str]) -> None:
    """The formats QĐ 130 states for columns shared with XML0–XML3: dates (``yyyyMMdd`` or
    ``yyyyMMddHHmm``), card codes, facility codes and ICD-10 codes."""
    for column, raw in values.items():
        text = raw.strip()
        if not text:
            continue
        if _is_date_column(column) and not _date_text(text):
            issues.add(
                table, row, column, "format.date", f"{text!r} is not yyyyMMdd or yyyyMMddHHmm"
            )
        elif column == "MA_THE_BHYT":
            _card_codes(issues, table, row, [c.strip() for c in text.split(";")], None)
        elif column in ("MA_CSKCB", "MA_CSKCB_DI", "MA_CSKCB_DEN"):
            _facility(issues, table, row, column, text)
        elif column in ("MA_BENH_CHINH", "MA_BENH_KT"):
            for code in (c.strip() for c in text.split(";")):
                if code and not _ICD10.match(code):
                    issues.add(
                        table, row, column, "format.icd10", f"{code!r} is not an ICD-10 code"
                    )


def validate_check_in(rows: Sequence[CheckIn]) -> tuple[ClaimIssue, ...]:
    """Rules for XML0 rows: required fields, codes, card and facility formats, numbering."""
    issues = _Issues()
    for row, item in enumerate(rows, start=1):
        t = "XML0"
        _required(issues, t, row, item, CheckIn.required_fields())
        if item.stt is not None and item.stt != row:
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
        _card_codes(issues, t, row, item.ma_the_bhyt, item.ngay_vao)
    return tuple(issues.items)
