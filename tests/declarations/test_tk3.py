"""TK3-TS (procedure 604): the unit's own declaration, typed, validated, signed, filed, applied."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import vssdk
from tests.declarations import _factories as f
from vssdk.declarations import (
    TK3TS,
    DeclarationInvalid,
    Dossier,
    Month,
    UnitKind,
    UnitPaymentMode,
    form_from_xml,
    form_to_xml,
    validate,
)
from vssdk.declarations.models import DossierStatus
from vssdk.errors import InvalidArgument, UnprocessableEntityError
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import organisation_client

UNIT = "SBX001A"


def _tk3(**changes: Any) -> TK3TS:
    form = TK3TS(
        kind="2",
        unit_code=UNIT,
        name="Công ty TNHH Phần mềm Sandbox Việt Nam",
        tax_code="0312345678",
        unit_kind=UnitKind.PRIVATE_ENTERPRISE,
        address="Số 9 Nguyễn Huệ, phường Sài Gòn, TP Hồ Chí Minh",
        agency_code="07906",
        region=1,
        contact_name="Nguyễn Thị Hoa",
        phone="0281234567",
        email="nhansu@sandbox.example",
        business_licence="0312345678",
        licence_issued_on=dt.date(2015, 3, 2),
        declared_on=dt.date(2026, 6, 1),
        change_request="Đổi tên và địa chỉ trụ sở",
    )
    return attrs.evolve(form, **changes)


def test_tk3_round_trips_through_its_xml() -> None:
    form = _tk3(payment_mode=UnitPaymentMode.QUARTERLY, pays_by_product=True)
    xml = form_to_xml(form)
    assert b'maToKhai="TK3-TS"' in xml and b'maThuTuc="604"' in xml
    assert b"<tenDonVi>C\xc3\xb4ng ty" in xml  # UTF-8 kept as typed
    assert form_from_xml(xml) == form


def test_tk3_rules_report_every_violation() -> None:
    bad = _tk3(
        unit_code=None,
        change_request=None,
        email="hr-at-sandbox",
        payment_mode=UnitPaymentMode.HALF_YEARLY,
        licence_issued_on=dt.date(2027, 1, 1),
        region=5,
    )
    rules = {v.rule for v in validate(bad)}
    assert rules == {
        "unit_code.required",
        "change_request.required",
        "email.format",
        "payment_mode.monthly_only",
        "dates.licence_future",
        "region.range",
    }
    assert validate(_tk3()) == ()
    new = _tk3(kind="1")
    assert {v.rule for v in validate(new)} == {"unit_code.assigned_by_bhxh"}
    with pytest.raises(InvalidArgument) as info:
        _tk3(region="1")
    assert info.value.argument == "region"


def test_prepare_refuses_an_invalid_tk3_before_signing() -> None:
    with pytest.raises(DeclarationInvalid) as info:
        Dossier.prepare(_tk3(email="x"), key=f.shared_key("a"), period=Month(2026, 6))
    assert [v.field for v in info.value.violations] == ["email"]


def test_accepted_tk3_changes_the_units_profile(client: vssdk.Client, sandbox: Sandbox) -> None:
    vendor = organisation_client(client, client_id="ivan-sbx-basic")
    dossier = Dossier.prepare(_tk3(), key=f.shared_key("a"), period=Month.of(sandbox.today()))
    assert dossier.unit_code == UNIT and dossier.procedure_code == "604"
    submitted = vendor.declarations.submit(dossier)
    vendor.sandbox.advance_clock(hours=6)
    done = vendor.declarations.get(UNIT, submitted.id)
    assert done.status is DossierStatus.ACCEPTED
    profile = vendor.declarations.employer(UNIT)
    assert profile.name == "Công ty TNHH Phần mềm Sandbox Việt Nam"
    assert profile.address is not None and profile.address.startswith("Số 9 Nguyễn Huệ")
    assert profile.payment_mode is UnitPaymentMode.MONTHLY


def test_first_registration_of_a_registered_unit_is_refused(
    client: vssdk.Client, sandbox: Sandbox
) -> None:
    vendor = organisation_client(client, client_id="ivan-sbx-basic")
    form = _tk3(kind="1", unit_code=None)
    dossier = Dossier.prepare(
        form, key=f.shared_key("a"), unit_code=UNIT, period=Month.of(sandbox.today())
    )
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.submit(dossier)
    assert info.value.errors[0].code == "file.unit_registered"
