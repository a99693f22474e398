"""Every validation rule: a valid dossier passes; each corruption names table, row and field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import pytest

from tests.claims import factory
from vssdk.claims import (
    ClaimDossier,
    DrugLine,
    InvalidClaim,
    ServiceLine,
    line_shares,
    round_amount,
)
from vssdk.errors import InvalidArgument

T = TypeVar("T")


def evolve(obj: T, changes: Mapping[str, Any]) -> T:
    """attrs.evolve with a dict of changes (keeps mypy out of the ** expansion)."""
    result: T = attrs.evolve(obj, **changes)  # type: ignore[misc]
    return result


def issues_of(d: ClaimDossier) -> set[tuple[str, int | None, str, str]]:
    return {(i.table, i.row, i.field, i.rule) for i in d.validate()}


def test_sample_is_valid() -> None:
    d = factory.dossier()
    assert d.validate() == ()
    assert d.check() is d


def test_totals_are_sums() -> None:
    d = factory.dossier()
    lines: list[DrugLine | ServiceLine] = [*d.drugs, *d.services]
    amounts = [x.thanh_tien_bv or Decimal(0) for x in lines]
    assert d.summary.t_tongchi_bv == sum(amounts, Decimal(0))
    assert d.summary.t_thuoc == amounts[0] + amounts[1]
    assert d.summary.t_vtyt == d.services[1].thanh_tien_bv
    assert d.summary.t_bhtt is not None and d.summary.t_bncct is not None
    assert d.summary.t_bhtt + d.summary.t_bncct == d.summary.t_tongchi_bh


def test_line_amount_rounding_half_up() -> None:
    # 10 × 1234.567 = 12345.67 exactly; 3 × 0.005 = 0.015 → 0.02 (half up)
    assert factory.drug(1, "10", "1234.567").thanh_tien_bv == Decimal("12345.67")
    assert round_amount(Decimal("0.015")) == Decimal("0.02")
    amounts = line_shares("3", "0.005", "0.005", "80")
    assert amounts["thanh_tien_bv"] == Decimal("0.02")


def test_shares_follow_the_benefit_level() -> None:
    amounts = line_shares("1", "100000", "100000", "80")
    assert amounts["t_bhtt"] == Decimal("80000.00")
    assert amounts["t_bncct"] == Decimal("20000.00")
    assert amounts["t_bntt"] == Decimal(0)
    outside = line_shares("1", "120000", "100000", "95")
    assert outside["t_bntt"] == Decimal("20000")
    assert outside["t_bhtt"] + outside["t_bncct"] == outside["thanh_tien_bh"]


def _with_drug(d: ClaimDossier, index: int, **changes: object) -> ClaimDossier:
    drugs = list(d.drugs)
    drugs[index] = evolve(drugs[index], changes)
    return attrs.evolve(d, drugs=tuple(drugs))


def _with_service(d: ClaimDossier, index: int, **changes: object) -> ClaimDossier:
    services = list(d.services)
    services[index] = evolve(services[index], changes)
    return attrs.evolve(d, services=tuple(services))


def _with_summary(d: ClaimDossier, **changes: object) -> ClaimDossier:
    return attrs.evolve(d, summary=evolve(d.summary, changes))


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: _with_drug(d, 1, thanh_tien_bv=Decimal("7500.50")),
         ("XML2", 2, "THANH_TIEN_BV", "arithmetic.line_amount")),
        (lambda d: _with_service(d, 1, thanh_tien_bh=Decimal("300001")),
         ("XML3", 2, "THANH_TIEN_BH", "arithmetic.line_amount")),
        (lambda d: _with_drug(d, 0, t_bncct=Decimal("1")),
         ("XML2", 1, "T_BNCCT", "arithmetic.line_shares")),
        (lambda d: _with_drug(d, 0, t_bncct=Decimal("1")),
         ("XML2", 1, "THANH_TIEN_BV", "arithmetic.line_balance")),
        (lambda d: _with_service(d, 0, tyle_tt_dv=Decimal("50")),
         ("XML3", 1, "THANH_TIEN_BV", "arithmetic.line_amount")),
        (lambda d: _with_service(d, 0, tyle_tt_bh=Decimal("50")),
         ("XML3", 1, "THANH_TIEN_BH", "arithmetic.line_amount")),
        (lambda d: _with_summary(d, t_bntt=d.summary.t_bntt + 1),
         ("XML1", 1, "T_TONGCHI_BV", "totals.balance")),
        (lambda d: _with_service(d, 1, t_bntt=Decimal("0")),
         ("XML3", 2, "T_BNTT", "arithmetic.line_shares")),
        (lambda d: _with_drug(d, 0, muc_huong=Decimal("95")),
         ("XML2", 1, "T_BHTT", "arithmetic.fund_share")),
        (lambda d: _with_drug(d, 0, muc_huong=Decimal("95")),
         ("XML2", 1, "MUC_HUONG", "benefit.rate")),
        (lambda d: _with_summary(d, t_tongchi_bv=Decimal("1")),
         ("XML1", 1, "T_TONGCHI_BV", "totals.sum")),
        (lambda d: _with_summary(d, t_thuoc=Decimal("1")),
         ("XML1", 1, "T_THUOC", "totals.sum")),
        (lambda d: _with_summary(d, t_vtyt=Decimal("1")),
         ("XML1", 1, "T_VTYT", "totals.sum")),
        (lambda d: _with_summary(d, t_bhtt=d.summary.t_bhtt + 1),
         ("XML1", 1, "T_BHTT", "totals.shares")),
        (lambda d: _with_summary(d, ho_ten=""), ("XML1", 1, "HO_TEN", "required")),
        (lambda d: _with_summary(d, ma_lk="X" * 101), ("XML1", 1, "MA_LK", "format.ma_lk")),
        (lambda d: _with_summary(d, stt=2), ("XML1", 1, "STT", "format.stt")),
        (lambda d: _with_summary(d, gioi_tinh="0"), ("XML1", 1, "GIOI_TINH", "code.gioi_tinh")),
        (lambda d: _with_summary(d, ma_doituong_kcb="1.9"),
         ("XML1", 1, "MA_DOITUONG_KCB", "code.ma_doituong_kcb")),
        (lambda d: _with_summary(d, ma_loai_kcb="17"),
         ("XML1", 1, "MA_LOAI_KCB", "code.ma_loai_kcb")),
        (lambda d: _with_summary(d, ma_the_bhyt=("DN401012345678",)),
         ("XML1", 1, "MA_THE_BHYT", "format.card_code")),
        (lambda d: _with_summary(d, ma_dkbd=("0100",)),
         ("XML1", 1, "MA_DKBD", "format.facility_code")),
        (lambda d: _with_summary(d, ma_cskcb="A1001"),
         ("XML1", 1, "MA_CSKCB", "format.facility_code")),
        (lambda d: _with_summary(d, so_cccd="100090001234"),
         ("XML1", 1, "SO_CCCD", "format.citizen_id")),
        (lambda d: _with_summary(d, ma_benh_chinh="J1"),
         ("XML1", 1, "MA_BENH_CHINH", "format.icd10")),
        (lambda d: _with_summary(d, ma_benh_kt=("I10", "xx")),
         ("XML1", 1, "MA_BENH_KT", "format.icd10")),
        (lambda d: _with_summary(d, ma_dkbd=("01001", "01002")),
         ("XML1", 1, "MA_DKBD", "consistency.card_lists")),
        (lambda d: _with_summary(d, gt_the_den=(dt.date(2025, 1, 1),)),
         ("XML1", 1, "GT_THE_DEN", "consistency.validity")),
        (lambda d: _with_summary(d, ngay_ra=factory.ADMIT - dt.timedelta(hours=1)),
         ("XML1", 1, "NGAY_RA", "consistency.dates")),
        (lambda d: _with_summary(d, thang_qt=13), ("XML1", 1, "THANG_QT", "format.month")),
        (lambda d: _with_drug(d, 1, stt=3), ("XML2", 2, "STT", "format.stt")),
        (lambda d: _with_drug(d, 1, ma_lk="other"), ("XML2", 2, "MA_LK", "consistency.ma_lk")),
        (lambda d: _with_drug(d, 0, ten_thuoc=""), ("XML2", 1, "TEN_THUOC", "required")),
        (lambda d: _with_service(d, 0, ma_dich_vu=None), ("XML3", 1, "MA_DICH_VU", "required")),
        (lambda d: _with_drug(d, 0, so_luong=Decimal("-1")),
         ("XML2", 1, "SO_LUONG", "format.negative")),
    ],
)  # fmt: skip
def test_each_rule_names_table_row_field(
    mutate: object, expected: tuple[str, int, str, str]
) -> None:
    broken = mutate(factory.dossier())  # type: ignore[operator]
    assert expected in issues_of(broken)
    with pytest.raises(InvalidClaim) as info:
        broken.check()
    assert any(i.path == f"{expected[0]}[{expected[1]}].{expected[2]}" for i in info.value.issues)
    assert isinstance(info.value, InvalidArgument)


def test_wrong_route_rate_allowed_when_declared() -> None:
    d = factory.dossier()
    amounts = line_shares("1", "50600", "50600", "40")
    line = evolve(d.services[0], amounts)
    d2 = attrs.evolve(d, services=(line, d.services[1])).with_totals()
    assert ("XML3", 1, "MUC_HUONG", "benefit.rate") in issues_of(d2)
    assert d2.validate(extra_rates=[40]) == ()


def test_cn_card_level_follows_2026_change() -> None:
    # A near-poor card printed with digit 3 before 2026: from 2026-01-01 the level is 2 (100 %).
    base = factory.dossier()
    d = _with_summary(base, ma_the_bhyt=("CN3010123456789",))
    rates = {i.rule for i in d.validate()}
    assert "benefit.rate" in rates  # 80 is not allowed for a level-2 visit in Nov 2026
    lines = [
        evolve(x, line_shares(x.so_luong or 0, x.don_gia or 0, x.don_gia or 0, "100"))
        for x in base.drugs
    ]
    svc = [
        evolve(x, line_shares(x.so_luong or 0, x.don_gia_bv or 0, x.don_gia_bh or 0, "100"))
        for x in base.services
    ]
    fixed = attrs.evolve(d, drugs=tuple(lines), services=tuple(svc)).with_totals()
    assert fixed.validate() == ()


def test_float_money_refused() -> None:
    with pytest.raises(InvalidArgument):
        factory.drug(1, "1", "1000", so_luong=1.5)
    with pytest.raises(InvalidArgument):
        line_shares(1, 1000.0, 1000, 80)  # type: ignore[arg-type]


def test_other_sources_reduce_outside_then_copay_then_fund() -> None:
    # total 120000, insured 100000 at 80 %: fund 80000, co-pay 20000, outside 20000.
    a = line_shares("1", "120000", "100000", "80", "15000")
    assert (a["t_bntt"], a["t_bncct"], a["t_bhtt"]) == (
        Decimal(5000),
        Decimal(20000),
        Decimal(80000),
    )
    b = line_shares("1", "120000", "100000", "80", "30000")
    assert (b["t_bntt"], b["t_bncct"], b["t_bhtt"]) == (Decimal(0), Decimal(10000), Decimal(80000))
    c = line_shares("1", "120000", "100000", "80", "50000")
    assert (c["t_bntt"], c["t_bncct"], c["t_bhtt"]) == (Decimal(0), Decimal(0), Decimal(70000))
    for x in (a, b, c):
        assert x["t_bntt"] + x["t_bncct"] + x["t_bhtt"] + x["t_nguonkhac"] == x["thanh_tien_bv"]


def test_service_rates_in_amounts() -> None:
    # A service paid at 50 % of its price (TYLE_TT_DV) and 80 % of that in HI scope (TYLE_TT_BH).
    a = line_shares("2", "100000", "100000", "80", service_rate="50", insured_rate="80")
    assert a["thanh_tien_bv"] == Decimal("100000.00")
    assert a["thanh_tien_bh"] == Decimal("80000.00")
    d = factory.dossier()
    line = evolve(d.services[0], {**a, "tyle_tt_dv": Decimal(50), "tyle_tt_bh": Decimal(80),
                                  "so_luong": Decimal(2), "don_gia_bv": Decimal(100000),
                                  "don_gia_bh": Decimal(100000)})  # fmt: skip
    fixed = attrs.evolve(d, services=(line, d.services[1])).with_totals()
    assert fixed.validate() == ()
