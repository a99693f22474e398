"""A valid sample dossier to start tests and examples from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from vssdk.claims import ClaimDossier, DrugLine, ServiceLine, Summary, line_shares

MA_LK = "01001-2026-000123"
ADMIT = dt.datetime(2026, 11, 20, 8, 30)


def summary(**overrides: object) -> Summary:
    fields: dict[str, object] = {
        "ma_lk": MA_LK,
        "stt": 1,
        "ma_bn": "BN0001",
        "ho_ten": "NGUYỄN VĂN AN",
        "ngay_sinh": dt.datetime(1990, 5, 17, 0, 0),
        "gioi_tinh": "1",
        "so_cccd": "001090001234",
        "ma_the_bhyt": ("DN4010123456789",),
        "ma_dkbd": ("01001",),
        "gt_the_tu": (dt.date(2026, 1, 1),),
        "gt_the_den": (dt.date(2026, 12, 31),),
        "ma_benh_chinh": "J18.9",
        "ma_benh_kt": ("I10",),
        "ma_doituong_kcb": "1.1",
        "ngay_vao": ADMIT,
        "ngay_ra": ADMIT + dt.timedelta(days=3),
        "ma_loai_kcb": "03",
        "ma_cskcb": "01001",
        "nam_qt": 2026,
        "thang_qt": 11,
        "t_tongchi_bv": 0,
        "t_tongchi_bh": 0,
        "t_bntt": 0,
        "t_bncct": 0,
        "t_bhtt": 0,
        "extra": {"DIA_CHI": "Số 1 phố Huế, Hà Nội"},
    }
    fields.update(overrides)
    return Summary(**fields)  # type: ignore[arg-type]


def drug(stt: int, qty: str, price: str, rate: str = "80", **overrides: object) -> DrugLine:
    amounts = line_shares(qty, price, price, rate)
    amounts.pop("muc_huong")
    fields: dict[str, object] = {
        "ma_lk": MA_LK,
        "stt": stt,
        "ma_thuoc": "40.152",
        "ma_nhom": "4",
        "ten_thuoc": "Paracetamol 500mg",
        "don_vi_tinh": "Viên",
        "so_luong": Decimal(qty),
        "don_gia": Decimal(price),
        "muc_huong": Decimal(rate),
        "ma_khoa": "K01",
        "ma_bac_si": "001234/HNO-CCHN",
        "ngay_yl": ADMIT + dt.timedelta(hours=1),
        **amounts,
    }
    fields.update(overrides)
    return DrugLine(**fields)  # type: ignore[arg-type]


def service(
    stt: int, qty: str, price_bv: str, price_bh: str, rate: str = "80", **overrides: object
) -> ServiceLine:
    amounts = line_shares(qty, price_bv, price_bh, rate)
    amounts.pop("muc_huong")
    fields: dict[str, object] = {
        "ma_lk": MA_LK,
        "stt": stt,
        "ma_dich_vu": "13.0001.0001",
        "ten_dich_vu": "Khám Nội",
        "ma_nhom": "13",
        "don_vi_tinh": "Lần",
        "so_luong": Decimal(qty),
        "don_gia_bv": Decimal(price_bv),
        "don_gia_bh": Decimal(price_bh),
        "muc_huong": Decimal(rate),
        "ma_khoa": "K01",
        "ngay_yl": ADMIT,
        **amounts,
    }
    fields.update(overrides)
    return ServiceLine(**fields)  # type: ignore[arg-type]


def dossier() -> ClaimDossier:
    return ClaimDossier(
        summary(),
        drugs=(drug(1, "10", "1234.567"), drug(2, "2.5", "3000")),
        services=(
            service(1, "1", "50600", "50600"),
            service(2, "3", "120000", "100000", ma_dich_vu=None, ma_vat_tu="N03.05.020",
                    ten_vat_tu="Bơm tiêm 5ml", ten_dich_vu=None),
        ),
    ).with_totals()  # fmt: skip
