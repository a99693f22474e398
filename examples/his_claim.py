"""A hospital's claim for one visit: build XML1-XML3, validate, submit, follow to assessment.

Runs against ``$VSSDK_BASE_URL`` or an embedded sandbox: ``python examples/his_claim.py``.
Amounts are Decimal VND as the XML carries them; each line's shares follow the card's benefit
level (80% for a DN card). The sandbox clock is moved forward instead of waiting for BHXH.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

import vssdk
from vssdk.claims import ClaimDossier, DrugLine, InvalidClaim, ServiceLine, Summary, line_shares
from vssdk.gateway import GatewayLogin
from vssdk.identity import ClientCredentials
from vssdk_sandbox import running

CLIENT_ID, CLIENT_SECRET = "01001_BV", "sbx-01001_BV-secret"
GATEWAY_USER, GATEWAY_PASSWORD = "01001_BV", "Sandbox@2026"
CARD = "DN4010199000001"  # a documented sandbox card (docs/sandbox-cards.md), benefit level 4
RATE = "80"
ZERO = Decimal(0)  # totals are filled from the lines by with_totals()


def drug(ma_lk: str, stt: int, code: str, name: str, unit: str, qty: str, price: str,
         at: dt.datetime) -> DrugLine:  # fmt: skip
    fields: dict[str, Any] = dict(
        ma_lk=ma_lk, stt=stt, ma_thuoc=code, ma_nhom="4", ten_thuoc=name, don_vi_tinh=unit,
        so_luong=Decimal(qty), don_gia=Decimal(price), ma_khoa="K03",
        ma_bac_si="001234/HNO-CCHN", ngay_yl=at, **line_shares(qty, price, price, RATE),
    )  # fmt: skip
    return DrugLine(**fields)


def service(ma_lk: str, stt: int, code: str, name: str, qty: str, price: str,
            at: dt.datetime) -> ServiceLine:  # fmt: skip
    fields: dict[str, Any] = dict(
        ma_lk=ma_lk, stt=stt, ma_dich_vu=code, ten_dich_vu=name, ma_nhom="13",
        don_vi_tinh="Lần", so_luong=Decimal(qty), don_gia_bv=Decimal(price),
        don_gia_bh=Decimal(price), ma_khoa="K03", ngay_yl=at,
        **line_shares(qty, price, price, RATE),
    )  # fmt: skip
    return ServiceLine(**fields)


def build(today: dt.date) -> ClaimDossier:
    ma_lk = f"01001-{today:%Y%m%d}-000001"
    admitted = dt.datetime.combine(today - dt.timedelta(days=3), dt.time(8, 30))
    discharged = admitted + dt.timedelta(days=3)
    summary = Summary(
        ma_lk=ma_lk, stt=1, ma_bn="BN000001", ho_ten="Nguyễn Văn Bình",
        ngay_sinh=dt.datetime(1985, 3, 14, 0, 0), gioi_tinh="1", so_cccd="001085000001",
        ma_the_bhyt=(CARD,), ma_dkbd=("01001",),
        gt_the_tu=(dt.date(today.year, 1, 1),), gt_the_den=(dt.date(today.year, 12, 31),),
        ma_benh_chinh="J18.9", ma_benh_kt=("I10",), ma_doituong_kcb="1.1",
        ngay_vao=admitted, ngay_ra=discharged, ma_loai_kcb="03", ma_cskcb="01001",
        nam_qt=today.year, thang_qt=today.month, ngay_ttoan=discharged,
        t_tongchi_bv=ZERO, t_tongchi_bh=ZERO, t_bntt=ZERO, t_bncct=ZERO, t_bhtt=ZERO,
        extra={"DIA_CHI": "Số 1 phố Sandbox, Hà Nội", "MA_KHOA": "K03", "SO_NGAY_DTRI": "3"},
    )  # fmt: skip
    drugs = (
        drug(ma_lk, 1, "40.152", "Paracetamol 500mg", "Viên", "20", "1234.567", admitted),
        drug(ma_lk, 2, "40.17", "Amoxicillin 500mg", "Viên", "21", "2150", admitted),
    )
    services = (
        service(ma_lk, 1, "13.0001.0001", "Khám Nội", "1", "50600", admitted),
        service(ma_lk, 2, "K03.1901", "Ngày giường Nội khoa", "3", "321000", admitted),
    )
    return ClaimDossier(summary, drugs, services).with_totals()


def main() -> None:
    with (
        running() as base_url,
        vssdk.Client(
            base_url, auth=ClientCredentials(CLIENT_ID, CLIENT_SECRET, base_url=base_url)
        ) as client,
    ):
        today = client.sandbox.status().now.date()
        dossier = build(today)
        s = dossier.summary
        print(f"== Dossier {dossier.link_key}: {len(dossier.drugs)} drugs, "
              f"{len(dossier.services)} services")  # fmt: skip
        print(f"  total {s.t_tongchi_bv} VND = fund {s.t_bhtt} + co-pay {s.t_bncct} "
              f"+ outside HI {s.t_bntt}")  # fmt: skip

        print("\n== A typo is caught before sending (table, row, field)")
        typo = attrs.evolve(
            dossier, drugs=(dossier.drugs[0], attrs.evolve(dossier.drugs[1], so_luong=Decimal(12)))
        )
        try:
            typo.check()
        except InvalidClaim as exc:
            for issue in exc.issues:
                print(f"  {issue}")

        print("\n== Submit (REST); keep the transaction id")
        receipt = client.claims.submit(dossier)
        print(f"  {receipt.status.value}: {receipt.id}, maGiaoDich {receipt.transaction_id}")
        print(f"  after checks: {client.claims.get('01001', receipt.id).status.value}")
        client.sandbox.advance_clock(hours=24)
        assessed = client.claims.get("01001", receipt.id)
        assert assessed.assessment is not None
        print(f"  {assessed.status.value}: approved {assessed.assessment.approved_amount} VND "
              f"({assessed.assessment.note})")  # fmt: skip

        print("\n== The same dossier through the gateway's wire protocol (guiHoSoXmlQD3176)")
        login = GatewayLogin(GATEWAY_USER, GATEWAY_PASSWORD, base_url=base_url)
        with vssdk.Client(base_url, auth=login) as wire:
            wire_receipt = wire.gateway.submit_claim(dossier)
        print(f"  received {wire_receipt.received_at}: maGiaoDich {wire_receipt.transaction_id}")


if __name__ == "__main__":
    main()
