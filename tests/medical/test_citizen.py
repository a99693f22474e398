"""Citizens: my certificates and the benefits claimed from them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import vssdk
from tests.conftest import run
from vssdk.declarations import HSB01B, HSBRegime, HSBRow, Month, SignedSettlement, SigningKey
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import acitizen_client, citizen_client, organisation_client


def test_my_certificates(client: vssdk.Client) -> None:
    me = citizen_client(client, si_code="7901234567", level=2)
    docs = list(me.citizen.medical_documents())
    assert [d.document_number for d in docs] == ["CT07-79001-SBX-0001", "KSK-79001-SBX-0001"]
    sick, driver = docs
    assert sick.title == "Giấy chứng nhận nghỉ việc hưởng bảo hiểm xã hội" and sick.days == 5
    assert sick.facility_name == "Bệnh viện Đa khoa Sandbox TP Hồ Chí Minh"
    assert (driver.licence_class, driver.fit) == ("B", True)
    only = list(me.citizen.medical_documents(type="driver_health"))
    assert [d.id for d in only] == [driver.id]
    mother = citizen_client(client, si_code="7901234568", level=2)
    [birth] = mother.citizen.medical_documents()
    assert (birth.type, birth.child_name) == ("birth", "Nguyễn Gia Bảo")


def test_the_benefits_paid_from_them(client: vssdk.Client, sandbox: Sandbox) -> None:
    start = sandbox.today() - dt.timedelta(days=14)
    rows = (
        HSBRow("7901234567", "Nguyễn Văn An", HSBRegime.SICKNESS, start,
               start + dt.timedelta(days=4), 5, "CT07-79001-SBX-0001"),
        HSBRow("7901234567", "Nguyễn Văn An", HSBRegime.SICKNESS, start + dt.timedelta(days=1),
               start + dt.timedelta(days=2), 2, "CT07-NONE"),
    )  # fmt: skip
    form = HSB01B("SBX001A", "Công ty TNHH Phần mềm Sandbox", Month.of(sandbox.today()), 1, rows)
    signed = SignedSettlement.prepare(form, key=SigningKey.self_signed("Sandbox"))
    vendor = organisation_client(
        client, client_id="ivan-sbx-basic", scopes=["employer.declarations"]
    )
    vendor.declarations.submit_settlement(signed)
    me = citizen_client(client, si_code="7901234567", level=2)
    assert [b.status for b in me.citizen.certificate_benefits()] == ["pending", "pending"]
    client.sandbox.advance_clock(hours=48)
    paid, refused = me.citizen.certificate_benefits()
    assert paid.status == "paid" and paid.amount and paid.amount > 0 and paid.paid_at is not None
    assert paid.explanation is not None and "Mức hưởng một ngày" in paid.explanation
    assert refused.status == "refused" and refused.amount is None and refused.refusal_reason
    history = [b for b in me.citizen.benefits() if b.id.startswith("ben_hsb_")]
    assert [(b.kind, b.amount, b.days) for b in history] == [("sickness", paid.amount, 5)]


def test_async(make_aclient: Any) -> None:
    async def go() -> tuple[int, int]:
        async with make_aclient() as base:
            me = await acitizen_client(base, si_code="7901234567", level=2)
            docs = [d async for d in await me.citizen.medical_documents()]
            paid = [b async for b in await me.citizen.certificate_benefits()]
            return len(docs), len(paid)

    assert run(go()) == (2, 0)
